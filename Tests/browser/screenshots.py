"""Save 360x640 screenshots (the viewport, not the full page) of site paths.

    python3 Tests/browser/screenshots.py SITE_DIR OUT_DIR / /en/ /huong-dan/cai-dat-vneid/

Each path becomes OUT_DIR/<name>.png: "/" -> index.png,
"/en/huong-dan/x/" -> en_huong-dan_x.png.  Prints one line per file.
Options: --width N --height N (default 360x640), --full-page is not offered
on purpose: the point is what a phone shows first.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import sitekit  # noqa: E402


def shot_name(path: str) -> str:
    core = path.split("?", 1)[0].split("#", 1)[0].strip("/")
    if core.endswith(".html"):
        core = core[: -len(".html")]
    core = re.sub(r"[^A-Za-z0-9._-]+", "_", core).strip("_")
    return (core or "index") + ".png"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("site", type=Path, help="built site folder")
    ap.add_argument("out", type=Path, help="folder for the PNG files")
    ap.add_argument("paths", nargs="+", help="site paths, e.g. / /en/")
    ap.add_argument("--width", type=int, default=sitekit.MOBILE_WIDTH)
    ap.add_argument("--height", type=int, default=sitekit.MOBILE_HEIGHT)
    args = ap.parse_args(argv)

    if not args.site.is_dir():
        ap.error(f"{args.site} is not a folder")
    args.out.mkdir(parents=True, exist_ok=True)

    failed = 0
    with sitekit.SiteServer(args.site) as server:
        driver = sitekit.make_driver(args.width, args.height)
        try:
            for path in args.paths:
                sitekit.set_viewport(driver, args.width, args.height)
                url = server.url(path)
                target = args.out / shot_name(path)
                try:
                    driver.get(url)
                    # let web fonts/images settle for one frame
                    driver.execute_async_script(
                        "const d = arguments[arguments.length - 1];"
                        "(document.fonts ? document.fonts.ready : Promise.resolve())"
                        ".then(() => requestAnimationFrame(() => d()));"
                    )
                    target.write_bytes(driver.get_screenshot_as_png())
                    print(f"{target}  <- {path}")
                except Exception as e:  # keep going with the other paths
                    failed += 1
                    print(f"FAILED {path}: {str(e).splitlines()[0]}", file=sys.stderr)
        finally:
            driver.quit()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

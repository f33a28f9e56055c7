"""Shared helpers for Lantern's browser harness: the site folder, a static
HTTP server for it, and one headless Chromium driven by Selenium.

Used by test_site.py, test_harness_selftest.py and screenshots.py.
Nothing here reaches the network: the server listens on 127.0.0.1 and
Chromium is started with every non-loopback host made unresolvable and a
dead proxy, so a page that asks for a resource from another site gets an
error instead of causing outside traffic.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import threading
from pathlib import Path
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent.parent

MOBILE_WIDTH = 360
MOBILE_HEIGHT = 640
NARROW_WIDTH = 320

CHROMIUM = os.environ.get("LANTERN_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("LANTERN_CHROMEDRIVER", "/usr/bin/chromedriver")

_REDIRECT_RE = re.compile(rb"<meta\b[^>]*\bhttp-equiv\s*=\s*[\"']?\s*refresh", re.I)


# --------------------------------------------------------------------------
# The site folder and its pages
# --------------------------------------------------------------------------

def site_dir_from_env() -> Path:
    """LANTERN_SITE (relative paths are taken from the current directory),
    or public/ at the repository root."""
    value = os.environ.get("LANTERN_SITE")
    if value:
        return Path(value).expanduser().resolve()
    return (REPO_ROOT / "public").resolve()


def html_files(site: Path) -> list[Path]:
    """Every *.html file under the site, sorted, skipping hidden folders."""
    site = Path(site)
    if not site.is_dir():
        return []
    out = []
    for p in site.rglob("*.html"):
        rel = p.relative_to(site)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if p.is_file():
            out.append(p)
    return sorted(out, key=lambda p: p.relative_to(site).as_posix())


def is_redirect_page(path: Path) -> bool:
    """True for alias/redirect pages (<meta http-equiv="refresh">)."""
    head = Path(path).read_bytes()[:8192]
    return bool(_REDIRECT_RE.search(head))


def url_path(site: Path, file: Path) -> str:
    """Site path a browser would use for a file: a/index.html -> /a/."""
    rel = Path(file).resolve().relative_to(Path(site).resolve()).as_posix()
    if rel == "index.html":
        return "/"
    if rel.endswith("/index.html"):
        return "/" + quote(rel[: -len("index.html")])
    return "/" + quote(rel)


# --------------------------------------------------------------------------
# Static HTTP server
# --------------------------------------------------------------------------

class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        "": "application/octet-stream",
        ".html": "text/html",
        ".htm": "text/html",
        ".css": "text/css",
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".json": "application/json",
        ".svg": "image/svg+xml",
        ".png": "image/png",
        ".jpg": "image/jpeg",
        ".jpeg": "image/jpeg",
        ".gif": "image/gif",
        ".webp": "image/webp",
        ".avif": "image/avif",
        ".ico": "image/x-icon",
        ".woff": "font/woff",
        ".woff2": "font/woff2",
        ".xml": "application/xml",
        ".txt": "text/plain; charset=utf-8",
        ".ics": "text/calendar; charset=utf-8",
        ".webmanifest": "application/manifest+json",
        ".pdf": "application/pdf",
    }

    # SimpleHTTPRequestHandler already maps /x/ to /x/index.html and
    # redirects /x to /x/.  A folder without index.html is a 404 here
    # (no directory listings), and 404.html is served when the site has one.
    def list_directory(self, path):
        self.send_error(404, "Not Found")
        return None

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code == 404 and page.is_file():
            body = page.read_bytes()
            self.send_response(404, message)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    # Like nginx's gzip_static: a browser that accepts gzip gets the .gz twin
    # Lantern writes beside each file, so transfer sizes (and paint times
    # under network throttling) are what a real server gives.
    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # redirects to the folder's URL with a slash
            path = os.path.join(path, "index.html")
        gz = path + ".gz"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not (os.path.isfile(path) and os.path.isfile(gz)):
            return super().send_head()
        f = open(gz, "rb")
        size = os.fstat(f.fileno()).st_size
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(size))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return f

    def log_message(self, format, *args):  # quiet
        pass


class SiteServer:
    """Serves a folder on 127.0.0.1 at a free port, in a background thread.

        with SiteServer(site) as srv:
            driver.get(srv.url("/en/"))
    """

    def __init__(self, site: Path, host: str = "127.0.0.1", port: int = 0):
        self.site = Path(site).resolve()
        handler = functools.partial(_Handler, directory=str(self.site))
        self.httpd = http.server.ThreadingHTTPServer((host, port), handler)
        self.httpd.daemon_threads = True
        self.host, self.port = self.httpd.server_address[:2]
        self.base_url = f"http://{self.host}:{self.port}"
        self._thread: threading.Thread | None = None

    def start(self) -> "SiteServer":
        self._thread = threading.Thread(
            target=self.httpd.serve_forever, name="lantern-site-server", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread is not None:
            self.httpd.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        self.httpd.server_close()

    def url(self, path: str = "/") -> str:
        if not path.startswith("/"):
            path = "/" + path
        return self.base_url + path

    def url_for_file(self, file: Path) -> str:
        return self.url(url_path(self.site, file))

    def __enter__(self) -> "SiteServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


# --------------------------------------------------------------------------
# Headless Chromium
# --------------------------------------------------------------------------

# Keep Chromium from talking to anything but the loopback server.
_QUIET_FLAGS = [
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-client-side-phishing-detection",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--disable-sync",
    "--disable-extensions",
    "--no-first-run",
    "--no-default-browser-check",
    "--no-pings",
    "--metrics-recording-only",
    "--safebrowsing-disable-auto-update",
    "--disable-features=OptimizationHints,MediaRouter,Translate,"
    "AutofillServerCommunication,InterestFeedContentSuggestions,"
    "CertificateTransparencyComponentUpdater",
    # Any host name but localhost fails to resolve, and anything that is
    # not loopback goes to a proxy that is not there.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
    "--proxy-server=http://127.0.0.1:9",
    "--proxy-bypass-list=127.0.0.1;localhost",
]


def make_driver(width: int = MOBILE_WIDTH, height: int = MOBILE_HEIGHT):
    """One headless Chromium with a mobile viewport of width x height CSS px
    (deviceScaleFactor 1).  Call driver.quit() when done."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    for exe, what in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not (Path(exe).exists() or shutil.which(exe)):
            raise RuntimeError(
                f"{exe} not found: install Debian's {what} "
                "(bash Tests/browser/install.sh)"
            )

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for flag in [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        "--force-color-profile=srgb",
        "--font-render-hinting=none",
        f"--window-size={width},{height}",
        *_QUIET_FLAGS,
    ]:
        opts.add_argument(flag)
    opts.page_load_strategy = "normal"
    service = Service(executable_path=CHROMEDRIVER, log_output=os.devnull)
    driver = webdriver.Chrome(service=service, options=opts)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(60)
    set_viewport(driver, width, height)
    return driver


def set_viewport(driver, width: int, height: int = MOBILE_HEIGHT) -> None:
    """Emulate a phone screen of width x height CSS px (mobile=true, DPR 1).
    Persists across navigations."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {
            "width": int(width),
            "height": int(height),
            "deviceScaleFactor": 1,
            "mobile": True,
            "screenWidth": int(width),
            "screenHeight": int(height),
        },
    )


def scroll_width(driver) -> int:
    """document.documentElement.scrollWidth after layout settles."""
    return int(
        driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "requestAnimationFrame(() => requestAnimationFrame(() =>"
            " done(document.documentElement.scrollWidth)));"
        )
    )

"""Obtain axe-core (>= 4.10) without npm.

axe-core ships inside the PyPI wheel axe-playwright-python 0.1.8 as
axe_playwright_python/axe.min.js (axe v4.12.1).  The wheel is fetched with
`pip download --no-deps` (nothing gets installed), the script is taken out
of it and kept in Tests/browser/.cache/, which later runs reuse.

    python3 Tests/browser/axe_source.py     # fetch if needed, print the path

LANTERN_AXE_JS=/path/to/axe.min.js uses that file instead (it is still
checked for its version).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE_DIR = HERE / ".cache"
WHEEL_REQ = "axe-playwright-python==0.1.8"
MEMBER = "axe_playwright_python/axe.min.js"
MIN_VERSION = (4, 10)
CACHED_JS = CACHE_DIR / "axe.min.js"

_BANNER_RE = re.compile(r"/\*!\s*axe\s+v(\d+)\.(\d+)\.(\d+)")


def axe_version(source: str) -> tuple[int, int, int]:
    m = _BANNER_RE.search(source[:400])
    if not m:
        raise RuntimeError("axe.min.js has no '/*! axe vX.Y.Z' banner")
    return tuple(int(g) for g in m.groups())  # type: ignore[return-value]


def _check(source: str, where: Path) -> str:
    version = axe_version(source)
    if version[:2] < MIN_VERSION:
        raise RuntimeError(
            f"{where}: axe v{'.'.join(map(str, version))} is older than "
            f"{'.'.join(map(str, MIN_VERSION))}"
        )
    return source


def _ensure_cache_dir() -> None:
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    ignore = CACHE_DIR / ".gitignore"
    if not ignore.exists():
        ignore.write_text("*\n")


def _fetch() -> str:
    _ensure_cache_dir()
    with tempfile.TemporaryDirectory(prefix="axe-wheel-", dir=CACHE_DIR) as tmp:
        cmd = [
            sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
            "--disable-pip-version-check", "--only-binary=:all:",
            WHEEL_REQ, "-d", tmp,
        ]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        wheels = list(Path(tmp).glob("*.whl"))
        if proc.returncode != 0 or not wheels:
            raise RuntimeError(
                f"could not download {WHEEL_REQ} with pip "
                f"(exit {proc.returncode}):\n{proc.stderr.strip()}"
            )
        with zipfile.ZipFile(wheels[0]) as zf:
            source = zf.read(MEMBER).decode("utf-8")
    _check(source, wheels[0])
    part = CACHED_JS.with_suffix(".part")
    part.write_text(source, encoding="utf-8")
    os.replace(part, CACHED_JS)
    return source


def axe_path() -> Path:
    """Path of a checked axe.min.js, downloading it once if needed."""
    override = os.environ.get("LANTERN_AXE_JS")
    if override:
        p = Path(override)
        _check(p.read_text(encoding="utf-8"), p)
        return p
    if CACHED_JS.is_file():
        try:
            _check(CACHED_JS.read_text(encoding="utf-8"), CACHED_JS)
            return CACHED_JS
        except (RuntimeError, UnicodeDecodeError):
            pass  # stale or damaged: fetch again
    _fetch()
    return CACHED_JS


def axe_source() -> str:
    """The text of axe.min.js (>= 4.10)."""
    return axe_path().read_text(encoding="utf-8")


if __name__ == "__main__":
    p = axe_path()
    v = axe_version(p.read_text(encoding="utf-8"))
    print(f"{p}  (axe v{'.'.join(map(str, v))})")

"""Printed handouts: every guide and event handout printed to A4 PDF by headless
Chromium (CDP Page.printToPDF) fits one sheet, two sides at most, and its QR
code decodes to the short address printed beside it, which redirects to the page.

    LANTERN_SITE=public python3 -m pytest Tests/browser/test_print.py -q

Needs pdfinfo and pdftoppm (Debian poppler-utils) and zbarimg (zbar-tools).
axe and vnu run on the handout pages through test_site.py (every built page).
"""

from __future__ import annotations

import base64
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import sitekit

SITE = sitekit.site_dir_from_env()
MAX_PAGES = 2  # one A4 sheet, printed on both sides
PATTERNS = ["huong-dan/*/in/index.html", "en/guides/*/print/index.html",
            "su-kien/*/in/index.html", "en/events/*/print/index.html"]
HANDOUTS = sorted({f for p in PATTERNS for f in SITE.glob(p)})
GUIDES = [f for f in HANDOUTS if "/guides/" in f.as_posix() or "huong-dan/" in f.as_posix()]


def _id(f) -> str:
    return sitekit.url_path(SITE, f)


def _tool(name: str) -> str:
    exe = shutil.which(name)
    if not exe:
        pytest.fail(f"{name} not found: install Debian's poppler-utils and zbar-tools "
                    "(bash Tests/browser/install.sh)", pytrace=False)
    return exe


@pytest.fixture(scope="module")
def printer():
    """A headless Chromium at desktop size with the site served on 127.0.0.1."""
    driver = sitekit.make_driver(1024, 768)
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    with sitekit.SiteServer(SITE) as server:
        try:
            yield driver, server
        finally:
            driver.quit()


def _pdf(printer, page: Path, out: Path) -> Path:
    driver, server = printer
    driver.get(server.url_for_file(page))
    result = driver.execute_cdp_cmd("Page.printToPDF", {
        "paperWidth": 8.27, "paperHeight": 11.69,  # A4 in inches
        "preferCSSPageSize": True, "printBackground": False,
        "displayHeaderFooter": False,
    })
    pdf = out / (re.sub(r"[^a-z0-9]+", "-", _id(page)).strip("-") + ".pdf")
    pdf.write_bytes(base64.b64decode(result["data"]))
    return pdf


def _pages(pdf: Path) -> int:
    info = subprocess.run([_tool("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def test_handouts_found():
    if not HANDOUTS:
        pytest.fail(f"no handout pages (…/in/, …/print/) in {SITE}", pytrace=False)


@pytest.mark.parametrize("page", HANDOUTS, ids=_id)
def test_handout_fits_one_sheet(printer, page, tmp_path):
    pdf = _pdf(printer, page, tmp_path)
    pages = _pages(pdf)
    print(f"{_id(page)}: {pages} A4 page(s)")
    assert pages <= MAX_PAGES, f"{_id(page)} prints on {pages} A4 pages (at most {MAX_PAGES}: one sheet, two sides)"


@pytest.mark.parametrize("page", GUIDES, ids=_id)
def test_qr_decodes_to_the_printed_short_address(printer, page, tmp_path):
    html = page.read_text(encoding="utf-8")
    printed = re.search(r'class="handout-short"><a href="([^"]+)">([^<]+)</a>', html)
    assert printed, f"{_id(page)}: no short address printed beside the QR code"
    url, text = printed.groups()
    assert url.endswith(text) and re.search(r"/g/[0-9a-z]{8}/$", url), url
    # The short address redirects to this handout's guide.
    target = re.search(r"url=([^\"]+)\"", (SITE / (url.split("/", 3)[3] + "index.html")).read_text(encoding="utf-8"))
    guide_url = _id(page).rsplit("/", 2)[0] + "/"
    assert target and target.group(1) == guide_url, f"{url} should redirect to {guide_url}"
    # What a phone reads from the printed sheet.
    pdf = _pdf(printer, page, tmp_path)
    subprocess.run([_tool("pdftoppm"), "-r", "150", "-f", "1", "-l", "1", "-png", str(pdf), str(tmp_path / "sheet")], check=True)
    png = next(tmp_path.glob("sheet*.png"))
    decoded = subprocess.run([_tool("zbarimg"), "--raw", "-q", str(png)], capture_output=True, text=True)
    assert decoded.stdout.strip() == url, f"{_id(page)}: QR decodes to {decoded.stdout.strip()!r}, expected {url!r}"


DASHBOARDS = [f for f in (SITE / "tien-do" / "index.html", SITE / "en" / "progress" / "index.html") if f.is_file()]
DASHBOARD_MAX_PAGES = 2  # nine A4 pages before its print layout


@pytest.mark.parametrize("page", DASHBOARDS, ids=_id)
def test_progress_dashboard_prints_compactly_with_its_address_on_top(printer, page, tmp_path):
    pdf = _pdf(printer, page, tmp_path)
    pages = _pages(pdf)
    print(f"{_id(page)}: {pages} A4 page(s)")
    assert pages <= DASHBOARD_MAX_PAGES, f"{_id(page)} prints on {pages} A4 pages (at most {DASHBOARD_MAX_PAGES})"
    address = re.search(r'<link rel="canonical" href="([^"]+)"', page.read_text(encoding="utf-8")).group(1)
    first = subprocess.run([_tool("pdftotext"), "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    top = [line for line in first.splitlines() if line.strip()][:2]
    assert any(address in line for line in top), f"{_id(page)}: the page's address {address} is not at the top of sheet 1: {top}"


def test_dashboards_found():
    if len(DASHBOARDS) < 2:
        pytest.fail(f"no progress dashboard (tien-do/, en/progress/) in {SITE}", pytrace=False)

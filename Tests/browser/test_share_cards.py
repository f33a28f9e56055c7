"""Share cards and AVIF as a browser and a social app see them: every page names an
og:image that is a 1200x630 JPEG of this site, with its size, alt text and
twitter:card; Chromium decodes a card; a story photo is taken as AVIF when offered.

    LANTERN_SITE=public python3 -m pytest Tests/browser/test_share_cards.py -q
"""

from __future__ import annotations

import re
import struct
from pathlib import Path
from urllib.parse import urlparse

import pytest

import sitekit

SITE = sitekit.site_dir_from_env()
PAGES = [f for f in sitekit.html_files(SITE) if not sitekit.is_redirect_page(f)]
META = re.compile(r'<meta (?:property|name)="([^"]+)" content="([^"]*)">')


def _meta(page: Path) -> dict[str, str]:
    return dict(META.findall(page.read_text(encoding="utf-8")))


def _jpeg_size(data: bytes) -> tuple[int, int]:
    """Width and height from a JPEG's start-of-frame segment."""
    assert data[:2] == b"\xff\xd8", "not a JPEG"
    i = 2
    while i + 9 < len(data):
        marker, length = data[i + 1], struct.unpack(">H", data[i + 2:i + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2):
            height, width = struct.unpack(">HH", data[i + 5:i + 9])
            return width, height
        i += 2 + length
    raise AssertionError("no start-of-frame segment")


def _card_file(url: str) -> Path:
    return SITE / urlparse(url).path.lstrip("/")


# Pages of the site layout (printable handouts have their own, with no Open Graph tags).
SHAREABLE = [p for p in PAGES if 'property="og:url"' in p.read_text(encoding="utf-8")]


@pytest.mark.parametrize("page", SHAREABLE,
                         ids=lambda p: sitekit.url_path(SITE, p))
def test_every_page_has_a_share_card(page):
    assert len(SHAREABLE) > 100, "the site layout's pages were not found"
    tags = _meta(page)
    url = tags.get("og:image")
    assert url, "no og:image"
    canonical = urlparse(tags["og:url"])
    assert urlparse(url).netloc == canonical.netloc and url.startswith("https://" if canonical.scheme == "https" else "http")
    assert urlparse(url).path.startswith("/anh/the/") and url.endswith(".jpg"), url
    assert (tags.get("og:image:width"), tags.get("og:image:height")) == ("1200", "630")
    assert tags.get("og:image:alt"), "the card has no alt text"
    assert tags.get("twitter:card") == "summary_large_image"
    card = _card_file(url)
    assert card.is_file(), f"{url} was not published"
    data = card.read_bytes()
    assert _jpeg_size(data) == (1200, 630)
    assert len(data) <= 60 * 1024, f"{url} weighs {len(data)} bytes"


def test_chromium_decodes_a_card_and_takes_the_avif_photo():
    story = SITE / "cau-chuyen" / "anh-buoi-huong-dan" / "index.html"
    if not story.is_file():
        pytest.skip("the sample site's photo story is not in this site")
    driver = sitekit.make_driver(sitekit.MOBILE_WIDTH, sitekit.MOBILE_HEIGHT)
    try:
        with sitekit.SiteServer(SITE) as server:
            card = urlparse(_meta(story)["og:image"]).path
            driver.get(server.url(card))
            size = driver.execute_script("const i = document.images[0]; return i && [i.naturalWidth, i.naturalHeight];")
            assert size == [1200, 630]
            driver.get(server.url_for_file(story))
            html = story.read_text(encoding="utf-8")
            if 'type="image/avif"' in html:
                src = driver.execute_script(
                    "const i = document.querySelector('picture img'); i.scrollIntoView();"
                    "return new Promise(r => i.complete ? r(i.currentSrc) : i.addEventListener('load', () => r(i.currentSrc)));")
                assert src.endswith(".avif"), src
    finally:
        driver.quit()

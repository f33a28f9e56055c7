"""Parses what the build publishes with real parsers: every .ics with `icalendar`, the Atom
feeds and sitemap with an XML parser, and the precompressed twins of every text file."""
import gzip
import os
import pathlib
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone

import pytest
from icalendar import Calendar

ROOT = pathlib.Path(__file__).resolve().parents[2]
SITE = pathlib.Path(os.environ.get("LANTERN_SITE", ROOT / "public"))
VIETNAM = timezone(timedelta(hours=7))


def files(pattern):
    return sorted(SITE.rglob(pattern))


ICS = files("*.ics")


def test_site_has_calendars():
    assert len(ICS) >= 10, f"expected calendars in {SITE}"


@pytest.mark.parametrize("path", ICS, ids=lambda p: str(p.relative_to(SITE)))
def test_ics_parses_and_follows_rfc5545(path):
    raw = path.read_bytes()
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b""), "lines must end with CRLF"
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75, f"line longer than 75 octets: {line[:40]!r}…"
    cal = Calendar.from_ical(raw)
    for event in cal.walk("VEVENT"):
        assert event.get("UID")
        assert event.get("DTSTAMP")
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert end >= start, f"{event.get('SUMMARY')}: ends before it starts"
        assert str(event.get("STATUS")) in {"CONFIRMED", "CANCELLED", "TENTATIVE"}


def event_file(slug):
    return (ROOT / "content" / "events" / f"{slug}.md").read_text(encoding="utf-8")


def test_event_times_are_vietnam_local_time():
    """Each event's DTSTART, read back by icalendar, equals the front matter's local time at UTC+7."""
    checked = 0
    for path in files("su-kien/*/calendar.ics"):
        slug = path.parent.name
        source = ROOT / "content" / "events" / f"{slug}.md"
        if not source.exists():
            continue
        front = source.read_text(encoding="utf-8").split("---")[1]
        fields = dict(line.split(":", 1) for line in front.splitlines() if line and not line.startswith(" ") and ":" in line)
        if "start" not in fields:
            continue
        expected = datetime.fromisoformat(fields["start"].strip().strip('"')).replace(tzinfo=VIETNAM)
        event = Calendar.from_ical(path.read_bytes()).walk("VEVENT")[0]
        assert event.decoded("DTSTART") == expected, slug
        status = fields.get("status", "scheduled").strip()
        assert (str(event.get("STATUS")) == "CANCELLED") == (status == "cancelled"), slug
        checked += 1
    assert checked >= 5


ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.parametrize("feed", ["feed.xml", "en/feed.xml"])
def test_atom_feeds_are_valid_atom(feed):
    root = ET.parse(SITE / feed).getroot()
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{required}") is not None, required
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) >= 10
    for entry in entries:
        for required in ("id", "title", "updated"):
            assert (entry.find(f"{ATOM}{required}").text or "").strip(), required
        datetime.fromisoformat(entry.find(f"{ATOM}updated").text)
        assert entry.find(f"{ATOM}link").get("href").startswith("https://")


def test_sitemap_lists_every_page_with_hreflang_pairs():
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(SITE / "sitemap.xml").getroot()
    locs = {u.find("s:loc", ns).text for u in root.findall("s:url", ns)}
    # Pages marked noindex (handouts, class packs, the offline pages) and redirects are left out:
    # a sitemap entry that says noindex is an error in search consoles.
    def indexable(p):
        b = p.read_bytes()
        return b'http-equiv="refresh"' not in b and b'<meta name="robots" content="noindex">' not in b
    pages = [p for p in files("index.html") if indexable(p)]
    assert len(locs) == len(pages)
    from urllib.parse import urlparse
    def url(p):
        rel = p.parent.relative_to(SITE).as_posix()
        return "/" if rel == "." else "/" + rel + "/"
    assert {urlparse(loc).path for loc in locs} == {url(p) for p in pages}
    pairs = 0
    for url in root.findall("s:url", ns):
        alternates = {a.get("hreflang"): a.get("href") for a in url.findall("x:link", ns)}
        if alternates:
            assert url.find("s:loc", ns).text in alternates.values()
            assert {"vi", "en"} <= set(alternates)
            pairs += 1
    assert pairs >= 10


TEXT = [p for p in SITE.rglob("*") if p.suffix in {".html", ".css", ".xml", ".ics", ".json", ".csv", ".svg", ".txt"}]


def test_precompressed_twins_decompress_to_the_original():
    import brotli  # PyPI "brotli", installed by Tests/browser/install.sh
    assert len(TEXT) > 100
    for path in TEXT:
        original = path.read_bytes()
        assert gzip.decompress(path.with_name(path.name + ".gz").read_bytes()) == original, path
        assert brotli.decompress(path.with_name(path.name + ".br").read_bytes()) == original, path


EMERGENCY_UNLINKED = __import__("re").compile(r"\b(?:gọi|Gọi|call|Call)\s+(?:111|113|114|115)\b")


def test_emergency_numbers_are_tap_to_call():
    """'gọi 113' in a page's HTML means the number is plain text: it must be a tel: link
    (`[113](tel:113)` in Markdown), so a resident under threat can tap it."""
    offenders = []
    for page in files("**/*.html"):
        text = page.read_text(encoding="utf-8")
        for match in EMERGENCY_UNLINKED.finditer(text):
            offenders.append(f"{page.relative_to(SITE)}: …{match.group(0)}…")
    assert not offenders, "emergency numbers that are not tel: links:\n" + "\n".join(offenders)

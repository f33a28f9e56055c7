"""Self-test of the harness on fixtures/site: three good pages (one of them
an alias/redirect page) must pass every check, and hong/index.html must
fail each check with a readable message.  Shares the one Chromium."""

from __future__ import annotations

import urllib.request
from pathlib import Path

import pytest

import checks
import resident
import sitekit

SITE = (Path(__file__).resolve().parent / "fixtures" / "site").resolve()
GOOD = ["index.html", "en/index.html"]
REDIRECT = "cu/index.html"
BAD = "hong/index.html"


def f(rel: str) -> Path:
    return SITE / rel


@pytest.fixture(scope="module")
def server():
    with sitekit.SiteServer(SITE) as s:
        yield s


@pytest.fixture(scope="module")
def visited(browser, server, axe_js):
    return {
        rel: checks.visit_page(browser, server.url_for_file(f(rel)), axe_js)
        for rel in GOOD + [BAD]
    }


def test_page_listing():
    files = [p.relative_to(SITE).as_posix() for p in sitekit.html_files(SITE)]
    assert files == sorted(GOOD + [REDIRECT, BAD])
    assert sitekit.is_redirect_page(f(REDIRECT))
    assert not any(sitekit.is_redirect_page(f(r)) for r in GOOD + [BAD])
    assert sitekit.url_path(SITE, f("index.html")) == "/"
    assert sitekit.url_path(SITE, f("en/index.html")) == "/en/"


def test_server(server):
    with urllib.request.urlopen(server.url("/en/")) as r:
        assert r.headers["Content-Type"].startswith("text/html")
        assert b"Digital skills guides" in r.read()
    with urllib.request.urlopen(server.url("/style.css")) as r:
        assert r.headers["Content-Type"].startswith("text/css")
    # A browser that accepts gzip gets the .gz twin when there is one (like nginx's gzip_static).
    req = urllib.request.Request(server.url("/en/"), headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(req) as r:
        assert r.headers.get("Content-Encoding") is None  # the fixture has no .gz files
    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(server.url("/images/"))  # no listings
    assert e.value.code == 404


def test_axe(visited):
    for rel in GOOD:
        v = visited[rel]
        assert not v.error, v.error
        assert v.axe_version >= "4.10", v.axe_version
        assert v.violations == [], checks.format_axe(rel, v)
    bad = visited[BAD]
    assert not bad.error, bad.error
    ids = {x["id"] for x in bad.violations}
    assert {"image-alt", "color-contrast"} <= ids, ids
    msg = checks.format_axe("/hong/", bad)
    for needle in ("/hong/", bad.url, "[critical] image-alt", "[serious] color-contrast",
                   "target: .pale", 'html:   <img src="/images/den.svg"',
                   "insufficient color contrast"):
        assert needle in msg, f"{needle!r} not in:\n{msg}"


def test_fits_320(visited):
    for rel in GOOD:
        assert visited[rel].scroll_width <= sitekit.NARROW_WIDTH, rel
    bad = visited[BAD]
    assert bad.scroll_width > sitekit.NARROW_WIDTH
    assert "scrollWidth is" in checks.format_scroll("/hong/", bad)


def test_vnu():
    res = checks.run_vnu(sitekit.html_files(SITE))
    assert not res.command_error, res.command_error
    assert res.other == []
    for rel in GOOD + [REDIRECT]:
        msgs = res.by_file[f(rel)]
        assert msgs == [], checks.format_vnu(rel, msgs)
    msgs = res.by_file[f(BAD)]
    text = checks.format_vnu(BAD, msgs)
    assert "Duplicate ID" in text and "div" in text, text
    assert f"{BAD}:17:" in text, text  # file:line:column


def test_external_resources_and_scripts():
    for rel in GOOD + [REDIRECT]:
        assert checks.external_resources(SITE, f(rel)) == []
        assert checks.script_problems(SITE, f(rel)) == []
    ext = "\n".join(checks.external_resources(SITE, f(BAD)))
    for needle in ("https://cdn.example.com/theme.css", "https://cdn.example.com/widget.js",
                   "//cdn.example.com/pixel.gif"):
        assert needle in ext, ext
    scripts = "\n".join(checks.script_problems(SITE, f(BAD)))
    assert "<script src='https://cdn.example.com/widget.js'>" in scripts, scripts
    assert "inline <script> of" in scripts, scripts


def test_page_weight():
    weights = [checks.page_weight(SITE, p) for p in sitekit.html_files(SITE)]
    by_page = {w.page: w for w in weights}
    assert [n for n, _ in by_page["en/index.html"].css] == ["style.css"]
    assert by_page["index.html"].missing == []
    over, _ = checks.weight_report(weights, checks.DEFAULT_BUDGET_BYTES)
    assert over == []
    heaviest = max(weights, key=lambda w: w.total)
    over, report = checks.weight_report(weights, heaviest.total - 1)
    assert [w.page for w in over] == [heaviest.page]
    assert "Top 4 heaviest pages" in report and heaviest.page in report, report


def test_resident_checks(visited):
    for rel in GOOD:
        v = visited[rel]
        for m in (v.at360, v.at320):
            assert resident.header_problems(m) == [], rel
            assert resident.overflow_problems(m) == [], (rel, m["overflow"])
            assert resident.key_problems(m) == [], rel
            assert resident.empty_problems(m) == [], rel
    assert resident.steps_problems(visited["index.html"].at360) == []  # its list is near the top
    bad = visited[BAD]
    header = "\n".join(resident.header_problems(bad.at360))
    assert "the header is 15" in header and "limit 100 px" in header, header
    # 340 px in a 328 px <main>: wider than its box at 360 px too, though the page does not scroll.
    wide = "\n".join(resident.overflow_problems(bad.at320) + resident.overflow_problems(bad.at360))
    for needle in ("at 320 px: html: 38 px, page scrolls sideways", "at 360 px: main > div.wide: 16 px", "wider than its container main"):
        assert needle in wide, wide
    keys = "\n".join(resident.key_problems(bad.at360))
    assert "'nav_about_text'" in keys, keys
    empty = "\n".join(resident.empty_problems(bad.at360))
    assert 'strong.badge' in empty and '<strong class="badge"></strong>' in empty, empty
    assert "no numbered list of steps" in resident.steps_problems(bad.at360)[0]


def test_first_screen_rules():
    far = {"steps": 1931, "startLinks": [{"href": "#cac-buoc", "bottom": 700}]}
    assert "step 1 starts 1931 px down (3.0 screens" in resident.steps_problems(far)[0]
    assert resident.steps_problems({**far, "startLinks": [{"href": "#cac-buoc", "bottom": 420}]}) == []
    assert resident.steps_problems({"steps": 600, "startLinks": []}) == []
    m = {"times": [{"datetime": "2026-12-13", "bottom": 770}], "place": 814}
    problems = resident.event_problems(m, "2026-12-13", "Chợ xã")
    assert len(problems) == 2 and "770 px" in problems[0] and "814 px" in problems[1], problems
    assert resident.event_problems({"times": [{"datetime": "2026-12-13T08:00", "bottom": 300}], "place": 340},
                                   "2026-12-13", "Chợ xã") == []
    assert "no <time" in resident.event_problems({"times": [], "place": 10}, "2026-12-13", "x")[0]


def test_event_facts_from_calendar(tmp_path):
    (tmp_path / "index.html").write_text("<p>x</p>")
    (tmp_path / "calendar.ics").write_text(
        "BEGIN:VEVENT\r\nDTSTART:20261205T010000Z\r\nLOCATION:Nhà văn hoá tổ dân phố\\, Phường \r\n Tây Hoa Lư\r\nEND:VEVENT\r\n",
        encoding="utf-8")
    assert resident.event_facts(tmp_path / "index.html") == ("2026-12-05", "Nhà văn hoá tổ dân phố")
    (tmp_path / "calendar.ics").write_text("DTSTART;VALUE=DATE:20261213\nLOCATION:Chợ xã\n", encoding="utf-8")
    assert resident.event_facts(tmp_path / "index.html") == ("2026-12-13", "Chợ xã")

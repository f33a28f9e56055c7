"""Browser and validator checks over a built Lantern site.

    LANTERN_SITE=public python3 -m pytest Tests/browser -q

LANTERN_SITE       folder of the built site (default: public/ at the repo root)
LANTERN_BUDGET_BYTES  page-weight budget, gzip(HTML) + gzip(same-site CSS)
                   (default 14336 = 14 KiB)

Per page (each its own test, id = the page's site path):
  test_axe_wcag      axe-core, WCAG 2.0/2.1/2.2 A+AA tags, at 360x640
                     (skipped for redirect pages: <meta http-equiv="refresh">)
  test_fits_320px    no sideways scrolling at 320x640
  test_html_valid    Nu HTML Checker (one vnu run over all pages), errors only
  test_no_external_resources   nothing fetched from another site
  test_scripts_small_inline    no <script src>, inline scripts < 2 KB
What a resident sees (resident.py), at 360x640 unless said:
  test_header_one_row          the header is at most 100 px tall
  test_fits_its_container      no box wider than its container, no content
                               behind a sideways scroll, at 320 and 360 px
  test_no_raw_string_keys      no visible text like `nav_about_text`
  test_no_empty_boxes          no drawn element without content (empty badge)
  test_guide_steps_first_screen  guides: step 1, or a link straight to the
                               steps, within the first 640 px
  test_event_facts_first_screen  events: date/time and place within 640 px
Whole site:
  test_page_weight_budget      every page within the budget; top 5 reported
  test_first_contentful_paint  FCP of every page under slow 3G + 4x CPU:
                               median reported (goal 0.7 s), fails > 1.5 s,
                               and when any page's first paint waits for
                               another request (render-blocking CSS/JS)
"""

from __future__ import annotations

import os
import re

import pytest

import checks
import resident
import sitekit

SITE = sitekit.site_dir_from_env()
FILES = sitekit.html_files(SITE)
BROWSER_FILES = [f for f in FILES if not sitekit.is_redirect_page(f)]
GUIDE_FILES = [f for f in BROWSER_FILES if resident.is_guide(sitekit.url_path(SITE, f))]
EVENT_FILES = [f for f in BROWSER_FILES if resident.is_event(sitekit.url_path(SITE, f))]
BUDGET = int(os.environ.get("LANTERN_BUDGET_BYTES", checks.DEFAULT_BUDGET_BYTES))


def _id(f) -> str:
    return sitekit.url_path(SITE, f)


def _rel(f) -> str:
    return f.relative_to(SITE).as_posix()


_scans: dict = {}


def _scan(f):
    if f not in _scans:
        _scans[f] = checks.scan_page(f)
    return _scans[f]


def test_site_exists():
    if not SITE.is_dir():
        pytest.fail(
            f"site folder {SITE} does not exist: build the site first, or set "
            "LANTERN_SITE to the built site's folder",
            pytrace=False,
        )
    if not FILES:
        pytest.fail(f"site folder {SITE} has no *.html files", pytrace=False)


# -- fixtures ---------------------------------------------------------------

@pytest.fixture(scope="session")
def site_server():
    if not SITE.is_dir():
        pytest.skip(f"no site at {SITE}")
    server = sitekit.SiteServer(SITE).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def visits(browser, site_server, axe_js):
    """Loads each page once (axe at 360 px, then scrollWidth at 320 px) and
    remembers the result for both tests."""
    cache: dict = {}

    def get(f):
        if f not in cache:
            facts = resident.event_facts(f) if f in EVENT_FILES else None
            cache[f] = checks.visit_page(browser, site_server.url_for_file(f), axe_js,
                                         place=facts[1] if facts else None)
        return cache[f]

    return get


@pytest.fixture(scope="session")
def vnu_result():
    return checks.run_vnu(FILES)


# -- in the browser ---------------------------------------------------------

@pytest.mark.parametrize("page", BROWSER_FILES, ids=_id)
def test_axe_wcag(page, visits):
    v = visits(page)
    if v.error:
        pytest.fail(f"{_id(page)} ({v.url}): could not run axe: {v.error}", pytrace=False)
    if v.violations:
        pytest.fail(checks.format_axe(_id(page), v), pytrace=False)


@pytest.mark.parametrize("page", BROWSER_FILES, ids=_id)
def test_fits_320px(page, visits):
    v = visits(page)
    if v.error:
        pytest.fail(f"{_id(page)} ({v.url}): could not load/measure: {v.error}", pytrace=False)
    if v.scroll_width > sitekit.NARROW_WIDTH:
        pytest.fail(checks.format_scroll(_id(page), v), pytrace=False)


# -- what a resident sees ---------------------------------------------------

def _visited(page, visits):
    v = visits(page)
    if v.error or not v.at360:
        pytest.fail(f"{_id(page)} ({v.url}): could not load/measure: {v.error}", pytrace=False)
    return v


def _fail(page, problems):
    if problems:
        pytest.fail(f"{_id(page)}:\n  " + "\n  ".join(problems), pytrace=False)


@pytest.mark.parametrize("page", BROWSER_FILES, ids=_id)
def test_header_one_row(page, visits):
    # Printable handouts and class packs carry no site header or menu by design (issue 14).
    if re.search(r"(^|/)(in|print)/", _rel(page)):
        pytest.skip("printable handout: no site header by design")
    _fail(page, resident.header_problems(_visited(page, visits).at360))


@pytest.mark.parametrize("page", BROWSER_FILES, ids=_id)
def test_fits_its_container(page, visits):
    v = _visited(page, visits)
    _fail(page, resident.overflow_problems(v.at320) + resident.overflow_problems(v.at360))


@pytest.mark.parametrize("page", BROWSER_FILES, ids=_id)
def test_no_raw_string_keys(page, visits):
    _fail(page, resident.key_problems(_visited(page, visits).at360))


@pytest.mark.parametrize("page", BROWSER_FILES, ids=_id)
def test_no_empty_boxes(page, visits):
    _fail(page, resident.empty_problems(_visited(page, visits).at360))


@pytest.mark.parametrize("page", GUIDE_FILES, ids=_id)
def test_guide_steps_first_screen(page, visits):
    _fail(page, resident.steps_problems(_visited(page, visits).at360))


@pytest.mark.parametrize("page", EVENT_FILES, ids=_id)
def test_event_facts_first_screen(page, visits):
    facts = resident.event_facts(page)
    if facts is None:
        pytest.fail(f"{_id(page)}: no calendar.ics with DTSTART and LOCATION beside the page", pytrace=False)
    _fail(page, resident.event_problems(_visited(page, visits).at360, *facts))


def test_first_contentful_paint(browser, site_server):
    if not BROWSER_FILES:
        pytest.skip(f"no pages in {SITE}")
    paint = resident.first_contentful_paints(
        browser, {_id(f): site_server.url_for_file(f) for f in BROWSER_FILES})
    resident.REPORTS.append(paint.report())
    if paint.median is None or paint.median > resident.FCP_FAIL_MS or paint.missing:
        pytest.fail(paint.report(), pytrace=False)
    if paint.blocking:
        pytest.fail(paint.blocking_report() + "\n" + paint.report(), pytrace=False)


# -- Nu HTML Checker --------------------------------------------------------

def test_vnu_ran(vnu_result):
    if vnu_result.command_error:
        pytest.fail(vnu_result.command_error, pytrace=False)
    if vnu_result.other:
        pytest.fail(checks.format_vnu("(vnu, no file)", vnu_result.other), pytrace=False)


@pytest.mark.parametrize("page", FILES, ids=_id)
def test_html_valid(page, vnu_result):
    if vnu_result.command_error:
        pytest.skip("vnu did not run (see test_vnu_ran)")
    messages = vnu_result.by_file.get(page.resolve(), [])
    if messages:
        pytest.fail(checks.format_vnu(_rel(page), messages), pytrace=False)


# -- static checks ----------------------------------------------------------

@pytest.mark.parametrize("page", FILES, ids=_id)
def test_no_external_resources(page):
    problems = checks.external_resources(SITE, page, _scan(page))
    if problems:
        pytest.fail(
            f"{_id(page)} needs resources from another site:\n  " + "\n  ".join(problems),
            pytrace=False,
        )


@pytest.mark.parametrize("page", FILES, ids=_id)
def test_scripts_small_inline(page):
    problems = checks.script_problems(SITE, page, _scan(page))
    if problems:
        pytest.fail(f"{_id(page)}:\n  " + "\n  ".join(problems), pytrace=False)


def test_page_weight_budget():
    if not FILES:
        pytest.skip(f"no pages in {SITE}")
    # Class packs (/in/chu-de/…, /in/dia-phuong/…, /en/print/topics|localities/…) collect many
    # handouts for printing at an ambassador's desk; the build leaves them out of the budget too.
    packs = re.compile(r"^(en/print|in)/(chu-de|dia-phuong|topics|localities)/")
    weights = [checks.page_weight(SITE, f, _scan(f)) for f in FILES if not packs.match(_rel(f))]
    over, report = checks.weight_report(weights, BUDGET)
    if over or any(w.missing for w in weights):
        pytest.fail(report, pytrace=False)

"""The search page in a real browser, on the built site ($LANTERN_SITE, default public/).

    LANTERN_SITE=public python3 -m pytest Tests/browser/test_search.py -q

Scripts on: queries typed into /tim-kiem/ and /en/search/ (with and without marks, upper case,
a prefix, a synonym, English) must put the expected page first; nothing may be fetched before
typing; results must arrive within a second on a slow-3G-like link.
Scripts off: the A–Z index is there and the search box is not shown.
axe (WCAG 2.x A/AA) on the search page in both states.
"""

from __future__ import annotations

import time

import pytest

import checks
import resident
import sitekit

SITE = sitekit.site_dir_from_env()

# (page, typed query, expected first result's title)
QUERIES = [
    ("/tim-kiem/", "mật khẩu", "Đặt mật khẩu mạnh và bật xác thực hai bước"),
    ("/tim-kiem/", "mat khau", "Đặt mật khẩu mạnh và bật xác thực hai bước"),
    ("/tim-kiem/", "TIEN DIEN", "Trả tiền điện, tiền nước, học phí bằng ứng dụng ngân hàng và mã VietQR"),
    ("/tim-kiem/", "đien thoai", "Bảo vệ dữ liệu cá nhân trên điện thoại"),
    ("/tim-kiem/", "goi vid", "Gọi video cho người thân bằng Zalo"),
    ("/tim-kiem/", "bao hiem y t", "Tra cứu thông tin thẻ bảo hiểm y tế trên VNeID và VssID"),
    ("/tim-kiem/", "mat ma", "Đặt mật khẩu mạnh và bật xác thực hai bước"),
    ("/en/search/", "password", "Making a strong password and turning on two-step verification"),
    ("/en/search/", "Scam", "Recognising scam calls and fake links"),
]

_FIRST = """
const done = arguments[arguments.length - 1], want = arguments[0];
const t0 = performance.now();
(function poll() {
  const first = document.querySelector('#search-results li .search-title');
  const status = document.getElementById('search-status').textContent;
  if (status && first && first.textContent === want) return done({first: first.textContent, ms: performance.now() - t0});
  if (performance.now() - t0 > 8000) return done({first: first ? first.textContent : null, status, ms: -1});
  setTimeout(poll, 20);
})();
"""


@pytest.fixture(scope="module")
def server():
    if not (SITE / "tim-kiem" / "index.html").is_file():
        pytest.fail(f"{SITE} has no tim-kiem/index.html: build the site first (LANTERN_SITE)", pytrace=False)
    with sitekit.SiteServer(SITE) as srv:
        yield srv


def _type(browser, text: str) -> None:
    box = browser.find_element("id", "search-q")
    box.clear()
    box.send_keys(text)


@pytest.mark.parametrize("page,query,expected", QUERIES, ids=[f"{p}:{q}" for p, q, _ in QUERIES])
def test_query_puts_the_expected_page_first(browser, server, page, query, expected):
    browser.get(server.url(page))
    _type(browser, query)
    got = browser.execute_async_script(_FIRST, expected)
    assert got["first"] == expected, f"{query!r} on {page}: first result {got}"


# Typed on the slow-3G profile; on the 10 000-page benchmark site too (any first result counts there).
TIMED_QUERIES = ["mat khau", "thanh toan", "dien thoai"]

_ANY_FIRST = (_FIRST.replace("first.textContent === want", "(want === null || first.textContent === want)")
              .replace("> 8000", "> 20000"))

_INDEX_FETCHES = """
return performance.getEntriesByType('resource').filter(e => e.name.includes('/search/'))
  .map(e => ({name: e.name.split('/').pop(), wire: e.encodedBodySize, size: e.decodedBodySize,
              ms: Math.round(e.responseEnd - e.startTime)}))
"""


def test_nothing_is_fetched_before_typing_and_results_come_within_a_second_on_slow_3g(browser, server):
    # The issue-12 profile (resident.SLOW_3G): 400 kbit/s, 400 ms round trip. The server sends the
    # .gz twins with Content-Encoding: gzip, as nginx's gzip_static does, and the throttle counts
    # the bytes on the wire.
    browser.execute_cdp_cmd("Network.enable", {})
    browser.execute_cdp_cmd("Network.emulateNetworkConditions", resident.SLOW_3G)
    # As a first visit: the offline service worker (registered by earlier tests in this browser)
    # would answer hashed index files from its cache and hide what crosses the network.
    browser.execute_cdp_cmd("Network.setBypassServiceWorker", {"bypass": True})
    # On the sample site "mat khau" must find its password guide first; elsewhere any result counts.
    sample = any(QUERIES[1][2] in p.read_text(encoding="utf-8") for p in (SITE / "search" / "vi").glob("d-*.json"))
    slow = []
    try:
        for query in TIMED_QUERIES:
            browser.get(server.url("/tim-kiem/"))
            time.sleep(0.5)
            loaded = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
            assert not [u for u in loaded if "/search/vi/" in u], f"index files fetched before typing: {loaded}"
            want = QUERIES[1][2] if sample and query == "mat khau" else None
            _type(browser, query)
            got = browser.execute_async_script(_ANY_FIRST, want)
            fetched = browser.execute_script(_INDEX_FETCHES)
            assert got["first"] and got["ms"] >= 0 and (want is None or got["first"] == want), (query, got, fetched)
            index = [f for f in fetched if f["name"].endswith(".json")]
            assert index and all(f["wire"] < f["size"] for f in index), f"index files not sent compressed: {index}"
            wire = sum(f["wire"] for f in fetched)
            # From the last key to the results shown (the script waits 120 ms after typing stops).
            print(f"slow-3G {query!r}: results {got['ms']:.0f} ms after typing, {len(fetched)} files, "
                  f"{wire} B on the wire: {fetched}")
            if got["ms"] >= 1000 + 120:
                slow.append(f"{query!r}: {got['ms']:.0f} ms")
    finally:
        browser.execute_cdp_cmd("Network.emulateNetworkConditions", {
            "offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
        browser.execute_cdp_cmd("Network.setBypassServiceWorker", {"bypass": False})
    assert not slow, f"results took over ~1 s on slow 3G: {slow}"


def test_the_results_are_announced_and_large_enough_to_tap(browser, server):
    browser.get(server.url("/tim-kiem/"))
    _type(browser, "vneid")
    browser.execute_async_script(_FIRST, "Cài đặt VNeID và kích hoạt tài khoản định danh điện tử mức 2")
    status = browser.find_element("id", "search-status")
    assert status.get_attribute("role") == "status" and status.text
    label = browser.execute_script("return document.getElementById('search-q').labels[0].textContent")
    assert label.strip()
    heights = browser.execute_script(
        "return [...document.querySelectorAll('#search-results a, #search-q')].map(e => e.getBoundingClientRect().height)")
    assert heights and min(heights) >= 48, heights
    marks = browser.execute_script("return [...document.querySelectorAll('#search-results mark')].map(m => m.textContent)")
    assert "VNeID" in marks


def test_axe_on_the_search_page_with_results(browser, server, axe_js):
    browser.get(server.url("/tim-kiem/"))
    _type(browser, "mat khau")
    browser.execute_async_script(_FIRST, QUERIES[1][2])
    browser.execute_script(axe_js)
    r = browser.execute_async_script(checks._AXE_RUN, checks.AXE_TAGS)
    assert not r.get("error"), r.get("error")
    assert not r.get("violations"), r.get("violations")


def test_without_the_script_the_a_to_z_index_is_there_and_the_box_is_not(browser, server, axe_js):
    # The search script blocked: the page as a browser without JavaScript (or whose script failed
    # to load) shows it. Selenium itself needs scripts, so they stay on for the checks.
    browser.execute_cdp_cmd("Network.enable", {})
    browser.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*/search/search.*.js"]})
    try:
        browser.get(server.url("/tim-kiem/"))
        assert not browser.find_element("id", "search-q").is_displayed()
        letters = [a.text for a in browser.find_elements("css selector", ".az-letters a")]
        assert "D" in letters and "Đ" not in letters, letters
        titles = [a.text for a in browser.find_elements("css selector", ".az-list a")]
        assert "Gọi video cho người thân bằng Zalo" in titles
        assert "Phường Tây Hoa Lư" in titles or any("Hoa Lư" in t for t in titles), titles
        folded = browser.execute_script(
            "return [...document.querySelectorAll('.az-list a')].map(a => a.textContent.normalize('NFD')"
            ".replace(/[\\u0300-\\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase())")
        assert folded == sorted(folded), "A–Z entries out of order"
        browser.execute_script(axe_js)
        r = browser.execute_async_script(checks._AXE_RUN, checks.AXE_TAGS)
        assert not r.get("error"), r.get("error")
        assert not r.get("violations"), r.get("violations")
    finally:
        browser.execute_cdp_cmd("Network.setBlockedURLs", {"urls": []})


def test_a_large_sites_shard_keys_come_from_their_own_file_when_the_box_is_used(browser, tmp_path):
    # A 100 000-page site has too many shard keys for the page's budget, so Lantern writes them to
    # search/<lang>/k.<version>.json and the manifest names that file (SearchIndex.keysFile). The
    # sample site is small: this copy moves its keys the same way, so the script's file path runs.
    import html as htmlmod
    import json
    import re
    import shutil

    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    page = site / "tim-kiem" / "index.html"
    text = page.read_text(encoding="utf-8")
    attr = re.search(r'data-index="([^"]*)"', text)
    manifest = json.loads(htmlmod.unescape(attr.group(1)))
    keys = manifest.pop("t")
    manifest["k"] = f"k.{manifest['v']}.json"
    folder = site / manifest["b"].strip("/")
    (folder / manifest["k"]).write_text(json.dumps(keys), encoding="utf-8")
    for gz in (page.with_name("index.html.gz"), page.with_name("index.html.br")):
        gz.unlink(missing_ok=True)
    page.write_text(text.replace(attr.group(1), htmlmod.escape(json.dumps(manifest, ensure_ascii=False))), encoding="utf-8")

    browser.execute_cdp_cmd("Network.enable", {})
    browser.execute_cdp_cmd("Network.setBypassServiceWorker", {"bypass": True})
    with sitekit.SiteServer(site) as srv:
        try:
            # The keys file cannot be had: the resident is told, and nothing is stuck.
            browser.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*/k.*.json"]})
            browser.get(srv.url("/tim-kiem/"))
            time.sleep(0.3)
            loaded = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
            assert not [u for u in loaded if "/search/vi/" in u], f"index files fetched before the box was used: {loaded}"
            _type(browser, "mat khau")
            error = browser.execute_script("return document.querySelector('.search-form').dataset.error")
            for _ in range(100):
                if browser.find_element("id", "search-status").text == error:
                    break
                time.sleep(0.05)
            assert browser.find_element("id", "search-status").text == error
            # Once it can be had, the next query fetches it and finds the page.
            browser.execute_cdp_cmd("Network.setBlockedURLs", {"urls": []})
            _type(browser, "mat khau")
            got = browser.execute_async_script(_FIRST, QUERIES[1][2])
            assert got["first"] == QUERIES[1][2], got
            fetched = browser.execute_script(_INDEX_FETCHES)
            assert any(f["name"] == manifest["k"] for f in fetched), fetched
        finally:
            browser.execute_cdp_cmd("Network.setBlockedURLs", {"urls": []})
            browser.execute_cdp_cmd("Network.setBypassServiceWorker", {"bypass": False})

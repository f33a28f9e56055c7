"""Offline reading in a real browser (Chromium, service workers on 127.0.0.1), on the built
site ($LANTERN_SITE, default public/):

    LANTERN_SITE=public python3 -m pytest Tests/browser/test_offline.py -q

A resident visits a guide, saves it ("Lưu để đọc khi không có mạng"), loses the connection
(CDP Network.emulateNetworkConditions offline) and reloads: the saved guide and its handout are
there with the "saved copy" notice; a page never saved gets the offline page, which lists the
saved guide (axe passes on it).

"Offline" is both the CDP emulation on the page and the server stopped: in Chromium the page
target's emulation does not reach the service worker's own fetches (they still got answers), and
a stopped server (whose already-open sockets answer nothing) is what a lost connection looks like
to the worker. Then the site is rebuilt with a changed guide (a copy of content/
in a temporary folder, built with the lantern binary: $LANTERN_BIN, default .build/debug/lantern)
and served on the same address: back online, the new text is served, and the phone's saved copy
is the new one.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
import time
from pathlib import Path

import pytest

import checks
import sitekit

SITE = sitekit.site_dir_from_env()
GUIDE = "/huong-dan/cai-dat-vneid/"
GUIDE_SOURCE = "content/guides/cai-dat-vneid.md"
OLD_STEP = "Mang thẻ căn cước gắn chip và điện thoại đến Công an xã, phường nơi bạn ở."
NEW_STEP = "Mang thẻ căn cước gắn chip (bản mới sau khi xuất bản) đến Công an xã, phường nơi bạn ở."
UNSAVED = "/gioi-thieu/"  # visited online, never saved: its copy from that visit is shown
NEVER_SEEN = "/su-kien/"  # never opened on this phone: the offline page
SHOTS = Path(__file__).resolve().parent / ".cache" / "offline"

_WAIT = """
const done = arguments[arguments.length - 1], test = new Function(arguments[0]);
const t0 = performance.now();
(function poll() {
  let v = null; try { v = test(); } catch (e) {}
  if (v) return done(v);
  if (performance.now() - t0 > 15000) return done(null);
  setTimeout(poll, 50);
})();
"""


def _wait(driver, js: str, what: str):
    got = driver.execute_async_script(_WAIT, js)
    assert got, f"timed out waiting for {what}"
    return got


def _emulate(driver, offline: bool) -> None:
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.emulateNetworkConditions", {
        "offline": offline, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})


class _ClosingHandler(sitekit._Handler):
    # Chromium opens sockets ahead of requests; one accepted before the server stopped would still
    # be answered by its thread. A server marked down answers nothing (the browser sees a network error).
    def parse_request(self):
        if getattr(self.server, "down", False):
            self.close_connection = True
            return False
        return super().parse_request()


def _serve(site: Path, port: int = 0) -> sitekit.SiteServer:
    server = sitekit.SiteServer(site, port=port)
    server.httpd.RequestHandlerClass = functools.partial(_ClosingHandler, directory=str(server.site))
    return server.start()


class _Host:
    """The site's one address (127.0.0.1:port), which can go down and come back with another build."""

    def __init__(self, site: Path):
        self.server = _serve(site)
        self.port = self.server.port

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def offline(self, driver) -> None:
        _emulate(driver, True)
        if self.server:
            self.server.httpd.down = True
            self.server.stop()
            self.server = None

    def online(self, driver, site: Path) -> None:
        self.server = _serve(site, self.port)
        _emulate(driver, False)

    def stop(self) -> None:
        if self.server:
            self.server.stop()


def _text(driver) -> str:
    return driver.execute_script("return document.body.innerText")


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory) -> Path:
    """The site rebuilt from a copy of the sources with one guide step reworded."""
    binary = Path(__import__("os").environ.get("LANTERN_BIN", sitekit.REPO_ROOT / ".build/debug/lantern"))
    if not binary.is_file():
        pytest.fail(f"{binary} not found: swift build first (or set LANTERN_BIN)", pytrace=False)
    src = tmp_path_factory.mktemp("src")
    for folder in ("content", "templates"):
        shutil.copytree(sitekit.REPO_ROOT / folder, src / folder)
    guide = src / GUIDE_SOURCE
    text = guide.read_text(encoding="utf-8")
    assert OLD_STEP in text, f"{GUIDE_SOURCE} no longer holds the step this test rewords"
    guide.write_text(text.replace(OLD_STEP, NEW_STEP), encoding="utf-8")
    out = tmp_path_factory.mktemp("out") / "public"
    subprocess.run([str(binary), "build", "--source", str(src), "--output", str(out), "--now", "2026-11-24"],
                   check=True, capture_output=True)
    return out


def test_save_go_offline_reload_then_a_new_build_replaces_the_copy(rebuilt, axe_js):
    if not (SITE / GUIDE.strip("/") / "index.html").is_file():
        pytest.fail(f"{SITE} has no {GUIDE}: build the site first (LANTERN_SITE)", pytrace=False)
    driver = sitekit.make_driver(sitekit.MOBILE_WIDTH, sitekit.MOBILE_HEIGHT)
    server = _Host(SITE)
    try:
        # Online: the button appears once the worker is active; saving keeps guide + handout.
        driver.get(server.url(GUIDE))
        _wait(driver, "return !document.querySelector('.offline-save').hidden", "the save button to appear")
        button = driver.find_element("css selector", "[data-offline-save]")
        assert button.text == "Lưu để đọc khi không có mạng"
        assert button.size["height"] >= 48, button.size
        assert OLD_STEP in _text(driver)
        button.click()
        _wait(driver, "return document.querySelector('[data-offline-save]').textContent === 'Xoá bản đã lưu'", "the guide to be saved")
        status = driver.find_element("css selector", ".offline-save [role=status]").text
        assert status.startswith("Đã lưu"), status
        keys = driver.execute_async_script(
            "const d = arguments[0]; caches.open('lantern-saved').then(c => c.keys()).then(k => d(k.map(r => new URL(r.url).pathname)))")
        assert GUIDE in keys and GUIDE + "in/" in keys, keys
        # Visit another page online so the worker controls the tab for sure.
        driver.get(server.url(UNSAVED))
        _wait(driver, "return navigator.serviceWorker.controller !== null", "the worker to control the page")

        # Offline: the saved guide, with the notice; its handout; an unsaved page → offline page.
        server.offline(driver)
        driver.get(server.url(GUIDE))
        note = _wait(driver, "const n = document.querySelector('.offline-note'); return n && n.textContent", "the saved-copy notice")
        SHOTS.mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(SHOTS / "saved-guide-offline-360.png"))
        assert note.startswith("Bạn đang xem bản đã lưu ngày "), note
        assert OLD_STEP in _text(driver)
        driver.get(server.url(GUIDE + "in/"))
        assert driver.find_elements("css selector", ".offline-note"), "the saved handout is served offline"
        driver.get(server.url(UNSAVED))
        assert driver.find_elements("css selector", ".offline-note"), "a page read before is shown from its copy"
        driver.get(server.url(NEVER_SEEN))
        assert driver.find_element("tag name", "h1").text == "Không có mạng"
        listed = _wait(driver, "const a = [...document.querySelectorAll('#offline-list a')]; return a.length && a.map(x => [x.textContent, new URL(x.href).pathname])",
                       "the saved guide to be listed")
        assert [t for t, p in listed if p == GUIDE and t.startswith("Cài đặt VNeID")], listed
        SHOTS.mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(SHOTS / "offline-page-360.png"))
        driver.execute_script(axe_js)
        r = driver.execute_async_script(checks._AXE_RUN, checks.AXE_TAGS)
        assert not r.get("error"), r.get("error")
        assert not r.get("violations"), r.get("violations")

        # A new build on the same address; back online the new text is served …
        server.online(driver, rebuilt)
        driver.get(server.url(GUIDE))
        body = _text(driver)
        assert NEW_STEP in body and OLD_STEP not in body, "the new build's guide is served online"
        assert not driver.find_elements("css selector", ".offline-note")
        # … and it replaced the phone's saved copy (read offline again).
        driver.execute_async_script("setTimeout(arguments[0], 500)")  # the worker stores the copy after answering
        server.offline(driver)
        driver.get(server.url(GUIDE))
        _wait(driver, "return document.querySelector('.offline-note')", "the saved-copy notice")
        body = _text(driver)
        assert NEW_STEP in body and OLD_STEP not in body, "the saved copy is the new build's page"
        server.online(driver, rebuilt)
        # The new build brought a new worker (browsers look for one on every navigation), which
        # deleted the old build's caches and kept the saved guides.
        driver.get(server.url(UNSAVED))
        version = (rebuilt / "sw.js").read_text(encoding="utf-8").split('var V="', 1)[1][:16]
        names: list[str] = []
        for _ in range(150):
            names = driver.execute_async_script("const d = arguments[0]; caches.keys().then(d, e => d(['error ' + e]))")
            if all(n == "lantern-saved" or version in n for n in names):
                break
            time.sleep(0.1)
        assert "lantern-saved" in names and all(version in n for n in names if n != "lantern-saved"), names

        # "Xoá bản đã lưu" removes the guide, its handout and its photos from the phone.
        driver.get(server.url(GUIDE))
        _wait(driver, "return document.querySelector('[data-offline-save]').textContent === 'Xoá bản đã lưu'", "the remove label")
        driver.find_element("css selector", "[data-offline-save]").click()
        _wait(driver, "return document.querySelector('[data-offline-save]').textContent === 'Lưu để đọc khi không có mạng'", "the guide to be removed")
        keys = driver.execute_async_script(
            "const d = arguments[0]; caches.open('lantern-saved').then(c => c.keys()).then(k => d(k.map(r => new URL(r.url).pathname)))")
        assert keys == [], keys
    finally:
        server.stop()
        driver.quit()

"""What a resident meets on a 360x640 phone: checks over measurements taken
in the browser (see visit_page in checks.py), and First Contentful Paint
under the issue-12 profile (slow 3G: 400 kbit/s, 400 ms round trip, 4x CPU).

Each check returns a list of readable problems; the tests only assert that
the list is empty.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import sitekit

HEADER_LIMIT = 100        # px, at 360x640
FIRST_SCREEN = sitekit.MOBILE_HEIGHT  # 640 px
STEP_LINE = 24            # px of step 1 that must show within the first screen
FCP_GOAL_MS = 700         # the issue's goal: reported, not asserted
FCP_FAIL_MS = 1500        # fail only far above it (a loaded machine is noisy)
# Figures for the end of the run (conftest.pytest_terminal_summary).
REPORTS: list[str] = []

GUIDE_RE = re.compile(r"^/(?:en/guides|huong-dan)/(?!trang/|page/)[^/]+/$")
EVENT_RE = re.compile(r"^/(?:en/events|su-kien)/(?!trang/|page/)[^/]+/$")


def is_guide(path: str) -> bool:
    return bool(GUIDE_RE.match(path))


def is_event(path: str) -> bool:
    return bool(EVENT_RE.match(path))


# --------------------------------------------------------------------------
# Measuring a page (one script, run at 360 px and again at 320 px)
# --------------------------------------------------------------------------

MEASURE_JS = r"""
const place = arguments[0], viewport = arguments[1];
const done = arguments[arguments.length - 1];
const Y = () => window.scrollY;
function name(e) {
  let s = e.tagName.toLowerCase();
  if (e.id) s += '#' + e.id;
  if (typeof e.className === 'string' && e.className.trim())
    s += '.' + e.className.trim().split(/\s+/).join('.');
  const p = e.parentElement;
  return p && p !== document.body ? name(p).split(' > ').slice(-2).join(' > ') + ' > ' + s : s;
}
function shown(e) { return e.getClientRects().length > 0; }
function measure() {
  const out = {width: viewport, header: null, overflow: [], keys: [],
               empty: [], steps: null, startLinks: [], times: [], place: null};
  window.scrollTo(0, 0);
  const header = document.querySelector('body > header, header');
  if (header) out.header = Math.round(header.getBoundingClientRect().height);

  // Boxes wider than their container, and containers that hide content behind a sideways scroll.
  const root = document.documentElement;
  // A page too wide for a phone's screen widens the layout viewport (innerWidth grows past it).
  if (root.scrollWidth > viewport)
    out.overflow.push({what: 'html', by: root.scrollWidth - viewport, how: 'page scrolls sideways'});
  for (const e of document.body.querySelectorAll('*')) {
    if (e.closest('svg') && e.tagName.toLowerCase() !== 'svg') continue;
    if (!shown(e)) continue;
    const r = e.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1) continue;             // visually hidden
    if (r.right <= 0 || r.left >= window.innerWidth) continue; // moved off screen (skip link)
    const cs = getComputedStyle(e);
    if (['auto', 'scroll', 'hidden', 'clip'].includes(cs.overflowX) && e.scrollWidth > e.clientWidth + 1)
      out.overflow.push({what: name(e), by: e.scrollWidth - e.clientWidth, how: 'content hidden behind a sideways scroll'});
    const p = e.parentElement;
    if (!p || p === document.documentElement) continue;
    const pr = p.getBoundingClientRect();
    const by = Math.max(r.right - pr.right, pr.left - r.left);
    if (by > 1) out.overflow.push({what: name(e), by: Math.round(by), how: 'wider than its container ' + name(p)});
  }

  // Visible text: raw interface-string keys, and boxes drawn with nothing in them.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    const el = t.parentElement;
    if (!el || el.closest('script,style,code,pre,kbd,samp,noscript,template') || !shown(el)) continue;
    const m = t.textContent.match(/\b[a-z]+(?:_[a-z]+)+\b/g);
    if (m) for (const k of m) out.keys.push({key: k, where: name(el)});
  }
  const boxes = 'strong,em,b,i,span,small,mark,p,li,dd,dt,h1,h2,h3,h4,h5,h6,a,td,th,label,button';
  for (const e of document.body.querySelectorAll(boxes)) {
    if (!shown(e) || e.textContent.trim() !== '' || e.querySelector('img,svg,video,canvas,input,iframe,object')) continue;
    const r = e.getBoundingClientRect();
    if (r.width > 0 && r.height > 0) out.empty.push({what: name(e), html: e.outerHTML.slice(0, 160)});
  }

  // The steps of a guide: the first numbered list in main (not a breadcrumb).
  const main = document.querySelector('main') || document.body;
  const list = [...main.querySelectorAll('ol')].find(o => !o.closest('nav'));
  if (list && list.querySelector('li')) {
    out.steps = Math.round(list.querySelector('li').getBoundingClientRect().top + Y());
    const listTop = list.getBoundingClientRect().top + Y();
    for (const a of main.querySelectorAll('a[href^="#"]')) {
      if (!shown(a)) continue;
      const id = decodeURIComponent(a.getAttribute('href').slice(1));
      const t = id && document.getElementById(id);
      if (!t) continue;
      const leadsTo = t.contains(list) || (t.compareDocumentPosition(list) & Node.DOCUMENT_POSITION_FOLLOWING);
      const gap = listTop - (t.getBoundingClientRect().top + Y());
      // "Straight to the steps": the list follows the target within one screen.
      if (leadsTo && gap < 640) out.startLinks.push({href: '#' + id, bottom: Math.round(a.getBoundingClientRect().bottom + Y())});
    }
  }
  for (const t of main.querySelectorAll('time[datetime]')) {
    if (shown(t)) out.times.push({datetime: t.getAttribute('datetime'), bottom: Math.round(t.getBoundingClientRect().bottom + Y())});
  }
  if (place) {
    const w = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    for (let t = w.nextNode(); t; t = w.nextNode()) {
      const i = t.textContent.indexOf(place);
      if (i < 0 || !shown(t.parentElement)) continue;
      const range = document.createRange();
      range.setStart(t, i); range.setEnd(t, i + place.length);
      out.place = Math.round(range.getBoundingClientRect().bottom + Y());
      break;
    }
  }
  return out;
}
requestAnimationFrame(() => requestAnimationFrame(() => done(measure())));
"""


def measure(driver, width: int, place: str | None = None) -> dict:
    """The measurements of the loaded page in a viewport `width` px wide."""
    return driver.execute_async_script(MEASURE_JS, place, width)


# --------------------------------------------------------------------------
# The checks
# --------------------------------------------------------------------------

def header_problems(m: dict) -> list[str]:
    if m.get("header") is None:
        return ["no <header> element: the site's name and the way to the menu are missing"]
    if m["header"] > HEADER_LIMIT:
        return [f"the header is {m['header']} px tall at {m['width']}x{FIRST_SCREEN} "
                f"(limit {HEADER_LIMIT} px): {m['header'] * 100 // FIRST_SCREEN}% of the first screen "
                "is the same on every page; keep it to one row and move the full menu to the foot"]
    return []


def steps_problems(m: dict) -> list[str]:
    if m.get("steps") is None:
        return ["no numbered list of steps found in <main>"]
    if m["steps"] + STEP_LINE <= FIRST_SCREEN:
        return []
    links = [a for a in m.get("startLinks", []) if a["bottom"] <= FIRST_SCREEN]
    if links:
        return []
    found = ", ".join(f"{a['href']} ends at {a['bottom']} px" for a in m.get("startLinks", []))
    return [f"step 1 starts {m['steps']} px down ({m['steps'] / FIRST_SCREEN:.1f} screens of "
            f"{FIRST_SCREEN} px) and no link straight to the steps ends within the first "
            f"{FIRST_SCREEN} px" + (f" ({found})" if found else "")]


def event_problems(m: dict, date: str, place: str) -> list[str]:
    problems = []
    times = [t for t in m.get("times", []) if t["datetime"].startswith(date)]
    if not times:
        problems.append(f"no <time datetime=\"{date}…\"> in <main> for the event's date")
    elif times[0]["bottom"] > FIRST_SCREEN:
        problems.append(f"the date and time end {times[0]['bottom']} px down, below the first "
                        f"{FIRST_SCREEN} px: put them directly under the title")
    if m.get("place") is None:
        problems.append(f"the place ({place!r}, from calendar.ics) is not shown in <main>")
    elif m["place"] > FIRST_SCREEN:
        problems.append(f"the place ({place!r}) ends {m['place']} px down, below the first "
                        f"{FIRST_SCREEN} px: put it directly under the title")
    return problems


def overflow_problems(m: dict, limit: int = 8) -> list[str]:
    items = sorted(m.get("overflow", []), key=lambda o: -o["by"])
    lines = [f"{o['what']}: {o['by']} px, {o['how']}" for o in items[:limit]]
    if len(items) > limit:
        lines.append(f"... and {len(items) - limit} more")
    return [f"at {m['width']} px: {line}" for line in lines]


def key_problems(m: dict) -> list[str]:
    return [f"raw interface-string key {k['key']!r} shown in {k['where']}" for k in m.get("keys", [])]


def empty_problems(m: dict) -> list[str]:
    return [f"empty box drawn: {e['what']}: {e['html']}" for e in m.get("empty", [])]


# --------------------------------------------------------------------------
# An event's date and place, from the calendar.ics beside its page
# --------------------------------------------------------------------------

def event_facts(page_file: Path) -> tuple[str, str] | None:
    """(local date YYYY-MM-DD, first part of the place) from the event's
    calendar.ics, or None when there is none."""
    ics = Path(page_file).parent / "calendar.ics"
    if not ics.is_file():
        return None
    text = re.sub(r"\r?\n[ \t]", "", ics.read_text(encoding="utf-8"))  # unfold lines
    start = re.search(r"^DTSTART[^:\n]*:(\d{8})(?:T(\d{6})(Z?))?", text, re.M)
    location = re.search(r"^LOCATION:(.*)$", text, re.M)
    if not start or not location:
        return None
    day = datetime.strptime(start.group(1), "%Y%m%d")
    if start.group(2) and start.group(3):  # UTC: the page shows Vietnam time (UTC+7)
        day = datetime.strptime(start.group(1) + start.group(2), "%Y%m%d%H%M%S") + timedelta(hours=7)
    place = re.split(r"\\,", location.group(1))[0].replace("\\;", ";").replace("\\\\", "\\").strip()
    return day.strftime("%Y-%m-%d"), place


# --------------------------------------------------------------------------
# First Contentful Paint under the slow-3G profile
# --------------------------------------------------------------------------

SLOW_3G = {"offline": False, "latency": 400, "downloadThroughput": 400_000 // 8,
           "uploadThroughput": 400_000 // 8}
CPU_SLOWDOWN = 4


@dataclass
class Paint:
    fcp_ms: dict[str, float] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    # Requests that held back the first paint (a linked stylesheet, a script in the
    # head): each costs another round trip before the resident sees anything.
    blocking: dict[str, list[str]] = field(default_factory=dict)

    def blocking_report(self, limit: int = 5) -> str:
        pages = sorted(self.blocking.items())
        lines = [f"{len(pages)} page(s) wait for another request before their first paint "
                 "(render-blocking, Performance API renderBlockingStatus): inline the critical CSS"]
        lines += [f"  {p}: {', '.join(urls)}" for p, urls in pages[:limit]]
        if len(pages) > limit:
            lines.append(f"  ... and {len(pages) - limit} more")
        return "\n".join(lines)

    @property
    def median(self) -> float | None:
        return statistics.median(self.fcp_ms.values()) if self.fcp_ms else None

    def report(self) -> str:
        if not self.fcp_ms:
            return "First Contentful Paint: no page reported one"
        values = sorted(self.fcp_ms.values())
        slow = sorted(self.fcp_ms.items(), key=lambda kv: -kv[1])[:3]
        p90 = values[min(len(values) - 1, int(len(values) * 0.9))]
        return (f"First Contentful Paint over {len(values)} pages (slow 3G 400 kbit/s, 400 ms RTT, "
                f"{CPU_SLOWDOWN}x CPU, gzip): median {self.median:.0f} ms, min {values[0]:.0f}, "
                f"p90 {p90:.0f}, max {values[-1]:.0f} (goal {FCP_GOAL_MS} ms; fails above "
                f"{FCP_FAIL_MS} ms); slowest: " + ", ".join(f"{p} {v:.0f} ms" for p, v in slow)
                + (f"; no paint entry: {', '.join(self.missing[:5])}" if self.missing else ""))


_FCP_JS = """
const done = arguments[arguments.length - 1];
const get = () => performance.getEntriesByName('first-contentful-paint')[0];
const blocking = () => performance.getEntriesByType('resource')
  .filter(r => r.renderBlockingStatus === 'blocking').map(r => new URL(r.name).pathname);
const finish = (f) => done({fcp: f ? f.startTime : null, blocking: blocking()});
if (get()) { finish(get()); return; }
new PerformanceObserver(() => { if (get()) finish(get()); }).observe({type: 'paint', buffered: true});
setTimeout(() => finish(null), 5000);
"""


def first_contentful_paints(driver, urls: dict[str, str]) -> Paint:
    """Loads every url (label -> url) with the slow-3G profile and the cache
    off, and reads its First Contentful Paint; the profile is lifted after."""
    paint = Paint()
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
    driver.execute_cdp_cmd("Network.emulateNetworkConditions", SLOW_3G)
    driver.execute_cdp_cmd("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    try:
        for label, url in urls.items():
            driver.get("about:blank")
            driver.get(url)
            result = driver.execute_async_script(_FCP_JS)
            if result["fcp"] is None:
                paint.missing.append(label)
            else:
                paint.fcp_ms[label] = float(result["fcp"])
            if result["blocking"]:
                paint.blocking[label] = result["blocking"]
    finally:
        driver.execute_cdp_cmd("Emulation.setCPUThrottlingRate", {"rate": 1})
        driver.execute_cdp_cmd("Network.emulateNetworkConditions",
                               {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
        driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": False})
    return paint

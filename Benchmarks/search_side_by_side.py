#!/usr/bin/env python3
"""Lantern's search and Pagefind's on the same built site, measured in a real browser.

    python3 Benchmarks/search_side_by_side.py SITE_DIR [--query "dien thoai" ...] [--json]

SITE_DIR is a site built by `lantern build` (the sample site, or the 10 000-page benchmark site).
Pagefind 1.5.2 (PyPI `pagefind[extended]`) is installed into a venv under Benchmarks/.work/ the
first time (nothing global) and run over SITE_DIR's HTML, its bundle written beside, not into, the
site. Both are then served from 127.0.0.1 the way a real host serves them (a file's `.gz` twin with
Content-Encoding: gzip, as nginx's gzip_static; Pagefind's index files are gzip streams already),
and headless Chromium (Tests/browser/sitekit.py) runs each query on a fresh page:

* Lantern: /tim-kiem/ (the search page), the query typed into the box, until results show;
* Pagefind: its documented API (`pagefind.js`, `search()`, then `data()` of the top 10 hits,
  as many results as Lantern shows).

Reported per query: the bytes on the wire for everything the query fetched after the page loaded
(script, WASM, metadata, index shards, result data), and the first result. Also each tool's total
index size per page (gzip), and whether "dien" finds pages spelled "điện" (đ folded to d).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import os
import threading
import json
import shutil
import subprocess
import sys
import venv
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "Tests" / "browser"))
import sitekit  # noqa: E402

WORK = HERE / ".work"
VENV = WORK / "pagefind-venv"
PAGEFIND = "pagefind[extended]==1.5.2"
QUERIES = ["dien thoai", "thanh toan", "mat khau", "can cuoc", "dich vu"]
# Does "dien" find "điện"? Pagefind folds tones since 1.5, but not đ.
EXTRA = ["dien", "điện", "điện thoại"]

LANTERN_RUN = """
const q = arguments[0], done = arguments[arguments.length - 1], t0 = performance.now();
const box = document.getElementById('search-q');
box.value = q; box.dispatchEvent(new Event('input', {bubbles: true}));
(function poll() {
  const first = document.querySelector('#search-results li .search-title');
  const status = document.getElementById('search-status').textContent;
  // The top 5 show first and the next 5 follow: give them half a second (the server is local).
  if (status || performance.now() - t0 > 20000) return setTimeout(() => done({
    first: document.querySelector('#search-results li .search-title')?.textContent ?? null,
    hits: document.querySelectorAll('#search-results li').length}), 500);
  setTimeout(poll, 20);
})();
"""

PAGEFIND_RUN = """
const q = arguments[0], done = arguments[arguments.length - 1];
(async () => {
  const pf = await import('/pagefind/pagefind.js');
  await pf.options({basePath: '/pagefind/'});
  const r = await pf.search(q);
  const top = await Promise.all(r.results.slice(0, 10).map(x => x.data()));
  done({first: top.length ? top[0].meta.title : null, hits: r.results.length,
        texts: top.map(d => d.content)});
})().catch(e => done({error: String(e)}));
"""


class Counting(sitekit._Handler):
    """sitekit's handler (gzip_static), noting every response body's bytes: Pagefind fetches from a
    Web Worker, whose requests the page's performance timeline does not show."""
    sent: list = []

    def send_head(self):
        f = super().send_head()
        if f is not None and hasattr(f, "fileno"):
            Counting.sent.append((self.path.rsplit("/", 1)[-1], os.fstat(f.fileno()).st_size))
        return f


class Server:
    def __init__(self, root: Path):
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Counting, directory=str(root)))
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def url(self, path: str) -> str:
        return self.base + path


def run(driver, server: Server, page: str, script: str, query: str) -> dict:
    driver.get(server.url(page))
    Counting.sent.clear()
    r = driver.execute_async_script(script, query)
    r["files"] = list(Counting.sent)
    return r


def pagefind_python() -> Path:
    py = VENV / "bin" / "python"
    if not py.exists():
        print(f"installing {PAGEFIND} into {VENV}", file=sys.stderr)
        venv.create(VENV, with_pip=True)
        subprocess.run([str(py), "-m", "pip", "install", "-q", PAGEFIND], check=True)
    return py


def gz_size(path: Path) -> int:
    twin = path.with_name(path.name + ".gz")
    if twin.is_file():
        return twin.stat().st_size
    data = path.read_bytes()
    return len(data) if data[:2] == b"\x1f\x8b" else len(gzip.compress(data, 9, mtime=0))


def build_pagefind(site: Path) -> Path:
    """Pagefind's bundle for the site, in Benchmarks/.work/pagefind-<name>/pagefind/, with a blank
    page to run it from and .gz twins of its plain files (as Lantern writes for every file)."""
    root = WORK / f"pagefind-{site.name}"
    shutil.rmtree(root, ignore_errors=True)
    bundle = root / "pagefind"
    subprocess.run([str(pagefind_python()), "-m", "pagefind", "--site", str(site), "--output-path", str(bundle),
                    "--silent"], check=True)
    (root / "index.html").write_text("<!DOCTYPE html><html lang=vi><meta charset=utf-8><title>pf</title>", encoding="utf-8")
    for f in list(bundle.rglob("*")):
        if f.is_file() and f.suffix in (".js", ".json", ".css"):
            f.with_name(f.name + ".gz").write_bytes(gzip.compress(f.read_bytes(), 9, mtime=0))
    return root


def pagefind_index(bundle: Path) -> dict:
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    pages = sum(v["page_count"] for v in entry["languages"].values())
    index = sum(f.stat().st_size for f in bundle.rglob("*") if f.suffix in (".pf_meta", ".pf_index", ".pf_fragment"))
    return {"pages": pages, "index_gzip_total": index, "index_gzip_per_page": round(index / max(pages, 1), 1),
            "script_gzip": gz_size(bundle / "pagefind.js") + gz_size(bundle / "pagefind-worker.js"),
            "wasm_gzip": {f.name: f.stat().st_size for f in bundle.glob("wasm.*.pagefind")}}


def lantern_index(site: Path) -> dict:
    folder = site / "search" / "vi"
    files = [f for f in folder.glob("*.json")]
    pages = sum(len(json.loads(f.read_text(encoding="utf-8"))) for f in folder.glob("d-*.json"))
    total = sum(gz_size(f) for f in files)
    return {"pages": pages, "index_gzip_total": total, "index_gzip_per_page": round(total / max(pages, 1), 1),
            "script_gzip": gz_size(next((site / "search").glob("search.*.js")))}


def wire(files) -> int:
    return sum(f[1] for f in files)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("site", type=Path)
    ap.add_argument("--query", action="append")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    site = a.site.resolve()
    if not (site / "tim-kiem" / "index.html").is_file():
        sys.exit(f"{site}: no tim-kiem/index.html: build the site with `lantern build` first")
    queries = a.query or QUERIES
    pf_root = build_pagefind(site)
    out = {"site": str(site), "lantern": {"index": lantern_index(site), "queries": {}},
           "pagefind": {"index": pagefind_index(pf_root / "pagefind"), "queries": {}}}
    driver = sitekit.make_driver()
    try:
        lantern, pf = Server(site), Server(pf_root)
        for q in queries + EXTRA:
            r = run(driver, lantern, "/tim-kiem/", LANTERN_RUN, q)
            # The script came with the page (before counting started); Pagefind's is counted.
            out["lantern"]["queries"][q] = {"bytes": wire(r["files"]) + out["lantern"]["index"]["script_gzip"], "first": r["first"], "hits": r["hits"], "files": r["files"]}
            r = run(driver, pf, "/", PAGEFIND_RUN, q)
            if r.get("error"):
                sys.exit(f"pagefind in the browser: {r['error']}")
            texts = r.pop("texts")
            out["pagefind"]["queries"][q] = {"bytes": wire(r["files"]), "first": r["first"], "hits": r["hits"],
                                             "top_with_đ": sum("điện" in t.lower() for t in texts), "files": r["files"]}
    finally:
        driver.quit()
    if a.json:
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return
    li, pi = out["lantern"]["index"], out["pagefind"]["index"]
    print(f"{site}")
    print(f"  index, gzip:   Lantern {li['index_gzip_total']} B / {li['pages']} vi documents = {li['index_gzip_per_page']} B/page;"
          f"  Pagefind {pi['index_gzip_total']} B / {pi['pages']} pages (vi + en) = {pi['index_gzip_per_page']} B/page")
    print(f"  script, gzip:  Lantern {li['script_gzip']} B;  Pagefind {pi['script_gzip']} B + WASM {pi['wasm_gzip']}")
    print("  query: bytes on the wire, script included (Lantern | Pagefind), hits (Lantern shows 10), first result")
    for q in queries + EXTRA:
        lq, pq = out["lantern"]["queries"][q], out["pagefind"]["queries"][q]
        print(f"  {q!r:14} {lq['bytes']:>8} B | {pq['bytes']:>8} B   hits {lq['hits']:>3} | {pq['hits']:>5}   "
              f"{lq['first']!r} | {pq['first']!r}")
    d, dd = out["pagefind"]["queries"]["dien"], out["pagefind"]["queries"]["điện"]
    print(f"  Pagefind: 'dien' {d['hits']} hits ({d['top_with_đ']} of its top 10 say 'điện'); 'điện' {dd['hits']} hits."
          f"  Lantern: 'dien' {out['lantern']['queries']['dien']['hits']} shown, first {out['lantern']['queries']['dien']['first']!r}")


if __name__ == "__main__":
    main()

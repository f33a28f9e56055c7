#!/usr/bin/env python3
"""Measures Lantern's search index on a built site against the budgets of issue 13.

    python3 Benchmarks/search_budget.py SITE_DIR [--query "thanh toan" ...] [--json]

Reports, gzip level 9 (the `.gz` copies Lantern writes are used when present):

* index bytes per page: every file under search/<lang>/ (term shards + result chunks), summed,
  divided by the pages indexed (entries in the result chunks); budget <= 200 B/page;
* the search script's size; budget <= 4 KB;
* what a 2-syllable query transfers: the script, the shards its syllables (and their synonyms)
  need, and the result chunks of its top 10 hits. The hits are not ranked here: the 10 largest
  chunks are counted, an upper bound. Budget <= 100 KB at 10 000 pages, <= 15 KB on the sample;
* the same for the worst 2-syllable query: the two largest shards.

The search page itself (it carries the shard names) is reported beside, not in, the query total.
Only the standard library is used.
"""

import argparse
import gzip
import html
import json
import re
import sys
import unicodedata
from pathlib import Path

DEFAULT_QUERIES = ["thanh toan", "dien thoai", "mat khau", "can cuoc", "dich vu"]


def fold(s: str) -> str:
    s = unicodedata.normalize("NFD", s).lower()
    s = "".join(c for c in s if not (0x300 <= ord(c) <= 0x36F))
    return s.replace("\u0111", "d")


def shard_key(term: str) -> str:
    return "".join(c if re.match(r"[a-z0-9]", c) else "_" for c in term[:2])


def shards_for(keys: dict, term: str, prefix: bool) -> list[str]:
    """The shards the script fetches for a term (as SearchScript's `shards` and ShardPlan)."""
    g = shard_key(term)
    if g in keys:
        return [g]
    y = re.sub(r"[^a-z0-9]", "_", term.split(" ")[0])
    hot = [k[len(g) + 1:] for k in keys if k.startswith(g + "-") and k != g + "-"]
    best = max((x for x in hot if y.startswith(x)), key=len, default="")
    out = [g + "-" + x for x in hot if prefix and x.startswith(y)]
    if best:
        out.append(g + "-" + best)
    elif g + "-" in keys:
        out.append(g + "-")
    return sorted(set(out))


def gz_size(path: Path) -> int:
    pre = path.with_name(path.name + ".gz")
    if pre.is_file():
        return pre.stat().st_size
    return len(gzip.compress(path.read_bytes(), 9, mtime=0))


def manifest(site: Path, page: str) -> dict:
    text = (site / page).read_text(encoding="utf-8")
    m = re.search(r'data-index="([^"]*)"', text)
    if not m:
        sys.exit(f"{site / page}: no data-index attribute: is this a Lantern site built with search?")
    return json.loads(html.unescape(m.group(1)))


def measure(site: Path, queries: list[str]) -> dict:
    scripts = sorted((site / "search").glob("search.*.js"))
    if not scripts:
        sys.exit(f"{site}/search/: no search script: build the site with a Lantern that has search")
    script = gz_size(scripts[0])
    out = {"site": str(site), "script_gzip": script, "languages": {}}
    for lang, page in (("vi", "tim-kiem/index.html"), ("en", "en/search/index.html")):
        if not (site / page).is_file():
            continue
        m = manifest(site, page)
        folder = site / m["b"].strip("/")
        # The shard keys: on the page, or on a large site in their own file (fetched once).
        keys = m["t"].split() if "t" in m else json.loads((folder / m["k"]).read_text(encoding="utf-8")).split()
        keys_file = gz_size(folder / m["k"]) if "k" in m else 0
        shards = {k: gz_size(folder / f"t-{k}.{m['v']}.json") for k in keys}
        chunk_names = [f"d-{i}.{m['v']}.json" for i in range(m["d"])]
        chunks = [gz_size(folder / n) for n in chunk_names]
        pages = sum(len(json.loads((folder / n).read_text(encoding="utf-8"))) for n in chunk_names)
        total = sum(shards.values()) + sum(chunks)
        top_chunks = sum(sorted(chunks, reverse=True)[:10])

        def query_bytes(q: str) -> int:
            terms = fold(q).split()
            alternatives = [terms]
            padded = " " + " ".join(terms) + " "
            for group in m["y"]:
                for a in group:
                    if " " + a + " " in padded:
                        alternatives += [padded.replace(" " + a + " ", " " + b + " ").split() for b in group if b != a]
            # The last typed syllable may be unfinished (a prefix); a synonym's words are whole.
            keys = {k for j, alt in enumerate(alternatives) for i, t in enumerate(alt)
                    for k in shards_for(shards, t, j == 0 and i == len(alt) - 1 and len(t) > 1)}
            return script + keys_file + sum(shards.get(k, 0) for k in keys) + top_chunks

        # The worst 2-syllable query: the two largest shards one syllable can need.
        worst = sorted(shards.values(), reverse=True)[:2]
        out["languages"][lang] = {
            "pages": pages,
            "index_gzip_total": total,
            "index_gzip_per_page": round(total / max(pages, 1), 1),
            "shards": len(shards),
            "largest_shard_gzip": max(shards.values(), default=0),
            "chunks": len(chunks),
            "search_page_gzip": gz_size(site / page),
            "queries": {q: query_bytes(q) for q in queries},
            "keys_file_gzip": keys_file,
            "worst_2_syllable_query": script + keys_file + sum(worst) + top_chunks,
        }
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("site", type=Path)
    ap.add_argument("--query", action="append", help="a query to measure (repeatable)")
    ap.add_argument("--json", action="store_true", help="print JSON instead of a table")
    a = ap.parse_args()
    r = measure(a.site, a.query or DEFAULT_QUERIES)
    if a.json:
        print(json.dumps(r, indent=2, ensure_ascii=False))
        return
    print(f"{r['site']}: search script {r['script_gzip']} B gzip (budget 4096)")
    for lang, v in r["languages"].items():
        print(f"[{lang}] {v['pages']} pages, {v['shards']} shards (largest {v['largest_shard_gzip']} B), {v['chunks']} chunks")
        print(f"  index: {v['index_gzip_total']} B gzip = {v['index_gzip_per_page']} B/page (budget 200)")
        print(f"  search page: {v['search_page_gzip']} B gzip" + (f"; shard keys in their own file: {v['keys_file_gzip']} B gzip" if v["keys_file_gzip"] else ""))
        for q, b in v["queries"].items():
            print(f"  query {q!r}: <= {b} B (script + keys file + shards + 10 largest chunks)")
        print(f"  worst 2-syllable query (two largest shards): <= {v['worst_2_syllable_query']} B")


if __name__ == "__main__":
    main()

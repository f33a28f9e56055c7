#!/usr/bin/env bash
# Paired benchmark: Lantern, the Markdown floor, Hugo (and optionally an older Lantern) run in
# alternation on the same generated site, so machine noise falls on every tool alike.
#
#   bash Benchmarks/paired.sh [N ...]        N pages, default 10000; e.g. `paired.sh 10000 100000`
#
# Environment (all optional):
#   LANTERN_BIN=/path/lantern      binary to measure (default: swift build -c release --static-swift-stdlib --product lantern)
#   LANTERN_BIN_OLD=/path/lantern  an older binary measured in the same rounds ("lantern-old")
#   LANTERN_OLD_TEMPLATES=DIR      the older binary's own templates/ (e.g. `git archive d6de734 templates`):
#                                  it then builds a copy of the same content with those templates
#   RUNS=5                         rounds; each round runs every tool once, in rotating order
#   OUT_BASE=DIR                   where outputs go (default /dev/shm/lantern-bench: tmpfs)
#   SITE_BASE=DIR                  where sites are generated (default Benchmarks/.work)
#   HUGO=0                         leave Hugo out
#   HUGO_TIMEOUT=900 HUGO_MEM_GB=16  Hugo's wall-time limit and address-space cap per run
#
# Each run is timed with /usr/bin/time -f (wall, user, sys, peak RSS); output folders are deleted
# before each run, untimed. The report gives medians per tool and the ratios issue 17 asks for:
# Lantern/floor CPU (user+sys), Lantern/Hugo wall, peak RSS, and for several N the 100k/10k ratio.
# Precompression is off in the generated site (`precompress: false`), like Hugo.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(dirname "$HERE")"
SIZES=("$@"); [ ${#SIZES[@]} -gt 0 ] || SIZES=(10000)
RUNS="${RUNS:-5}"
OUT_BASE="${OUT_BASE:-/dev/shm/lantern-bench}"
SITE_BASE="${SITE_BASE:-$HERE/.work}"
HUGO="${HUGO:-1}"
HUGO_TIMEOUT="${HUGO_TIMEOUT:-900}"
HUGO_MEM_GB="${HUGO_MEM_GB:-16}"
RESULTS="$SITE_BASE/paired.tsv"

die() { printf '\npaired.sh: ERROR: %s\n' "$*" >&2; exit 1; }
say() { printf '\n== %s\n' "$*"; }

[ -x /usr/bin/time ] || die "/usr/bin/time is missing (apt-get install time)"
command -v cc >/dev/null || die "no C compiler (cc) for the floor"
if [ "$HUGO" = 1 ] && ! command -v hugo >/dev/null; then
    echo "note: hugo is not installed; running without it (install: apt-get install hugo)" >&2
    HUGO=0
fi

# ---------------------------------------------------------------- binaries
if [ -n "${LANTERN_BIN:-}" ]; then
    LANTERN="$LANTERN_BIN"
else
    say "building lantern (swift build -c release --static-swift-stdlib --product lantern)"
    (cd "$REPO" && swift build -c release --static-swift-stdlib --product lantern) || die "building lantern failed"
    LANTERN="$(cd "$REPO" && swift build -c release --static-swift-stdlib --show-bin-path)/lantern"
fi
[ -x "$LANTERN" ] || die "$LANTERN is not an executable file"
[ -z "${LANTERN_BIN_OLD:-}" ] || [ -x "$LANTERN_BIN_OLD" ] || die "LANTERN_BIN_OLD=$LANTERN_BIN_OLD is not executable"

mkdir -p "$SITE_BASE" "$OUT_BASE"
FLOOR="$SITE_BASE/floor"
say "building the floor (cc -O2 floor.c -lcmark-gfm-extensions -lcmark-gfm)"
cc -O2 -pthread "$HERE/floor/floor.c" -o "$FLOOR" -lcmark-gfm-extensions -lcmark-gfm \
    || die "compiling Benchmarks/floor/floor.c failed (needs libcmark-gfm-dev)"

# ---------------------------------------------------------------- one timed run
# run TOOL N OUT COMMAND... : appends "N tool round wall user sys rss_kb status" to $RESULTS.
run() {
    local tool="$1" n="$2" round="$3" out="$4"; shift 4
    local t="$SITE_BASE/time.txt" log="$SITE_BASE/log-$tool-$n.txt" status=ok
    rm -rf "$out"
    if ! /usr/bin/time -f '%e %U %S %M' -o "$t" "$@" >"$log" 2>&1; then
        status=failed
        if [ "$tool" = hugo ]; then
            # timeout exits 124; an address-space cap shows as an allocation failure or a kill.
            if grep -q 'Command exited with non-zero status 124' "$t"; then status=timeout
            elif grep -qiE 'out of memory|cannot allocate|failed to reserve|signal 9|killed' "$t" "$log"; then status=oom; fi
        else
            cat "$log" >&2; die "$tool failed on $n pages (log: $log)"
        fi
    fi
    read -r wall user sys rss < <(tail -1 "$t")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$tool" "$round" "$wall" "$user" "$sys" "$rss" "$status" >>"$RESULTS"
    printf '  %-12s round %s: %7.2f s wall %7.2f s user %6.2f s sys %7.1f MiB %s\n' \
        "$tool" "$round" "$wall" "$user" "$sys" "$(awk "BEGIN{print $rss/1024}")" "$status"
    rm -rf "$out"
}

: >"$RESULTS"
for n in "${SIZES[@]}"; do
    L_SITE="$SITE_BASE/lantern-$n" H_SITE="$SITE_BASE/hugo-$n"
    say "generating the $n-page site(s) into $SITE_BASE"
    gen=(python3 "$HERE/gen_site.py" --pages "$n" --lantern "$L_SITE")
    [ "$HUGO" = 1 ] && gen+=(--hugo "$H_SITE")
    "${gen[@]}" || die "gen_site.py failed"

    OLD_SITE="$L_SITE"
    if [ -n "${LANTERN_BIN_OLD:-}" ] && [ -n "${LANTERN_OLD_TEMPLATES:-}" ]; then
        OLD_SITE="$SITE_BASE/lantern-old-$n"
        rm -rf "$OLD_SITE" && mkdir -p "$OLD_SITE"
        cp -al "$L_SITE/content" "$OLD_SITE/content"
        cp -a "$LANTERN_OLD_TEMPLATES" "$OLD_SITE/templates"
    fi

    tools=(lantern floor)
    [ -n "${LANTERN_BIN_OLD:-}" ] && tools+=(lantern-old)
    [ "$HUGO" = 1 ] && tools+=(hugo)
    hugo_dead=0
    say "$RUNS paired rounds on $n pages: ${tools[*]} (order rotates each round)"
    for ((r = 1; r <= RUNS; r++)); do
        k=${#tools[@]}
        for ((i = 0; i < k; i++)); do
            tool=${tools[$(((i + r - 1) % k))]}
            out="$OUT_BASE/out-$tool"
            case "$tool" in
                lantern) run lantern "$n" "$r" "$out" "$LANTERN" build --source "$L_SITE" --output "$out" ;;
                lantern-old) run lantern-old "$n" "$r" "$out" "$LANTERN_BIN_OLD" build --source "$OLD_SITE" --output "$out" ;;
                floor) run floor "$n" "$r" "$out" "$FLOOR" "$L_SITE/content" "$out" ;;
                hugo)
                    [ "$hugo_dead" = 1 ] && continue
                    run hugo "$n" "$r" "$out" timeout "$HUGO_TIMEOUT" prlimit --as=$((HUGO_MEM_GB << 30)) \
                        hugo --quiet --source "$H_SITE" --destination "$out"
                    # one failure (out of memory or time) is the answer; do not repeat it
                    tail -1 "$RESULTS" | grep -q 'ok$' || hugo_dead=1 ;;
            esac
        done
    done
done

# ---------------------------------------------------------------- report
say "report ($(nproc) cores, $(date -u +%Y-%m-%d), load average now $(cut -d' ' -f1-3 /proc/loadavg))"
python3 - "$RESULTS" "$HUGO_TIMEOUT" "$HUGO_MEM_GB" <<'PY' | tee "$SITE_BASE/paired-report.txt"
import sys, statistics as st
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
timeout, mem = sys.argv[2], sys.argv[3]
by = {}
for n, tool, rnd, wall, user, sys_, rss, status in rows:
    by.setdefault(int(n), {}).setdefault(tool, []).append(
        dict(wall=float(wall), cpu=float(user) + float(sys_), user=float(user), sys=float(sys_),
             rss=int(rss) / 1024, status=status))
med = {}
for n in sorted(by):
    print(f"\n{n} pages: medians of {max(len(v) for v in by[n].values())} paired rounds")
    print(f"  {'tool':<12} {'wall s':>8} {'user s':>8} {'sys s':>7} {'cpu s':>8} {'peak RSS MiB':>13}")
    for tool, runs in by[n].items():
        ok = [r for r in runs if r["status"] == "ok"]
        if not ok:
            why = {"oom": f"ran out of memory (cap {mem} GiB)", "timeout": f"ran out of time ({timeout} s)"}
            print(f"  {tool:<12} {why.get(runs[0]['status'], 'failed')}")
            continue
        m = {k: st.median(r[k] for r in ok) for k in ("wall", "user", "sys", "cpu")}
        m["rss"] = max(r["rss"] for r in ok)
        med[(n, tool)] = m
        print(f"  {tool:<12} {m['wall']:>8.2f} {m['user']:>8.2f} {m['sys']:>7.2f} {m['cpu']:>8.2f} {m['rss']:>13.1f}")
    L, F, H, O = (med.get((n, t)) for t in ("lantern", "floor", "hugo", "lantern-old"))
    def line(ok, text): print(f"  {'PASS' if ok else 'MISS'}  {text}")
    if L and F:
        r = L["cpu"] / F["cpu"]; line(r <= 2, f"Lantern/floor CPU (user+sys) = {r:.2f}x (goal <= 2x)")
        print(f"        Lantern/floor wall = {L['wall'] / F['wall']:.2f}x")
    if L and H:
        r = L["wall"] / H["wall"]; line(r <= 0.25, f"Lantern/Hugo wall = {r:.2f}x (goal <= 0.25x)")
        print(f"        Lantern/Hugo CPU = {L['cpu'] / H['cpu']:.2f}x")
    if L:
        cap = 64 if n <= 10000 else 256
        line(L["rss"] <= cap, f"Lantern peak RSS = {L['rss']:.1f} MiB (goal <= {cap} MiB at {n} pages)")
    if L and O:
        print(f"        Lantern new/old: wall {L['wall'] / O['wall']:.2f}x, CPU {L['cpu'] / O['cpu']:.2f}x, "
              f"peak RSS {L['rss']:.1f} vs {O['rss']:.1f} MiB")
ns = sorted(n for n in by if (n, "lantern") in med)
for a, b in zip(ns, ns[1:]):
    la, lb = med[(a, "lantern")], med[(b, "lantern")]
    k = b / a
    r = lb["wall"] / la["wall"]
    print(f"\n  {'PASS' if r <= 1.1 * k else 'MISS'}  Lantern {b}/{a} wall = {r:.2f}x "
          f"(linear goal <= {1.1 * k:.0f}x), CPU {lb['cpu'] / la['cpu']:.2f}x")
PY
echo "raw data: $RESULTS (one line per run), logs: $SITE_BASE/log-*.txt"

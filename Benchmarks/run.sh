#!/usr/bin/env bash
# Lantern vs Hugo build benchmark. Usage: bash Benchmarks/run.sh [N]   (N pages, default 10000)
#
# Environment (all optional):
#   LANTERN_BIN=/path/to/lantern  use this binary instead of building one
#   LANTERN_SCRATCH=DIR           pass --scratch-path DIR to swift build
#   HUGO_ONLY=1                   benchmark Hugo alone (no Lantern build or goals)
#   RUNS=5 WARMUP=1               hyperfine runs / warm-up runs
#   OUT_BASE=DIR                  where both tools write their output (default Benchmarks/.work;
#                                 e.g. /dev/shm/lantern-bench takes the disk out of the timing)
#
# Prints a table and PASS/MISS lines for the goals; exits 0 whether goals pass or not.
# Exits non-zero only when something could not run (install, build, generation, a build error).
set -euo pipefail

N="${1:-10000}"
RUNS="${RUNS:-5}"
WARMUP="${WARMUP:-1}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(dirname "$HERE")"
WORK="$HERE/.work"
L_SITE="$WORK/lantern"
H_SITE="$WORK/hugo"
OUT_BASE="${OUT_BASE:-$WORK}"
L_OUT="$OUT_BASE/out-lantern"
H_OUT="$OUT_BASE/out-hugo"

say() { printf '\n== %s\n' "$*"; }
die() { printf '\nrun.sh: ERROR: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- tools
need=()
command -v hugo >/dev/null 2>&1 || need+=(hugo)
command -v hyperfine >/dev/null 2>&1 || need+=(hyperfine)
[ -x /usr/bin/time ] || need+=(time)
if [ "${#need[@]}" -gt 0 ]; then
    say "installing ${need[*]} with apt-get"
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    # wait for another apt/dpkg run to finish instead of failing on the lock
    $SUDO apt-get -o DPkg::Lock::Timeout=900 update -qq \
        || die "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=900 install -y -qq "${need[@]}" \
        || die "apt-get install ${need[*]} failed"
fi
command -v python3 >/dev/null 2>&1 || die "python3 is required"

# ---------------------------------------------------------------- lantern
if [ "${HUGO_ONLY:-0}" = 1 ]; then
    LANTERN=""
elif [ -n "${LANTERN_BIN:-}" ]; then
    LANTERN="$LANTERN_BIN"
    [ -x "$LANTERN" ] || die "LANTERN_BIN=$LANTERN is not an executable file"
else
    say "building lantern (swift build -c release --static-swift-stdlib --product lantern)"
    command -v swift >/dev/null 2>&1 || die "swift is not on PATH; cannot build lantern"
    [ -f "$REPO/Package.swift" ] || die "no Package.swift in $REPO; cannot build lantern"
    scratch=()
    [ -n "${LANTERN_SCRATCH:-}" ] && scratch=(--scratch-path "$LANTERN_SCRATCH")
    if ! (cd "$REPO" && swift build -c release --static-swift-stdlib --product lantern "${scratch[@]}"); then
        die "building lantern failed (compiler output above); no benchmark was run"
    fi
    LANTERN="$(cd "$REPO" && swift build -c release --static-swift-stdlib "${scratch[@]}" --show-bin-path)/lantern"
    [ -x "$LANTERN" ] || die "build succeeded but $LANTERN is missing"
fi

# ---------------------------------------------------------------- sites
say "generating $N-page sites into $WORK"
mkdir -p "$WORK" "$OUT_BASE"
gen_args=(--pages "$N" --hugo "$H_SITE")
[ -n "$LANTERN" ] && gen_args+=(--lantern "$L_SITE")
python3 "$HERE/gen_site.py" "${gen_args[@]}" | tee "$WORK/gen.txt" || die "gen_site.py failed"
if [ -n "$LANTERN" ] && [ ! -d "$L_SITE/templates" ]; then
    echo "warning: $REPO/templates/ does not exist, so the Lantern site has no templates/" >&2
fi

q() { printf '%q' "$1"; }
L_CMD="$(q "$LANTERN") build --source $(q "$L_SITE") --output $(q "$L_OUT")"
H_CMD="hugo --quiet --source $(q "$H_SITE") --destination $(q "$H_OUT")"

# ---------------------------------------------------------------- one checked run each + peak RSS
# The first run doubles as a correctness check: a failing build stops the script here.
peak_rss() {  # name out-dir command...
    local name="$1" out="$2"; shift 2
    rm -rf "$out"
    if ! /usr/bin/time -v -o "$WORK/time-$name.txt" "$@" >"$WORK/log-$name.txt" 2>&1; then
        cat "$WORK/log-$name.txt" >&2
        die "$name build failed (output above, also in $WORK/log-$name.txt)"
    fi
    local files html
    files=$(find "$out" -type f | wc -l)
    html=$(find "$out" -type f -name '*.html' | wc -l)
    printf '%-8s ok: %s files (%s .html) in %s, %s\n' "$name" "$files" "$html" "$out" "$(du -sh "$out" | cut -f1)"
}
say "checked run with /usr/bin/time -v (peak RSS)"
if [ -n "$LANTERN" ]; then
    peak_rss lantern "$L_OUT" "$LANTERN" build --source "$L_SITE" --output "$L_OUT"
fi
peak_rss hugo "$H_OUT" hugo --quiet --source "$H_SITE" --destination "$H_OUT"

# ---------------------------------------------------------------- wall time
say "hyperfine --warmup $WARMUP --runs $RUNS"
# How busy is the machine without us? Sample /proc/stat for 3 s (load average would still
# count the checked runs above).
cpu_busy() {
    local a b
    a=($(head -1 /proc/stat)); sleep 3; b=($(head -1 /proc/stat))
    local tot=0 i
    for i in 1 2 3 4 5 6 7 8; do tot=$((tot + b[i] - a[i])); done
    local idle=$(( (b[4] - a[4]) + (b[5] - a[5]) ))
    echo $(( tot > 0 ? 100 * (tot - idle) / tot : 0 ))
}
busy=$(cpu_busy)
echo "CPU busy before timing (other processes): ${busy}%"
if [ "$busy" -gt 20 ]; then
    echo "warning: the machine is ${busy}% busy without the benchmark; timings will be skewed" >&2
fi
hf=(hyperfine --warmup "$WARMUP" --runs "$RUNS" --export-json "$WORK/hyperfine.json")
if [ -n "$LANTERN" ]; then
    hf+=(--command-name lantern --prepare "rm -rf $(q "$L_OUT")" "$L_CMD")
fi
hf+=(--command-name hugo --prepare "rm -rf $(q "$H_OUT")" "$H_CMD")
"${hf[@]}" || die "hyperfine failed"

# ---------------------------------------------------------------- report
say "report ($N pages, $(nproc) cores, hugo $(hugo version | awk '{print $2}'), CPU busy before timing ${busy}%)"
python3 - "$WORK" "$N" <<'PY' | tee "$WORK/report.txt"
import json, re, sys, os
work, n = sys.argv[1], sys.argv[2]
res = {r["command"]: r for r in json.load(open(os.path.join(work, "hyperfine.json")))["results"]}

def rss_mib(name):
    try:
        t = open(os.path.join(work, f"time-{name}.txt")).read()
    except OSError:
        return None
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", t)
    return int(m.group(1)) / 1024 if m else None

print(f"{'tool':<8} {'mean (s)':>9} {'± stddev':>9} {'median':>8} {'min':>8} {'max':>8} "
      f"{'user':>8} {'sys':>8} {'peak RSS (MiB)':>15}")
for name in ("lantern", "hugo"):
    if name not in res:
        continue
    r, rss = res[name], rss_mib(name)
    sd = r.get("stddev") or 0.0
    print(f"{name:<8} {r['mean']:>9.3f} {sd:>9.3f} {r['median']:>8.3f} {r['min']:>8.3f} "
          f"{r['max']:>8.3f} {r['user']:>8.3f} {r['system']:>8.3f} "
          f"{(f'{rss:.1f}' if rss is not None else 'n/a'):>15}")
if "lantern" in res and "hugo" in res:
    ratio = res["lantern"]["mean"] / res["hugo"]["mean"]
    mratio = res["lantern"]["median"] / res["hugo"]["median"]
    print(f"ratio lantern/hugo: mean {ratio:.3f}, median {mratio:.3f}")
    print(f"{'PASS' if ratio <= 0.5 else 'MISS'}  speed goal: lantern/hugo = {ratio:.3f} (goal <= 0.5)")
    rss = rss_mib("lantern")
    if rss is None:
        print("MISS  memory goal: lantern peak RSS not measured (goal <= 128 MiB)")
    else:
        print(f"{'PASS' if rss <= 128 else 'MISS'}  memory goal: lantern peak RSS = {rss:.1f} MiB (goal <= 128 MiB)")
else:
    print("goals not checked (Lantern not benchmarked)")
PY
echo "raw data: $WORK/hyperfine.json, $WORK/time-*.txt, $WORK/report.txt"
exit 0

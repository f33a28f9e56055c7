#!/usr/bin/env bash
# Fuzzes Lantern's input parsers with libFuzzer + AddressSanitizer, for a bounded time each:
#   FuzzFrontMatter  a content page (front matter split, YAML, field decoders) via Builder.reload
#   FuzzMarkdown     a page body through MarkdownRenderer (raw HTML off, then on)
#   FuzzTemplates    a template plus partials, parsed and rendered with a fixed context
#
#   bash scripts/fuzz.sh [SECONDS] [TARGET...]     (default: 60 seconds, all three targets)
#
# A crash, a memory error, an input slower than $FUZZ_TIMEOUT seconds or a run above
# $FUZZ_RSS_MB MiB is a finding: the input is saved under .build-fuzz/findings/<target>/, its path
# printed, and the script exits 1. Leak checks are off: LeakSanitizer reports Swift objects that are
# still in use (the sample site's parsed templates, held by a global: it misses pointers that Swift
# keeps with tag bits in enum payloads). Reproduce one with `.build-fuzz/debug/<target> <file>`.
# Seeds come from the sample site (content/, templates/) and are rebuilt on every run; what
# libFuzzer learns is kept in .build-fuzz/corpus/<target>/, so later and longer runs go further.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(FuzzFrontMatter FuzzMarkdown FuzzTemplates)
timeout_s=${FUZZ_TIMEOUT:-10}
rss_mb=${FUZZ_RSS_MB:-2048}
scratch=.build-fuzz
mkdir -p "$scratch/logs"
export ASAN_OPTIONS="detect_leaks=0:${ASAN_OPTIONS:-}"  # also the check at exit, not only per input
export SWIFT_BACKTRACE=enable=no  # ASan has printed the stack; the Swift backtracer only adds noise

# Build: every module instrumented for coverage and ASan; -DFUZZING drops each target's replay
# `main` so libFuzzer's own main is linked instead. (cmark-gfm is a system library: ASan sees
# its mallocs and frees, but libFuzzer gets no coverage from inside it.)
for target in "${targets[@]}"; do
    echo "== building $target (sanitizers: fuzzer, address)"
    if ! swift build --scratch-path "$scratch" --sanitize fuzzer --sanitize address -Xswiftc -DFUZZING \
            --product "$target" > "$scratch/logs/build-$target.log" 2>&1; then
        grep -E "error:" "$scratch/logs/build-$target.log" | head -20 || tail -20 "$scratch/logs/build-$target.log"
        echo "fuzz.sh: building $target failed (log: $scratch/logs/build-$target.log)"
        exit 1
    fi
done

# Seeds from the sample site: whole pages for the front matter, bodies for Markdown, and each
# template followed by every partial and parent (as `==== name` parts) for the templates.
seeds=$scratch/seeds
rm -rf "$seeds"
mkdir -p "$seeds/FuzzFrontMatter" "$seeds/FuzzMarkdown" "$seeds/FuzzTemplates"
while IFS= read -r page; do
    name=$(echo "${page#content/}" | tr / _)
    cp "$page" "$seeds/FuzzFrontMatter/$name"
    awk 'n >= 2 { print } /^---$/ && n < 2 { n++ }' "$page" > "$seeds/FuzzMarkdown/$name"
done < <(find content -name '*.md' | sort)
# The templates a template needs, transitively (`{{> name}}` partials, `{{< name}}` parents).
needs() {
    local queue=("$1") seen=" $1 " name next
    while [ ${#queue[@]} -gt 0 ]; do
        name=${queue[0]}; queue=("${queue[@]:1}")
        for next in $(grep -ohE '\{\{[<>] *[A-Za-z0-9_-]+' "templates/$name.mustache" "templates/partials/$name.mustache" 2>/dev/null \
                      | sed -E 's/\{\{[<>] *//' | sort -u); do
            case "$seen" in *" $next "*) continue ;; esac
            seen="$seen$next "; queue+=("$next"); echo "$next"
        done
    done
}
for template in templates/*.mustache templates/partials/*.mustache; do
    name=$(basename "$template" .mustache)
    {
        cat "$template"
        for part in $(needs "$name"); do
            printf '\n==== %s\n' "$part"
            cat "templates/$part.mustache" "templates/partials/$part.mustache" 2>/dev/null || true
        done
    } > "$seeds/FuzzTemplates/$name"
done

findings=0
for target in "${targets[@]}"; do
    corpus=$scratch/corpus/$target
    found=$scratch/findings/$target
    log=$scratch/logs/$target.log
    mkdir -p "$corpus" "$found"
    dict=Fuzz/$(echo "${target#Fuzz}" | tr '[:upper:]' '[:lower:]').dict
    echo "== fuzzing $target for ${seconds}s (timeout ${timeout_s}s per input, ${rss_mb} MiB)"
    start=$(date +%s)
    touch "$scratch/logs/$target.started"
    set +e
    # New interesting inputs go to the first folder ($corpus); the seeds are only read.
    "$scratch/debug/$target" "$corpus" "$seeds/$target" \
        -max_total_time="$seconds" -timeout="$timeout_s" -rss_limit_mb="$rss_mb" -max_len=8192 \
        -detect_leaks=0 -dict="$dict" -artifact_prefix="$found/" -print_final_stats=1 > "$log" 2>&1
    status=$?
    set -e
    runs=$(grep -oE "stat::number_of_executed_units: [0-9]+" "$log" | grep -oE "[0-9]+$" || echo "?")
    echo "   $((  $(date +%s) - start ))s, $runs inputs run, exit $status (log: $log)"
    if [ $status -ne 0 ]; then
        findings=$((findings + 1))
        grep -E "^==[0-9]+==ERROR|^SUMMARY|FUZZ CHECK FAILED|ALARM|out-of-memory|Test unit written" "$log" | head -8 | sed 's/^/   /'
        for input in $(find "$found" -type f -newer "$scratch/logs/$target.started"); do
            echo "   FINDING: $input (replay: $scratch/debug/$target $input)"
        done
    fi
done

if [ $findings -gt 0 ]; then
    echo "fuzz.sh: $findings target(s) found a crash, hang or memory blow-up (inputs under $scratch/findings/)"
    exit 1
fi
echo "fuzz.sh: no findings (${seconds}s per target)"

#!/usr/bin/env bash
# The Swift test suite under sanitizers (debug builds, each in its own scratch folder):
#   address    every test with AddressSanitizer; UndefinedBehaviorSanitizer on the C code
#              (libyaml inside Yams, CLanternSystem): swiftc 6.3 has no -sanitize=undefined on
#              Linux                                                               (.build-asan)
#   thread     the tests that load, render or serve on many threads, with ThreadSanitizer (.build-tsan)
#
#   bash scripts/sanitize.sh [address|thread]...      (default: both)
#
# Any sanitizer report fails the run, even when every test passed: ASan stops the process at the
# first bad access; UBSan and TSan report and go on, so their logs are searched afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."

# LeakSanitizer (part of ASan on Linux) reports Swift objects that are still in use, because it
# misses pointers that Swift keeps with tag bits in enum payloads; leaks are not checked here.
# Reports go to files (one per process), so that those of the `lantern` processes the CLI tests
# start, whose output the tests discard, are seen too.
base_asan=${ASAN_OPTIONS:-} base_ubsan=${UBSAN_OPTIONS:-} base_tsan=${TSAN_OPTIONS:-}

# Tests whose code runs on several threads: the Markdown renderer from many threads at once,
# whole-site builds (pages loaded and rendered with DispatchQueue.concurrentPerform), link
# checks, and the preview server.
thread_tests="MarkdownRendererTests|BuildTests|GoldenTests|SiteOutputTests|CheckTests|ServeTests"

run() {
    local name=$1 scratch=$2; shift 2
    local log=$scratch/sanitize.log reports_dir=$PWD/$scratch/sanitizer-reports start=$SECONDS status
    rm -rf "$reports_dir"
    mkdir -p "$reports_dir"
    export ASAN_OPTIONS="detect_leaks=0:log_path=$reports_dir/report:$base_asan"
    export UBSAN_OPTIONS="print_stacktrace=1:log_path=$reports_dir/report:$base_ubsan"
    export TSAN_OPTIONS="second_deadlock_stack=1:log_path=$reports_dir/report:$base_tsan"
    echo "== swift test under $name ($*)"
    set +e
    swift test --scratch-path "$scratch" "$@" > "$log" 2>&1
    status=$?
    set -e
    echo "   $((SECONDS - start))s, exit $status (log: $log)"
    local reports
    reports=$(ls "$reports_dir")
    if [ -n "$reports" ] || grep -qE "ERROR: AddressSanitizer|WARNING: ThreadSanitizer|runtime error:" "$log"; then
        grep -hE "ERROR: AddressSanitizer|WARNING: ThreadSanitizer|runtime error:|SUMMARY:|^    #[0-4] " \
            "$reports_dir"/* "$log" 2>/dev/null | head -24 | cut -c1-220 | sed 's/^/   /'
        echo "sanitize.sh: $name reported a problem (reports: $reports_dir/, test log: $log)"
        return 1
    fi
    if [ $status -ne 0 ] || ! grep -qE "Test run with [0-9]+ tests? .*passed" "$log"; then
        grep -E "✘|error:|Fatal error|signal" "$log" | head -20 | sed 's/^/   /'
        echo "sanitize.sh: the tests did not pass under $name (log: $log)"
        return 1
    fi
    grep -E "Test run with [0-9]+ tests? .*passed" "$log" | tail -1 | sed 's/^/   /'
}

modes=("$@")
[ ${#modes[@]} -gt 0 ] || modes=(address thread)
failed=0
for mode in "${modes[@]}"; do
    case $mode in
        address) run "AddressSanitizer+UBSan" .build-asan --sanitize address -Xcc -fsanitize=undefined || failed=1 ;;
        thread)  run "ThreadSanitizer" .build-tsan --sanitize thread --filter "$thread_tests" || failed=1 ;;
        *) echo "usage: $0 [address|thread]..." >&2; exit 64 ;;
    esac
done
exit $failed

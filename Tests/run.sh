#!/usr/bin/env bash
# Command 2: install the test tools and run the whole test suite:
#   Swift Testing (unit, integration, golden, CLI), again under sanitizers, the fuzzers, then the
#   built sample site checked in a real browser (axe-core, Nu HTML checker, page weight, 320 px)
#   and its outputs parsed (.ics, Atom, sitemap).
set -euo pipefail
cd "$(dirname "$0")/.."

LANTERN_CONFIGURATION=debug bash scripts/setup.sh --output .build/test-site --now 2026-11-24 --strict
bash Tests/browser/install.sh

swift test 2>&1 | tee .build/swift-test.log
grep -qE "Test run with [0-9]+ tests? .*passed" .build/swift-test.log || { echo "swift test did not pass"; exit 1; }

# The Swift tests again under AddressSanitizer (+UBSan on the C code) and, for the threaded ones,
# ThreadSanitizer; then each libFuzzer target for 60 s. A sanitizer report or a fuzz finding fails.
bash scripts/sanitize.sh
bash scripts/fuzz.sh 60

LANTERN_SITE="$PWD/.build/test-site" python3 -m pytest Tests/browser Tests/output -q -p no:cacheprovider

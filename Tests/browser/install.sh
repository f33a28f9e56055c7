#!/usr/bin/env bash
# Installs what the browser harness needs; safe to run again.
#   bash Tests/browser/install.sh
# apt: chromium, chromium-driver, default-jre-headless, poppler-utils, zbar-tools (only those missing;
# `apt-get update` only when something is missing), then the pinned Python
# packages, then warms the axe-core cache (Tests/browser/.cache/).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
# printed handouts (test_print.py): pdfinfo, pdftoppm, zbarimg
command -v pdfinfo >/dev/null 2>&1 || missing+=(poppler-utils)
command -v zbarimg >/dev/null 2>&1 || missing+=(zbar-tools)

if [ "${#missing[@]}" -gt 0 ]; then
    echo "install.sh: apt-get install ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # wait (up to 10 min) for another apt/dpkg run instead of failing
    $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
    $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}"
fi

python3 -m pip install -q --disable-pip-version-check --root-user-action=ignore -r "$HERE/requirements.txt"
python3 "$HERE/axe_source.py" >/dev/null

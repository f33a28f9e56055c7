#!/usr/bin/env bash
# Command 1: install the system libraries Lantern needs (Debian), build Lantern, build the site into public/.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
for pkg in libcmark-gfm-dev libcmark-gfm-extensions-dev libdeflate-dev libbrotli-dev libvips-dev libfontconfig-dev libqrencode-dev pkg-config fonts-noto-core; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
# curl's headers, for `lantern check --external` (libcurl itself is loaded only when it runs). Any
# of Debian's three flavours will do; they cannot be installed side by side.
if ! dpkg -s libcurl4-openssl-dev >/dev/null 2>&1 && ! dpkg -s libcurl4-gnutls-dev >/dev/null 2>&1 \
   && ! dpkg -s libcurl4-nss-dev >/dev/null 2>&1; then
  need+=(libcurl4-openssl-dev)
fi
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]} …"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  if ! { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}"; }; then
    # Exit code 2: an environment problem, not a content error (see README, exit codes).
    echo "error: Lantern needs these Debian packages and they could not be installed: ${need[*]}" >&2
    echo "  hint: install them as an administrator, then run this again:" >&2
    echo "        sudo apt-get install ${need[*]}" >&2
    exit 2
  fi
fi

configuration="${LANTERN_CONFIGURATION:-release}"
# A release build carries the Swift runtime and Foundation inside the binary: 10 % less CPU and
# ~2 MiB less memory per build than calling them in shared libraries (Benchmarks/README.md).
static=()
[ "$configuration" = release ] && static=(--static-swift-stdlib)
swift build -c "$configuration" "${static[@]}" --product lantern
"$(swift build -c "$configuration" "${static[@]}" --show-bin-path)/lantern" build "$@"

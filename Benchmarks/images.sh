#!/usr/bin/env bash
# Photo processing benchmark: N phone-sized photos (4000×3000 JPEG, ~3 MB each, made here with the
# vips command-line tool from libvips-tools), one story page showing them all; a cold build (empty
# image cache) then a warm one (nothing changed), and the bytes before and after.
#   bash Benchmarks/images.sh [N] [debug|release]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-50}
CONF=${2:-release}
command -v vips >/dev/null || { apt-get update -qq && apt-get install -y -qq libvips-tools; }
static=(); [ "$CONF" = release ] && static=(--static-swift-stdlib)   # as scripts/setup.sh builds it
swift build -c "$CONF" "${static[@]}" --product lantern >/dev/null
WORK=Benchmarks/.work/images
rm -rf "$WORK"
mkdir -p "$WORK/site"
# A copy, so a rebuild of the repository during the run does not change the program measured.
cp ".build/$CONF/lantern" "$WORK/lantern"
BIN=$WORK/lantern
cp -r content templates "$WORK/site/"
cat > "$WORK/gen.sh" <<'GEN'
set -e
i=$1; out=$2
# Gradients with a different tilt per photo, plus noise: compresses like a photo, not like a flat field.
vips xyz "$out.xyz.v" 4000 3000
vips linear "$out.xyz.v" "$out.lin.v" "0.04 0.06" "$((i % 200)) $((i * 7 % 150))" --uchar
vips bandjoin_const "$out.lin.v" "$out.rgb.v" "$((i * 37 % 256))"
vips gaussnoise "$out.noise.v" 4000 3000 --sigma 12 --mean 0
vips add "$out.rgb.v" "$out.noise.v" "$out.sum.v"
vips cast "$out.sum.v" "$out.jpg[Q=92]" uchar
rm -f "$out".*.v
GEN
{
  printf -- '---\ntitle: "Ảnh đo thử"\nsummary: "Trang có nhiều ảnh để đo."\nmodel: dai-su-so\nlocality: %s\ndate: 2026-05-14\nauthor: "Đo thử"\nillustrative: true\n---\n' \
    phu-ly
  for i in $(seq 1 "$N"); do
    bash "$WORK/gen.sh" "$i" "$WORK/site/content/images/bench-$i"
    printf '![Ảnh %d](/images/bench-%d.jpg)\n\n' "$i" "$i"
  done
} > "$WORK/site/content/stories/do-thu-anh.md"
before=$(du -cb "$WORK"/site/content/images/bench-*.jpg | tail -1 | cut -f1)
t() { local s e; s=$(date +%s.%N); "$BIN" build --source "$WORK/site" --output "$WORK/public" --now 2026-11-24 >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; exit 1; }; e=$(date +%s.%N); echo "$e - $s" | bc; }
rm -rf "$WORK/site/.cache"
cold=$(t)
warm=$(t)
after=$(find "$WORK/public/images" -name 'bench-*' -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
# The 720 px AVIF where one was published (it paid), else the WebP: what the srcset leads a phone to.
phone720=0
for i in $(seq 1 "$N"); do
  f="$WORK/public/images/bench-$i.720.avif"; [ -f "$f" ] || f="$WORK/public/images/bench-$i.720.webp"
  phone720=$((phone720 + $(stat -c %s "$f")))
done
avifs=$(find "$WORK/public/images" -name 'bench-*.avif' | wc -l)
echo "photos: $N  ($CONF build of lantern, $(nproc) cores)"
echo "source bytes: $before"
echo "output bytes (all variants + stripped originals): $after"
echo "what a 360 px DPR-2 phone downloads (720 px AVIF, else WebP, each): $phone720 ($avifs AVIF files published)"
echo "cold build: ${cold}s  warm build: ${warm}s"

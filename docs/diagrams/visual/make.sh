#!/usr/bin/env bash
# Builds docs/diagrams/visual/<name>.png: for every reference PNG in the corpus's render/ folder, the reference
# image and our own drawing of the same BPMNDiagram, next to each other, so the drawing can be checked by eye.
#
#   bash docs/diagrams/visual/make.sh            (from anywhere; about a minute)
#
# Needs: the .NET SDK, headless Chromium (rasterises our SVG the way a browser shows it) and ImageMagick
# (`apt-get install chromium imagemagick`; pngquant, if present, makes the files smaller).
# The corpus is ../shared/bpmn-corpus beside the repository, or $BPMN_CORPUS.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
corpus="${BPMN_CORPUS:-$root/../shared/bpmn-corpus}/render"
out="$root/docs/diagrams/visual"
chromium="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
max_width=2400 # of a whole side-by-side image
max_height=900 # of each half when side by side

for tool in "$chromium" /usr/bin/convert; do
  if [ -z "$tool" ] || [ ! -x "$tool" ]; then
    echo "needs chromium and ImageMagick (apt-get install chromium imagemagick)" >&2
    exit 1
  fi
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
dotnet run -c Release --project "$root/bench/HypermediaBpm.Bench" -- render "$corpus" --out "$work/svg" >/dev/null

# The SVG's own size (its width and height attributes, which are the viewBox size).
svg_size() { sed -n 's/^<svg[^>]* width="\([0-9.]*\)" height="\([0-9.]*\)".*/\1 \2/p' "$1" | head -1; }

# Draws an SVG to a PNG at `scale`, in an HTML page exactly as large as the drawing (no margin, no scroll bars).
rasterise() {
  local svg="$1" png="$2" scale="$3" w h pw ph
  read -r w h < <(svg_size "$svg")
  pw=$(awk -v v="$w" -v s="$scale" 'BEGIN { printf "%d", v * s + 0.999 }')
  ph=$(awk -v v="$h" -v s="$scale" 'BEGIN { printf "%d", v * s + 0.999 }')
  cp "$svg" "$work/page.svg"
  printf '<!DOCTYPE html><html><body style="margin:0;overflow:hidden;background:#fff"><img src="page.svg" style="display:block;width:%spx;height:%spx"></body></html>' "$pw" "$ph" >"$work/page.html"
  "$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$work/profile" \
    --window-size="$pw,$ph" --screenshot="$png" "file://$work/page.html" >/dev/null 2>&1
}

# A label strip on top of an image.
caption() { convert "$1" -background white -gravity north -splice 0x42 -font DejaVu-Sans -pointsize 28 -fill '#333' -annotate +0+6 "$2" "$1"; }

rm -f "$out"/*.png
count=0
for ref in "$corpus"/*.png; do
  name="$(basename "$ref" .png)"
  svg="$work/svg/$name.svg"
  if [ ! -f "$svg" ]; then
    echo "$name: no SVG was rendered for this reference image" >&2
    exit 1
  fi

  read -r rw rh < <(convert "$ref" -background white -alpha remove -alpha off -fuzz 4% -trim +repage -format '%w %h\n' info:)
  read -r sw _ < <(svg_size "$svg")
  # Wide diagrams go one above the other (same width), the others side by side (same height).
  if awk -v w="$rw" -v h="$rh" 'BEGIN { exit !(w / h > 2.2) }'; then
    layout=-append
    size="${max_width}x"
  else
    layout=+append
    size="x$max_height"
  fi
  # Drawn at least as large as it will be shown (at most 3×), then scaled down: smoother than scaling up.
  scale=$(awk -v w="$sw" -v m="$max_width" 'BEGIN { s = m / w; printf "%.3f", s < 1 ? 1 : (s > 3 ? 3 : s) }')

  rasterise "$svg" "$work/ours.png" "$scale"
  # Some reference images are mostly empty canvas: trimmed to the drawing (with a small margin) like ours.
  convert "$ref" -background white -alpha remove -alpha off -fuzz 4% -trim +repage -bordercolor white -border 20 \
    -resize "$size" "$work/left.png"
  convert "$work/ours.png" -resize "$size" "$work/right.png"
  caption "$work/left.png" "reference: $(basename "$ref")"
  caption "$work/right.png" "HypermediaBpm SVG"
  convert "$work/left.png" "$work/right.png" -background '#999' -bordercolor '#999' -border 1 "$layout" \
    -resize "${max_width}x>" -strip -colors 64 "PNG8:$out/$name.png"
  if command -v pngquant >/dev/null; then
    pngquant --force --skip-if-larger --quality 60-90 --output "$out/$name.png" -- "$out/$name.png" || true
  fi
  # Soft gradients in a reference image (IBO Prometheus) quantise badly: such a picture is made smaller instead.
  if [ "$(stat -c %s "$out/$name.png")" -gt 307200 ]; then
    convert "$out/$name.png" -resize 75% +dither -colors 32 "PNG8:$out/$name.png"
  fi
  count=$((count + 1))
done
echo "$count images in $out ($(du -sk "$out" | cut -f1) KB)"

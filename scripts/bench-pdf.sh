#!/usr/bin/env bash
# PDF benchmark (issue: documents). Prints, from one run on this machine:
#  - in-process rendering time of a 3-page Biên bản and a 1-page Thông báo, and peak memory;
#  - whole-process export time of the same content: our CLI, and, when installed,
#    LibreOffice headless (soffice --convert-to pdf) and Chromium --print-to-pdf, with ratios.
# Usage: scripts/bench-pdf.sh [runs]   (release build; runs default 10)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-10}"
export PATH="$HOME/.cargo/bin:$PATH"
target="${CARGO_TARGET_DIR:-$PWD/target}"
# The lean command-line binary: the same commands as `secretariat SUBCOMMAND`, without the
# window's GUI libraries (whose dynamic linking alone costs ~50 ms per process).
cargo build --release -p secretariat-cli >/dev/null 2>&1 || cargo build --release -p secretariat-cli
bin="$target/release/secretariat-cli"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== In-process (release build, 200 renderings each)"
"$bin" --data-dir "$work/data" bench pdf --iterations 200 --samples "$work/samples"

median_ms() { # command... → median wall time over $runs runs, in ms
  local times=() i s e
  for ((i = 0; i < runs; i++)); do
    s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N)
    times+=($(( (e - s) / 1000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}'
}

echo
echo "== Whole process, 3-page Biên bản, median of $runs runs"
ours=$(median_ms "$bin" --data-dir "$work/data" document render-file "$work/samples/minutes-3p.json" --out "$work/ours.pdf")
echo "secretariat-cli document render-file: ${ours} ms ($(stat -c %s "$work/ours.pdf") bytes)"
if command -v soffice >/dev/null 2>&1; then
  lo=$(median_ms soffice --headless --convert-to pdf --outdir "$work/lo" "$work/samples/minutes-3p.html")
  echo "LibreOffice soffice --convert-to pdf: ${lo} ms  → ours is $(awk "BEGIN {printf \"%.0f\", $lo / $ours}")× faster"
else
  echo "LibreOffice: not installed (apt-get install libreoffice-writer-nogui to compare)"
fi
chrome=$(command -v chromium || command -v chromium-browser || true)
if [ -n "$chrome" ]; then
  cr=$(median_ms "$chrome" --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
       --disable-component-update --disable-sync --user-data-dir="$work/chrome" \
       --print-to-pdf="$work/chrome.pdf" "file://$work/samples/minutes-3p.html")
  echo "Chromium --print-to-pdf: ${cr} ms  → ours is $(awk "BEGIN {printf \"%.0f\", $cr / $ours}")× faster"
else
  echo "Chromium: not installed (apt-get install chromium to compare)"
fi

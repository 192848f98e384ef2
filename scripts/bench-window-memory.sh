#!/usr/bin/env bash
# Window memory with a whole archive loaded (issue 11: target under 300 MB).
# Builds the UI and the release app, starts it under Xvfb on DATA_DIR (made by
# `secretariat bench generate`, built here if missing), opens the documents list (six pages),
# searches, opens the incoming register and the task list, then prints the resident memory
# (VmRSS) of the app and of the WebKit processes it started, and the sum.
# Usage: scripts/bench-window-memory.sh [DATA_DIR]   (default: /tmp/secretariat-bench-10y)
#   SKIP_BUILD=1: use the binaries already built; SECRETARIAT_APP: another app binary (e.g. debug).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
data="${1:-/tmp/secretariat-bench-10y}"
target="${CARGO_TARGET_DIR:-$PWD/target}"
if [ -z "${SKIP_BUILD:-}" ]; then
  npm --prefix ui run build >/dev/null
  cargo build --release -p secretariat -p secretariat-cli
  cargo build -p secretariat-e2e --example window_memory
fi
if [ ! -f "$data/secretariat.db" ]; then
  echo "== Building the ten-year archive in $data (secretariat bench generate --years 10)"
  "$target/release/secretariat-cli" --data-dir "$data" bench generate --years 10
fi
echo "== Load: $(cut -d' ' -f1-3 /proc/loadavg)"
app="${SECRETARIAT_APP:-$target/release/secretariat}"
echo "== App: $app"
out=$(SECRETARIAT_APP="$app" \
  xvfb-run -a --server-args="-screen 0 1366x768x24" "$target/debug/examples/window_memory" "$data")
echo "$out"
total=$(echo "$out" | awk '/^TOTAL_RSS_MB/ {print $2}')
pss=$(echo "$out" | awk '/^TOTAL_PSS_MB/ {print $2}')
anon=$(echo "$out" | awk '/^TOTAL_ANON_MB/ {print $2}')
echo "== Window memory (app + WebKit processes): VmRSS sum ${total} MB (target < 300 MB);"
echo "   Pss ${pss} MB (shared libraries counted once), anonymous ${anon} MB"

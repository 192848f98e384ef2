#!/usr/bin/env bash
# Installs what is missing to build, run and test Secretariat on Debian 12 / Ubuntu 22.04+.
# Safe to run again: everything already present is left as it is.
#   scripts/setup.sh          system packages, Rust check, Node modules
#   scripts/setup.sh --test   the same, plus what the tests need (Xvfb, WebDriver, PDF tools,
#                             a D-Bus daemon for the one-instance test, desktop-file-validate)
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# --- System packages (WebKitGTK and friends for Tauri; Xvfb and WebKitWebDriver for tests).
pkgs=(libwebkit2gtk-4.1-dev build-essential curl wget file libxdo-dev libssl-dev
      libayatana-appindicator3-dev librsvg2-dev pkg-config)
if [ "$want_test" = 1 ]; then
  pkgs+=(xvfb xauth webkit2gtk-driver poppler-utils qpdf)
  # LibreOffice reads our .docx back in the Word tests; Liberation Serif stands in for
  # Times New Roman there (same metrics), as it does in our PDFs.
  pkgs+=(libreoffice-writer-nogui fonts-liberation2)
  # softhsm2 (a PKCS#11 token in software), libnss3-tools (certutil, for pdfsig's trust store),
  # python3-venv (pyHanko, the second signature verifier): the signing tests.
  pkgs+=(softhsm2 libnss3-tools openssl python3-venv)
  # dbus-daemon (the single-instance test's private session bus), desktop-file-utils (the package test).
  pkgs+=(dbus-daemon desktop-file-utils)
  # unzip reads the .xlsx files the spreadsheet tests write (an independent reader of the XML).
  pkgs+=(unzip)
fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  say "Installing system packages: ${missing[*]}"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends \
    -o DPkg::Lock::Timeout=600 "${missing[@]}"
fi

# --- Rust (stable, via rustup).
export PATH="$HOME/.cargo/bin:$PATH"
if ! command -v cargo >/dev/null 2>&1; then
  say "Installing Rust (rustup, stable)"
  curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
  export PATH="$HOME/.cargo/bin:$PATH"
fi

# --- Node.js 20+ (Vite 8 needs it).
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  say "Node.js 20 or newer is needed (found: $(node --version 2>/dev/null || echo none))."
  if apt-cache policy nodejs 2>/dev/null | grep -Eq 'Candidate: (2[0-9]|[3-9][0-9])\.'; then
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q nodejs npm
  else
    echo "Install Node.js 20 LTS (for example from https://nodejs.org or NodeSource) and run this again." >&2
    exit 1
  fi
fi

# --- Node modules for the UI, exactly as locked.
if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  say "Installing UI packages (npm ci)"
  npm --prefix ui ci --no-audit --no-fund
fi

# --- tauri-driver, for the end-to-end tests.
if [ "$want_test" = 1 ] && ! command -v tauri-driver >/dev/null 2>&1; then
  say "Installing tauri-driver"
  cargo install tauri-driver --locked --version 2.1.0
fi
# --- pyHanko (PyPI), the independent PAdES verifier the signing tests run; in its own venv.
#     The tests find it at this path (or at $PYHANKO).
pyhanko_venv="$HOME/.cache/secretariat/pyhanko-venv"
if [ "$want_test" = 1 ] && [ ! -x "$pyhanko_venv/bin/pyhanko" ]; then
  say "Installing pyHanko for the signing tests ($pyhanko_venv)"
  python3 -m venv "$pyhanko_venv"
  "$pyhanko_venv/bin/pip" install -q pyHanko pyhanko-certvalidator pyhanko-cli
fi
say "Set-up complete"

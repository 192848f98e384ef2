#!/usr/bin/env bash
# Checks the Debian package as an IT officer would install it: unpacks the newest .deb made by
# `make package-debug` (or `make package`) into a throw-away root with `dpkg-deb -x` (no
# container, nothing installed on this machine), checks its control fields, the Vietnamese
# desktop entry and the icons, then starts the installed binary under Xvfb on an empty data
# folder and sees the first screen (the end-to-end test `install::first_start_and_about`,
# pointed at the extracted binary through SECRETARIAT_APP).
#   scripts/test-package.sh [debug|release]     (default: debug)
set -euo pipefail
cd "$(dirname "$0")/.."
profile="${1:-debug}"
target="${CARGO_TARGET_DIR:-$PWD/target}"
fail() { echo "test-package: $*" >&2; exit 1; }

deb=$(ls -t "$target/$profile/bundle/deb/"*.deb 2>/dev/null | head -n 1 || true)
[ -n "$deb" ] || fail "no .deb under $target/$profile/bundle/deb (run make package-debug first)"
echo "test-package: $deb"

version=$(sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"/\1/p' Cargo.toml)
[ -n "$version" ] || fail "no version in the workspace Cargo.toml"
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = "secretariat" ] || fail "Package is '$(field Package)', expected secretariat"
[ "$(field Version)" = "$version" ] || fail "Version is '$(field Version)', the workspace says $version"
field Depends | grep -q 'libwebkit2gtk-4.1-0' || fail "Depends lacks libwebkit2gtk-4.1-0: $(field Depends)"

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
dpkg-deb -x "$deb" "$root/pkg"
bin="$root/pkg/usr/bin/secretariat"
[ -x "$bin" ] || fail "no executable /usr/bin/secretariat in the package"

desktop="$root/pkg/usr/share/applications/secretariat.desktop"
[ -f "$desktop" ] || fail "no desktop entry: $(cd "$root/pkg" && find . -name '*.desktop')"
expect_line() { grep -qxF "$1" "$desktop" || fail "desktop entry lacks the line '$1':
$(cat "$desktop")"; }
expect_line "Name=Thư ký Tổ Công tác"
expect_line "Name[vi]=Thư ký Tổ Công tác"
expect_line "Comment[vi]=Thành viên, cuộc họp và văn bản của Ban Chỉ đạo Chuyển đổi số tỉnh Nghệ An"
expect_line "Categories=Office;"
expect_line "Exec=secretariat"
expect_line "Icon=secretariat"
expect_line "Type=Application"
if command -v desktop-file-validate >/dev/null 2>&1; then
  desktop-file-validate "$desktop" || fail "desktop-file-validate refused the entry"
fi

for size in 32x32 128x128; do
  icon="$root/pkg/usr/share/icons/hicolor/$size/apps/secretariat.png"
  [ -f "$icon" ] || fail "no $size icon at ${icon#"$root/pkg"}"
  file -b "$icon" | grep -q "PNG image data, ${size/x/ x }" || fail "$icon is not a $size PNG: $(file -b "$icon")"
done

# The installed binary's command line creates and opens the data folder...
data="$root/du-lieu"
"$bin" --data-dir "$data" agency list >/dev/null || fail "the installed binary did not run"
[ -f "$data/secretariat.db" ] || fail "no database made in $data"

# ...and its window shows the first screen.
SECRETARIAT_APP="$bin" xvfb-run -a --server-args="-screen 0 1280x800x24" \
  cargo test -q -p secretariat-e2e --test install -- --exact first_start_and_about --test-threads=1
echo "test-package: the .deb of version $version installs and starts"

# Secretariat — build, run and test. See README.md.
# The two commands a new machine needs:
#   make run    install what is missing, build the app (release) and start it
#   make test   install what is missing and run every test
#   make package  the Linux packages (.deb, .rpm) under target/release/bundle/
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)
TARGET_DIR := $(or $(CARGO_TARGET_DIR),$(CURDIR)/target)
export CARGO_TARGET_DIR := $(TARGET_DIR)

.PHONY: bench bench-crash lint run test setup setup-test ui app-debug app-release test-rust test-ui test-e2e bindings screenshots clean package package-debug test-package

run: setup app-release
	$(TARGET_DIR)/release/secretariat

test: setup-test lint test-ui test-rust test-e2e test-package
	@echo "All tests passed."

setup:
	scripts/setup.sh

setup-test:
	scripts/setup.sh --test

# The UI is embedded in the binary at compile time, so it is always built first.
ui:
	npm --prefix ui run build

app-debug: ui
	cargo build -p secretariat

app-release: ui
	cargo build --release -p secretariat

# Formatting and lints (warnings are errors).
lint: ui
	npm --prefix ui run lint
	npm --prefix ui run format:check
	cargo fmt --all -- --check
	cargo clippy -p secretariat-core -p secretariat-cli -p secretariat -p secretariat-e2e --all-targets -- -D warnings

# Domain, commands, CLI (runs the real binary) and the bindings drift check.
test-rust: ui
	cargo test -p secretariat-core -p secretariat-cli -p secretariat

test-ui:
	npm --prefix ui run check
	npm --prefix ui test

# The real app through tauri-driver + WebKitWebDriver under a virtual display.
test-e2e: app-debug
	SECRETARIAT_APP=$(TARGET_DIR)/debug/secretariat xvfb-run -a --server-args="-screen 0 1280x800x24" \
	  cargo test -p secretariat-e2e --test backup --test committee --test documents --test followup --test incoming --test archive --test install --test meetings --test office --test roster --test signing --test window -- --test-threads=1

# The Linux packages with Tauri's bundler (the CLI comes with the UI's npm packages; it builds
# the UI first through beforeBuildCommand): .deb and .rpm, made offline. An AppImage needs
# tools the bundler downloads, so it is not made here (see README).
TAURI := ui/node_modules/.bin/tauri
package:
	$(TAURI) build --ci --bundles deb,rpm
	@ls -1 $(TARGET_DIR)/release/bundle/deb/*.deb $(TARGET_DIR)/release/bundle/rpm/*.rpm

# The same from the debug profile: it reuses the test build, so CI checks the package
# without a second (release, LTO) build. Not for handing out.
package-debug:
	$(TAURI) build --ci --debug --bundles deb,rpm

# Unpacks the .deb into a throw-away root, checks it and starts the installed binary.
test-package: package-debug
	scripts/test-package.sh debug

# Regenerate ui/src/lib/bindings.ts from the Rust types (commit the result).
bindings: ui
	UPDATE_BINDINGS=1 cargo test -p secretariat --test bindings

# Screenshots of the main screens, taken by the end-to-end test, copied for the README.
screenshots: test-e2e
	cp tests/artifacts/02-roster.png docs/screenshots/roster.png
	cp tests/artifacts/12-search-document.png docs/screenshots/search.png
	cp tests/artifacts/03-fill-seat.png docs/screenshots/fill-seat.png
	cp tests/artifacts/40-home.png docs/screenshots/home.png
	cp tests/artifacts/41-tasks.png docs/screenshots/tasks.png
	for n in roster end undo attendance fill-seats membership meeting; do \
	  for w in 1366 1024; do cp tests/artifacts/window-$$w-$$n.png docs/screenshots/; done; \
	done
	cp tests/artifacts/window-1366-preview-150.png docs/screenshots/

bench: bench-crash
	scripts/bench-pdf.sh

# 300 kill -9 trials per kind of write (CI runs 30 as part of test-rust).
bench-crash:
	SECRETARIAT_CRASH_TRIALS=300 cargo test --release -p secretariat-cli --test crash -- --nocapture

clean:
	cargo clean
	rm -rf ui/dist ui/node_modules tests/artifacts

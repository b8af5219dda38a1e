# Ninjapay Desk — the two everyday commands are `make run` and `make test`.
# Both install whatever is missing first (Debian/Ubuntu packages via apt, the Tauri CLI via npm,
# tauri-driver via cargo, the e2e client in .e2e-venv), so they work on a fresh machine.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

# The Tauri CLI, run against the root tauri.conf.json (scripts/tauri.mjs says why it is needed).
TAURI := node scripts/tauri.mjs
CARGO_TARGET := $(or $(CARGO_TARGET_DIR),target)

.PHONY: help deps deps-build run test test-fmt test-clippy test-unit test-ui test-keychain test-e2e \
        test-workflows e2e screenshots deb deb-smoke rpm rpm-check bench bench-startup bench-roundtrip \
        bench-ledger sandbox icons soak fuzz

help:
	@echo "make run        install what is missing, then run the app (Sandbox mode until a key is saved)"
	@echo "make test       install what is missing, then every test: fmt, release workflow + packaging"
	@echo "                layout, clippy, crate + command tests, keychain round trip, end-to-end under Xvfb"
	@echo "make deb        build the installable .deb (and print its path)"
	@echo "make deb-smoke  build the .deb, install it with apt, launch it under Xvfb, remove it"
	@echo "make rpm        build the .rpm (for Fedora, openSUSE, RHEL; and print its path)"
	@echo "make rpm-check  build the .rpm and check its metadata, dependencies and files"
	@echo "make bench      the release app against a bare Tauri app, side by side under Xvfb: start-up,"
	@echo "                idle memory (PSS), binary and .deb sizes, with ratios (not part of make test)"
	@echo "make bench-startup  start-up and idle memory of the release app alone, in more detail"
	@echo "make bench-roundtrip  invoke → command → client → in-process sandbox, against plain reqwest"
	@echo "make bench-ledger  the record store with 100,000 records and 1,000,000 voucher codes:"
	@echo "                search, liability, redemptions, exports, file size"
	@echo "make soak       client + watcher against the sandbox with random faults, a simulated day"
	@echo "make fuzz       fuzz the number rewriter and response decoders (nightly, 60 s each)"
	@echo "make sandbox    run the fake Ninjapay server on http://127.0.0.1:8787"
	@echo "make screenshots  run the e2e test and refresh docs/screenshots/"
	@echo "make icons      regenerate icons/ from icons/icon.svg"

deps:
	@scripts/install-deps.sh

deps-build:
	@scripts/install-deps.sh --build

run: deps-build
	cargo run -p ninjapay-desk

test: deps
	@scripts/test-all.sh

# Single stages, for when you only want one.
test-fmt: ; @scripts/test-all.sh fmt
test-workflows: deps ; @scripts/test-all.sh workflows
test-clippy: ; @scripts/test-all.sh clippy
test-unit: ; @scripts/test-all.sh unit
test-ui: ; @scripts/test-all.sh ui
test-keychain: deps ; @scripts/test-all.sh keychain
test-e2e e2e: deps ; @scripts/test-all.sh e2e

screenshots: deps
	tests/e2e/run.sh --screenshots

deb: deps-build
	$(TAURI) build --bundles deb
	@deb=$$(ls -t $(CARGO_TARGET)/release/bundle/deb/*.deb | head -n1); \
	  scripts/deb-xz.sh "$$deb"; \
	  case "$$deb" in /*) ;; *) deb="./$$deb" ;; esac; \
	  echo; echo "Built: $$deb"; echo "Install: sudo apt install \"$$deb\""

# The Tauri bundler writes the .rpm itself (no rpmbuild needed), offline.
rpm: deps-build
	$(TAURI) build --bundles rpm
	@rpm=$$(ls -t $(CARGO_TARGET)/release/bundle/rpm/*.rpm | head -n1); \
	  case "$$rpm" in /*) ;; *) rpm="./$$rpm" ;; esac; \
	  echo; echo "Built: $$rpm"; echo "Install (Fedora, RHEL): sudo dnf install \"$$rpm\""

deb-smoke: deps
	scripts/deb-smoke.sh

rpm-check: deps
	scripts/rpm-check.sh

bench: deps
	scripts/bench-compare.sh

bench-startup: deps
	scripts/bench-startup.sh

bench-roundtrip:
	scripts/bench-roundtrip.sh

bench-ledger:
	scripts/bench-ledger.sh

soak:
	scripts/soak.sh

fuzz:
	scripts/fuzz.sh

sandbox:
	cargo run -p ninjapay-sandbox -- --port 8787

icons:
	scripts/make-icons.sh

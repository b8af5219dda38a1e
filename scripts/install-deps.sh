#!/usr/bin/env bash
# Install whatever is missing to build, run and test Ninjapay Desk on Debian 12 / Ubuntu 22.04+.
# Idempotent: a second run only checks and prints "ok" lines (about a second).
#
#   scripts/install-deps.sh          # everything (build + headless test tools)
#   scripts/install-deps.sh --build  # only what `make run` / `make deb` need
#
# Installs: Debian packages (apt-get, through sudo when not root), the Tauri CLI and axe-core (npm,
# pinned in package.json + package-lock.json), tauri-driver (cargo install), the e2e client
# and the release checks' check-jsonschema (Python venv .e2e-venv from requirements-e2e.txt), the
# rpm tool (reads the .rpm back in scripts/rpm-check.sh), and the rustfmt/clippy components. Assumes
# rustup/cargo exist.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=all
[[ "${1:-}" == "--build" ]] && mode=build

say() { printf '  [deps] %s\n' "$*"; }

# --- Debian packages --------------------------------------------------------------------------
build_pkgs=(
  build-essential pkg-config file libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev
  libayatana-appindicator3-dev libssl-dev libsoup-3.0-dev libjavascriptcoregtk-4.1-dev libxdo-dev
  libdbus-1-dev
)
# Headless GUI testing, keychain round trip, screenshots (a Devanagari font for the Hindi ones),
# icon rendering, the e2e venv, rpm-check.
test_pkgs=(
  xvfb xauth webkit2gtk-driver gnome-keyring libsecret-tools dbus dbus-x11 xdotool imagemagick
  librsvg2-bin python3 python3-venv fonts-lohit-deva rpm
)
pkgs=("${build_pkgs[@]}")
[[ $mode == all ]] && pkgs+=("${test_pkgs[@]}")
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || pkgs+=(nodejs npm)

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$' || missing+=("$p")
done
if ((${#missing[@]})); then
  say "apt-get install: ${missing[*]}"
  SUDO=()
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1; then SUDO=(sudo -n); [[ -t 0 ]] && SUDO=(sudo); else
      echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1
    fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update -qq
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
else
  say "ok: Debian packages (${#pkgs[@]})"
fi

# --- Rust components --------------------------------------------------------------------------
if ! command -v cargo >/dev/null 2>&1; then
  echo "install-deps: cargo not found; install Rust with rustup (https://rustup.rs) first" >&2
  exit 1
fi
if command -v rustup >/dev/null 2>&1; then
  for c in rustfmt clippy; do
    if ! rustup component list --installed 2>/dev/null | grep -q "^$c"; then
      say "rustup component add $c"; rustup component add "$c"
    fi
  done
  say "ok: rustfmt, clippy"
fi

# --- npm: the Tauri CLI and axe-core (the e2e accessibility audit), exact versions in ----------
# package.json, integrity in package-lock.json
# Not `npm ci`: registries that only mirror the Linux builds of the CLI leave the other
# platforms' optional packages out of the lock file, and `npm ci` then refuses it as out of sync.
# `npm install --no-save` installs the locked version and never rewrites the lock file.
if [[ ! -x node_modules/.bin/tauri || ! -f node_modules/axe-core/axe.min.js ||
      package.json -nt node_modules/.package-lock.json ||
      package-lock.json -nt node_modules/.package-lock.json ]]; then
  say "npm install (Tauri CLI, axe-core)"
  npm install --no-save --no-audit --no-fund --loglevel=error </dev/null
else
  say "ok: Tauri CLI $(node_modules/.bin/tauri --version 2>/dev/null), axe-core"
fi

[[ $mode == build ]] && exit 0

# --- tauri-driver (WebDriver proxy for the e2e test) ------------------------------------------
cargo_bin="${CARGO_HOME:-$HOME/.cargo}/bin"
if command -v tauri-driver >/dev/null 2>&1 || [[ -x "$cargo_bin/tauri-driver" ]]; then
  say "ok: tauri-driver"
else
  say "cargo install tauri-driver"
  cargo install tauri-driver --version '^2' --locked
fi

# --- Python test tools in .e2e-venv: the e2e client (selenium, pytest) and check-jsonschema ----
venv=.e2e-venv
if [[ ! -x $venv/bin/python ]]; then
  say "python3 -m venv $venv"
  python3 -m venv "$venv"
  printf '*\n' > "$venv/.gitignore"   # the venv ignores itself
fi
stamp=$venv/.requirements-e2e.txt
if ! cmp -s requirements-e2e.txt "$stamp"; then
  say "pip install -r requirements-e2e.txt"
  "$venv/bin/pip" install -q --disable-pip-version-check -r requirements-e2e.txt
  cp requirements-e2e.txt "$stamp"
else
  say "ok: .e2e-venv (selenium, pytest, check-jsonschema)"
fi

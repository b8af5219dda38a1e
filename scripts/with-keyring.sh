#!/usr/bin/env bash
# Run a command against a real, throw-away Secret Service: a private D-Bus session bus with an
# unlocked gnome-keyring, and HOME / XDG dirs in a temp dir, so neither the user's real keyring nor
# their app config is touched. Cargo and rustup keep using the real toolchain.
#
#   scripts/with-keyring.sh cargo test -p ninjapay-desk --test keychain -- --ignored
#
# Inside, KEYRING_TEST_HOME names the temp home (removed afterwards unless KEEP_KEYRING_HOME=1).
set -euo pipefail
(($#)) || { echo "usage: $0 COMMAND [ARGS...]" >&2; exit 2; }

for tool in dbus-run-session gnome-keyring-daemon; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "with-keyring: $tool is missing (run scripts/install-deps.sh)" >&2; exit 1; }
done

# Keep the real toolchain before HOME moves.
export CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
export RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}"
export PATH="$CARGO_HOME/bin:$PATH"

tmp_home=$(mktemp -d "${TMPDIR:-/tmp}/ninjapay-keyring.XXXXXX")
[[ "${KEEP_KEYRING_HOME:-0}" == 1 ]] || trap 'rm -rf "$tmp_home"' EXIT
mkdir -p "$tmp_home"/{.config,.local/share,.cache} && chmod 700 "$tmp_home"
export KEYRING_TEST_HOME="$tmp_home"
export HOME="$tmp_home"
export XDG_CONFIG_HOME="$tmp_home/.config"
export XDG_DATA_HOME="$tmp_home/.local/share"
export XDG_CACHE_HOME="$tmp_home/.cache"
export XDG_RUNTIME_DIR="$tmp_home/run"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
export KEYRING_PW="${KEYRING_PW:-ninjapay-test-only}"

# shellcheck disable=SC2016
# Not exec: the trap above removes the temp home afterwards.
dbus-run-session -- sh -c '
  printf "%s" "$KEYRING_PW" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec "$@"
' with-keyring "$@"

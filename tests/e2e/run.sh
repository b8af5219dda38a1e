#!/usr/bin/env bash
# End-to-end test of the real app: Xvfb + tauri-driver + WebKitWebDriver + selenium (pytest).
#
#   tests/e2e/run.sh                 # build the debug app (incremental) and run the e2e tests
#   tests/e2e/run.sh --screenshots   # also copy the screenshots to docs/screenshots/
#   tests/e2e/run.sh --no-build      # use the existing binary
#   tests/e2e/run.sh --app PATH      # test another binary (e.g. target/release/ninjapay-desk)
#   tests/e2e/run.sh --selftest      # check the harness only (MiniBrowser + a fixture page)
#   extra arguments after -- go to pytest
#
# The app runs with HOME and XDG dirs in a temp dir (scripts/with-keyring.sh), a private D-Bus
# session with an unlocked gnome-keyring, and its own keychain service name, so it never touches
# the user's config or keyring. Screenshots and logs go to .e2e-out/.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"

build=1 screenshots=0 selftest=0 app="${E2E_APP:-}"
pytest_args=()
while (($#)); do
  case "$1" in
    --screenshots) screenshots=1 ;;
    --no-build) build=0 ;;
    --selftest) selftest=1; build=0 ;;
    --app) app="$2"; build=0; shift ;;
    --) shift; pytest_args+=("$@"); break ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
  shift
done

target_dir="${CARGO_TARGET_DIR:-$ROOT/target}"
app="${app:-$target_dir/debug/ninjapay-desk}"
if ((build)); then
  cargo build -p ninjapay-desk -p ninjapay-sandbox
fi
if ((!selftest)) && [[ ! -x $app ]]; then
  echo "e2e: app binary not found at $app (build it with: cargo build -p ninjapay-desk)" >&2
  exit 1
fi

# The whole suite unless test files or directories were named after --.
test_paths=("$ROOT/tests/e2e")
for a in "${pytest_args[@]}"; do
  [[ $a == -* || ! -e ${a%%::*} ]] || { test_paths=(); break; }
done

venv="$ROOT/.e2e-venv"
[[ -x $venv/bin/python ]] || { echo "e2e: $venv missing (run scripts/install-deps.sh)" >&2; exit 1; }

out="$ROOT/.e2e-out"
mkdir -p "$out"
rm -f "$out"/*.png

export E2E_APP="$(realpath "$app" 2>/dev/null || echo "$app")"
export E2E_OUT="$out"
export E2E_SELFTEST="$selftest"
export NINJAPAY_DESK_KEYRING_SERVICE="ninjapay-desk-e2e"
# CSV exports are written here without the native save dialog (tests/e2e/test_vouchers.py).
export NINJAPAY_DESK_EXPORT_DIR="$out/exports"
mkdir -p "$NINJAPAY_DESK_EXPORT_DIR"
# Live mode is tested against a second, separate sandbox (the `ninjapay-sandbox` binary), which
# the app reaches through the environment overrides, exactly as a user would point it at another
# server. Sandbox mode (the default) ignores them and runs its own in-process sandbox.
unset NINJAPAY_API_URL NINJAPAY_PROD_URL
live_sandbox="$target_dir/debug/ninjapay-sandbox"
if ((!selftest)) && [[ -x $live_sandbox ]]; then
  read -r live_port < <(python3 -c 'import socket
for p in range(18787, 18987, 2):
    ok = True
    for q in (p, p + 1):
        s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try: s.bind(("127.0.0.1", q))
        except OSError: ok = False
        s.close()
    if ok: print(p); break')
  "$live_sandbox" --port "$live_port" >"$out/live-sandbox.log" 2>&1 &
  live_pid=$!
  trap 'kill "$live_pid" 2>/dev/null || true' EXIT
  export NINJAPAY_API_URL="http://127.0.0.1:$live_port"
  export NINJAPAY_PROD_URL="http://127.0.0.1:$((live_port + 1))"
  export E2E_LIVE_SANDBOX="$NINJAPAY_API_URL"
fi
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"   # tauri-driver

"$ROOT/scripts/with-keyring.sh" \
  xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" \
  "$venv/bin/python" -m pytest "${test_paths[@]}" -v -rs "${pytest_args[@]}"

if ((screenshots)); then
  mkdir -p docs/screenshots
  for f in "$out"/main.png "$out"/voucher-lookup.png "$out"/settings.png "$out"/view-*.png; do
    [[ -f $f ]] && cp "$f" docs/screenshots/ && echo "e2e: copied $f to docs/screenshots/"
  done
fi
echo "e2e: screenshots in $out/"

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
# test_a11y.py (axe-core on every screen) runs twice when it is part of the run: with the rest,
# in the theme the app starts in (light), then on its own in a second pass with the app started
# with GTK_THEME=Adwaita:dark (WebKitGTK then reports prefers-color-scheme: dark) and
# E2E_THEME=dark. tauri-driver cannot pass an environment to the app, so the dark app is a fresh
# session: its own Xvfb, tauri-driver, keyring and HOME. E2E_DARK=0 leaves the second pass out.
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

# The dark pass: test_a11y.py (or the parts of it named after --) with the same options.
a11y="$ROOT/tests/e2e/test_a11y.py"
dark=0 dark_args=()
if ((${#test_paths[@]})); then
  dark=1 dark_args=("$a11y" "${pytest_args[@]}")
else
  for a in "${pytest_args[@]}"; do
    p=${a%%::*}
    if [[ $a == -* || ! -e $p ]]; then
      dark_args+=("$a")
    elif [[ -d $p && -e $p/test_a11y.py ]]; then
      dark=1 dark_args+=("$p/test_a11y.py")
    elif [[ $(basename "$p") == test_a11y.py ]]; then
      dark=1 dark_args+=("$a")
    fi
  done
fi
((selftest)) && dark=0
[[ ${E2E_DARK:-1} == 0 ]] && dark=0

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

run_pytest() {
  "$ROOT/scripts/with-keyring.sh" \
    xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" \
    "$venv/bin/python" -m pytest -v -rs "$@"
}
rc=0
(unset GTK_THEME; E2E_THEME=light run_pytest "${test_paths[@]}" "${pytest_args[@]}") || rc=$?
if ((dark)); then
  echo "e2e: accessibility again, with the app in the dark theme (GTK_THEME=Adwaita:dark)"
  dark_rc=0
  GTK_THEME=Adwaita:dark E2E_THEME=dark run_pytest "${dark_args[@]}" || dark_rc=$?
  # 5: a -k or node id given after -- selected nothing in test_a11y.py: not a failure.
  ((dark_rc == 0 || dark_rc == 5)) || rc=$dark_rc
fi

if ((screenshots)); then
  mkdir -p docs/screenshots
  for f in "$out"/main.png "$out"/voucher-lookup.png "$out"/settings.png "$out"/view-*.png "$out"/hi-home.png "$out"/hi-settings.png \
    "$out"/hi-vouchers.png "$out"/settings-desktop.png "$out"/glossary-tooltip.png; do
    [[ -f $f ]] && cp "$f" docs/screenshots/ && echo "e2e: copied $f to docs/screenshots/"
  done
fi
echo "e2e: screenshots in $out/"
exit "$rc"

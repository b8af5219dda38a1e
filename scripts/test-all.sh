#!/usr/bin/env bash
# Every test, in order, stopping at the first failure (`make test` runs this after installing
# what is missing). Each stage prints a header; a summary of stage timings closes the run.
#
#   scripts/test-all.sh                 # all stages
#   scripts/test-all.sh fmt clippy      # only the named stages
#
# Stages: fmt workflows clippy unit ui keychain e2e
set -euo pipefail
cd "$(dirname "$0")/.."

stages=("$@")
((${#stages[@]})) || stages=(fmt workflows clippy unit ui keychain e2e)

bold=$'\e[1m' green=$'\e[32m' red=$'\e[31m' reset=$'\e[0m'
[[ -t 1 ]] || { bold='' green='' red='' reset=''; }

summary=()
current=''
started_all=$SECONDS
on_exit() {
  local rc=$?
  if ((rc != 0)) && [[ -n $current ]]; then
    printf '\n%s%s== FAILED: %s (exit %d) ==%s\n' "$bold" "$red" "$current" "$rc" "$reset"
  fi
  if ((${#summary[@]})); then
    printf '\n%s== Summary ==%s\n' "$bold" "$reset"
    printf '  %s\n' "${summary[@]}"
  fi
}
trap on_exit EXIT

stage() {
  local name=$1 title=$2; shift 2
  current="$name: $title"
  printf '\n%s== [%s] %s ==%s\n%s$ %s%s\n' "$bold" "$name" "$title" "$reset" "$bold" "$*" "$reset"
  local t0=$SECONDS
  "$@"
  summary+=("$(printf '%-9s %-45s %4ds  ok' "$name" "$title" $((SECONDS - t0)))")
  current=''
}

# The release workflow can only run on GitHub: check it against GitHub's workflow schema (shipped
# inside check-jsonschema, so offline), then what it builds and the one-version / no-symlink
# layout (tests/release/). A few seconds; no release build.
workflows_test() {
  local venv=.e2e-venv/bin
  if [[ ! -x $venv/check-jsonschema ]]; then
    echo "check-jsonschema is missing from .e2e-venv: run scripts/install-deps.sh" >&2
    return 1
  fi
  "$venv/check-jsonschema" --builtin-schema vendor.github-workflows .github/workflows/*.yml
  "$venv/python" -m pytest -q -p no:cacheprovider tests/release
}

keychain_test() {
  if [[ ! -f src-tauri/tests/keychain.rs ]]; then
    echo "src-tauri/tests/keychain.rs is missing: the keychain round trip has nothing to run" >&2
    return 1
  fi
  # Round trip through the commands against gnome-keyring in a private D-Bus session.
  # (`--workspace --test keychain` rather than `-p ninjapay-desk`: same features as the unit
  # stage, so nothing is rebuilt.)
  scripts/with-keyring.sh cargo test --workspace --test keychain -- --ignored --test-threads=1
  # And with no Secret Service at all: the advice code, not a crash.
  env -u DBUS_SESSION_BUS_ADDRESS -u DISPLAY -u WAYLAND_DISPLAY NINJAPAY_DESK_KEYRING_SERVICE=ninjapay-desk-nobus \
    cargo test --workspace --test keychain -- --ignored without_a_secret_service
}

for s in "${stages[@]}"; do
  case "$s" in
    fmt) stage fmt "formatting" cargo fmt --all --check ;;
    workflows) stage workflows "release workflow (schema) + packaging layout" workflows_test ;;
    clippy) stage clippy "lints (all targets, warnings are errors)" \
      cargo clippy --workspace --all-targets -- -D warnings ;;
    unit) stage unit "crate tests + command tests" cargo test --workspace ;;
    ui) stage ui "interface unit tests (formatting, parsing)" node --test ui/tests/*.test.mjs ;;
    keychain) stage keychain "keychain round trip (real Secret Service)" keychain_test ;;
    e2e) stage e2e "real app under Xvfb through WebDriver" tests/e2e/run.sh ;;
    *) echo "unknown stage: $s (fmt workflows clippy unit ui keychain e2e)" >&2; exit 2 ;;
  esac
done

printf '\n%s== Summary ==%s\n' "$bold" "$reset"
printf '  %s\n' "${summary[@]}"
summary=()
printf '\n%s%s== All %d stages passed in %ds ==%s\n' "$bold" "$green" "${#stages[@]}" \
  $((SECONDS - started_all)) "$reset"

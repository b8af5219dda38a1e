#!/usr/bin/env bash
# Print the app's version: the workspace's (`[workspace.package] version` in Cargo.toml), the only
# place it is written. Cargo resolves it, so this is what the bundles are named after.
set -euo pipefail
cd "$(dirname "$0")/.."
id=$(cargo pkgid -p ninjapay-desk --offline 2>/dev/null || cargo pkgid -p ninjapay-desk)
echo "${id##*[#@]}"

#!/usr/bin/env python3
"""Write src-tauri/notices/THIRD-PARTY.txt: the crates Ninjapay Desk depends on directly (every
workspace member's normal dependencies, for Linux, macOS and Windows), each with its version and
the licence its Cargo metadata declares. About (Help menu) shows this file. Run it after changing
dependencies:  python3 src-tauri/notices/generate.py
It reads `cargo metadata` (no network); it is a list, not the licence texts themselves."""

import json
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
meta = json.loads(subprocess.run(
    ["cargo", "metadata", "--format-version", "1", "--locked", "--offline"],
    cwd=ROOT, check=True, capture_output=True, text=True).stdout)
packages = {p["id"]: p for p in meta["packages"]}
members = set(meta["workspace_members"])
nodes = {n["id"]: n for n in meta["resolve"]["nodes"]}
direct = {}
for member in members:
    for dep in nodes[member]["deps"]:
        if dep["pkg"] in members:
            continue
        if any(k["kind"] in (None, "normal") for k in dep["dep_kinds"]):
            p = packages[dep["pkg"]]
            direct[(p["name"], p["version"])] = p.get("license") or "see the crate"
lines = [f"{name} {version} — {lic}" for (name, version), lic in sorted(direct.items())]
out = Path(__file__).with_name("THIRD-PARTY.txt")
out.write_text("\n".join(lines) + "\n", encoding="utf-8")
print(f"{len(lines)} crates written to {out.relative_to(ROOT)}")

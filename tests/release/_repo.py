"""Shared helpers for the release checks: the repository root, files in it, the workspace version."""

import json
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def read(rel: str) -> str:
    return (ROOT / rel).read_text(encoding="utf-8")


def root_config() -> dict:
    return json.loads(read("tauri.conf.json"))


def workspace_version() -> str:
    """`version` under `[workspace.package]` in the root Cargo.toml (read as text: no TOML
    library is needed, Python 3.10 has none)."""
    section = re.search(r"^\[workspace\.package\]\n(.*?)(?=^\[|\Z)", read("Cargo.toml"), re.M | re.S)
    assert section, "Cargo.toml has no [workspace.package]"
    m = re.search(r'^version\s*=\s*"([^"]+)"', section.group(1), re.M)
    assert m, "[workspace.package] has no version"
    return m.group(1)


def git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, check=True, capture_output=True, text=True).stdout

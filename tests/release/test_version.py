"""One version number: the workspace's. Nothing else may spell it, so a release bumps one line."""

import re

from _repo import ROOT, git, read, root_config, workspace_version

# Written by tools from Cargo.toml, never by hand.
GENERATED = {"Cargo.lock"}


def test_the_workspace_has_a_semver_version():
    assert re.fullmatch(r"\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?", workspace_version())


def test_tauri_conf_leaves_the_version_to_cargo():
    # Absent, Tauri (the CLI, tauri-build, the app's package info) uses the Cargo package's.
    assert "version" not in root_config()


def test_every_workspace_crate_inherits_the_version():
    members = re.search(r"^members\s*=\s*\[(.*?)\]", read("Cargo.toml"), re.M | re.S).group(1)
    for member in re.findall(r'"([^"]+)"', members):
        manifest = read(f"{member}/Cargo.toml")
        package = re.search(r"^\[package\]\n(.*?)(?=^\[|\Z)", manifest, re.M | re.S).group(1)
        assert re.search(r"^version\.workspace\s*=\s*true", package, re.M), member
        assert not re.search(r'^version\s*=\s*"', package, re.M), member


def test_no_other_file_spells_the_version():
    version = workspace_version()
    pattern = re.compile(r"(?<![\w.])" + re.escape(version) + r"(?![\w.])")
    files = git("ls-files", "--cached", "--others", "--exclude-standard", "-z").split("\0")
    found = []
    for rel in filter(None, files):
        path = ROOT / rel
        if rel in GENERATED or path.is_symlink() or not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # images, fixtures
        for n, line in enumerate(text.splitlines(), 1):
            if pattern.search(line):
                found.append(f"{rel}:{n}: {line.strip()}")
    assert [f for f in found if not f.startswith("Cargo.toml:")] == [], (
        f"only Cargo.toml [workspace.package] may write the version {version}"
    )
    assert len(found) == 1, found

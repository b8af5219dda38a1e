"""tauri.conf.json lives at the root, once, and no symlink is needed to find it (Windows
checkouts lose symlinks): cargo reads it directly, the Tauri CLI gets a rebased copy."""

import json
import subprocess

from _repo import ROOT, git, read, root_config

APP = ROOT / "src-tauri"


def leaves(value, path=()):
    if isinstance(value, dict):
        for k, v in value.items():
            yield from leaves(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from leaves(v, path + (i,))
    else:
        yield path, value


def cli_config() -> dict:
    out = subprocess.run(
        ["node", "scripts/tauri.mjs", "--print-config"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out)


def test_the_repository_holds_no_symlinks():
    links = [line for line in git("ls-files", "-s").splitlines() if line.startswith("120000 ")]
    assert links == []


def test_the_cli_copy_of_the_config_is_never_committed():
    assert git("ls-files", "src-tauri/tauri.conf.json") == ""


def test_cargo_reads_the_root_config():
    assert '.config_path("../tauri.conf.json")' in read("src-tauri/build.rs")
    assert 'generate_context!("../tauri.conf.json")' in read("src-tauri/src/lib.rs")


def test_root_config_paths_resolve_from_the_root():
    conf = root_config()
    assert (ROOT / conf["build"]["frontendDist"] / "index.html").is_file()
    for icon in conf["bundle"]["icon"]:
        assert (ROOT / icon).is_file(), icon


def test_the_cli_copy_rebases_every_path_and_nothing_else():
    root, cli = dict(leaves(root_config())), dict(leaves(cli_config()))
    assert root.keys() == cli.keys()
    rebased = []
    for key, value in root.items():
        is_path = isinstance(value, str) and "/" not in value[:1] and (ROOT / value).exists() and value != "."
        if is_path:
            assert cli[key] == f"../{value}", key
            assert (APP / cli[key]).exists(), key
            rebased.append(key)
        else:
            assert cli[key] == value, key
    assert ("build", "frontendDist") in rebased
    assert sum(1 for k in rebased if k[:2] == ("bundle", "icon")) == len(root_config()["bundle"]["icon"])

"""The release workflow (.github/workflows/release.yml): a version tag builds every installer we
promise on each OS and attaches them to a draft release. (Its schema is checked separately by
check-jsonschema; this checks what it does.)"""

import re

import pytest
from ruamel.yaml import YAML

from _repo import ROOT, read, root_config

WORKFLOW = ROOT / ".github" / "workflows" / "release.yml"

# What each OS must produce (README, Packages).
PROMISED = {
    "windows": {"nsis", "msi"},
    "macos": {"dmg"},
    "linux": {"deb", "rpm", "appimage"},
}


@pytest.fixture(scope="module")
def wf():
    return YAML(typ="safe").load(WORKFLOW.read_text(encoding="utf-8"))


def runner_os(runs_on: str) -> str:
    for prefix, name in (("windows-", "windows"), ("macos-", "macos"), ("ubuntu-", "linux")):
        if runs_on.startswith(prefix):
            return name
    raise AssertionError(f"unknown runner {runs_on}")


def bundles(args: str) -> set:
    m = re.search(r"--bundles[ =](\S+)", args)
    assert m, f"no --bundles in {args!r}"
    return set(m.group(1).split(","))


def builds(wf) -> list:
    return wf["jobs"]["build"]["strategy"]["matrix"]["include"]


def step(job, uses_prefix: str):
    hits = [i for i, s in enumerate(job["steps"]) if str(s.get("uses", "")).startswith(uses_prefix)]
    assert len(hits) == 1, f"{uses_prefix}: {hits}"
    return hits[0], job["steps"][hits[0]]


def test_triggered_by_version_tags_only(wf):
    assert wf["on"] == {"push": {"tags": ["v*"]}}


def test_the_release_is_a_draft_made_once(wf):
    draft = wf["jobs"]["draft"]
    _, create = step(draft, "actions/github-script@")
    assert re.search(r"\bdraft:\s*true\b", create["with"]["script"])
    assert wf["jobs"]["build"]["needs"] == "draft"
    _, action = step(wf["jobs"]["build"], "tauri-apps/tauri-action@")
    assert action["with"]["releaseId"] == "${{ needs.draft.outputs.release_id }}"
    assert wf["permissions"] == {"contents": "write"}


def test_the_tag_must_be_the_workspace_version(wf):
    runs = " ".join(s.get("run", "") for s in wf["jobs"]["draft"]["steps"])
    assert "scripts/app-version.sh" in runs and "GITHUB_REF_NAME" in runs


@pytest.mark.parametrize("os_name", sorted(PROMISED))
def test_each_os_builds_its_installers(wf, os_name):
    made = [bundles(b["args"]) for b in builds(wf) if runner_os(b["os"]) == os_name]
    assert made, f"no {os_name} build"
    for got in made:
        assert PROMISED[os_name] <= got, (os_name, got)
        # the config must allow them too (a target missing there is silently skipped)
        assert got <= set(root_config()["bundle"]["targets"]), got


def test_macos_builds_both_architectures(wf):
    targets = {re.search(r"--target (\S+)", b["args"]).group(1) for b in builds(wf) if runner_os(b["os"]) == "macos"}
    assert targets == {"aarch64-apple-darwin", "x86_64-apple-darwin"}
    for b in builds(wf):
        if runner_os(b["os"]) == "macos":
            assert b["rust_targets"] in b["args"]


def test_the_cli_finds_the_app(wf):
    job = wf["jobs"]["build"]
    i, action = step(job, "tauri-apps/tauri-action@")
    writes = [n for n, s in enumerate(job["steps"]) if "scripts/tauri.mjs --write-config" in s.get("run", "")]
    assert writes and writes[0] < i, "the CLI's config copy must be written before tauri-action runs"
    assert action["with"]["projectPath"] == "src-tauri"
    assert "[package]" in read("src-tauri/Cargo.toml")


def test_the_linux_deb_is_repacked_with_xz_after_the_build(wf):
    job = wf["jobs"]["build"]
    at, _ = step(job, "tauri-apps/tauri-action@")
    repack = [i for i, s in enumerate(job["steps"]) if "scripts/deb-xz.sh" in str(s.get("run", ""))]
    assert len(repack) == 1 and repack[0] > at, "deb-xz.sh runs once, after tauri-action"
    s = job["steps"][repack[0]]
    assert s["if"] == "runner.os == 'Linux'"
    assert "--clobber" in s["run"], "the repacked .deb replaces the uploaded one"
    assert (ROOT / "scripts" / "deb-xz.sh").exists()

#!/usr/bin/env python3
"""Ninjapay Desk against a bare Tauri app, side by side in one run (`make bench`).

Launches the two release builds alternately under one Xvfb (one warm-up each, then BENCH_RUNS
rounds; the order flips every round so neither always goes first), with the measurements of
scripts/bench_startup.py (launch → interactive from the `ui_ready` hook, the page's own boot,
idle PSS of every process after BENCH_IDLE s), adds the sizes of the two release binaries and
.deb packages, and prints one table with the ratios, then the same table in Markdown for the
README. Ratios are the point: absolute figures move with the machine and its load.

Environment: BENCH_MINIMAL and BENCH_APP (binaries; BENCH_MINIMAL_LABEL and
BENCH_MINIMAL_WINDOW to put another build of the app as the baseline), BENCH_RUNS (5), BENCH_IDLE (5 s),
BENCH_TIMEOUT (20 s), BENCH_JSON (raw results), BENCH_DEB_DIR (where the .deb files are).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_startup as bs  # noqa: E402  (same directory; the launch and memory code)

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
TARGET = Path(os.environ.get("CARGO_TARGET_DIR", "target"))
DEB_DIR = Path(os.environ.get("BENCH_DEB_DIR", TARGET / "release" / "bundle" / "deb"))
APPS = [  # (label, binary, window title, .deb name prefix); the first is the baseline
    (os.environ.get("BENCH_MINIMAL_LABEL", "minimal Tauri app"),
     os.environ.get("BENCH_MINIMAL", str(TARGET / "release" / "minimal-tauri")),
     os.environ.get("BENCH_MINIMAL_WINDOW", "^Minimal Tauri$"), "Minimal Tauri_"),
    ("Ninjapay Desk", os.environ.get("BENCH_APP", str(TARGET / "release" / "ninjapay-desk")),
     "^Ninjapay Desk$", "Ninjapay Desk_"),
]
MiB = 1 << 20


def launch(binary: str, window: str, env: dict, ready: Path, measure_mem: bool = True) -> dict:
    bs.WINDOW_NAME = window  # read by bs.wait_window
    for attempt in range(3):
        try:
            return bs.one_launch(binary, env, ready, measure_mem=measure_mem)
        except RuntimeError as e:
            # On a shared machine GTK now and then fails to open the display: launch again,
            # and say so (a launch that fails every time still stops the benchmark).
            if attempt == 2:
                raise
            print(f"    launch failed, trying again: {str(e).splitlines()[0]}", file=sys.stderr)
    raise AssertionError("unreachable")


def newest_deb(prefix: str) -> Path | None:
    debs = sorted(DEB_DIR.glob(prefix + "*.deb"), key=lambda p: p.stat().st_mtime)
    return debs[-1] if debs else None


def med(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def summary(runs: list[dict]) -> dict:
    pss = [sum(r["pss_kib"].values()) / 1024 for r in runs if r.get("pss_kib")]
    alone = [r["pss_alone_kib"] / 1024 for r in runs if r.get("pss_alone_kib")]
    return {
        "ready": med([r["ready"] for r in runs if "ready" in r]),
        "page": med([r["page"] for r in runs if "page" in r]),
        "window": med([r["window"] for r in runs if "window" in r]),
        # Shares held by other WebKit apps on the machine given back, when we can (root).
        "pss": med(alone) if len(alone) == len(pss) and alone else med(pss),
        "pss_plain": med(pss),
        "errors": [r["error"] for r in runs if "error" in r],
    }


def fmt(v: float | None, unit: str, digits: int) -> str:
    return "n/a" if v is None else f"{v:.{digits}f} {unit}"


def ratio(a: float | None, b: float | None) -> str:
    return "" if not a or b is None else f"{b / a:.2f}×"


def main() -> int:
    bins = [(label, str(Path(b).resolve()), w, d) for label, b, w, d in APPS]
    for label, b, _, _ in bins:
        if not os.access(b, os.X_OK):
            sys.exit(f"bench: {b} ({label}) is not an executable: build it first (scripts/bench-compare.sh)")
    for tool in ("Xvfb", "xdotool"):
        if not shutil.which(tool):
            sys.exit(f"bench: {tool} missing (scripts/install-deps.sh)")
    xvfb, display = bs.start_xvfb()
    tmp = Path(tempfile.mkdtemp(prefix="ninjapay-bench."))
    env = dict(os.environ, DISPLAY=display, NINJAPAY_DESK_READY_FILE=str(tmp / "ready"))
    env.pop("NINJAPAY_API_URL", None)
    env.pop("NINJAPAY_PROD_URL", None)
    results: dict[str, list[dict]] = {label: [] for label, *_ in bins}
    try:
        print(f"bench: {RUNS} rounds + 1 warm-up each, alternating, Xvfb {display}, "
              f"{os.cpu_count()} cores, idle {bs.IDLE:g} s before PSS")
        for _, b, w, _ in bins:
            warm = launch(b, w, env, tmp / "ready", measure_mem=False)
            if "error" in warm:
                print(f"bench: warm-up of {b}: {warm['error']}", file=sys.stderr)
        for i in range(RUNS):
            order = bins if i % 2 == 0 else bins[::-1]
            for label, b, w, _ in order:
                r = launch(b, w, env, tmp / "ready")
                results[label].append(r)
                pss = sum(r.get("pss_kib", {}).values()) / 1024
                print(f"  round {i + 1}, {label}: interactive {r.get('ready', float('nan')):.3f} s "
                      f"(page {r.get('page', float('nan')):.3f} s), idle PSS {pss:.0f} MiB"
                      + (f" ({r['pss_alone_kib'] / 1024:.0f} without other WebKit apps)"
                         if "pss_alone_kib" in r else ""))
                if "error" in r:
                    print(f"    {r['error']}", file=sys.stderr)
    finally:
        xvfb.terminate()
        xvfb.wait()
        shutil.rmtree(tmp, ignore_errors=True)
    if os.environ.get("BENCH_JSON"):
        Path(os.environ["BENCH_JSON"]).write_text(json.dumps(results, indent=2))

    (ml, mb, _, md), (al, ab, _, ad) = bins
    m, a = summary(results[ml]), summary(results[al])
    m_deb, a_deb = newest_deb(md), newest_deb(ad)
    m_bin, a_bin = Path(mb).stat().st_size / MiB, Path(ab).stat().st_size / MiB
    m_debs = m_deb.stat().st_size / MiB if m_deb else None
    a_debs = a_deb.stat().st_size / MiB if a_deb else None
    pss_diff = "" if m["pss"] is None or a["pss"] is None else f"{a['pss'] - m['pss']:+.0f} MiB"
    rows = [
        ("launch → interactive", fmt(m["ready"], "s", 2), fmt(a["ready"], "s", 2), ratio(m["ready"], a["ready"])),
        ("  of which page boot", fmt(m["page"], "s", 3), fmt(a["page"], "s", 3), ratio(m["page"], a["page"])),
        ("window shown", fmt(m["window"], "s", 2), fmt(a["window"], "s", 2), ratio(m["window"], a["window"])),
        ("idle PSS, all processes", fmt(m["pss"], "MiB", 0), fmt(a["pss"], "MiB", 0), pss_diff),
        ("release binary", fmt(m_bin, "MiB", 1), fmt(a_bin, "MiB", 1), ratio(m_bin, a_bin)),
        (".deb", fmt(m_debs, "MiB", 2), fmt(a_debs, "MiB", 2), ratio(m_debs, a_debs)),
    ]
    head = ("", ml, al, "ratio")
    widths = [max(len(r[i]) for r in rows + [head]) for i in range(4)]
    print()
    print(f"== Side by side: median of {RUNS} launches each, alternating "
          f"(release builds, Xvfb 1280x800, {os.cpu_count()} cores) ==")
    for r in [head] + rows:
        print("  ".join(c.ljust(widths[i]) if i == 0 else c.rjust(widths[i]) for i, c in enumerate(r)))
    others = max((r.get("other_webkit", 0) for rs in results.values() for r in rs), default=0)
    if others:
        how = ("given back (PSS without other WebKit apps)" if os.geteuid() == 0
               else "not corrected: run as root for comparable PSS")
        print(f"note: up to {others} other WebKit processes were running; their shares are {how}")
    print()
    print("For the README:")
    print("| | " + " | ".join(head[1:]) + " |")
    print("|---|---|---|---|")
    for r in rows:
        print(f"| {r[0].strip()} | " + " | ".join(r[1:]) + " |")
    bad = m["errors"] + a["errors"]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

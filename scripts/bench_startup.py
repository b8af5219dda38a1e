#!/usr/bin/env python3
"""Startup time and idle memory of Ninjapay Desk under Xvfb (run through scripts/bench-startup.sh).

For each launch: time from exec to the window being mapped (xdotool, polled every 20 ms) and to
the UI being interactive. "Interactive" is when ui/js/main.js, after the first screen is rendered
and its events are wired (`document.body.dataset.ready = 'true'`), calls the `ui_ready`
command with `performance.now()`; the app then writes the wall-clock time (ns since the epoch)
and that page time to $NINJAPAY_DESK_READY_FILE. The benchmark subtracts the wall-clock time taken
just before exec, so the figure does not depend on how often the file is polled (polling hard
would steal CPU from the app on a 2-core machine); the page time splits it into native start-up
and page boot. Then, after BENCH_IDLE seconds idle, the memory of the app and every process it
started (WebKitWebProcess, WebKitNetworkProcess, ...):
  - PSS and USS summed from /proc/PID/smaps_rollup;
  - as root, from /proc/PID/pagemap and /proc/kpagecount: the PSS the group would have if no
    other WebKit app were running (other e2e runs share library pages with ours and make plain
    PSS look smaller), and every resident page counted once (a ceiling).
One warm-up launch is not counted. Exit status 0 only if every launch reported ready.

Standard library only. Environment: BENCH_APP (binary), BENCH_RUNS (5), BENCH_IDLE (5 s),
BENCH_TIMEOUT (20 s), BENCH_JSON (write the raw results there).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

APP = os.environ.get("BENCH_APP", "target/release/ninjapay-desk")
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
IDLE = float(os.environ.get("BENCH_IDLE", "5"))
TIMEOUT = float(os.environ.get("BENCH_TIMEOUT", "20"))
WINDOW_NAME = os.environ.get("BENCH_WINDOW_NAME", "^Ninjapay Desk$")


def start_xvfb() -> tuple[subprocess.Popen, str]:
    r, w = os.pipe()
    proc = subprocess.Popen(
        ["Xvfb", "-displayfd", str(w), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(w,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    os.close(w)
    buf = b""
    deadline = time.monotonic() + 10
    while not buf.endswith(b"\n") and time.monotonic() < deadline:
        chunk = os.read(r, 16)
        if not chunk:
            break
        buf += chunk
    os.close(r)
    if not buf.strip():
        proc.kill()
        sys.exit("bench: Xvfb did not start")
    return proc, ":" + buf.decode().strip()


def children_map() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            stat = (d / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        kids.setdefault(ppid, []).append(int(d.name))
    return kids


def process_tree(root: int) -> list[int]:
    kids = children_map()
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(kids.get(pid, []))
    return out


def mem_kib(pid: int) -> tuple[int, int] | None:
    """(PSS, USS) of one process in KiB; USS = its private pages only."""
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
    except OSError:
        return None
    vals = {}
    for line in rollup:
        key, _, rest = line.partition(":")
        if key in ("Pss", "Private_Clean", "Private_Dirty"):
            vals[key] = int(rest.split()[0])
    if "Pss" not in vals:
        return None
    return vals["Pss"], vals.get("Private_Clean", 0) + vals.get("Private_Dirty", 0)


BIG_MAPPING = 256 << 20  # larger mappings are private reservations (JS heap cage): count their Rss


def _frames(pid: int, counts: dict[int, int]) -> int:
    """Add each resident physical page (PFN) of `pid` to `counts`; return the KiB of mappings
    too big to walk (counted as private)."""
    big_kib = 0
    try:
        smaps = Path(f"/proc/{pid}/smaps").read_text().splitlines()
        pagemap = open(f"/proc/{pid}/pagemap", "rb")
    except OSError:
        return 0
    with pagemap:
        rng = None
        for line in smaps:
            head = line.split(None, 1)[0] if line else ""
            if "-" in head and ":" not in head:
                rng = tuple(int(x, 16) for x in head.split("-"))
            elif head == "Rss:" and rng is not None:
                rss = int(line.split()[1])
                lo, hi = rng
                rng = None
                if rss == 0:
                    continue
                if hi - lo > BIG_MAPPING:
                    big_kib += rss
                    continue
                try:
                    pagemap.seek(lo // 4096 * 8)
                    data = pagemap.read((hi - lo) // 4096 * 8)
                except OSError:
                    continue
                for (entry,) in struct.iter_unpack("<Q", data):
                    if entry >> 63:  # present
                        pfn = entry & ((1 << 55) - 1)
                        counts[pfn] = counts.get(pfn, 0) + 1
    return big_kib


def webkit_users(ours: set[int]) -> list[int]:
    """Other processes that map WebKitGTK (other WebKit apps and their helper processes)."""
    out = []
    for d in Path("/proc").iterdir():
        if not d.name.isdigit() or int(d.name) in ours:
            continue
        try:
            if "libwebkit2gtk" in (d / "maps").read_text():
                out.append(int(d.name))
        except OSError:
            pass
    return out


def memory_without_others_kib(pids: list[int]) -> tuple[int, int] | None:
    """(resident once, PSS as if no other WebKit app were running) of a process group, in KiB.

    "Resident once": every physical page any of the group maps, counted once (a ceiling for
    PSS that does not depend on what else runs). "PSS alone": each page's share computed from
    the kernel's map count (/proc/kpagecount) minus the mappings held by other WebKit apps, so
    other test runs on the machine do not make the figure look smaller. Needs root."""
    if os.geteuid() != 0 or not os.access("/proc/kpagecount", os.R_OK):
        return None
    ours: dict[int, int] = {}
    big_kib = sum(_frames(pid, ours) for pid in pids)
    others: dict[int, int] = {}
    for pid in webkit_users(set(pids)):
        _frames(pid, others)
    pss_alone = 0.0
    with open("/proc/kpagecount", "rb") as kc:
        for pfn, n in ours.items():
            kc.seek(pfn * 8)
            (total,) = struct.unpack("<Q", kc.read(8))
            share = max(total - others.get(pfn, 0), n)
            pss_alone += n / share
    return len(ours) * 4 + big_kib, int(pss_alone * 4) + big_kib


def other_webkit(ours: set[int]) -> int:
    """Live processes outside the app's tree that map WebKitGTK: they share library pages with
    ours and so lower our PSS (each shared page is split among all processes mapping it)."""
    return len(webkit_users(ours)) if os.access("/proc/1/maps", os.R_OK) else 0


def comm(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return "?"


def wait_window(env: dict, result: dict, t0: float, stop: threading.Event) -> None:
    while not stop.is_set():
        r = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", WINDOW_NAME],
                           env=env, capture_output=True, text=True)
        if r.returncode == 0 and r.stdout.strip():
            result["window"] = time.monotonic() - t0
            return
        time.sleep(0.02)


def read_ready(ready_file: Path) -> tuple[int, float] | None:
    """(wall-clock ns, page ms) the app wrote when the page said it is interactive."""
    try:
        fields = ready_file.read_text().split()
    except OSError:
        return None
    if not fields or not fields[0].isdigit():
        return None
    page_ms = float(fields[1]) if len(fields) > 1 else -1.0
    return int(fields[0]), page_ms


def kill_tree(proc: subprocess.Popen) -> None:
    pids = process_tree(proc.pid)
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    # WebKit helpers may linger for a moment; wait until they are all gone.
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(Path(f"/proc/{p}").exists() for p in pids):
        time.sleep(0.05)
    for p in pids:
        try:
            os.kill(p, signal.SIGKILL)
        except ProcessLookupError:
            pass


def one_launch(app: str, env: dict, ready_file: Path, measure_mem: bool) -> dict:
    ready_file.unlink(missing_ok=True)
    result: dict = {}
    stop = threading.Event()
    t0 = time.monotonic()
    t0_wall = time.time_ns()
    log = open(ready_file.with_name("app.log"), "wb")
    proc = subprocess.Popen([app], env=env, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    log.close()
    watcher = threading.Thread(target=wait_window, args=(env, result, t0, stop), daemon=True)
    watcher.start()
    try:
        deadline = t0 + TIMEOUT
        while time.monotonic() < deadline:
            got = read_ready(ready_file)
            if got is not None:
                result["ready"] = (got[0] - t0_wall) / 1e9
                if got[1] >= 0:
                    result["page"] = got[1] / 1000  # navigation start → ready, page's clock
                break
            if proc.poll() is not None:
                tail = ready_file.with_name("app.log").read_text(errors="replace").splitlines()[-15:]
                raise RuntimeError(f"the app exited with code {proc.returncode} before it was ready; "
                                   "its last output:\n  " + "\n  ".join(tail))
            time.sleep(0.05)
        watcher.join(timeout=max(0.0, deadline - time.monotonic()))
        stop.set()
        if "ready" not in result:
            result["error"] = (f"no ready signal within {TIMEOUT}s: the app must write "
                               "$NINJAPAY_DESK_READY_FILE when ui/ calls `ui_ready`")
        if measure_mem:
            time.sleep(IDLE)
            per: dict[str, int] = {}
            uss = 0
            tree = process_tree(proc.pid)
            for pid in tree:
                m = mem_kib(pid)
                if m is not None:
                    per[comm(pid)] = per.get(comm(pid), 0) + m[0]
                    uss += m[1]
            result["pss_kib"] = per
            result["uss_kib"] = uss
            mem = memory_without_others_kib(tree)
            if mem is not None:
                result["once_kib"], result["pss_alone_kib"] = mem
            result["other_webkit"] = other_webkit(set(tree))
    finally:
        stop.set()
        kill_tree(proc)
    return result


def main() -> int:
    app = str(Path(APP).resolve())
    if not os.access(app, os.X_OK):
        sys.exit(f"bench: {app} is not an executable (build the release app first)")
    for tool in ("Xvfb", "xdotool"):
        if not shutil.which(tool):
            sys.exit(f"bench: {tool} missing (scripts/install-deps.sh)")
    xvfb, display = start_xvfb()
    tmp = Path(tempfile.mkdtemp(prefix="ninjapay-bench."))
    env = dict(os.environ, DISPLAY=display, NINJAPAY_DESK_READY_FILE=str(tmp / "ready"))
    env.pop("NINJAPAY_API_URL", None)
    env.pop("NINJAPAY_PROD_URL", None)
    try:
        print(f"bench: {app} on Xvfb {display}, {RUNS} runs + 1 warm-up, idle {IDLE:g} s before PSS")
        webkit_env = {k: v for k, v in os.environ.items() if k.startswith("WEBKIT_")}
        if webkit_env:
            print(f"bench: with {webkit_env} from the environment")
        warm = one_launch(app, env, tmp / "ready", measure_mem=False)
        if "error" in warm:
            print(f"bench: warm-up: {warm['error']}", file=sys.stderr)
        runs = []
        for i in range(RUNS):
            r = one_launch(app, env, tmp / "ready", measure_mem=True)
            runs.append(r)
            pss = sum(r.get("pss_kib", {}).values()) / 1024
            print(f"  run {i + 1}: window {r.get('window', float('nan')):.3f} s, "
                  f"interactive {r.get('ready', float('nan')):.3f} s "
                  f"(page boot {r.get('page', float('nan')):.3f} s), idle PSS {pss:.0f} MiB ("
                  + ", ".join(f"{k} {v / 1024:.0f}" for k, v in sorted(r.get("pss_kib", {}).items()))
                  + f"), USS {r.get('uss_kib', 0) / 1024:.0f} MiB"
                  + (f", PSS without other WebKit apps {r['pss_alone_kib'] / 1024:.0f} MiB, "
                     f"each page once {r['once_kib'] / 1024:.0f} MiB" if "once_kib" in r else "")
                  + (f"; {r['other_webkit']} other WebKit processes running" if r.get("other_webkit") else ""))
            if "error" in r:
                print(f"    {r['error']}", file=sys.stderr)
    finally:
        xvfb.terminate()
        xvfb.wait()
        shutil.rmtree(tmp, ignore_errors=True)

    if os.environ.get("BENCH_JSON"):
        Path(os.environ["BENCH_JSON"]).write_text(json.dumps({"warmup": warm, "runs": runs}, indent=2))

    ready = [r["ready"] for r in runs if "ready" in r]
    window = [r["window"] for r in runs if "window" in r]
    totals = [sum(r["pss_kib"].values()) / 1024 for r in runs if r.get("pss_kib")]
    uss = [r["uss_kib"] / 1024 for r in runs if r.get("uss_kib")]
    once = [r["once_kib"] / 1024 for r in runs if r.get("once_kib")]
    alone = [r["pss_alone_kib"] / 1024 for r in runs if r.get("pss_alone_kib")]
    page = [r["page"] for r in runs if "page" in r]
    others = max((r.get("other_webkit", 0) for r in runs), default=0)
    names = sorted({k for r in runs for k in r.get("pss_kib", {})})
    per_proc = {n: statistics.median([r["pss_kib"].get(n, 0) / 1024 for r in runs]) for n in names}
    print()
    print(f"== Median of {RUNS} launches (release build, Xvfb 1280x800, {os.cpu_count()} cores) ==")
    if window:
        print(f"window shown:            {statistics.median(window):.2f} s")
    if ready:
        print(f"launch → UI interactive: {statistics.median(ready):.2f} s "
              f"(min {min(ready):.2f}, max {max(ready):.2f})")
    if page:
        print(f"  of which page boot:    {statistics.median(page):.2f} s "
              "(navigation start → ready, the page's own clock)")
    else:
        print("launch → UI interactive: n/a (" + runs[0].get("error", "no data") + ")")
    if totals:
        print(f"idle PSS, all processes: {statistics.median(totals):.0f} MiB ("
              + ", ".join(f"{n} {v:.0f}" for n, v in per_proc.items()) + ")")
    if uss:
        print(f"idle USS, all processes: {statistics.median(uss):.0f} MiB (private pages only)")
    if alone:
        print(f"idle PSS without other WebKit apps: {statistics.median(alone):.0f} MiB "
              "(shares held by other WebKit processes on the machine given back)")
    if once:
        print(f"idle resident, each page once: {statistics.median(once):.0f} MiB "
              "(upper bound for PSS, whatever else runs)")
    if others:
        print(f"note: up to {others} other WebKit processes were running; they share library pages "
              "with the app's, which lowers its plain PSS"
              + (": quote the PSS without other WebKit apps." if alone else
                 ". Measure on a quiet machine (or as root) for the README."))
    if ready and totals:
        mem = statistics.median(alone) if alone else statistics.median(totals)
        print()
        print("For the README:")
        print(f"  Launch to interactive UI: {statistics.median(ready):.2f} s; idle memory of all the "
              f"app's processes: {mem:.0f} MiB PSS (release build, median of "
              f"{RUNS} launches under Xvfb, {os.cpu_count()} cores; scripts/bench-startup.sh).")
    return 0 if ready and len(ready) == len(runs) else 1


if __name__ == "__main__":
    sys.exit(main())

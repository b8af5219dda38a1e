#!/usr/bin/env python3
"""Startup time and idle memory of Ninjapay Desk under Xvfb (run through scripts/bench-startup.sh).

For each launch: time from exec to the window being mapped (xdotool) and to the UI being
interactive (the app writes $NINJAPAY_DESK_READY_FILE when the page calls the `ui_ready` command,
which ui/ does once the first screen is rendered and wired). Then, after BENCH_IDLE seconds idle,
the PSS of the app and every process it started (WebKitWebProcess, WebKitNetworkProcess, ...),
summed from /proc/PID/smaps_rollup. One warm-up launch is not counted.

Standard library only. Environment: BENCH_APP (binary), BENCH_RUNS (5), BENCH_IDLE (5 s),
BENCH_TIMEOUT (20 s), BENCH_JSON (write the raw results there).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import statistics
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


def pss_kib(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


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
        time.sleep(0.01)


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
    proc = subprocess.Popen([app], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    watcher = threading.Thread(target=wait_window, args=(env, result, t0, stop), daemon=True)
    watcher.start()
    try:
        deadline = t0 + TIMEOUT
        while time.monotonic() < deadline:
            if ready_file.exists():
                result["ready"] = time.monotonic() - t0
                break
            if proc.poll() is not None:
                raise RuntimeError(f"the app exited with code {proc.returncode} before it was ready")
            time.sleep(0.002)
        watcher.join(timeout=max(0.0, deadline - time.monotonic()))
        stop.set()
        if "ready" not in result:
            result["error"] = (f"no ready signal within {TIMEOUT}s: the app must write "
                               "$NINJAPAY_DESK_READY_FILE when ui/ calls `ui_ready`")
        if measure_mem:
            time.sleep(IDLE)
            per: dict[str, int] = {}
            for pid in process_tree(proc.pid):
                kib = pss_kib(pid)
                if kib is not None:
                    per[comm(pid)] = per.get(comm(pid), 0) + kib
            result["pss_kib"] = per
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
                  f"interactive {r.get('ready', float('nan')):.3f} s, idle PSS {pss:.0f} MiB "
                  + ", ".join(f"{k} {v / 1024:.0f}" for k, v in sorted(r.get("pss_kib", {}).items())))
    finally:
        xvfb.terminate()
        xvfb.wait()
        shutil.rmtree(tmp, ignore_errors=True)

    if os.environ.get("BENCH_JSON"):
        Path(os.environ["BENCH_JSON"]).write_text(json.dumps({"warmup": warm, "runs": runs}, indent=2))

    ready = [r["ready"] for r in runs if "ready" in r]
    window = [r["window"] for r in runs if "window" in r]
    totals = [sum(r["pss_kib"].values()) / 1024 for r in runs if r.get("pss_kib")]
    names = sorted({k for r in runs for k in r.get("pss_kib", {})})
    per_proc = {n: statistics.median([r["pss_kib"].get(n, 0) / 1024 for r in runs]) for n in names}
    print()
    print(f"== Median of {RUNS} launches (release build, Xvfb 1280x800, {os.cpu_count()} cores) ==")
    if window:
        print(f"window shown:            {statistics.median(window):.2f} s")
    if ready:
        print(f"launch → UI interactive: {statistics.median(ready):.2f} s "
              f"(min {min(ready):.2f}, max {max(ready):.2f})")
    else:
        print("launch → UI interactive: n/a (" + runs[0].get("error", "no data") + ")")
    if totals:
        print(f"idle PSS, all processes: {statistics.median(totals):.0f} MiB ("
              + ", ".join(f"{n} {v:.0f}" for n, v in per_proc.items()) + ")")
    if ready and totals:
        print()
        print("For the README:")
        print(f"  Launch to interactive UI: {statistics.median(ready):.2f} s; idle memory of all the "
              f"app's processes: {statistics.median(totals):.0f} MiB PSS (release build, median of "
              f"{RUNS} launches under Xvfb, {os.cpu_count()} cores; scripts/bench-startup.sh).")
    return 0 if ready and len(ready) == len(runs) else 1


if __name__ == "__main__":
    sys.exit(main())

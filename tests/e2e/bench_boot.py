"""Benchmark, not a test of the suite (no test_ prefix): where the page's boot goes, by stage.

  E2E_DARK=0 tests/e2e/run.sh -- -s tests/e2e/bench_boot.py

Launches the (debug) app RUNS times under WebDriver and reads, from the page's own clock, the
navigation timing and the `boot:*` marks ui/js/main.js sets: modules loaded (main.js starts
running), settings read (for the language), catalogue loaded, first screen mounted, event
listeners registered, first reads done. Prints the median time spent in each stage, then each
first read timed alone once the app is up; asserts nothing.
"""

from __future__ import annotations

import os
import statistics

from conftest import booted, restart_app

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
STAGES = ["modules", "settings", "locale", "mounted", "listening", "read"]

READ = """
const nav = performance.getEntriesByType('navigation')[0];
const marks = Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime]));
return { html: nav ? nav.responseEnd : null, marks };
"""

TIME_ONE = """
const [cmd, done] = arguments;
const t0 = performance.now();
window.__TAURI__.core.invoke(cmd).then(() => done(performance.now() - t0), () => done(-1));
"""


def test_boot_stages(driver):
    booted(driver)
    samples = []
    for _ in range(RUNS):
        restart_app(driver)
        samples.append(driver.execute_script(READ))
    # Each of the first reads alone, once the app is up (warm), to see which one is slow.
    each = {cmd: statistics.median(driver.execute_async_script(TIME_ONE, cmd) for _ in range(RUNS))
            for cmd in ("app_status", "get_settings", "key_status", "watch_list")}
    print()
    print("first reads one at a time, warm, median ms: "
          + ", ".join(f"{cmd} {ms:.1f}" for cmd, ms in each.items()))
    print(f"page boot by stage, median of {RUNS} launches (debug app, WebDriver, Xvfb), ms:")
    prev = "html"
    print(f"  index.html received        {statistics.median(s['html'] or 0 for s in samples):6.1f}")
    for stage in STAGES:
        key = f"boot:{stage}"
        at = [s["marks"].get(key) for s in samples if key in s["marks"]]
        if not at:
            continue
        step = [s["marks"][key] - (s["html"] if prev == "html" else s["marks"][f"boot:{prev}"])
                for s in samples if key in s["marks"]]
        print(f"  {stage:<26} at {statistics.median(at):6.1f}  (+{statistics.median(step):5.1f})")
        prev = stage

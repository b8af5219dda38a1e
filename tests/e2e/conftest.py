"""Fixtures for the end-to-end test of the real Ninjapay Desk app.

The app runs under an X server (Xvfb, started by tests/e2e/run.sh through xvfb-run) and is driven
through tauri-driver, which proxies WebDriver to WebKitGTK's own WebKitWebDriver.

Environment (all set by tests/e2e/run.sh; the defaults suit a manual run):
  E2E_APP          path to the app binary (default: target/debug/ninjapay-desk)
  E2E_OUT          folder for screenshots and logs (default: .e2e-out)
  E2E_PORT         tauri-driver port (default 4444, native port = +1; a free pair is
                   picked if busy)
  E2E_SELFTEST=1   test the harness itself: WebKitGTK's MiniBrowser shows
                   tests/e2e/fixtures/fake-ui.html instead of the app
  E2E_THEME        "light" (default) or "dark": the theme the app was started in (run.sh's second
                   pass over test_a11y.py sets GTK_THEME=Adwaita:dark and E2E_THEME=dark); it
                   names that pass's logs and failure screenshots
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.common.options import ArgOptions
from selenium.webdriver.remote.client_config import ClientConfig
from selenium.webdriver.remote.remote_connection import RemoteConnection

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(os.environ.get("E2E_OUT", ROOT / ".e2e-out"))
SELFTEST = os.environ.get("E2E_SELFTEST") == "1"
MINIBROWSER = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser"
NATIVE_DRIVER = os.environ.get("E2E_NATIVE_DRIVER", "/usr/bin/WebKitWebDriver")
THEME = os.environ.get("E2E_THEME", "light")
# A second pass (the dark theme) keeps the first one's logs and screenshots.
SUFFIX = "" if THEME == "light" else f"-{THEME}"


def _port_free(port: int) -> bool:
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


def _pick_ports() -> tuple[int, int]:
    port = int(os.environ.get("E2E_PORT", "4444"))
    for p in [port] + list(range(14444, 14544, 2)):
        if _port_free(p) and _port_free(p + 1):
            return p, p + 1
    raise RuntimeError("no free port pair for tauri-driver")


def _wait_port(port: int, proc: subprocess.Popen, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"tauri-driver exited early with code {proc.returncode}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"tauri-driver did not listen on :{port} within {timeout}s")


def _tauri_driver() -> str:
    found = shutil.which("tauri-driver")
    if found:
        return found
    cargo_bin = Path(os.environ.get("CARGO_HOME", Path.home() / ".cargo")) / "bin" / "tauri-driver"
    if cargo_bin.exists():
        return str(cargo_bin)
    pytest.exit("tauri-driver not found: run scripts/install-deps.sh", returncode=2)


@pytest.fixture(scope="session")
def out_dir() -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    return OUT


@pytest.fixture(scope="session")
def app_binary() -> str:
    if SELFTEST:
        return MINIBROWSER
    app = Path(os.environ.get("E2E_APP", ROOT / "target" / "debug" / "ninjapay-desk"))
    if not app.exists():
        pytest.exit(f"app binary {app} not found: build it with `cargo build -p ninjapay-desk`",
                    returncode=2)
    return str(app.resolve())


@pytest.fixture(scope="session")
def app_home() -> Path:
    """The HOME the app runs with: a temp dir (run.sh / with-keyring.sh set it), never the user's."""
    home = Path(os.environ["HOME"])
    if not SELFTEST and not os.environ.get("KEYRING_TEST_HOME") and not os.environ.get("E2E_ALLOW_REAL_HOME"):
        pytest.exit("refusing to run the app with the real HOME: use tests/e2e/run.sh", returncode=2)
    return home


# The app turns WebKit's compositing mode off (src-tauri/src/webkit_env.rs: ~70 MiB less memory). In
# that mode WebKitGTK's WebDriver "take screenshot" (2.50) waits for the page to paint again
# after the request, and an idle page never does: the command hangs for ever (the cause of the
# "second test hangs" seen when the change first went in). A 1-pixel, practically invisible
# element at the bottom-right corner that repaints every 50 ms while the screenshot is taken
# gives WebKit the paint it waits for; it is removed again straight afterwards.
_REPAINT_ON = """
  if (!window.__e2eRepaint) {
    const t = document.createElement('div');
    t.setAttribute('aria-hidden', 'true');
    t.style.cssText = 'position:fixed;right:0;bottom:0;width:1px;height:1px;' +
      'pointer-events:none;z-index:2147483647';
    document.documentElement.append(t);
    let on = false;
    const timer = setInterval(() => {
      on = !on;
      t.style.background = on ? 'rgba(0,0,0,0.004)' : 'transparent';
    }, 50);
    window.__e2eRepaint = () => { clearInterval(timer); t.remove(); delete window.__e2eRepaint; };
  }
"""
_REPAINT_OFF = "if (window.__e2eRepaint) window.__e2eRepaint();"


def repaint_during_screenshots(drv) -> None:
    """Wrap drv.execute so that every screenshot (page or element) runs with the repaint ticker."""
    plain = drv.execute

    def execute(command, params=None):
        if command not in ("screenshot", "elementScreenshot"):
            return plain(command, params)
        try:
            plain("w3cExecuteScript", {"script": _REPAINT_ON, "args": []})
        except Exception:  # noqa: BLE001 - no page to script: take the screenshot anyway
            pass
        try:
            return plain(command, params)
        finally:
            try:
                plain("w3cExecuteScript", {"script": _REPAINT_OFF, "args": []})
            except Exception:  # noqa: BLE001
                pass

    drv.execute = execute


@pytest.fixture(scope="session")
def driver(app_binary: str, out_dir: Path, app_home: Path):
    if not os.environ.get("DISPLAY"):
        pytest.exit("no DISPLAY: run under Xvfb (tests/e2e/run.sh does)", returncode=2)
    port, native_port = _pick_ports()
    log = open(out_dir / f"tauri-driver{SUFFIX}.log", "wb")
    proc = subprocess.Popen(
        [_tauri_driver(), "--port", str(port), "--native-port", str(native_port),
         "--native-driver", NATIVE_DRIVER],
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    drv = None
    try:
        _wait_port(port, proc)
        _wait_port(native_port, proc)  # WebKitWebDriver, started by tauri-driver, comes up later
        opts = ArgOptions()
        opts.set_capability("browserName", "wry")
        opts.set_capability("tauri:options", {"application": app_binary})
        if SELFTEST:
            # MiniBrowser needs to be told it is automated; the Tauri app needs no arguments.
            opts.set_capability("browserName", "MiniBrowser")
            opts.set_capability("tauri:options", {"application": app_binary, "args": ["--automation"]})
        conn = RemoteConnection(client_config=ClientConfig(remote_server_addr=f"http://127.0.0.1:{port}"))
        drv = webdriver.Remote(command_executor=conn, options=opts)
        drv.implicitly_wait(0)
        repaint_during_screenshots(drv)
        # For restart_app(): this session's tauri-driver and how to start the app again.
        drv._e2e = {"driver_pid": proc.pid, "capabilities": opts.to_capabilities(), "app": app_binary}
        if SELFTEST:
            drv.get((Path(__file__).parent / "fixtures" / "fake-ui.html").as_uri())
        yield drv
    finally:
        if drv is not None:
            try:
                drv.quit()
            except Exception:  # noqa: BLE001 - best effort on teardown
                pass
        try:
            os.killpg(proc.pid, 15)
        except ProcessLookupError:
            pass
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)
        log.close()


# ---- helpers shared by the view tests ------------------------------------------------------

import json as _json
import urllib.request as _urlreq

from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

TIMEOUT = float(os.environ.get("E2E_TIMEOUT", "20"))


def invoke(driver, cmd: str, args: dict | None = None):
    """Call one of the app's commands from the page (as the UI does); raises on {code,message}."""
    result = driver.execute_async_script(
        """
        const [cmd, args, done] = arguments;
        window.__TAURI__.core.invoke(cmd, args)
          .then((v) => done({ ok: v }), (e) => done({ err: e }));
        """,
        cmd, args or {},
    )
    if "err" in result:
        raise RuntimeError(f"{cmd} failed: {result['err']}")
    return result["ok"]


def record_of(driver, kind: str, tid: str):
    """The records' row for `kind` + `tid` in the current account (what Records and Home show), or None."""
    rows = invoke(driver, "records", {"query": {"text": str(tid), "kinds": [kind], "pageSize": 0}})["rows"]
    return next((r for r in rows if r["tid"] == str(tid)), None)


def open_view(driver, name: str):
    """Click a top-bar tab and wait until its section shows."""
    driver.find_element(By.ID, f"tab-{name}").click()
    WebDriverWait(driver, TIMEOUT, 0.1).until(
        lambda d: d.find_element(By.ID, f"view-{name}").is_displayed())
    return driver.find_element(By.ID, f"view-{name}")


class SandboxControl:
    """The app's in-process sandbox, driven through its `/_sandbox/` admin routes."""

    def __init__(self, api_url: str, prod_url: str):
        self.api_url = api_url.rstrip("/")
        self.prod_url = prod_url.rstrip("/")

    def _call(self, method: str, path: str, body: dict | None = None):
        data = None if body is None else _json.dumps(body).encode()
        req = _urlreq.Request(f"{self.api_url}/_sandbox/{path}", data=data, method=method,
                              headers={"content-type": "application/json"})
        with _urlreq.urlopen(req, timeout=10) as resp:
            return _json.loads(resp.read() or b"null")

    def now(self) -> int:
        return self._call("GET", "clock")["now"]

    def advance(self, seconds: int):
        """Move the sandbox clock: pending things move (codes redeemed, payments paid, …)."""
        return self._call("POST", "clock/advance", {"seconds": int(seconds)})

    def fault(self, **fault):
        """Inject a fault, e.g. fault(kind="status", status=500, count=1, path="/lapi/v1/checkVoucher")."""
        return self._call("POST", "faults", fault)

    def clear_faults(self):
        return self._call("DELETE", "faults")

    def settle(self, tid: str, status: str):
        return self._call("POST", "settle", {"tid": tid, "status": status})

    def requests(self):
        return self._call("GET", "requests")


@pytest.fixture(scope="session")
def sandbox(driver) -> SandboxControl:
    """The running app's sandbox (the app must be in Sandbox mode)."""
    body = driver.find_element(By.TAG_NAME, "body")
    WebDriverWait(driver, TIMEOUT, 0.1).until(lambda d: body.get_attribute("data-ready") in ("true", "error"))
    status = invoke(driver, "app_status")
    info = status.get("sandbox")
    if SELFTEST or not info:
        pytest.skip("the app is not running its sandbox")
    return SandboxControl(info["apiUrl"], info["prodUrl"])


# ---- restarting the app (tests/e2e/test_watch.py) ------------------------------------------

def _children(pid: int) -> list[int]:
    """Direct children of `pid` (from /proc; no process names involved)."""
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(p) for p in f.read().split()]
    except OSError:
        return []


def app_pids(driver) -> list[int]:
    """The app processes THIS session's tauri-driver started (tauri-driver → WebKitWebDriver →
    app), found by walking its process tree: other runs use the same binary path."""
    info = getattr(driver, "_e2e", None)
    if not info:
        return []
    app = os.path.realpath(info["app"])
    found = []
    for native in _children(info["driver_pid"]):
        for child in _children(native):
            try:
                exe = os.path.realpath(f"/proc/{child}/exe")
            except OSError:
                continue
            if exe == app:
                found.append(child)
    return found


def restart_app(driver, sig: int = 9, timeout: float = 30.0) -> int:
    """Kill this session's app with `sig` (default SIGKILL: a crash, nothing saved on exit), then
    start it again in a fresh WebDriver session on the same `driver` object (same HOME, so the
    watch store and the sandbox state are reused). Returns the killed PID."""
    import signal as _signal  # noqa: F401 - documents that `sig` is a signal number

    pids = app_pids(driver)
    if len(pids) != 1:
        raise RuntimeError(f"expected one app under this tauri-driver, found {pids}")
    pid = pids[0]
    os.kill(pid, sig)
    deadline = time.monotonic() + timeout
    while os.path.exists(f"/proc/{pid}") and time.monotonic() < deadline:
        # A zombie until WebKitWebDriver reaps it: that counts as gone.
        try:
            with open(f"/proc/{pid}/stat") as f:
                if f.read().split(")")[-1].split()[0] == "Z":
                    break
        except OSError:
            break
        time.sleep(0.05)
    try:
        driver.execute("quit")  # end the dead session (errors expected: its app is gone)
    except Exception:  # noqa: BLE001
        pass
    driver.start_session(driver._e2e["capabilities"])
    driver.implicitly_wait(0)
    body = WebDriverWait(driver, timeout, 0.1).until(lambda d: d.find_element(By.TAG_NAME, "body"))
    WebDriverWait(driver, timeout, 0.1).until(lambda d: body.get_attribute("data-ready") in ("true", "error"))
    return pid


def pytest_collection_modifyitems(config, items):
    """test_watch.py kills and restarts the shared app: run it after every other test file.
    Tests marked `first` (Live mode without a key, which needs nothing watched yet) run first."""
    items.sort(key=lambda item: (item.get_closest_marker("first") is None,
                                 item.fspath.basename == "test_watch.py"))


def wait(driver, timeout: float = TIMEOUT, poll: float = 0.2) -> WebDriverWait:
    """Wait on the page. Views redraw as events arrive (the watcher, a balance, a language), so an
    element found a moment ago may be gone or replaced when it is read: such a read is simply
    retried at the next poll instead of failing the test."""
    return WebDriverWait(driver, timeout, poll_frequency=poll,
                         ignored_exceptions=(NoSuchElementException, StaleElementReferenceException))


def booted(driver):
    """Wait until the UI has booted (main.js sets <body data-ready>)."""
    wait(driver).until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") in ("true", "error"))
    assert driver.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "true", "the UI failed to boot"


def css(driver, sel):
    return driver.find_element(By.CSS_SELECTOR, sel)


def fill(driver, sel: str, value: str):
    """Replace what a field holds with `value`."""
    el = css(driver, sel)
    el.clear()
    if value:
        el.send_keys(value)
    return el


@pytest.fixture(scope="module")
def in_sandbox_mode(driver):
    """For tests that need the app's sandbox. The session's app is shared by every test file, and
    test_app.py's key test saves a key, which switches the app to Live: choose Sandbox again."""
    booted(driver)
    if invoke(driver, "app_status")["mode"] != "sandbox":
        invoke(driver, "set_mode", {"mode": "sandbox"})


def confirm_ok(driver):
    """Press the open confirmation's confirm button once it can act: it ignores every press for
    its first ~400 ms (ui/js/confirm-gate.js) and says so with data-armed="true"."""
    ok = WebDriverWait(driver, TIMEOUT, 0.05).until(
        lambda d: d.find_element(By.CSS_SELECTOR, "dialog[open] [data-testid=confirm-ok][data-armed=true]"))
    ok.click()
    return ok


def no_horizontal_scroll(driver) -> bool:
    """The view fits the window's width (the issue asks for 1024×700 without horizontal scrolling)."""
    return driver.execute_script(
        "const e = document.documentElement; return e.scrollWidth <= e.clientWidth;")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """On a failure, keep a screenshot of the app as it was (.e2e-out/FAILED-<test>.png)."""
    outcome = yield
    report = outcome.get_result()
    drv = item.funcargs.get("driver") if hasattr(item, "funcargs") else None
    if report.when == "call" and report.failed and drv is not None:
        try:
            drv.get_screenshot_as_file(str(OUT / f"FAILED-{item.name}{SUFFIX}.png"))
        except Exception:  # noqa: BLE001 - the app may be gone
            pass

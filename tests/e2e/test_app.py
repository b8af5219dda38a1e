"""End to end: the real app, under Xvfb, through tauri-driver + WebKitWebDriver.

Proves the window opens, the UI loads in Sandbox mode, a voucher lookup against the in-process
sandbox shows its fields, and a key saved through Settings lands in the Secret Service and nowhere
under the app's HOME (config, data, logs). Run with tests/e2e/run.sh (or `make e2e`).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from selenium.common.exceptions import NoSuchElementException, TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from conftest import invoke, wait

SELFTEST = os.environ.get("E2E_SELFTEST") == "1"
TIMEOUT = float(os.environ.get("E2E_TIMEOUT", "20"))

BANNER_TEXT = "Sandbox — no real money"
VOUCHER_TID = "210N66027HB789"
VOUCHER_TITLE = "Congrats IPL Spinwheel winner"



def shot(driver, out_dir: Path, name: str) -> Path:
    path = out_dir / f"{name}.png"
    driver.get_screenshot_as_file(str(path))
    assert path.stat().st_size > 1000, f"screenshot {path} looks empty"
    return path


def test_window_opens(driver):
    handles = driver.window_handles
    assert len(handles) >= 1
    size = driver.get_window_size()
    assert size["width"] >= 400 and size["height"] >= 300, size
    if not SELFTEST:
        wait(driver).until(lambda d: d.title != "")
        assert "Ninjapay" in driver.title


def test_ui_loads_in_sandbox_mode(driver, out_dir):
    # ui/js/main.js sets <body data-ready="true"> once booted ("error" if boot failed).
    body = driver.find_element(By.TAG_NAME, "body")
    wait(driver).until(lambda d: body.get_attribute("data-ready") in ("true", "error"))
    assert body.get_attribute("data-ready") == "true", "the UI failed to boot (see the console)"
    banner = wait(driver).until(EC.visibility_of_element_located((By.ID, "mode-banner")))
    wait(driver).until(lambda d: BANNER_TEXT in banner.text)
    assert BANNER_TEXT in banner.text
    shot(driver, out_dir, "main")


def test_voucher_lookup_shows_fields(driver, out_dir):
    driver.find_element(By.ID, "tab-vouchers").click()
    tid = driver.find_element(By.ID, "voucher-tid")
    tid.clear()
    tid.send_keys(VOUCHER_TID)
    driver.find_element(By.ID, "voucher-lookup").click()
    title_sel = (By.CSS_SELECTOR, "#voucher-detail [data-field=title]")
    try:
        wait(driver).until(EC.text_to_be_present_in_element(title_sel, VOUCHER_TITLE))
    except TimeoutException:
        shot(driver, out_dir, "voucher-lookup-failed")
        detail = driver.find_elements(By.ID, "voucher-detail")
        raise AssertionError(
            "voucher detail did not show the title; #voucher-detail says: "
            + (detail[0].text if detail else "<missing>")
        ) from None
    detail = driver.find_element(By.ID, "voucher-detail")
    assert detail.is_displayed()
    assert driver.find_element(*title_sel).text.strip() == VOUCHER_TITLE
    assert VOUCHER_TID in detail.text
    shot(driver, out_dir, "voucher-lookup")


# --- keys: saved through the app, kept only in the Secret Service ------------------------------

KEY_INPUT = os.environ.get("E2E_KEY_INPUT", "#settings-invoice-input")
KEY_SAVE = os.environ.get("E2E_KEY_SAVE", "#settings-invoice-save")
KEY_STATUS = os.environ.get("E2E_KEY_STATUS", "#settings-invoice-masked")
SETTINGS_OPEN = os.environ.get("E2E_SETTINGS_OPEN", "#tab-settings")
# A made-up key, unique enough that any copy of it on disk is ours.
FAKE_KEY = "np_e2e_" + os.urandom(9).hex() + "Zq7x"


def _find(driver, css):
    try:
        return driver.find_element(By.CSS_SELECTOR, css)
    except NoSuchElementException:
        return None


def _grep_home(home: Path, needle: str) -> list[str]:
    hits = []
    for path in home.rglob("*"):
        rel = path.relative_to(home)
        # gnome-keyring's own (encrypted) store and the D-Bus runtime dir are the Secret Service.
        if rel.parts[:3] == (".local", "share", "keyrings") or rel.parts[:1] == ("run",):
            continue
        if path.is_file() and not path.is_symlink():
            try:
                if needle.encode() in path.read_bytes():
                    hits.append(str(rel))
            except OSError:
                pass
    return hits


@pytest.mark.skipif(SELFTEST, reason="needs the real app")
def test_saved_key_is_only_in_the_secret_service(driver, out_dir, app_home):
    if os.environ.get("DBUS_SESSION_BUS_ADDRESS") is None:
        pytest.skip("no session bus: run through tests/e2e/run.sh (it uses scripts/with-keyring.sh)")
    key_input = _find(driver, KEY_INPUT)
    if (key_input is None or not key_input.is_displayed()) and _find(driver, SETTINGS_OPEN):
        _find(driver, SETTINGS_OPEN).click()
    key_input = wait(driver).until(EC.element_to_be_clickable((By.CSS_SELECTOR, KEY_INPUT)))
    key_input.clear()
    key_input.send_keys(FAKE_KEY)
    driver.find_element(By.CSS_SELECTOR, KEY_SAVE).click()
    try:
        _check_key_kept_only_in_secret_service(driver, out_dir, app_home)
    finally:
        # Saving a key switches the app to Live; later tests need the sandbox again.
        invoke(driver, "forget_key", {"kind": "invoice"})
        invoke(driver, "set_mode", {"mode": "sandbox"})


def _check_key_kept_only_in_secret_service(driver, out_dir, app_home):
    masked = "••••" + FAKE_KEY[-4:]
    wait(driver).until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, KEY_STATUS), masked))
    shot(driver, out_dir, "settings")

    # The webview no longer holds the key: not in the page, not in the input.
    assert FAKE_KEY not in driver.page_source
    assert FAKE_KEY not in (driver.find_element(By.CSS_SELECTOR, KEY_INPUT).get_attribute("value") or "")

    # It is in the Secret Service...
    service = os.environ["NINJAPAY_DESK_KEYRING_SERVICE"]
    found = subprocess.run(["secret-tool", "search", "--all", "--unlock", "service", service],
                           capture_output=True, text=True, timeout=20)
    assert FAKE_KEY in found.stdout + found.stderr, (
        f"key not found in the Secret Service under service={service!r}: {found.stdout}{found.stderr}"
    )
    # ...and nowhere else under the app's HOME (config dir, data dir, logs, WebKit caches).
    hits = _grep_home(app_home, FAKE_KEY)
    assert not hits, f"the saved key leaked into files: {hits}"
    # ...nor in what the app printed (its stdout/stderr end up in tauri-driver's log).
    driver_log = out_dir / "tauri-driver.log"
    if driver_log.exists():
        assert FAKE_KEY.encode() not in driver_log.read_bytes(), "the saved key was printed by the app"

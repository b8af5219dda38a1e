"""End to end: the desktop around the page (src-tauri/src/desktop/).

WebDriver reaches the page, not native menus, the tray or native dialogs. So these tests call the
commands that run the very handlers the menu items, the tray and the window's close button run
(`desktop_menu_action`, `desktop_close_window`) and read what the title bar, tray and menus show
through `desktop_status` (built from the same functions as the native items). The Settings card is
driven with real clicks. Not covered here (covered by src-tauri/tests/desktop.rs or by hand): the
quit question (a native dialog), clicking the tray icon itself, keyboard shortcuts of the menu bar.
"""

from __future__ import annotations

import glob
import json
import os
import time

import pytest
from selenium.webdriver.common.by import By

from conftest import app_pids, booted, css, invoke, open_view, wait

pytestmark = pytest.mark.skipif(os.environ.get("E2E_SELFTEST") == "1", reason="needs the real app")


def status(driver):
    return invoke(driver, "desktop_status")


@pytest.fixture(autouse=True, scope="module")
def sandbox_in_english(driver, in_sandbox_mode):
    booted(driver)
    before = invoke(driver, "get_settings")
    invoke(driver, "update_settings", {"patch": {"language": "en-IN"}})
    yield
    invoke(driver, "update_settings", {"patch": {"language": before.get("language") or "system",
                                                 "closeToTray": True}})


def test_the_window_title_names_the_mode(driver):
    wait(driver).until(lambda d: status(d)["windowTitle"] == "Ninjapay Desk — Sandbox")
    invoke(driver, "set_mode", {"mode": "live"})
    try:
        wait(driver).until(lambda d: status(d)["windowTitle"] == "Ninjapay Desk — Live")
    finally:
        invoke(driver, "set_mode", {"mode": "sandbox"})
    wait(driver).until(lambda d: status(d)["windowTitle"] == "Ninjapay Desk — Sandbox")


def test_view_menu_items_show_their_screen(driver):
    # What View → Records (Ctrl+7) and View → Settings (Ctrl+,) do.
    invoke(driver, "desktop_menu_action", {"id": "view:records"})
    wait(driver).until(lambda d: d.find_element(By.ID, "view-records").is_displayed())
    assert css(driver, "#tab-records").get_attribute("aria-selected") == "true"
    invoke(driver, "desktop_menu_action", {"id": "view:settings"})
    wait(driver).until(lambda d: d.find_element(By.ID, "view-settings").is_displayed())
    invoke(driver, "desktop_menu_action", {"id": "view:home"})
    wait(driver).until(lambda d: d.find_element(By.ID, "view-home").is_displayed())


def test_menu_and_tray_texts(driver):
    s = status(driver)
    assert [m["label"] for m in s["menu"]] == ["File", "View", "Help"]
    assert [i["label"] for i in s["menu"][2]["items"]] == [
        "About Ninjapay Desk", "Open log folder", "Ninjapay API documentation", "Copy diagnostics"]
    assert s["tray"]["open"] == "Open Ninjapay Desk"
    assert s["tray"]["quit"] == "Quit Ninjapay Desk"
    active = [w for w in invoke(driver, "watch_list") if not w["final"] and not w["paused"]]
    n = len(active)
    assert s["pending"] == n
    assert s["tray"]["watching"] == f"{n} payment{'' if n == 1 else 's'} being watched"


def test_diagnostics_leave_out_keys_and_tids(driver):
    watched = [w["tid"] for w in invoke(driver, "watch_list")]
    text = invoke(driver, "diagnostics")
    assert "Ninjapay Desk " in text and "Mode: Sandbox" in text
    for tid in watched:
        assert str(tid) not in text


def _autostart_entries():
    config = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.environ["HOME"], ".config")
    return glob.glob(os.path.join(config, "autostart", "*.desktop"))


def test_settings_desktop_card_saves_both_switches(driver, app_home, out_dir):
    open_view(driver, "settings")
    tray = css(driver, "#settings-close-to-tray")
    login = css(driver, "#settings-start-at-login")
    wait(driver).until(lambda d: tray.is_selected())
    card = css(driver, "#settings-desktop")
    driver.execute_script("arguments[0].scrollIntoView()", card)
    card.screenshot(str(out_dir / "settings-desktop.png"))
    assert not login.is_selected()
    assert _autostart_entries() == []

    tray.click()
    wait(driver).until(lambda d: invoke(d, "get_settings")["closeToTray"] is False)
    assert css(driver, "#settings-desktop-result").text == "Saved."
    tray.click()
    wait(driver).until(lambda d: invoke(d, "get_settings")["closeToTray"] is True)

    login.click()
    wait(driver).until(lambda d: invoke(d, "get_settings")["startAtLogin"] is True)
    entries = _autostart_entries()
    assert len(entries) == 1, entries
    with open(entries[0]) as f:
        assert "ninjapay-desk" in f.read()
    login.click()
    wait(driver).until(lambda d: invoke(d, "get_settings")["startAtLogin"] is False)
    assert _autostart_entries() == []
    assert not login.is_selected()


def test_closing_while_watching_hides_to_the_tray(driver):
    if not status(driver)["trayIcon"]:
        pytest.skip("no tray icon on this display: closing quits as usual")
    w = invoke(driver, "watch_start", {"kind": "order", "tid": "210DESKTRAY1"})
    try:
        wait(driver).until(lambda d: status(d)["pending"] >= 1)
        pids = app_pids(driver)
        assert invoke(driver, "desktop_close_window") == "hide"
        wait(driver).until(lambda d: status(d)["windowVisible"] is False)
        time.sleep(0.5)
        assert app_pids(driver) == pids, "the app kept running"
        # the first time, a notification said so; it is not shown again
        with open(invoke(driver, "get_settings")["path"]) as f:
            assert json.load(f)["trayNoticeShown"] is True
        # Tray → Open
        invoke(driver, "desktop_menu_action", {"id": "open"})
        wait(driver).until(lambda d: status(d)["windowVisible"] is True)
    finally:
        invoke(driver, "watch_forget", {"id": w["id"]})

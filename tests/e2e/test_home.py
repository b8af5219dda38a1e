"""End to end: the Home view against the app's in-process sandbox.

Balances are shown per asset in their formats (BTC to 8 places with sats), the Lightning
wallet's info is named, recent activity lists a tid looked up earlier and clicking it opens the
right view with that tid, and the quick actions lead where they say.
"""

from __future__ import annotations

import os
import re
from decimal import Decimal

import pytest
from selenium.webdriver.common.by import By

from conftest import invoke, open_view, wait

pytestmark = pytest.mark.skipif(os.environ.get("E2E_SELFTEST") == "1", reason="needs the real app")

TIMEOUT = float(os.environ.get("E2E_TIMEOUT", "20"))
SEND_TID = "128390A389H2920"  # the docs' Check Payment sample (a sent payment), seeded by the sandbox



def css(driver, sel):
    return driver.find_element(By.CSS_SELECTOR, sel)


def btc_text(value: str) -> str:
    """What the app must show for a BTC amount: 8 places, grouped thousands, then sats."""
    d = Decimal(value).quantize(Decimal("0.00000001"))
    whole, frac = f"{d:.8f}".split(".")
    return f"{int(whole):,}.{frac} BTC"


def indian(n: int) -> str:
    """An integer grouped like rupees: 1234567 → "12,34,567"."""
    s = str(abs(n))
    if len(s) > 3:
        s = re.sub(r"\B(?=(\d{2})+(?!\d))", ",", s[:-3]) + "," + s[-3:]
    return f"-{s}" if n < 0 else s


def sats_text(value: str) -> str:
    """Sats are grouped like rupees, and one is "1 sat"."""
    n = int(Decimal(value) * 100_000_000)
    return f"{indian(n)} {'sat' if abs(n) == 1 else 'sats'}"


@pytest.mark.first
def test_live_mode_without_a_key_says_to_save_one_in_settings(driver, sandbox):
    """Live mode with no key fails before any request is made (key_missing): no traffic leaves.

    Skipped when a key is saved (test_app saves one) or anything is being watched, since Live mode
    would then send requests (or end those watches)."""
    keys = invoke(driver, "key_status")
    if keys["invoice"]["present"] or keys["admin"]["present"]:
        pytest.skip("a key is saved: Live mode would send requests")
    if any(not w["final"] for w in invoke(driver, "watch_list")):
        pytest.skip("watches are active: Live mode would check them")
    open_view(driver, "home")
    try:
        invoke(driver, "set_mode", {"mode": "live"})
        banner = wait(driver).until(lambda d: d.find_element(By.ID, "home-error") if d.find_element(By.ID, "home-error").is_displayed() else None)
        assert banner.get_attribute("data-code") == "key_missing"
        assert "Settings" in banner.text
        css(driver, "#home-open-settings").click()
        wait(driver).until(lambda d: css(d, "#view-settings").is_displayed())
        assert css(driver, "#tab-settings").get_attribute("aria-selected") == "true"
    finally:
        invoke(driver, "set_mode", {"mode": "sandbox"})
    open_view(driver, "home")
    wait(driver).until(lambda d: not css(d, "#home-error").is_displayed()
                       and css(d, "#home-balances").get_attribute("data-loaded") == "true")


def test_balances_are_shown_per_asset_formatted(driver, sandbox, out_dir):
    driver.set_window_size(1024, 700)
    home = open_view(driver, "home")
    css(driver, "#home-refresh").click()
    wait(driver).until(lambda d: css(d, "#home-balances").get_attribute("data-loaded") == "true")

    # Other tests' payments may settle meanwhile: compare with a fresh read, refreshing if behind.
    def shown_matches(d):
        expected = invoke(d, "asset_balance")["balances"]
        for asset, value in expected.items():
            tiles = d.find_elements(By.CSS_SELECTOR, f"[data-testid=balance-{asset}] [data-field=amount]")
            want = btc_text(str(value)) if asset in ("lbtc", "btc") else None
            if not tiles or (want and tiles[0].text != want):
                if not css(d, "#home-refresh").get_attribute("disabled"):
                    css(d, "#home-refresh").click()
                return False
        return expected

    expected = wait(driver).until(shown_matches)
    assert "lbtc" in expected, expected
    for asset in ("lbtc", "btc"):
        tile = css(driver, f"[data-testid=balance-{asset}]")
        shown = tile.find_element(By.CSS_SELECTOR, "[data-field=amount]").text
        assert re.fullmatch(r"\d{1,3}(,\d{3})*\.\d{8} BTC", shown), shown
        assert tile.find_element(By.CSS_SELECTOR, "[data-field=sats]").text == sats_text(str(expected[asset]))
    # The Lightning wallet's own info, named.
    wallet = css(driver, "#home-wallet")
    info = invoke(driver, "wallet_info")
    wait(driver).until(lambda d: css(d, "#home-wallet dd[data-field=balance]").text.startswith(
        btc_text(str(invoke(d, "wallet_info")["balance"]))))
    assert f"@{info['ninjatag']}" in wallet.text
    assert "lbtc" in css(driver, "#home-wallet dd[data-field=wallet]").text
    assert not css(driver, "#home-error").is_displayed(), css(driver, "#home-error").text
    # The pending payments panel is on Home.
    assert css(driver, "#home-pending").is_displayed()
    assert home.is_displayed()


def test_recent_activity_lists_a_lookup_and_opens_it(driver, out_dir):
    # Look a payment up in the Lightning view...
    open_view(driver, "lightning")
    css(driver, "#ln-tab-check").click()
    tid_input = css(driver, "#ln-check-tid")
    tid_input.clear()
    tid_input.send_keys(SEND_TID)
    css(driver, "#ln-check-lookup").click()
    wait(driver).until(lambda d: css(d, "#ln-check-result").get_attribute("data-state") == "loaded")

    # ...then Home lists it: recent activity is the records, last checked first (the watcher's
    # checks of other tests' payments may come in between, so it need not be the very first).
    open_view(driver, "home")
    item = wait(driver).until(lambda d: d.find_elements(
        By.CSS_SELECTOR, f"#home-recent button[data-testid=recent-item][data-tid='{SEND_TID}']"))[0]
    assert item.get_attribute("data-kind") == "payment"
    assert "Lightning payment" in item.text and "looked up" in item.text, item.text
    assert re.search(r"(just now|\d+ s ago)", item.text), item.text

    # Leave the Lightning view somewhere else, then open the item: Lightning → Check, that tid.
    open_view(driver, "lightning")
    css(driver, "#ln-tab-decode").click()
    driver.execute_script("document.getElementById('ln-check-result').replaceChildren()")
    open_view(driver, "home")
    driver.set_window_size(1024, 700)
    driver.execute_script("window.scrollTo(0, 0)")
    driver.get_screenshot_as_file(str(out_dir / "view-home.png"))
    assert driver.execute_script(
        "return document.documentElement.scrollWidth <= document.documentElement.clientWidth")

    css(driver, f"#home-recent button[data-tid='{SEND_TID}']").click()
    wait(driver).until(lambda d: css(d, "#view-lightning").is_displayed())
    assert css(driver, "#tab-lightning").get_attribute("aria-selected") == "true"
    try:
        wait(driver).until(lambda d: css(d, "#ln-panel-check").is_displayed()
                           and css(d, "#ln-check-result").get_attribute("data-state") == "loaded"
                           and SEND_TID in css(d, "#ln-check-result").text)
    except Exception:
        driver.get_screenshot_as_file(str(out_dir / "home-recent-failed.png"))
        raise AssertionError("the Lightning check did not show the tid; the view says: "
                             + css(driver, "#view-lightning").text[:600]) from None
    assert css(driver, "#ln-check-tid").get_attribute("value") == SEND_TID


def test_quick_action_opens_a_new_payment_request(driver):
    open_view(driver, "lightning")
    css(driver, "#ln-tab-history").click()
    open_view(driver, "home")
    css(driver, "#home-new-payment").click()
    wait(driver).until(lambda d: css(d, "#view-lightning").is_displayed() and css(d, "#ln-panel-request").is_displayed())
    assert css(driver, "#ln-tab-request").get_attribute("aria-selected") == "true"
    open_view(driver, "home")
    css(driver, "#home-bridge-quote").click()
    wait(driver).until(lambda d: css(d, "#view-bridge").is_displayed())

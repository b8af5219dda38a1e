"""End to end: the Widget tokens view against the app's sandbox.

A sub-sat amount is refused beside the field; an onramp token for 0.0005 BTC is requested through
the confirmation (which spells out BTC and sats), its result shows the token with a copy button,
the checkout link and a QR, and the live watch line; checking the token by tid shows its status
badge and formatted fields; an unknown token is a clear not-found. Screenshot at 1024×700 without
horizontal scrolling. Run with tests/e2e/run.sh -- tests/e2e/test_widget.py
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from conftest import booted, confirm_ok, css, fill, invoke, open_view, record_of, wait  # noqa: F401

pytestmark = pytest.mark.usefixtures("in_sandbox_mode")

TIMEOUT = 20
ORDER_ID = "e2e-42 <img src=x onerror=alert(1)>"  # API data is text: shown literally

token: dict = {}







def shown(driver, sel):
    els = driver.find_elements(By.CSS_SELECTOR, sel)
    return els[0] if els and els[0].is_displayed() else None


def test_sub_sat_amount_is_refused_beside_the_field(driver):
    booted(driver)
    driver.set_window_size(1024, 700)
    open_view(driver, "widget")
    fill(driver, "#token-amount", "0.000000001")
    fill(driver, "#token-order-id", ORDER_ID)
    css(driver, "#token-request").click()
    err = wait(driver).until(lambda d: d.find_element(By.ID, "token-amount-error"))
    assert "8 decimals" in err.text
    assert css(driver, "#token-amount").get_attribute("value") == "0.000000001"
    assert css(driver, "#token-order-id").get_attribute("value") == ORDER_ID
    assert not driver.find_elements(By.CSS_SELECTOR, "[data-testid=confirm-dialog]")


def test_request_onramp_token(driver, out_dir: Path):
    booted(driver)
    driver.set_window_size(1024, 700)
    open_view(driver, "widget")
    css(driver, "#token-mode-onramp").click()
    fill(driver, "#token-amount", "0.0005")
    assert css(driver, "#token-amount-sats").text == "= 50,000 sats"
    fill(driver, "#token-order-id", ORDER_ID)
    fill(driver, "#token-callback", "https://shop.example/hook")
    css(driver, "#token-request").click()
    dialog = wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid=confirm-dialog]"))
    assert "0.00050000 BTC" in dialog.text and "50,000 sats" in dialog.text
    assert "onramp" in dialog.text.lower() and ORDER_ID in dialog.text
    confirm_ok(driver)

    result = wait(driver).until(lambda d: shown(d, "#token-result"))
    tid = re.search(r"token (\d+)", css(driver, "#token-result h2").text).group(1)
    token["tid"] = tid
    assert css(driver, "#token-result dd[data-field=token] code").text == tid
    assert css(driver, "#token-result dd[data-field=amount]").text == "0.00050000 BTC (50,000 sats)"
    assert css(driver, "#token-result dd[data-field=order_id]").text == ORDER_ID
    # Something to open or pay: the checkout page and the invoice, with a QR.
    url = wait(driver).until(lambda d: shown(d, "[data-testid=token-created-url] a"))
    assert url.text == f"https://checkout.ninjapay.me/{tid}"
    payreq = css(driver, "[data-testid=token-created-payreq] code").text
    assert payreq.startswith("lnbc")
    wait(driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#token-result figure.qr svg path"))
    # Watched by Rust from the start.
    watches = [w for w in invoke(driver, "watch_list") if w["kind"] == "token" and str(w["tid"]) == tid]
    assert watches, "request_token should start a watch"
    row = record_of(driver, "token", tid)
    assert row and row["origin"] == "created", row
    assert result.is_displayed()


def test_check_token(driver, out_dir: Path):
    tid = token.get("tid")
    assert tid, "needs the token made by the previous test"
    booted(driver)
    driver.set_window_size(1024, 700)
    open_view(driver, "widget")
    fill(driver, "#token-tid", tid)
    css(driver, "#token-lookup").click()
    detail = wait(driver).until(lambda d: shown(d, "#token-detail"))
    assert f"Token {tid}" in detail.text
    status = css(driver, "#token-detail dd[data-field=status] .badge")
    assert status.get_attribute("data-status") in ("undefined", "pending", "paid"), status.get_attribute("data-status")
    assert status.text  # labelled, not colour alone
    assert css(driver, "#token-detail dd[data-field=amount]").text == "0.00050000 BTC (50,000 sats)"
    assert css(driver, "#token-detail dd[data-field=order_id]").text == ORDER_ID
    assert not driver.find_elements(By.CSS_SELECTOR, "#view-widget img"), "markup from the server was rendered"
    assert "Onramp" in css(driver, "#token-detail dd[data-field=widget_mode]").text
    assert "shop.example/hook" in css(driver, "#token-detail dd[data-field=callback_url]").text
    assert "All fields" in css(driver, "#token-detail [data-testid=all-fields] summary").text

    driver.execute_script("window.scrollTo(0, 0)")
    assert driver.execute_script(
        "return document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    path = out_dir / "view-widget.png"
    driver.get_screenshot_as_file(str(path))
    assert path.stat().st_size > 1000

    # Unknown token: a clear not-found banner, the typed tid kept.
    fill(driver, "#token-tid", "999999999998")
    css(driver, "#token-lookup").click()
    banner = wait(driver).until(lambda d: shown(d, "#token-check-error"))
    assert "No token with tid “999999999998”" in banner.text
    assert css(driver, "#token-tid").get_attribute("value") == "999999999998"

"""End to end: the Bridge view (BTC/USDT → INR over UPI) against the app's sandbox.

A quote above the ₹97,000 limit is refused beside the amount with everything typed kept; a quote
for ₹1,000 to a UPI id goes through the form to a Lightning invoice (QR, copy, lightning: link,
a countdown that ticks); the sandbox settles it and the screen turns "completed" through the
background watcher alone (no click: its first check is 20–25 s after the quote was made); the
quote checked by tid shows the same. Screenshot at 1024×700 without horizontal scrolling.
Sandbox rate (crates/ninjapay-sandbox/src/state/quotes.rs): ₹50,00,000 per BTC, so ₹1,000 is
0.0002 BTC. Run with tests/e2e/run.sh -- tests/e2e/test_bridge.py
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import booted, confirm_ok, css, fill, invoke, no_horizontal_scroll, open_view, record_of, wait  # noqa: F401

pytestmark = pytest.mark.usefixtures("in_sandbox_mode")

TIMEOUT = 20
UPI = "shop@okaxis"

quote: dict = {}








def start_over(driver):
    """Back to an empty quote form (the session's app is shared by every test file)."""
    for sel in ("#quote-restart", "#quote-new"):
        for b in driver.find_elements(By.CSS_SELECTOR, sel):
            if b.is_displayed():
                b.click()


def test_amount_above_limit_is_refused_beside_the_field(driver):
    booted(driver)
    driver.set_window_size(1024, 700)
    open_view(driver, "bridge")
    start_over(driver)
    fill(driver, "#quote-fiat-amount", "97000.50")
    fill(driver, "#quote-upi", UPI)
    fill(driver, "#quote-ninjatag", "")
    css(driver, "#quote-submit").click()
    err = wait(driver).until(lambda d: d.find_element(By.ID, "quote-fiat-amount-error"))
    # The client's own rule, checked through `review` before anything is sent.
    assert "97,000" in err.text, err.text
    amount = css(driver, "#quote-fiat-amount")
    assert amount.get_attribute("aria-invalid") == "true"
    # Values kept, nothing sent (no quote step shown).
    assert amount.get_attribute("value") == "97000.50"
    assert css(driver, "#quote-upi").get_attribute("value") == UPI
    assert not css(driver, "#quote-step").is_displayed()

    # Both a UPI id and a ninjatag: refused beside the UPI field.
    fill(driver, "#quote-fiat-amount", "1000")
    fill(driver, "#quote-ninjatag", "satoshi")
    css(driver, "#quote-submit").click()
    err = wait(driver).until(lambda d: d.find_element(By.ID, "quote-upi-error"))
    assert "not both" in err.text
    assert not driver.find_elements(By.ID, "quote-fiat-amount-error")

    # USDT cannot be paid over Lightning: the option is disabled when USDT is chosen.
    Select(css(driver, "#quote-asset")).select_by_value("usdt")
    pay = Select(css(driver, "#quote-pay-with"))
    assert pay.first_selected_option.get_attribute("value") == "onchain"
    assert not css(driver, "#quote-pay-with option[value=lightning]").is_enabled()
    assert Select(css(driver, "#quote-refund")).first_selected_option.get_attribute("value") == "usdt"
    Select(css(driver, "#quote-asset")).select_by_value("btc")
    fill(driver, "#quote-ninjatag", "")


def test_quote_to_invoice_with_qr_and_countdown(driver, sandbox, out_dir: Path):
    booted(driver)
    driver.set_window_size(1024, 700)
    open_view(driver, "bridge")
    start_over(driver)
    fill(driver, "#quote-fiat-amount", "1000")
    fill(driver, "#quote-upi", UPI)
    fill(driver, "#quote-ninjatag", "")
    Select(css(driver, "#quote-asset")).select_by_value("btc")
    Select(css(driver, "#quote-pay-with")).select_by_value("lightning")
    css(driver, "#quote-submit").click()

    step = wait(driver).until(lambda d: d.find_element(By.ID, "quote-step") if d.find_element(By.ID, "quote-step").is_displayed() else None)
    assert "₹1,000.00" in step.text and UPI in step.text
    quote_id = css(driver, "#quote-step dd[data-field=quote_id] code").text
    assert re.fullmatch(r"[0-9a-f]{32}", quote_id), quote_id

    # Step 2 asks first, spelling out what is paid for.
    css(driver, "#quote-invoice-request").click()
    dialog = wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid=confirm-dialog]"))
    assert "₹1,000.00" in dialog.text and f"UPI {UPI}" in dialog.text
    assert "BTC over Lightning" in dialog.text
    confirm_ok(driver)

    card = wait(driver).until(lambda d: d.find_element(By.ID, "quote-invoice") if d.find_element(By.ID, "quote-invoice").is_displayed() else None)
    phrase = css(driver, "#quote-pay-phrase").text
    assert phrase == f"You pay 0.00020000 BTC (20,000 sats) to deliver ₹1,000.00 to UPI {UPI}.", phrase
    tid = re.search(r"Quote (\d+)", css(driver, "#quote-invoice h2").text).group(1)
    quote["tid"] = tid
    assert css(driver, "#quote-status").get_attribute("data-status") == "pending"
    # The invoice: text, copy, a lightning: link and a QR (drawn from Rust's qr_svg).
    payreq = css(driver, "#quote-payreq").text
    assert payreq.startswith("lnbc"), payreq
    assert css(driver, "#quote-lightning-link").get_attribute("href") == f"lightning:{payreq}"
    assert css(driver, "#quote-copy-invoice").is_displayed()
    wait(driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#quote-pay figure.qr svg path"))
    assert css(driver, "#quote-pay figure.qr").get_attribute("data-value") == f"lightning:{payreq}"
    # The countdown ticks every second: 15-minute quotes, by the sandbox's clock (which other
    # tests may have moved ahead of the real one).
    def left(text: str) -> int:
        m = re.fullmatch(r"Expires in (?:(\d+):)?(\d+):(\d\d)", text)
        assert m, text
        return int(m.group(1) or 0) * 3600 + int(m.group(2)) * 60 + int(m.group(3))

    first = css(driver, "#quote-countdown").text
    expected = sandbox.now() + 15 * 60 - time.time()
    assert abs(left(first) - expected) <= 10, (first, expected)
    wait(driver, 5).until(lambda d: d.find_element(By.ID, "quote-countdown").text != first)
    assert 0 < left(first) - left(css(driver, "#quote-countdown").text) <= 4
    # Filed in the records (Records, Reports, Home's recent activity).
    row = record_of(driver, "quote", tid)
    assert row and row["origin"] == "created", row

    driver.execute_script("window.scrollTo(0, 0)")
    assert no_horizontal_scroll(driver)
    path = out_dir / "view-bridge.png"
    driver.get_screenshot_as_file(str(path))
    assert path.stat().st_size > 1000
    assert card.is_displayed()


def test_quote_completes_through_the_watcher(driver, sandbox, out_dir: Path):
    tid = quote.get("tid")
    assert tid, "needs the quote made by the previous test"
    open_view(driver, "bridge")
    # Ninjapay delivers the INR (the sandbox's settle switch); nobody clicks anything.
    assert sandbox.settle(tid, "success")["settled"] is True
    started = time.monotonic()
    wait(driver, 75, poll=0.5).until(
        lambda d: d.find_element(By.ID, "quote-status").get_attribute("data-status") == "completed")
    final = css(driver, "#quote-final")
    assert final.get_attribute("data-status") == "completed"
    assert "INR was sent" in final.text
    assert "Completed" in css(driver, "#quote-status").text
    # Final: no QR or countdown left to pay an already-settled quote.
    assert not driver.find_elements(By.ID, "quote-countdown")
    assert not driver.find_elements(By.CSS_SELECTOR, "#quote-pay")
    # It came from the background watch: the shell's record of it agrees and has checked it.
    w = [w for w in invoke(driver, "watch_list") if w["kind"] == "quote" and str(w["tid"]) == tid]
    assert w and w[-1]["final"] is True and w[-1]["status"] == "success", w
    assert w[-1]["lastCheckedAt"], w
    print(f"completed on screen {time.monotonic() - started:.1f}s after settling")
    driver.execute_script("window.scrollTo(0, 0)")
    driver.get_screenshot_as_file(str(out_dir / "bridge-completed.png"))


def test_check_quote_by_tid(driver):
    tid = quote.get("tid")
    assert tid
    open_view(driver, "bridge")
    fill(driver, "#quote-tid", tid)
    css(driver, "#quote-lookup").click()
    wait(driver).until(lambda d: d.find_element(By.ID, "quote-detail").get_attribute("data-status") == "completed")
    detail = css(driver, "#quote-detail")
    assert f"Quote {tid}" in detail.text
    assert css(driver, "#quote-detail dd[data-field=status]").text.startswith("Completed")
    assert css(driver, "#quote-detail dd[data-field=sending_asset_amount]").text == "0.00020000 BTC (20,000 sats)"
    assert css(driver, "#quote-detail dd[data-field=fiat_amount]").text == "₹1,000.00"
    assert css(driver, "#quote-detail dd[data-field=receiver]").text == f"UPI {UPI}"
    assert "All fields" in css(driver, "#quote-detail [data-testid=all-fields] summary").text

    # An unknown quote: a clear not-found banner.
    fill(driver, "#quote-tid", "999999999999")
    css(driver, "#quote-lookup").click()
    banner = wait(driver).until(lambda d: d.find_element(By.ID, "quote-check-error") if d.find_element(By.ID, "quote-check-error").is_displayed() else None)
    assert "No quote with tid “999999999999”" in banner.text


def test_server_failure_is_an_unknown_outcome_and_the_form_keeps_its_values(driver, sandbox):
    """A 500 after Request Quote ID (a write) says nothing about whether the quote was made: the
    screen says so, and getting a quote again asks first, deliberately."""
    open_view(driver, "bridge")
    start_over(driver)
    fill(driver, "#quote-fiat-amount", "2500")
    fill(driver, "#quote-upi", UPI)
    fill(driver, "#quote-ninjatag", "")
    def quote_id_calls() -> int:
        return sum(1 for r in sandbox.requests() if r["path"].endswith("/requestQuoteID"))

    before = quote_id_calls()
    sandbox.fault(kind="status", status=500, count=1, path="/sapi/v1/requestQuoteID")
    try:
        css(driver, "#quote-submit").click()
        notice = wait(driver).until(lambda d: d.find_element(By.ID, "quote-outcome") if d.find_element(By.ID, "quote-outcome").is_displayed() else None)
    finally:
        sandbox.clear_faults()
    assert "Ninjapay may have received this and carried it out; check before trying again." in notice.text, notice.text
    assert "injected status 500" in notice.text, notice.text
    assert not css(driver, "#quote-form-error").is_displayed(), "not shown as a plain failure"
    assert css(driver, "#quote-fiat-amount").get_attribute("value") == "2500"
    assert css(driver, "#quote-upi").get_attribute("value") == UPI
    assert not css(driver, "#quote-step").is_displayed()
    # Sent once, not retried (creating a quote is never retried automatically).
    time.sleep(1)
    assert quote_id_calls() == before + 1

    # Asking again repeats the warning, with a differently worded button; Cancel sends nothing.
    css(driver, "#quote-submit").click()
    dialog = wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, "dialog[open][data-testid=confirm-dialog]"))
    assert "You may already have asked for a quote for ₹2,500.00" in dialog.text, dialog.text
    assert css(driver, "[data-testid=confirm-ok]").text == "Ask again anyway"
    css(driver, "[data-testid=confirm-cancel]").click()
    wait(driver).until(lambda d: not d.find_elements(By.CSS_SELECTOR, "dialog[open]"))
    assert quote_id_calls() == before + 1
    # Insisting sends it (once more); the answer settles the form's warning.
    css(driver, "#quote-submit").click()
    confirm_ok(driver)
    wait(driver).until(lambda d: d.find_element(By.ID, "quote-step").is_displayed())
    assert quote_id_calls() == before + 2
    assert not css(driver, "#quote-outcome").is_displayed()
    start_over(driver)


def test_usdt_to_a_ninjatag_is_paid_on_chain(driver):
    open_view(driver, "bridge")
    start_over(driver)
    fill(driver, "#quote-fiat-amount", "850")
    fill(driver, "#quote-upi", "")
    fill(driver, "#quote-ninjatag", "@satoshi")
    Select(css(driver, "#quote-asset")).select_by_value("usdt")
    css(driver, "#quote-submit").click()
    step = wait(driver).until(lambda d: d.find_element(By.ID, "quote-step") if d.find_element(By.ID, "quote-step").is_displayed() else None)
    assert "ninjatag @satoshi" in step.text
    assert css(driver, "#quote-step dd[data-field=linked_upi_id]").text.endswith("@ninjapay")
    css(driver, "#quote-invoice-request").click()
    dialog = wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid=confirm-dialog]"))
    assert "₹850.00" in dialog.text and "USDT on-chain" in dialog.text
    confirm_ok(driver)
    wait(driver).until(lambda d: d.find_elements(By.ID, "quote-address"))
    # ₹850 at the sandbox's ₹85 per USDT.
    assert css(driver, "#quote-pay-phrase").text == "You pay 10.00 USDT to deliver ₹850.00 to ninjatag @satoshi."
    assert css(driver, "#quote-pay").get_attribute("data-method") == "onchain"
    assert css(driver, "#quote-address").text.startswith("0x")
    assert "ERC20" in css(driver, "#quote-pay").text
    assert not driver.find_elements(By.ID, "quote-lightning-link")
    wait(driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#quote-pay figure.qr svg path"))
    start_over(driver)

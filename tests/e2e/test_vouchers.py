"""End to end: the Vouchers view against the app's sandbox.

Create a batch through the form (confirmation with the total debit), open its detail, let the
sandbox's simulated customers redeem codes (sandbox clock) and see them appear without pressing
Refresh (the background watch), redeem one code by hand, export the CSV and check it against the
table, revoke; a validation error beside its field; a server error as a banner; a hostile title
shown as text. Run with tests/e2e/run.sh -- tests/e2e/test_vouchers.py
"""

from __future__ import annotations

import csv
import io
import re
import time
from pathlib import Path

import pytest
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from conftest import no_horizontal_scroll, open_view, record_of, wait  # noqa: F401

TIMEOUT = 20
XSS = "<img src=x onerror=alert(1)>"
AMOUNT = "0.00002"
COUNT = 10
TITLE = "E2E giveaway, \"thanks\""

# Shared between the tests of this file (they run in order, in one app).
batch: dict = {}



def text_of(driver, sel) -> str:
    """An element's text, read in one step (no stale references)."""
    return driver.execute_script(
        "const e = document.querySelector(arguments[0]); return e ? e.innerText.trim() : null;", sel)


def css(driver, sel):
    return driver.find_element(By.CSS_SELECTOR, sel)


def css_all(driver, sel):
    return driver.find_elements(By.CSS_SELECTOR, sel)


def visible(driver, sel) -> bool:
    try:
        return css(driver, sel).is_displayed()
    except (NoSuchElementException, StaleElementReferenceException):
        return False


def shot(driver, out_dir: Path, name: str) -> Path:
    path = out_dir / f"{name}.png"
    driver.get_screenshot_as_file(str(path))
    assert path.stat().st_size > 1000
    return path



def fill(driver, sel, value):
    el = css(driver, sel)
    el.clear()
    el.send_keys(value)
    return el


def ready(driver):
    """Wait for the UI to finish booting (it shows Home last; a click before that is undone)."""
    wait(driver).until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "true")


def start_create(driver):
    """The Vouchers view with an empty create form."""
    driver.set_window_size(1024, 700)
    ready(driver)
    open_view(driver, "vouchers")
    if visible(driver, "#voucher-new"):
        css(driver, "#voucher-new").click()
    wait(driver).until(lambda d: visible(d, "#voucher-create-form"))
    for sel in ("#voucher-amount", "#voucher-title", "#voucher-from", "#voucher-expiry",
                "#voucher-callback-url", "#voucher-unique-design-url"):
        css(driver, sel).clear()
    fill(driver, "#voucher-voucher-count", "1")


def confirm(driver, expect_in_text: list[str]):
    dlg = wait(driver).until(lambda d: css_all(d, "dialog[open][data-testid=confirm-dialog]"))[0]
    text = dlg.text
    for needle in expect_in_text:
        assert needle in text, f"{needle!r} not in the confirmation: {text!r}"
    # The confirm button ignores presses for its first moments (data-armed turns "true").
    wait(driver).until(lambda d: dlg.find_element(By.CSS_SELECTOR, "[data-testid=confirm-ok]").get_attribute("data-armed") == "true")
    dlg.find_element(By.CSS_SELECTOR, "[data-testid=confirm-ok]").click()
    wait(driver).until(lambda d: not css_all(d, "dialog[open]"))
    return text


def table_rows(driver) -> list[dict]:
    """The codes table as the user sees it (plus the full redeemer kept in data-full)."""
    return driver.execute_script("""
      return [...document.querySelectorAll('#voucher-codes tbody tr')].map((tr) => {
        const cell = (k) => tr.querySelector(`td[data-key="${k}"]`);
        const by = cell('redeemed_by').querySelector('[data-full]');
        return {
          code: cell('code').textContent.trim(),
          url: cell('voucher_url').querySelector('.url').textContent.trim(),
          state: cell('state').textContent.trim(),
          redeemed_by: by ? by.dataset.full : '',
          redeemed_tid: cell('redeemed_tid').textContent.trim().replace(/^—$/, ''),
          redeemed_at: cell('redeemed_at').textContent.trim().replace(/^—$/, ''),
        };
      });
    """)


def redeemed_count(driver) -> int:
    return int(css(driver, "#voucher-detail").get_attribute("data-redeemed") or 0)


def test_validation_error_beside_the_field_keeps_what_was_typed(driver):
    start_create(driver)
    fill(driver, "#voucher-amount", "0.0001")
    wait(driver).until(lambda d: css(d, "[data-testid=voucher-amount-sats]").text == "= 10,000 sats")
    fill(driver, "#voucher-voucher-count", "101")
    fill(driver, "#voucher-title", "Kept title")
    # Enter submits the form.
    css(driver, "#voucher-title").send_keys(Keys.ENTER)
    err = wait(driver).until(lambda d: css_all(d, "#voucher-voucher-count-error"))[0]
    assert err.is_displayed()
    assert "1 to 100" in err.text
    assert css(driver, "#voucher-voucher-count").get_attribute("aria-invalid") == "true"
    assert not css_all(driver, "dialog[open]"), "nothing is sent (or confirmed) while a field is wrong"
    assert css(driver, "#voucher-amount").get_attribute("value") == "0.0001"
    assert css(driver, "#voucher-voucher-count").get_attribute("value") == "101"
    assert css(driver, "#voucher-title").get_attribute("value") == "Kept title"
    # The receiver email only applies to a single voucher.
    assert not visible(driver, "#voucher-receiver-email")
    fill(driver, "#voucher-voucher-count", "1")
    assert visible(driver, "#voucher-receiver-email")
    # Sub-sat amounts are refused beside the amount.
    fill(driver, "#voucher-amount", "0.000000001")
    css(driver, "#voucher-create-submit").click()
    err = wait(driver).until(lambda d: css_all(d, "#voucher-amount-error"))[0]
    assert "8 decimals" in err.text


def test_create_batch_follow_redeems_export_revoke(driver, sandbox, out_dir):
    start_create(driver)
    fill(driver, "#voucher-amount", AMOUNT)
    fill(driver, "#voucher-voucher-count", str(COUNT))
    fill(driver, "#voucher-title", TITLE)
    fill(driver, "#voucher-from", "Desk e2e")
    fill(driver, "#voucher-expiry", "120")
    # The total comes from the client's review a moment after typing stops.
    wait(driver).until(lambda d: "0.00020000 BTC (20,000 sats)" in css(d, "[data-testid=voucher-total]").text)
    assert css(driver, "[data-testid=voucher-amount-sats]").text == "= 2,000 sats"
    assert not visible(driver, "#voucher-receiver-email")
    assert no_horizontal_scroll(driver)
    shot(driver, out_dir, "view-vouchers-create")

    css(driver, "#voucher-create-submit").click()
    wait(driver).until(lambda d: css_all(d, "dialog[open]"))
    shot(driver, out_dir, "view-vouchers-confirm")
    confirm(driver, ["Total debit: 0.00020000 BTC (20,000 sats)", f"{COUNT} vouchers"])

    created = wait(driver).until(lambda d: css_all(d, "#voucher-created:not([hidden])"))[0]
    wait(driver).until(lambda d: len(css_all(d, "#voucher-created .created-code")) == COUNT)
    tid = css(driver, "[data-testid=created-tid]").text.strip()
    assert tid
    assert css(driver, "[data-testid=created-static-url]").text.startswith("https://www.ninjapay.me/voucher/")
    # A QR code and a copy button for the static link and every code.
    wait(driver).until(lambda d: len(css_all(d, "#voucher-created .qr svg")) == COUNT + 1)
    assert len(css_all(driver, "#voucher-created button.copy")) >= COUNT + 2
    code_urls = [e.text for e in css_all(driver, "#voucher-created .created-code .url")]
    assert all(re.match(r"^https://www\.ninjapay\.me/voucher/redeem/\w+$", u) for u in code_urls), code_urls
    assert created.is_displayed()
    assert no_horizontal_scroll(driver)
    shot(driver, out_dir, "view-vouchers-created")

    # The printable sheet: one card per code (window.print stubbed: no native dialog).
    driver.execute_script("window.__printed = 0; window.print = () => { window.__printed += 1; };")
    css(driver, "[data-testid=voucher-print-created]").click()
    wait(driver).until(lambda d: d.execute_script("return window.__printed") == 1)
    cards = css_all(driver, ".print-sheet .voucher-card")
    assert len(cards) == COUNT
    card_text = driver.execute_script("return document.querySelector('.print-sheet .voucher-card').textContent")
    assert TITLE in card_text and "Desk e2e" in card_text and "0.00002000 BTC" in card_text
    assert driver.execute_script(
        "return document.querySelectorAll('.print-sheet .voucher-card .qr svg').length") == COUNT

    # The records got the batch (Home's recent activity lists them).
    row = record_of(driver, "voucher", tid)
    assert row and row["origin"] == "created" and row["title"] == TITLE, row
    assert row["sats"] == COUNT * 2000, row
    batch["tid"] = tid

    css(driver, "[data-testid=voucher-open-detail]").click()
    wait(driver).until(lambda d: css(d, "#voucher-detail").get_attribute("data-state") == "loaded"
                       and css(d, "#voucher-detail").get_attribute("data-tid") == tid)
    assert text_of(driver, "#voucher-detail [data-field=title]") == TITLE
    assert len(table_rows(driver)) == COUNT
    assert redeemed_count(driver) == 0
    assert "0.00020000 BTC (20,000 sats)" in text_of(driver, "#voucher-detail dd[data-field=outstanding_value]")

    # Simulated customers redeem codes 30 s–20 min after creation; the background watch sees it
    # and the table follows without Refresh.
    for _ in range(4):
        sandbox.advance(300)
        try:
            wait(driver, 45, poll=0.5).until(lambda d: redeemed_count(d) > 0)
            break
        except Exception:  # noqa: BLE001 - nobody redeemed yet: move the clock on
            continue
    assert redeemed_count(driver) > 0, "no redeemed code appeared without pressing Refresh"
    rows = table_rows(driver)
    done = [r for r in rows if r["state"] == "Redeemed"]
    assert done and all(r["redeemed_by"] and r["redeemed_tid"] and r["redeemed_at"] for r in done), rows
    assert all(not r["redeemed_by"] for r in rows if r["state"] == "Open")

    # Redeem one open code by hand, to a ninjatag.
    open_codes = [r["code"] for r in rows if r["state"] == "Open"]
    if open_codes:
        code = open_codes[0]
        before = redeemed_count(driver)
        Select(css(driver, "#voucher-redeem-code")).select_by_value(code)
        Select(css(driver, "#voucher-redeem-mode")).select_by_value("ninjatag")
        fill(driver, "#voucher-redeem-to", "@e2e_tester")
        css(driver, "[data-testid=voucher-redeem-submit]").click()
        confirm(driver, [code, "0.00002000 BTC (2,000 sats)", "@e2e_tester"])
        wait(driver).until(lambda d: "Redeemed" in (text_of(d, "[data-testid=voucher-redeem-result]") or "")
                           or visible(d, "[data-testid=voucher-redeem-error]")
                           or css_all(d, "#voucher-redeem-form .field-error"))
        problems = [text_of(driver, "[data-testid=voucher-redeem-error]"), text_of(driver, "#voucher-redeem-form .field-error")]
        assert "Redeemed" in text_of(driver, "[data-testid=voucher-redeem-result]"), problems
        wait(driver).until(lambda d: redeemed_count(d) == before + 1)
        driver.execute_script("document.getElementById('voucher-redeem-form').scrollIntoView({block: 'center'})")
        shot(driver, out_dir, "view-vouchers-redeem")
        row = next(r for r in table_rows(driver) if r["code"] == code)
        assert row["state"] == "Redeemed" and row["redeemed_by"].lstrip("@") == "e2e_tester", row

    # Every column sorts; the sort survives a refresh.
    for key in ("code", "voucher_url", "state", "redeemed_by", "redeemed_tid", "redeemed_at", "callback_status"):
        assert css_all(driver, f"#voucher-codes th[data-key={key}] button.sort"), key
    css(driver, "#voucher-codes th[data-key=state] button.sort").click()
    wait(driver).until(lambda d: d.execute_script(
        "return document.querySelector('#voucher-codes th[data-key=state]').getAttribute('aria-sort')") == "ascending")
    states = [r["state"] for r in table_rows(driver)]
    assert states == sorted(states), states
    css(driver, "[data-testid=voucher-refresh]").click()
    wait(driver).until(lambda d: d.execute_script(
        "return document.getElementById('voucher-refresh').disabled") is False)
    assert driver.execute_script(
        "return document.querySelector('#voucher-codes th[data-key=state]').getAttribute('aria-sort')") == "ascending"
    states = [r["state"] for r in table_rows(driver)]
    assert states == sorted(states), states

    # Export: the CSV's rows are the table's rows.
    rows = table_rows(driver)
    css(driver, "[data-testid=voucher-export]").click()
    wait(driver).until(lambda d: (text_of(d, "[data-testid=voucher-export-result]") or "").startswith("Saved to "))
    path = Path(driver.execute_script(
        "return document.querySelector('[data-testid=voucher-export-result]').dataset.path"))
    assert text_of(driver, "[data-testid=voucher-export-result]") == f"Saved to {path}"
    assert path.exists() and path.name == f"vouchers-{tid}.csv"
    raw = path.read_bytes()
    text = raw.decode("utf-8-sig")
    assert "\r\n" in text
    records = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(records) == COUNT
    by_code = {r["voucher_code"]: r for r in records}
    assert set(by_code) == {r["code"] for r in rows}
    for r in rows:
        c = by_code[r["code"]]
        assert c["batch_tid"] == tid
        assert c["title"] == TITLE
        assert c["voucher_url"] == r["url"]
        assert c["state"] == r["state"].lower()
        assert c["amount_btc"] == "0.00002000" and c["amount_sats"] == "2000"
        # Ninjatags start with @: the formula guard puts an apostrophe in front.
        assert c["redeemed_by"].removeprefix("'") == r["redeemed_by"]
        if r["redeemed_by"].startswith("@"):
            assert c["redeemed_by"] == "'" + r["redeemed_by"]
        assert c["redeemed_tid"] == r["redeemed_tid"]
        if r["state"] == "Redeemed":
            assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", c["redeemed_at_utc"]), c
            assert re.match(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d\d:\d\d$", c["redeemed_at_local"]), c
        else:
            assert c["redeemed_at_utc"] == "" and c["redeemed_at_local"] == ""

    # The detail at 1024×700: no horizontal scrolling.
    driver.set_window_size(1024, 700)
    driver.execute_script("document.getElementById('voucher-detail').scrollIntoView()")
    time.sleep(0.3)
    assert no_horizontal_scroll(driver), driver.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    shot(driver, out_dir, "view-vouchers-detail")

    # Revoke: the confirmation names the batch and the outstanding value.
    redeemed = redeemed_count(driver)
    open_left = COUNT - redeemed
    sats = open_left * 2000
    outstanding = f"0.{sats:08d} BTC ({sats:,} sats)"
    css(driver, "[data-testid=voucher-revoke]").click()
    confirm(driver, [TITLE, tid, f"Outstanding: {outstanding}"])
    wait(driver).until(lambda d: css(d, "#voucher-detail").get_attribute("data-revoked") == "true")
    state = text_of(driver, "#voucher-detail [data-field=state]")
    assert "Revoked" in state, state
    assert driver.execute_script("return document.getElementById('voucher-revoke').disabled") is True
    assert text_of(driver, "#voucher-detail dd[data-field=revoked_at]") not in ("", "—")
    assert all(r["state"] in ("Redeemed", "Revoked") for r in table_rows(driver))
    batch["revoked"] = True


def test_server_error_is_a_banner(driver, sandbox):
    if not batch.get("tid"):
        pytest.skip("needs the batch created above")
    open_view(driver, "vouchers")
    wait(driver).until(lambda d: visible(d, "[data-testid=voucher-refresh]"))
    # Reads are retried (3 attempts): fail more than that, then clear what is left. The watcher
    # may be checking other batches left by earlier tests on the same path: leave it plenty.
    sandbox.fault(kind="status", status=500, count=30, path="/lapi/v1/checkVoucher")
    try:
        css(driver, "[data-testid=voucher-refresh]").click()
        banner = wait(driver, 30).until(lambda d: visible(d, "#voucher-error") and css(d, "#voucher-error"))
        assert "sandbox fault: injected status 500" in banner.text, banner.text
        # Said to screen readers: the Refresh the user pressed moves the focus to it (errors that
        # appear without a press go through the app's live region, ui/js/announce.js).
        assert driver.execute_script("return document.activeElement.id") == "voucher-error"
        # What was shown stays shown.
        assert css(driver, "#voucher-detail").is_displayed()
        assert text_of(driver, "#voucher-detail [data-field=title]") == TITLE
    finally:
        sandbox.clear_faults()
    css(driver, "[data-testid=voucher-refresh]").click()
    wait(driver).until(lambda d: not visible(d, "#voucher-error"))


def test_hostile_title_is_text(driver):
    start_create(driver)
    fill(driver, "#voucher-amount", "0.00001")
    fill(driver, "#voucher-title", XSS)
    css(driver, "#voucher-create-submit").click()
    confirm(driver, [XSS, "Total debit: 0.00001000 BTC (1,000 sats)"])
    wait(driver).until(lambda d: len(css_all(d, "#voucher-created .created-code")) == 1)
    tid = css(driver, "[data-testid=created-tid]").text.strip()
    # Look it up by typing its tid (Enter submits).
    fill(driver, "#voucher-tid", tid).send_keys(Keys.ENTER)
    wait(driver).until(lambda d: css(d, "#voucher-detail").get_attribute("data-tid") == tid
                       and css(d, "#voucher-detail").get_attribute("data-state") == "loaded")
    assert text_of(driver, "#voucher-detail [data-field=title]") == XSS
    assert css_all(driver, "#voucher-detail img") == []
    assert css_all(driver, "#view-vouchers img") == []
    assert driver.execute_script("return document.querySelectorAll('img[src=x]').length") == 0


def test_navigation_from_home(driver):
    """Home's "New vouchers" shows the form; a deep link (desk:navigate with a tid) opens a batch."""
    if not batch.get("tid"):
        pytest.skip("needs the batch created above")
    ready(driver)
    open_view(driver, "home")
    if not css_all(driver, "#home-new-vouchers"):
        pytest.skip("Home has no New vouchers button")
    css(driver, "#home-new-vouchers").click()
    wait(driver).until(lambda d: visible(d, "#voucher-create-form"))
    assert driver.execute_script("return document.activeElement.id") == "voucher-amount"
    driver.execute_script(
        "document.dispatchEvent(new CustomEvent('desk:navigate', {detail: {view: 'vouchers', tid: arguments[0]}}))",
        batch["tid"])
    wait(driver).until(lambda d: css(d, "#voucher-detail").get_attribute("data-tid") == batch["tid"]
                       and css(d, "#voucher-detail").get_attribute("data-state") == "loaded"
                       and visible(d, "#voucher-detail"))
    assert not visible(driver, "#voucher-create-form")
    assert text_of(driver, "#voucher-detail [data-field=title]") == TITLE
    assert css(driver, "#voucher-tid").get_attribute("value") == batch["tid"]

"""End to end: Lightning, Widget tokens and Bridge in Hindi (hi-IN) at 1024×700.

The language is saved in Settings and the page reloaded (as Settings does): every panel of the
three screens is built in Hindi, amounts keep their Latin digits, and no word is cut off or
wider than the window. A payment request, a send review and its confirmation, a token
confirmation and a bridge quote through to its invoice are made so their cards are measured too.
The language goes back to the system's afterwards (the session's app is shared by every file).
Run with tests/e2e/run.sh -- tests/e2e/test_hindi_payments.py
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import booted, confirm_ok, css, fill, invoke, no_horizontal_scroll, open_view, wait

pytestmark = [
    pytest.mark.skipif(os.environ.get("E2E_SELFTEST") == "1", reason="needs the real app"),
    pytest.mark.usefixtures("in_sandbox_mode"),
]

TIMEOUT = float(os.environ.get("E2E_TIMEOUT", "20"))
DEVANAGARI = re.compile(r"[\u0900-\u097F]")

# Text a user reads in one piece: a label, a button, a heading, a badge. None may be cut off
# or run out of its box (long Hindi words are the risk; codes and invoices wrap on purpose).
# WebKit's scrollWidth does not count text overflowing a box that does not scroll: the text's own
# rectangle (a Range over it) is compared with its box, and a form label with its field's.
CLIPPED = """
const view = arguments[0];
const sel = 'h1, h2, label, legend, button, summary, dt, th, .badge, [role=tab], .hint, .notice, .big-amount';
const range = document.createRange();
const out = (el) => {
  const box = el.getBoundingClientRect();
  // A button named for screen readers ("Copy" + a hidden context) is measured by its box.
  if (el.querySelector('.sr-only')) return box.right > window.innerWidth + 1;
  range.selectNodeContents(el);
  const text = range.getBoundingClientRect();
  if (text.width === 0) return false;
  if (text.right > box.right + 1 || text.left < box.left - 1 || box.right > window.innerWidth + 1) return true;
  const field = el.matches('.form-row > label') ? el.nextElementSibling : null;
  return Boolean(field && text.right > field.getBoundingClientRect().left + 1);
};
return [...view.querySelectorAll(sel)]
  .filter((el) => el.offsetParent !== null && el.clientWidth > 0 && !el.closest('.sr-only'))
  .filter(out)
  .map((el) => `${el.tagName.toLowerCase()}#${el.id}.${el.className}: ${el.textContent.trim().slice(0, 60)}`);
"""



def reload_in(driver, language: str, expect: str):
    invoke(driver, "update_settings", {"patch": {"language": language}})
    driver.execute_script("location.reload()")
    # The old page may answer once more while the new one loads: wait for the new one, booted.
    WebDriverWait(driver, TIMEOUT, 0.2, ignored_exceptions=(WebDriverException,)).until(lambda d: d.execute_script(
        "return document.body?.dataset.ready === 'true' && document.documentElement.lang === arguments[0]", expect))
    booted(driver)


@pytest.fixture(scope="module")
def hindi(driver):
    booted(driver)
    driver.set_window_size(1024, 700)
    reload_in(driver, "hi-IN", "hi-IN")
    assert driver.execute_script("return document.documentElement.lang") == "hi-IN"
    yield
    reload_in(driver, "system", "en-IN")  # the test machine's system speaks English


def fits(driver, root_sel: str, what: str):
    driver.execute_script("window.scrollTo(0, 0)")
    assert no_horizontal_scroll(driver), f"{what}: the page scrolls sideways"
    clipped = driver.execute_script(CLIPPED, css(driver, root_sel))
    assert clipped == [], f"{what}: cut off in Hindi"


def dialog_fits(driver, what: str):
    dlg = wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, "dialog[open]"))
    assert DEVANAGARI.search(dlg.text), dlg.text
    fits(driver, "dialog[open]", what)
    return dlg


def cancel_dialog(driver):
    css(driver, "dialog[open] [data-testid=confirm-cancel]").click()
    wait(driver).until(lambda d: not d.find_elements(By.CSS_SELECTOR, "dialog[open]"))


def test_lightning_in_hindi(driver, hindi, out_dir: Path):
    open_view(driver, "lightning")
    assert DEVANAGARI.search(css(driver, "#view-lightning .hint").text)
    for name in ("request", "check", "send", "history", "decode"):
        tab = css(driver, f"#ln-tab-{name}")
        assert DEVANAGARI.search(tab.text), tab.text
        tab.click()
        wait(driver).until(lambda d, n=name: css(d, f"#ln-panel-{n}").is_displayed())
        fits(driver, "#view-lightning", f"Lightning {name}")

    # A request: its result card, amounts in Latin digits.
    css(driver, "#ln-tab-request").click()
    fill(driver, "#ln-req-amount", "0.0001")
    assert css(driver, "#ln-req-amount-sats").text == "= 10,000 sats"
    css(driver, "#ln-req-submit").click()
    wait(driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#ln-req-result dd[data-field=tid] code"))
    assert css(driver, "[data-testid=ln-req-amount-shown]").text == "0.00010000 BTC"
    assert DEVANAGARI.search(css(driver, "#ln-req-result-title").text)
    fits(driver, "#view-lightning", "Lightning request result")
    driver.get_screenshot_as_file(str(out_dir / "hi-lightning.png"))

    # Send to a ninjatag: the review and the confirmation, then nothing is sent.
    css(driver, "#ln-tab-send").click()
    fill(driver, "#ln-send-to", "@satoshi")
    fill(driver, "#ln-send-amount", "0.00001")
    css(driver, "#ln-send-review").click()
    review = wait(driver).until(lambda d: css(d, "#ln-send-review-card") if css(d, "#ln-send-review-card").is_displayed() else None)
    assert "0.00001000 BTC" in review.text and DEVANAGARI.search(review.text)
    fits(driver, "#view-lightning", "Lightning send review")
    css(driver, "#ln-send-confirm").click()
    dlg = dialog_fits(driver, "send confirmation")
    assert "0.00001000 BTC" in dlg.text and "@satoshi" in dlg.text
    cancel_dialog(driver)
    css(driver, "#ln-send-edit").click()


def test_widget_in_hindi(driver, hindi, out_dir: Path):
    view = open_view(driver, "widget")
    assert DEVANAGARI.search(view.find_element(By.TAG_NAME, "h1").text)
    fits(driver, "#view-widget", "Widget")
    driver.get_screenshot_as_file(str(out_dir / "hi-widget.png"))
    fill(driver, "#token-amount", "0.0005")
    css(driver, "#token-request").click()
    dlg = dialog_fits(driver, "token confirmation")
    assert "0.00050000 BTC" in dlg.text and "50,000 sats" in dlg.text
    cancel_dialog(driver)
    fill(driver, "#token-amount", "")


def test_bridge_in_hindi(driver, hindi, out_dir: Path):
    view = open_view(driver, "bridge")
    assert DEVANAGARI.search(view.find_element(By.TAG_NAME, "h1").text)
    for sel in ("#quote-restart", "#quote-new"):
        for b in driver.find_elements(By.CSS_SELECTOR, sel):
            if b.is_displayed():
                b.click()
    fits(driver, "#view-bridge", "Bridge form")
    fill(driver, "#quote-fiat-amount", "1000")
    fill(driver, "#quote-upi", "shop@okaxis")
    fill(driver, "#quote-ninjatag", "")
    css(driver, "#quote-submit").click()
    step = wait(driver).until(lambda d: css(d, "#quote-step") if css(d, "#quote-step").is_displayed() else None)
    assert "₹1,000.00" in step.text and DEVANAGARI.search(step.text)
    fits(driver, "#view-bridge", "Bridge quote step")
    css(driver, "#quote-invoice-request").click()
    dlg = dialog_fits(driver, "invoice confirmation")
    assert "₹1,000.00" in dlg.text and "UPI shop@okaxis" in dlg.text
    confirm_ok(driver)
    wait(driver).until(lambda d: css(d, "#quote-invoice").is_displayed())
    phrase = css(driver, "#quote-pay-phrase").text
    assert "0.00020000 BTC" in phrase and "₹1,000.00" in phrase and DEVANAGARI.search(phrase), phrase
    fits(driver, "#view-bridge", "Bridge invoice")
    driver.get_screenshot_as_file(str(out_dir / "hi-bridge.png"))
    css(driver, "#quote-new").click()

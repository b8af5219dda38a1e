"""End to end: the app in Hindi.

The language is chosen in Settings, through the page as a user would; the page loads again and
every screen is built in Hindi: the tabs, Home's headings, dates in Hindi form, while amounts keep
Latin digits ("0.00012345 BTC", "12,34,567 sats"). No catalogue key shows instead of words,
nothing spills out of a 1024×700 window, and screenshots of two screens are kept
(.e2e-out/hi-home.png, hi-settings.png; `tests/e2e/run.sh --screenshots` copies them to
docs/screenshots/). The app is shared by every test file: it is put back in its language at the end.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import booted, css, invoke, no_horizontal_scroll, open_view, wait

pytestmark = pytest.mark.skipif(os.environ.get("E2E_SELFTEST") == "1", reason="needs the real app")

TIMEOUT = float(os.environ.get("E2E_TIMEOUT", "20"))
SEND_TID = "128390A389H2920"  # the docs' Check Payment sample, seeded by the sandbox
I18N = Path(__file__).resolve().parents[2] / "ui" / "i18n"
HI = json.loads((I18N / "hi-IN.json").read_text(encoding="utf-8"))
EN = json.loads((I18N / "en-IN.json").read_text(encoding="utf-8"))

# A catalogue key shown instead of its words ("home.title").
KEY = re.compile(r"^[a-z_]+(\.[a-z_]+)+$")
DEVANAGARI = re.compile(r"[\u0900-\u097F]")
DEVANAGARI_DIGIT = re.compile(r"[\u0966-\u096F]")



def choose_language(driver, value: str, lang: str):
    """Pick `value` in Settings' language list and wait for the page to come back in `lang`."""
    open_view(driver, "settings")
    driver.execute_script("window.__beforeLanguage = true;")
    Select(css(driver, "#settings-language")).select_by_value(value)
    # A new page: the marker is gone, the page has booted again, in the new language.
    wait(driver).until(lambda d: d.execute_script(
        "return !window.__beforeLanguage && document.body.dataset.ready === 'true'"
        " && document.documentElement.lang"))
    booted(driver)
    assert driver.execute_script("return document.documentElement.lang") == lang


def leaked_keys(driver) -> list[str]:
    """Visible text, and the words in aria-label / placeholder / title, that look like catalogue keys."""
    return driver.execute_script(r"""
        const key = /^[a-z_]+(\.[a-z_]+)+$/;
        const out = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const el = n.parentElement;
          if (!el || el.closest('[hidden], script, style, code')) continue;
          const s = n.textContent.trim();
          if (key.test(s)) out.push(s);
        }
        for (const el of document.querySelectorAll('[aria-label], [placeholder], [title]')) {
          for (const a of ['aria-label', 'placeholder', 'title']) {
            const s = (el.getAttribute(a) ?? '').trim();
            if (key.test(s)) out.push(`${a}=${s}`);
          }
        }
        return out;
    """)


def fits(driver, what: str):
    assert no_horizontal_scroll(driver), f"{what}: the page scrolls sideways at 1024×700"
    wide = driver.execute_script("""
        const list = document.getElementById('tab-list');
        return list.scrollWidth > list.clientWidth + 1 ? list.scrollWidth - list.clientWidth : 0;""")
    assert not wide, f"{what}: the tabs overflow by {wide}px"


def test_the_app_speaks_hindi_when_chosen_in_settings(driver, in_sandbox_mode, out_dir):
    driver.set_window_size(1024, 700)
    before = invoke(driver, "get_settings").get("language") or "system"
    # Something in recent activity, so Home shows a date.
    invoke(driver, "check_payment", {"tid": SEND_TID})
    try:
        choose_language(driver, "hi-IN", "hi-IN")
        assert invoke(driver, "get_settings")["language"] == "hi-IN"

        # The tabs, in Hindi, from the catalogue.
        for view in ("home", "vouchers", "records", "settings"):
            tab = css(driver, f"#tab-{view}")
            assert HI["nav"][view] in tab.text, (view, tab.text)
        assert css(driver, "#tab-list").get_attribute("aria-label") == HI["nav"]["screens"]
        assert css(driver, "#mode-banner").text == HI["common"]["sandbox_banner"]

        # Home: its headings, balances with Latin digits, a date in Hindi form.
        home = open_view(driver, "home")
        assert css(driver, "#view-home h1").text == HI["home"]["title"]
        headings = [h.text for h in home.find_elements(By.CSS_SELECTOR, "h2")]
        for want in (HI["home"]["balances"], HI["home"]["lightning_wallet"], HI["pending"]["title"], HI["home"]["recent"]):
            assert want in headings, (want, headings)
        wait(driver).until(lambda d: css(d, "#home-balances").get_attribute("data-loaded") == "true")
        amount = css(driver, "[data-testid=balance-lbtc] [data-field=amount]").text
        assert re.fullmatch(r"\d{1,3}(,\d{3})*\.\d{8} BTC", amount), amount
        sats = css(driver, "[data-testid=balance-lbtc] [data-field=sats]").text
        assert re.fullmatch(r"(\d{1,3}|\d{1,2}(,\d{2})*,\d{3}) sats?", sats), f"{sats}: Latin digits, grouped like rupees"
        item = wait(driver).until(lambda d: d.find_elements(
            By.CSS_SELECTOR, f"#home-recent button[data-testid=recent-item][data-tid='{SEND_TID}']"))[0]
        assert HI["common"]["kind"]["payment"] in item.text, item.text
        when = item.find_element(By.CSS_SELECTOR, ".recent-when")
        # "आख़िरी जाँच 28 नव॰ 2026, 12:29 am": Hindi month, Latin digits.
        title = when.get_attribute("title")
        date = re.search(r"(\d{1,2}) (\S+) (\d{4}), \d{1,2}:\d{2}", title)
        assert date and DEVANAGARI.search(date.group(2)), title
        assert title.startswith(HI["home"]["last_checked"].split("{")[0].strip()), title
        assert not DEVANAGARI_DIGIT.search(title + amount + sats + item.text), "digits stay Latin"
        # The formatters in the page itself (WebKit's ICU), for a fixed time.
        shown = driver.execute_async_script("""
            const done = arguments[arguments.length - 1];
            import(new URL('js/dates.js', document.baseURI).href)
              .then((m) => done(m.dateTimeText(1790000000)), (e) => done(String(e)));""")
        assert re.fullmatch(r"\d{1,2} [^\x00-\x7F]+ 2026, .*\d{1,2}:\d{2}.*", shown), shown
        assert not DEVANAGARI_DIGIT.search(shown), shown

        assert leaked_keys(driver) == [], "catalogue keys shown instead of words"
        fits(driver, "Home")
        driver.execute_script("window.scrollTo(0, 0)")
        driver.get_screenshot_as_file(str(out_dir / "hi-home.png"))

        # Settings: a screen with forms, and the choice shown.
        open_view(driver, "settings")
        assert css(driver, "#view-settings h1").text == HI["settings"]["title"]
        assert Select(css(driver, "#settings-language")).first_selected_option.get_attribute("value") == "hi-IN"
        assert css(driver, "#settings-test-connection").text == HI["static"]["test_connection"]
        assert css(driver, "#settings-invoice-input").get_attribute("placeholder") == HI["static"]["invoice_placeholder"]
        # A refusal from Rust's own checks is said in Hindi too (rules.*, filled with its field),
        # and what was typed stays.
        css(driver, "#settings-invoice-input").send_keys("abc")
        css(driver, "#settings-invoice-save").click()
        refused = wait(driver).until(lambda d: css(d, "#settings-keys-error").is_displayed() and css(d, "#settings-keys-error"))
        assert HI["rules"]["key_length"].replace("{field}", "Invoice key") in refused.text, refused.text
        assert css(driver, "#settings-invoice-input").get_attribute("value") == "abc"
        css(driver, "#settings-invoice-input").clear()
        assert leaked_keys(driver) == [], "catalogue keys shown instead of words"
        fits(driver, "Settings")
        driver.execute_script("window.scrollTo(0, 0)")
        driver.get_screenshot_as_file(str(out_dir / "hi-settings.png"))

        # Vouchers: the merchant's main form.
        open_view(driver, "vouchers")
        assert leaked_keys(driver) == [], "catalogue keys shown instead of words"
        fits(driver, "Vouchers")
        driver.execute_script("window.scrollTo(0, 0)")
        driver.get_screenshot_as_file(str(out_dir / "hi-vouchers.png"))

        # Back to what it was, through the page again: English for the tests that follow.
        choose_language(driver, before, "en-IN")
        assert css(driver, "#tab-home").text.startswith(EN["nav"]["home"])
        assert css(driver, "#view-home h1").text == EN["home"]["title"]
    finally:
        if driver.execute_script("return document.documentElement.lang") != "en-IN":
            invoke(driver, "update_settings", {"patch": {"language": before}})
            driver.refresh()
            booted(driver)
        open_view(driver, "home")

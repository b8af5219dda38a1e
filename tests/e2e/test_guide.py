"""End to end: the first-run guide on Home, the glossary's tooltips, Ctrl+K and a busy spinner.

The session's app starts with no key saved, so Home shows the guide: two ways to begin (Sandbox,
or a Ninjapay account) and the words the screens use. "Switch to Sandbox" switches from Live; a
term's meaning shows when the term has the keyboard focus (and Escape closes it); "Hide this
guide" hides it for good (still hidden after a reload) — the test then forgets that, so the rest
of the session sees Home as before. Ctrl+K (or "/") puts the cursor in the screen's lookup field;
a button at work shows a spinner beside its label.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from conftest import ROOT, booted, css, fill, invoke, open_view, wait

pytestmark = [
    pytest.mark.skipif(os.environ.get("E2E_SELFTEST") == "1", reason="needs the real app"),
    pytest.mark.usefixtures("in_sandbox_mode"),
]

TIMEOUT = float(os.environ.get("E2E_TIMEOUT", "20"))
DISMISSED = "ninjapay-desk.guide-dismissed"
SEEDED_VOUCHER = "210N66027HB789"
EN = json.loads((ROOT / "ui" / "i18n" / "en-IN.json").read_text(encoding="utf-8"))
TERMS = ["tid", "ninjatag", "lbtc", "voucher_batch", "widget_token", "bridge_quote", "upi_id"]



def shown(driver, sel: str) -> bool:
    try:
        return css(driver, sel).is_displayed()
    except (NoSuchElementException, StaleElementReferenceException):
        return False


def no_key_saved(driver) -> bool:
    keys = invoke(driver, "key_status")
    return not keys["invoice"]["present"] and not keys["admin"]["present"]


def reload(driver):
    """location.reload(), then wait for the new page (not the old one, still answering) to boot."""
    driver.execute_script("window.__e2eOldPage = true; location.reload()")
    WebDriverWait(driver, TIMEOUT, 0.1, ignored_exceptions=(WebDriverException,)).until(
        lambda d: d.execute_script("return !window.__e2eOldPage && document.body && !!document.body.dataset.ready"))
    booted(driver)


def fresh_guide(driver):
    """Home as on a first start: no key (else skip), the guide not hidden before."""
    booted(driver)
    if not no_key_saved(driver):
        pytest.skip("a key is saved: the guide is for an app without one")
    if driver.execute_script("return localStorage.getItem(arguments[0])", DISMISSED) is not None:
        driver.execute_script("localStorage.removeItem(arguments[0])", DISMISSED)
        reload(driver)
    open_view(driver, "home")
    wait(driver).until(lambda d: shown(d, "#home-guide"))


def active_id(driver) -> str:
    return driver.execute_script("return document.activeElement && document.activeElement.id")


def blur(driver):
    driver.execute_script("document.activeElement && document.activeElement.blur()")


def ctrl_k(driver):
    ActionChains(driver).key_down(Keys.CONTROL).send_keys("k").key_up(Keys.CONTROL).perform()


AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def axe_guide(driver) -> list:
    """axe-core's violations inside the guide, as it is now (test_a11y.py audits whole screens)."""
    if not driver.execute_script("return typeof window.axe === 'object'"):
        driver.execute_script(AXE_JS.read_text(encoding="utf-8") + "\n;return true;")
    driver.set_script_timeout(120)
    result = driver.execute_async_script("""
      const [tags, done] = arguments;
      axe.run('#home-guide', { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
        .then((r) => done(r.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.html.slice(0, 200)) }))),
              (e) => done([{ id: 'error', nodes: [String(e)] }]));""", AXE_TAGS)
    return result


def tip_by_word(driver, term) -> bool:
    """The term's tooltip touches its word: under it (top = the word's bottom) or over it."""
    return driver.execute_script("""
      const el = arguments[0], r = el.getBoundingClientRect(), tip = getComputedStyle(el, '::after');
      const h = document.documentElement.clientHeight;
      return el.hasAttribute('data-tip-up') ? Math.abs(parseFloat(tip.bottom) - (h - r.top)) <= 1
                                            : Math.abs(parseFloat(tip.top) - r.bottom) <= 1;""", term)


def after(driver, el, prop: str) -> str:
    return driver.execute_script("return getComputedStyle(arguments[0], '::after')[arguments[1]]", el, prop)


@pytest.mark.first
def test_switch_to_sandbox_from_live(driver, sandbox):
    """In Live mode with no key the guide offers Sandbox; the button switches and says so.

    Runs first (with test_home's Live test), while nothing is watched: Live mode would check
    watches with no key."""
    fresh_guide(driver)
    if any(not w["final"] for w in invoke(driver, "watch_list")):
        pytest.skip("watches are active: Live mode would check them")
    assert shown(driver, "#guide-in-sandbox") and not shown(driver, "#guide-try-sandbox")
    try:
        invoke(driver, "set_mode", {"mode": "live"})
        button = wait(driver).until(lambda d: css(d, "#guide-try-sandbox") if shown(d, "#guide-try-sandbox") else None)
        assert button.text == "Switch to Sandbox"
        assert not shown(driver, "#guide-in-sandbox")
        assert axe_guide(driver) == []
        button.click()
        wait(driver).until(lambda d: invoke(d, "app_status")["mode"] == "sandbox")
        wait(driver).until(lambda d: shown(d, "#guide-in-sandbox") and not shown(d, "#guide-try-sandbox"))
        assert active_id(driver) == "guide-in-sandbox", "the focus goes to the words that replace the button"
        wait(driver).until(lambda d: css(d, "#mode-pill").text.strip().lower() == "sandbox")
    finally:
        if invoke(driver, "app_status")["mode"] != "sandbox":
            invoke(driver, "set_mode", {"mode": "sandbox"})


def test_the_guide_shows_on_a_fresh_start(driver, out_dir: Path):
    driver.set_window_size(1280, 800)
    fresh_guide(driver)
    guide = css(driver, "#home-guide")
    assert guide.find_element(By.TAG_NAME, "h2").text == "Getting started"
    sandbox_path = css(driver, "#guide-sandbox")
    assert sandbox_path.find_element(By.TAG_NAME, "h3").text == "Try it in Sandbox"
    assert "Nothing in it is real" in sandbox_path.text and "no key is needed" in sandbox_path.text
    assert css(driver, "#guide-in-sandbox").text == "You are in Sandbox now: try anything you like."
    connect = css(driver, "#guide-connect")
    assert connect.find_element(By.TAG_NAME, "h3").text == "Connect your Ninjapay account"
    link = css(driver, "#guide-dashboard-link")
    assert link.text == "Ninjapay dashboard" and link.get_attribute("href") == "https://ninjapay.me/dashboard"
    assert "Invoice key: creates payment requests" in connect.text and "It cannot send money out." in connect.text
    assert "Admin key: does everything the Invoice key does, and also sends money out." in connect.text
    assert "system keychain" in connect.text
    # The seven words, each with its meaning.
    words = guide.find_elements(By.CSS_SELECTOR, "[data-testid=guide-words] abbr.term")
    assert [w.get_attribute("data-term") for w in words] == TERMS
    assert [w.text for w in words] == [EN["glossary"][k]["term"] for k in TERMS]
    assert [w.get_attribute("aria-description") for w in words] == [EN["glossary"][k]["means"] for k in TERMS]
    assert axe_guide(driver) == []
    guide.screenshot(str(out_dir / "home-guide.png"))
    driver.execute_script("window.scrollTo(0, 0)")
    driver.get_screenshot_as_file(str(out_dir / "home-first-run.png"))

    # "Open Settings" goes to Settings.
    css(driver, "#guide-open-settings").click()
    wait(driver).until(lambda d: shown(d, "#view-settings"))
    assert css(driver, "#tab-settings").get_attribute("aria-selected") == "true"
    open_view(driver, "home")


def test_a_term_shows_its_meaning_on_keyboard_focus(driver, out_dir: Path):
    driver.set_window_size(1024, 700)
    fresh_guide(driver)
    tid = css(driver, "#home-guide abbr.term[data-term=tid]")
    assert after(driver, tid, "display") == "none", "no tooltip before it is asked for"
    # Tab from the button before the list lands on the first word.
    driver.execute_script("document.getElementById('guide-open-settings').focus()")
    ActionChains(driver).send_keys(Keys.TAB).perform()
    assert driver.execute_script("return document.activeElement.dataset.term") == "tid"
    wait(driver, 5).until(lambda d: after(d, tid, "display") == "block")
    # The drawn text is the description (WebKit may give the attr() itself as the computed value).
    content = after(driver, tid, "content")
    assert EN["glossary"]["tid"]["means"] in content or "attr(aria-description)" in content, content
    assert "dotted" in driver.execute_script("return getComputedStyle(arguments[0]).textDecorationStyle", tid)
    # Inside the window.
    left = float(after(driver, tid, "left").removesuffix("px"))
    width = float(after(driver, tid, "width").removesuffix("px"))
    view = driver.execute_script("return document.documentElement.clientWidth")
    assert 0 <= left and left + width <= view, (left, width, view)
    assert axe_guide(driver) == [], "with the tooltip open"
    driver.get_screenshot_as_file(str(out_dir / "glossary-tooltip.png"))
    # It stays by its word when the page moves under it (a banner appearing above, say).
    assert tip_by_word(driver, tid)
    driver.execute_script("""
      const s = document.createElement('div'); s.id = 'e2e-spacer'; s.style.height = '60px';
      document.getElementById('home-guide').before(s);""")
    try:
        wait(driver, 5).until(lambda d: tip_by_word(d, tid))
    finally:
        driver.execute_script("document.getElementById('e2e-spacer').remove()")
    # Escape closes it; leaving and coming back opens it again.
    ActionChains(driver).send_keys(Keys.ESCAPE).perform()
    wait(driver, 5).until(lambda d: after(d, tid, "display") == "none")
    ActionChains(driver).send_keys(Keys.TAB).perform()
    ActionChains(driver).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).perform()
    assert driver.execute_script("return document.activeElement.dataset.term") == "tid"
    wait(driver, 5).until(lambda d: after(d, tid, "display") == "block")
    blur(driver)
    # The pointer shows it too.
    ninjatag = css(driver, "#home-guide abbr.term[data-term=ninjatag]")
    ActionChains(driver).move_to_element(ninjatag).perform()
    wait(driver, 5).until(lambda d: after(d, ninjatag, "display") == "block")
    # The pointer leaves for the heading (WebKit's driver does not scroll to it: the word may
    # have been scrolled to, taking the heading out of view).
    heading = css(driver, "#view-home h1")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", heading)
    ActionChains(driver).move_to_element(heading).perform()
    wait(driver, 5).until(lambda d: after(d, ninjatag, "display") == "none")


def test_ctrl_k_puts_the_cursor_in_the_screens_lookup_field(driver):
    open_view(driver, "vouchers")
    blur(driver)
    ctrl_k(driver)
    wait(driver, 5).until(lambda d: active_id(d) == "voucher-tid")

    open_view(driver, "orders")
    blur(driver)
    ctrl_k(driver)
    wait(driver, 5).until(lambda d: active_id(d) == "order-tid")
    # "/" does the same when not typing, and is a character when typing.
    field = fill(driver, "#order-tid", "")
    blur(driver)
    ActionChains(driver).send_keys("/").perform()
    wait(driver, 5).until(lambda d: active_id(d) == "order-tid")
    assert field.get_attribute("value") == "", "the / that moved the cursor is not typed"
    ActionChains(driver).send_keys("a/b").perform()
    assert field.get_attribute("value") == "a/b"
    fill(driver, "#order-tid", "")

    # Records: the search.
    open_view(driver, "records")
    blur(driver)
    ctrl_k(driver)
    wait(driver, 5).until(lambda d: active_id(d) == "records-search")

    # Lightning: the field of the Check tab, only while that tab shows.
    open_view(driver, "lightning")
    css(driver, "#ln-tab-request").click()
    wait(driver).until(lambda d: shown(d, "#ln-panel-request"))
    before = active_id(driver)
    ctrl_k(driver)
    assert active_id(driver) == before, "no lookup field on show: the keys do nothing"
    css(driver, "#ln-tab-check").click()
    wait(driver).until(lambda d: shown(d, "#ln-panel-check"))
    ctrl_k(driver)
    wait(driver, 5).until(lambda d: active_id(d) == "ln-check-tid")
    blur(driver)


def test_a_busy_button_shows_a_spinner_beside_its_label(driver, sandbox, out_dir: Path):
    open_view(driver, "vouchers")
    fill(driver, "#voucher-tid", SEEDED_VOUCHER)
    button = css(driver, "#voucher-lookup")
    assert after(driver, button, "content") in ("none", "normal", "")
    sandbox.fault(kind="latency", ms=2500, path="/lapi/v1/checkVoucher")
    try:
        button.click()
        wait(driver, 5).until(lambda d: button.get_attribute("aria-busy") == "true")
        assert after(driver, button, "display") == "inline-block"
        assert float(after(driver, button, "width").removesuffix("px")) > 4
        assert after(driver, button, "animation-name") == "busy-spin"
        assert button.text == "Look up", "the label stays"
        button.screenshot(str(out_dir / "busy-button.png"))
        wait(driver).until(lambda d: button.get_attribute("aria-busy") is None)
        assert after(driver, button, "content") in ("none", "normal", "")
    finally:
        sandbox.clear_faults()
    wait(driver).until(lambda d: css(d, "#voucher-detail").get_attribute("data-state") == "loaded")


def test_hiding_the_guide_lasts_across_a_reload(driver):
    fresh_guide(driver)
    try:
        css(driver, "#guide-dismiss").click()
        wait(driver, 5).until(lambda d: not shown(d, "#home-guide"))
        assert driver.execute_script("return document.activeElement.matches('#view-home h1')"), \
            "the focus goes to the screen's heading, not lost with the guide"
        assert driver.execute_script("return localStorage.getItem(arguments[0])", DISMISSED) == "true"
        reload(driver)
        open_view(driver, "home")
        wait(driver).until(lambda d: css(d, "#home-balances").get_attribute("data-loaded") in ("true", "error"))
        assert not shown(driver, "#home-guide")
    finally:
        # The rest of the session sees Home as it was: with the guide.
        driver.execute_script("localStorage.removeItem(arguments[0])", DISMISSED)
        reload(driver)
    open_view(driver, "home")
    wait(driver).until(lambda d: shown(d, "#home-guide"))

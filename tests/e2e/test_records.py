"""End to end: the records (ledger) screens — Records and Reports — against the app's sandbox.

Two voucher batches are created, the sandbox clock moves so simulated customers redeem some
codes, "Refresh open batches" checks them, and the liability on screen (and from `report`) is
checked batch by batch against what Check Voucher says is still redeemable; the liability is
exported as .xlsx and read back cell by cell; Records is searched, filtered, sorted and a row
opened; three tids (one unknown) are added by tid; the redemptions chart is checked against its
numbers. Run with tests/e2e/run.sh -- tests/e2e/test_records.py
"""

from __future__ import annotations

import csv
import io
import os
import re
import time
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.file_detector import UselessFileDetector

from conftest import css, invoke, no_horizontal_scroll, open_view, wait  # noqa: F401

pytestmark = pytest.mark.skipif(os.environ.get("E2E_SELFTEST") == "1", reason="needs the real app")

TIMEOUT = float(os.environ.get("E2E_TIMEOUT", "20"))
DOCS_VOUCHER_TID = "210N66027HB789"  # the docs' Check Voucher sample, seeded by the sandbox
UNKNOWN_TID = "NOSUCHBATCH0000"
SATS = Decimal("100000000")

# Shared between the tests of this file (they run in order, in one app).
books: dict = {}



def js(driver, script: str, *args):
    return driver.execute_script(script, *args)


def text_of(driver, sel: str) -> str | None:
    return js(driver, "const e = document.querySelector(arguments[0]); return e ? e.innerText.trim() : null;", sel)


def set_value(driver, sel: str, value: str):
    """Set a date or select the way a user's pick does: the value, then a change event."""
    js(driver, """const e = document.querySelector(arguments[0]); e.value = arguments[1];
                  e.dispatchEvent(new Event('change', {bubbles: true}));""", sel, value)


def offset_minutes(driver) -> int:
    return js(driver, "return -new Date().getTimezoneOffset();")


def sandbox_day(sandbox) -> date:
    """The sandbox's today in the user's time zone (its clock runs ahead of the real one once
    tests move it): every redeem so far happened on or before it."""
    return datetime.fromtimestamp(sandbox.now()).date()


def sats_of(btc_text) -> int:
    return int(Decimal(str(btc_text)) * SATS)


def screen_sats(text: str) -> int:
    m = re.fullmatch(r"([\d,]+) sats", text.strip())
    assert m, text
    return int(m.group(1).replace(",", ""))


def screen_btc(text: str) -> Decimal:
    m = re.fullmatch(r"([\d,]+\.\d{8}) BTC", text.strip())
    assert m, text
    return Decimal(m.group(1).replace(",", ""))


def screen_time(text: str) -> datetime | None:
    """ "21 Nov 2026, 02:03 pm" (en-IN, the user's time zone) → a naive local datetime."""
    if text.strip() in ("", "—"):
        return None
    return datetime.strptime(text.strip().replace("Sept", "Sep"), "%d %b %Y, %I:%M %p")


def job_done(driver, job: str) -> bool:
    return css(driver, f"#{job}").get_attribute("data-state") in ("finished", "cancelled")


def body_loaded(driver, panel: str) -> bool:
    return css(driver, f"#{panel}-body").get_attribute("data-state") == "loaded"


def liability_rows(driver) -> list[dict]:
    """The per-batch table as the user sees it (each cell's first line, and the notice if any)."""
    return js(driver, """
      const first = (td, f) => { const e = f ? td.querySelector(`[data-field="${f}"]`) : td.querySelector('.stack > span, .stack > button') || td;
                                return e ? e.innerText.trim() : ''; };
      return [...document.querySelectorAll('#liability-table tbody tr[data-tid]')].map((tr) => {
        const td = (k) => tr.querySelector(`td[data-key="${k}"]`);
        return {
          tid: tr.dataset.tid,
          title: first(td('tid'), 'title'),
          created: td('createdAt').querySelector('.stack > span').innerText.trim(),
          expires: td('expiresAt').innerText.trim().split('\\n')[0],
          codes: first(td('openCodesAsOf'), 'codes'),
          per_code_btc: first(td('satsPerCode'), 'amount'),
          per_code_sats: first(td('satsPerCode'), 'sats'),
          outstanding_btc: first(td('outstandingSats'), 'amount'),
          outstanding_sats: first(td('outstandingSats'), 'sats'),
          last_checked: td('lastCheckedAt').querySelector('.stack .stack > span').innerText.trim(),
          unchecked: !!td('lastCheckedAt').querySelector('[data-field="unchecked"]'),
        };
      });""")


def shot(driver, out_dir: Path, name: str) -> Path:
    path = out_dir / f"{name}.png"
    driver.get_screenshot_as_file(str(path))
    assert path.stat().st_size > 1000
    return path


def open_report(driver, name: str):
    open_view(driver, "reports")
    css(driver, f"#reports-tab-{name}").click()
    wait(driver).until(lambda d: css(d, f"#reports-panel-{name}").is_displayed() and body_loaded(d, name))


def make_batches(driver, stamp: str) -> list[dict]:
    made = []
    for key, amount, count in (("Alpha", "0.00003", 8), ("Beta", "0.00001", 6)):
        title = f"E2E books {key} {stamp}"
        v = invoke(driver, "request_voucher", {"request": {
            "amount": amount, "voucher_count": str(count), "title": title, "from": "Desk e2e", "expiry": "10080"}})
        made.append({"tid": str(v["tid"]), "title": title, "count": count, "sats_per_code": sats_of(amount)})
    return made


def redeemable(driver, tid: str) -> tuple[int, int]:
    """Check Voucher's figures: (redeemable sats, redeemed codes)."""
    v = invoke(driver, "check_voucher", {"tid": tid})
    return sats_of(v["figures"]["redeemable_value"]), sum(1 for c in v["voucher_urls"] if c.get("redeemed_at"))


@pytest.fixture(scope="module", autouse=True)
def stop_watching_our_batches(driver):
    """The batches made here are watched (as anything created is): stop that when this file is
    done, so their background checks do not use up the faults later files inject."""
    yield
    tids = {b["tid"] for b in books.get("batches", [])}
    for w in invoke(driver, "watch_list"):
        if w["kind"] == "voucher" and str(w["tid"]) in tids and not w["final"]:
            invoke(driver, "watch_stop", {"id": w["id"]})


def test_liability_after_redeems_equals_what_check_voucher_says(driver, sandbox, in_sandbox_mode, out_dir):
    driver.set_window_size(1024, 700)
    made = make_batches(driver, str(int(time.time())))
    books["batches"] = made
    open_report(driver, "liability")
    # As of the end of today, by default.
    assert css(driver, "#liability-as-of").get_attribute("value") == date.today().isoformat()

    # Freeze the sandbox clock, so nobody redeems between the checks compared below; then move
    # it on so simulated customers (30 s–20 min after creation) redeem some codes.
    sandbox._call("POST", "clock/speed", {"speed": 0})
    try:
        for _ in range(3):
            sandbox.advance(420)
            # The day the redeems happened on (the sandbox's clock may be past midnight).
            as_of = sandbox_day(sandbox).isoformat()
            set_value(driver, "#liability-as-of", as_of)
            css(driver, "#liability-refresh").click()
            wait(driver, 60).until(lambda d: job_done(d, "liability-refresh-job"))
            job = css(driver, "#liability-refresh-job")
            assert job.get_attribute("data-state") == "finished"
            total = int(job.get_attribute("data-total"))
            assert total >= 2 and job.get_attribute("data-done") == str(total)
            assert f"{total} of {total}" in text_of(driver, "#liability-refresh-job-status")
            outcomes = [li.get_attribute("data-outcome") for li in driver.find_elements(By.CSS_SELECTOR, "#liability-refresh-job-results li")]
            assert len(outcomes) == total and set(outcomes) == {"updated"}, outcomes
            # Some codes redeemed, some still open, in our batches.
            figures = {b["tid"]: redeemable(driver, b["tid"]) for b in made}
            if any(0 < n < b["count"] for b in made for n in [figures[b["tid"]][1]]):
                break
        else:
            pytest.fail(f"no batch was partly redeemed: {figures}")

        # The expected figure: every voucher batch in the records, as Check Voucher sees it now.
        vouchers = invoke(driver, "records", {"query": {"kinds": ["voucher"], "pageSize": 0}})["rows"]
        expected = {r["tid"]: redeemable(driver, r["tid"])[0] for r in vouchers}
        offset = offset_minutes(driver)
        report = invoke(driver, "report", {"params": {"report": "liability", "asOf": as_of, "utcOffsetMinutes": offset}})
        listed = {b["tid"]: b["outstandingSats"] for b in report["batches"]}
        assert listed == {t: s for t, s in expected.items() if s > 0}, (listed, expected)
        assert report["totalSats"] == sum(expected.values())
        for b in made:
            assert listed.get(b["tid"], 0) == figures[b["tid"]][0], (b, figures)

        # The screen says the same, batch by batch and in total.
        wait(driver).until(lambda d: body_loaded(d, "liability")
                           and css(d, "#liability-totals").get_attribute("data-sats") == str(report["totalSats"]))
        assert text_of(driver, "#liability-total-sats") == f"{report['totalSats']:,} sats"
        assert screen_btc(text_of(driver, "#liability-total-btc")) == Decimal(report["totalBtc"])
        rows = liability_rows(driver)
        assert [r["tid"] for r in rows] == [b["tid"] for b in report["batches"]]
        for r in rows:
            assert screen_sats(r["outstanding_sats"]) == expected[r["tid"]], r
        mine = next(r for r in rows if r["tid"] == made[0]["tid"])
        assert mine["title"] == made[0]["title"]
        assert mine["codes"] == f"{figures[made[0]['tid']][0] // made[0]['sats_per_code']} of {made[0]['count']}"
        books.update(as_of=as_of, liability=report)
    finally:
        sandbox._call("POST", "clock/speed", {"speed": 1})

    driver.execute_script("window.scrollTo(0, 0)")
    assert no_horizontal_scroll(driver)
    shot(driver, out_dir, "view-liability")


def test_liability_exports_as_xlsx_cell_by_cell(driver, out_dir):
    if not books.get("as_of"):
        pytest.skip("needs the liability above")
    open_report(driver, "liability")
    set_value(driver, "#liability-as-of", books["as_of"])
    wait(driver).until(lambda d: body_loaded(d, "liability"))
    rows = liability_rows(driver)
    total_sats = text_of(driver, "#liability-total-sats")
    total_btc = text_of(driver, "#liability-total-btc")

    css(driver, "#liability-export-xlsx").click()
    wait(driver).until(lambda d: (text_of(d, "#liability-export-result") or "").startswith("Saved to "))
    path = Path(css(driver, "#liability-export-result").get_attribute("data-path"))
    assert path.suffix == ".xlsx" and path.exists(), path
    sheet = openpyxl.load_workbook(path).active
    table = [list(r) for r in sheet.iter_rows(values_only=True)]
    head = [str(h) for h in table[0]]
    col = {name.split(" (")[0]: i for i, name in enumerate(head)}
    assert re.fullmatch(r"created_at \(UTC[+-]\d\d:\d\d\)", head[col["created_at"]]), head
    body, total = table[1:-1], table[-1]
    assert len(body) == len(rows), (body, rows)
    for cells, r in zip(body, rows):
        get = lambda name: cells[col[name]]  # noqa: E731
        assert get("batch_tid") == r["tid"]
        assert (get("title") or "—") == r["title"]
        for name, shown in (("created_at", r["created"]), ("expires_at", r["expires"]), ("last_checked_at", r["last_checked"])):
            value = get(name)
            assert isinstance(value, datetime), (name, value)
            assert value.replace(second=0, microsecond=0) == screen_time(shown), (name, value, shown)
        assert get("revoked_at") is None
        assert get("checked_after_cutoff") == ("no" if r["unchecked"] else "yes")
        for name in ("sats_per_code", "codes", "open_codes", "outstanding_sats"):
            assert isinstance(get(name), (int, float)) and get(name) == int(get(name)), (name, get(name))
        assert isinstance(get("amount_per_code_btc"), float) and isinstance(get("outstanding_btc"), float)
        assert Decimal(str(get("amount_per_code_btc"))).quantize(Decimal("1e-8")) == screen_btc(r["per_code_btc"])
        assert int(get("sats_per_code")) == screen_sats(r["per_code_sats"])
        open_codes, count = (int(x.replace(",", "")) for x in r["codes"].split(" of "))
        assert (int(get("open_codes")), int(get("codes"))) == (open_codes, count)
        assert int(get("outstanding_sats")) == screen_sats(r["outstanding_sats"])
        assert Decimal(str(get("outstanding_btc"))).quantize(Decimal("1e-8")) == screen_btc(r["outstanding_btc"])
    assert total[0] == "Total"
    assert int(total[col["outstanding_sats"]]) == screen_sats(total_sats)
    assert Decimal(str(total[col["outstanding_btc"]])).quantize(Decimal("1e-8")) == screen_btc(total_btc)
    assert int(total[col["open_codes"]]) == sum(int(r["codes"].split(" of ")[0].replace(",", "")) for r in rows)

    # The CSV of the same report: the same rows, exact decimals.
    css(driver, "#liability-export-csv").click()
    wait(driver).until(lambda d: (css(d, "#liability-export-result").get_attribute("data-path") or "").endswith(".csv"))
    text = Path(css(driver, "#liability-export-result").get_attribute("data-path")).read_bytes().decode("utf-8-sig")
    records = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [r["batch_tid"] for r in records[:-1]] == [r["tid"] for r in rows]
    assert records[-1]["outstanding_sats"] == str(screen_sats(total_sats))


def record_rows(driver) -> list[dict]:
    return js(driver, """return [...document.querySelectorAll('#records-table tbody tr[data-tid]')].map((tr) => ({
        tid: tr.dataset.tid, kind: tr.dataset.kind, sats: tr.dataset.sats === undefined ? null : Number(tr.dataset.sats),
        title: tr.querySelector('td[data-key="title"]').innerText.trim() }));""")


def records_settled(driver) -> bool:
    return css(driver, "#records-wrap").get_attribute("data-state") == "loaded"


def sort_by(driver, key: str, order: str):
    """Click a column's header until the table is sorted that way (the table is drawn again
    whenever the records change, so the header is found afresh each time)."""
    th = f"#records-table th[data-key={key}]"

    def sorted_so(d):
        if not records_settled(d):
            return False
        if d.execute_script(f"return document.querySelector('{th}').getAttribute('aria-sort')") == order:
            return True
        d.execute_script(f"document.querySelector('{th} button').click()")
        return False

    wait(driver).until(sorted_so)
    wait(driver).until(records_settled)


def search(driver, words: str):
    """Type into the search box and wait for the table the search gives."""
    box = css(driver, "#records-search")
    box.clear()
    if words:
        box.send_keys(words)
    wait(driver).until(lambda d: records_settled(d) and d.execute_script(
        "return document.getElementById('records-search').value") == words)
    time.sleep(0.5)  # the search waits for a pause in typing
    wait(driver).until(records_settled)


def test_records_search_filter_sort_and_open(driver, out_dir):
    made = books.get("batches")
    if not made:
        pytest.skip("needs the batches made above")
    driver.set_window_size(1024, 700)
    open_view(driver, "records")
    wait(driver).until(records_settled)
    a = made[0]

    search(driver, a["title"])
    wait(driver).until(lambda d: [r["tid"] for r in record_rows(d)] == [a["tid"]])
    assert text_of(driver, "#records-summary") == "1 record"
    prefix = a["tid"][:6]
    search(driver, prefix)
    rows = record_rows(driver)
    assert a["tid"] in [r["tid"] for r in rows]
    assert all(r["tid"].startswith(prefix) or prefix.lower() in r["title"].lower() for r in rows), rows
    search(driver, "")

    set_value(driver, "#records-kind", "voucher")
    wait(driver).until(lambda d: records_settled(d) and {r["kind"] for r in record_rows(d)} == {"voucher"})
    tids = [r["tid"] for r in record_rows(driver)]
    assert all(b["tid"] in tids for b in made), tids

    # Sorted by amount (in Rust): largest first, then smallest first.
    sort_by(driver, "amount", "descending")
    amounts = [r["sats"] for r in record_rows(driver)]
    assert amounts == sorted(amounts, reverse=True), amounts
    sort_by(driver, "amount", "ascending")
    amounts = [r["sats"] for r in record_rows(driver)]
    assert amounts == sorted(amounts), amounts
    # The table is drawn again after a sort: the focus goes back to the header pressed.
    js(driver, "const b = document.querySelector('#records-table th[data-key=title] button'); b.focus(); b.click();")
    wait(driver).until(lambda d: records_settled(d) and d.execute_script(
        "return document.querySelector('#records-table th[data-key=title]').getAttribute('aria-sort')") == "ascending")
    assert js(driver, "return document.activeElement.closest('th')?.dataset.key") == "title"

    # Both modes: each row says which (nothing from Live here, so all Sandbox).
    css(driver, "#records-scope-both").click()
    wait(driver).until(lambda d: records_settled(d) and d.execute_script(
        "return [...document.querySelectorAll('#records-table td[data-key=kind]')].every((td) => td.innerText.includes('Sandbox'))"))
    assert "Both modes" in text_of(driver, "#records-scope")
    css(driver, "#records-scope-account").click()
    wait(driver).until(records_settled)

    # Everything, newest first, for the screenshot.
    set_value(driver, "#records-kind", "")
    sort_by(driver, "created", "descending")
    assert no_horizontal_scroll(driver)
    assert js(driver, "const w = document.getElementById('records-wrap'); return w.scrollWidth <= w.clientWidth;"), \
        "the table fits its card at 1024 px"
    # From the scope and filters down: the table shows as many rows as fit.
    js(driver, "document.querySelector('#view-records .toolbar').scrollIntoView({block: 'start'}); window.scrollBy(0, -20);")
    shot(driver, out_dir, "view-records")

    # A row's tid opens the batch in Vouchers.
    js(driver, "document.querySelector(`#records-table tr[data-tid='${arguments[0]}'] button[data-testid=open-record]`).click()", a["tid"])
    wait(driver).until(lambda d: css(d, "#view-vouchers").is_displayed()
                       and css(d, "#voucher-detail").get_attribute("data-tid") == a["tid"]
                       and css(d, "#voucher-detail").get_attribute("data-state") == "loaded")
    assert css(driver, "#tab-vouchers").get_attribute("aria-selected") == "true"


def test_add_batches_by_tid_says_what_became_of_each(driver, out_dir):
    made = books.get("batches")
    if not made:
        pytest.skip("needs the batches made above")
    open_view(driver, "records")
    details = css(driver, "#records-add")
    if details.get_attribute("open") is None:
        css(driver, "#records-add-toggle").click()
    pasted = [made[1]["tid"], DOCS_VOUCHER_TID, UNKNOWN_TID]
    box = css(driver, "#records-add-tids")

    # A CSV of them (a voucher export repeats its batch on every row): the first column, once
    # each, without the header.
    sheet = out_dir / "batch-tids.csv"
    sheet.write_text("batch_tid,title\r\n" + "".join(f'{t},"x, y"\r\n' for t in [pasted[0], pasted[0], *pasted[1:]]))
    # The app runs on this machine: the path is given as it is (no upload to a remote end).
    with driver.file_detector_context(UselessFileDetector):
        css(driver, "#records-add-file").send_keys(str(sheet))
    wait(driver).until(lambda d: d.execute_script("return document.getElementById('records-add-tids').value") == "\n".join(pasted))
    assert text_of(driver, "#records-add-count") == "3 tids read from batch-tids.csv"

    # Pasted by hand instead: one a line, or separated by commas.
    box.clear()
    box.send_keys(pasted[0], Keys.ENTER, f"{pasted[1]}, {pasted[2]}")
    wait(driver).until(lambda d: text_of(d, "#records-add-count") == "3 tids")
    css(driver, "#records-add-start").click()
    wait(driver, 60).until(lambda d: job_done(d, "records-add-job"))
    job = css(driver, "#records-add-job")
    assert job.get_attribute("data-state") == "finished"
    assert (job.get_attribute("data-done"), job.get_attribute("data-total")) == ("3", "3")
    assert js(driver, "const p = document.getElementById('records-add-job-bar'); return [p.value, p.max];") == [3, 3]
    assert "3 of 3" in text_of(driver, "#records-add-job-status")
    results = js(driver, """return [...document.querySelectorAll('#records-add-job-results li')]
        .map((li) => [li.dataset.tid, li.dataset.outcome, li.innerText]);""")
    assert [(t, o) for t, o, _ in results] == [(pasted[0], "added"), (pasted[1], "added"), (pasted[2], "not_found")], results
    assert "Not found" in results[2][2]
    # The results stay; the docs' batch is now in the records.
    assert not css(driver, "#records-add-start").get_attribute("disabled")
    search(driver, DOCS_VOUCHER_TID)
    wait(driver).until(lambda d: DOCS_VOUCHER_TID in [r["tid"] for r in record_rows(d)])
    assert len(driver.find_elements(By.CSS_SELECTOR, "#records-add-job-results li")) == 3
    js(driver, "document.getElementById('records-add').scrollIntoView({block: 'start'}); window.scrollBy(0, -12);")
    shot(driver, out_dir, "records-add-batches")
    search(driver, "")


def test_redemptions_chart_has_the_report_numbers(driver, sandbox, out_dir):
    driver.set_window_size(1024, 700)
    open_report(driver, "redemptions")
    day = sandbox_day(sandbox)
    set_value(driver, "#redemptions-to", day.isoformat())
    set_value(driver, "#redemptions-from", (day - timedelta(days=13)).isoformat())
    offset = offset_minutes(driver)

    def check(bucket: str) -> dict:
        set_value(driver, "#redemptions-bucket", bucket)
        params = {"report": "redemptions", "from": (day - timedelta(days=13)).isoformat(), "to": day.isoformat(),
                  "bucket": bucket, "utcOffsetMinutes": offset}
        report = invoke(driver, "report", {"params": params})
        wait(driver).until(lambda d: body_loaded(d, "redemptions")
                           and css(d, "#redemptions-totals").get_attribute("data-sats") == str(report["totalSats"])
                           and len(d.find_elements(By.CSS_SELECTOR, "#redemptions-chart rect.bar")) == len(report["buckets"]))
        bars = js(driver, "return [...document.querySelectorAll('#redemptions-chart rect.bar')].map((r) => Number(r.dataset.value));")
        assert bars == [b["valueSats"] for b in report["buckets"]]
        table = js(driver, """return [...document.querySelectorAll('#redemptions-table tbody tr')].map((tr) => [
            tr.dataset.start, tr.querySelector('td[data-key=count]').innerText, tr.querySelector('td[data-key=sats]').innerText]);""")
        assert table == [[b["startDate"], f"{b['count']:,}", f"{b['valueSats']:,} sats"] for b in report["buckets"]]
        assert css(driver, "#redemptions-totals").get_attribute("data-count") == str(report["totalCount"])
        return report

    report = check("day")
    assert len(report["buckets"]) == 14 and report["totalCount"] > 0, report
    chart = css(driver, "#redemptions-chart")
    assert chart.get_attribute("role") == "img"
    assert f"{report['totalSats']:,} sats" in chart.get_attribute("aria-label")
    js(driver, "document.querySelector('#redemptions h2').scrollIntoView({block: 'start'}); window.scrollBy(0, -12);")
    assert no_horizontal_scroll(driver)
    shot(driver, out_dir, "view-redemptions-chart")

    weekly = check("week")
    assert weekly["totalSats"] == report["totalSats"]

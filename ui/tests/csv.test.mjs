// Unit tests for ui/js/csv.js: run with `node --test ui/tests/`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as c from '../js/csv.js';

/** A minimal RFC 4180 reader, to check that what we write reads back cell for cell. */
function parse(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(cell); cell = ''; } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell); rows.push(row); row = []; cell = ''; i++;
    } else cell += ch;
  }
  assert.equal(cell, '', 'text ends with CRLF');
  return rows;
}

test('cells are quoted only when they must be, quotes doubled', () => {
  assert.equal(c.csvCell('plain'), 'plain');
  assert.equal(c.csvCell('a,b'), '"a,b"');
  assert.equal(c.csvCell('say "hi"'), '"say ""hi"""');
  assert.equal(c.csvCell('two\nlines'), '"two\nlines"');
  assert.equal(c.csvCell('cr\rhere'), '"cr\rhere"');
  assert.equal(c.csvCell(null), '');
  assert.equal(c.csvCell(undefined), '');
  assert.equal(c.csvCell(0), '0');
  assert.equal(c.csvCell(12345678901234567890n), '12345678901234567890');
  assert.equal(c.csvCell('₹1,23,456.00'), '"₹1,23,456.00"');
});

test('formula injection is defused with a leading apostrophe', () => {
  assert.equal(c.csvCell('=HYPERLINK("http://x","y")'), '"\'=HYPERLINK(""http://x"",""y"")"');
  assert.equal(c.csvCell('+1+cmd|calc'), "'+1+cmd|calc");
  assert.equal(c.csvCell('-2+3'), "'-2+3");
  assert.equal(c.csvCell('@SUM(A1)'), "'@SUM(A1)");
  assert.equal(c.csvCell('\t=1'), "'\t=1");
  assert.equal(c.csvCell('\r=1'), '"\'\r=1"');
  // Plain numbers stay numbers (a negative amount is not a formula).
  assert.equal(c.csvCell('-0.5'), '-0.5');
  assert.equal(c.csvCell(-3), '-3');
  // Only the start matters.
  assert.equal(c.csvCell('a=b'), 'a=b');
  assert.equal(c.csvCell('@customer_0042'), "'@customer_0042");
});

test('toCsv writes a header and CRLF rows that read back exactly', () => {
  const text = c.toCsv(['a', 'b'], [['1', 'x,y'], ['=2', 'q"uote\nnl']]);
  assert.ok(text.endsWith('\r\n'));
  assert.deepEqual(parse(text), [['a', 'b'], ['1', 'x,y'], ["'=2", 'q"uote\nnl']]);
});

test('times: ISO 8601 UTC and a local stamp with its offset', () => {
  assert.equal(c.isoUtc(1700000000), '2023-11-14T22:13:20Z');
  assert.equal(c.isoUtc(null), '');
  const local = c.localStamp(1700000000);
  assert.match(local, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} [+-]\d{2}:\d{2}$/);
  // The stamp names the same instant as the UTC one.
  const [d, t, off] = local.split(' ');
  assert.equal(new Date(`${d}T${t}${off}`).getTime(), 1700000000 * 1000);
  assert.equal(c.localStamp(undefined), '');
});

test('codes, states and the voucher CSV', () => {
  const v = {
    tid: '210N66027HB789',
    title: '=cmd|" /C calc"!A0',
    amount: '0.00010000',
    revoked: false,
    voucher_urls: [
      { voucher_url: 'https://www.ninjapay.me/voucher/redeem/7ee15185', voucher_code: '7ee15185',
        redeemed_by: '@customer_0042', redeemed_tid: '198A60SO23PN99N7', redeemed_at: 1700000000, callback_status: 200 },
      { voucher_url: 'https://www.ninjapay.me/voucher/redeem/39e11981h', voucher_code: null,
        redeemed_by: null, redeemed_tid: null, redeemed_at: null, callback_status: null },
    ],
  };
  assert.equal(c.codeOf(v.voucher_urls[1]), '39e11981h');
  assert.equal(c.isRedeemed(v.voucher_urls[0]), true);
  assert.equal(c.isRedeemed(v.voucher_urls[1]), false);
  assert.equal(c.codeState(v, v.voucher_urls[1]), 'open');
  assert.equal(c.codeState({ ...v, revoked: true }, v.voucher_urls[1]), 'revoked');
  assert.equal(c.codeState({ ...v, revoked: true }, v.voucher_urls[0]), 'redeemed');

  const rows = parse(c.voucherCsv(v));
  assert.deepEqual(rows[0], c.VOUCHER_CSV_HEADER);
  assert.equal(rows.length, 3, 'header + one row per code');
  const [r1, r2] = [rows[1], rows[2]];
  const col = (name) => c.VOUCHER_CSV_HEADER.indexOf(name);
  assert.equal(r1[col('title')], '\'=cmd|" /C calc"!A0');
  assert.equal(r1[col('voucher_code')], '7ee15185');
  assert.equal(r1[col('state')], 'redeemed');
  assert.equal(r1[col('amount_btc')], '0.00010000');
  assert.equal(r1[col('amount_sats')], '10000');
  assert.equal(r1[col('redeemed_by')], "'@customer_0042");
  assert.equal(r1[col('redeemed_tid')], '198A60SO23PN99N7');
  assert.equal(r1[col('redeemed_at_utc')], '2023-11-14T22:13:20Z');
  assert.equal(r1[col('redeemed_at_local')], c.localStamp(1700000000));
  assert.equal(r1[col('webhook_status')], '200');
  assert.equal(r2[col('voucher_code')], '39e11981h');
  assert.equal(r2[col('state')], 'open');
  assert.equal(r2[col('redeemed_at_utc')], '');
  // Exact amounts, whatever the server's scale.
  const big = parse(c.voucherCsv({ ...v, amount: 0.1, voucher_urls: [v.voucher_urls[1]] }));
  assert.equal(big[1][col('amount_btc')], '0.10000000');
  assert.equal(big[1][col('amount_sats')], '10000000');
});

// CSV for spreadsheets: RFC 4180 quoting, CRLF line ends, and a guard against formula
// injection. Pure (no DOM, no IPC), unit-tested in ui/tests/csv.test.mjs.
import { btcToSats, fixed, toDate } from './format.js';

/** A plain decimal number ("12", "-0.5"): left as is, a spreadsheet reads it as a number. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * One cell. Empty values are empty cells. Text a spreadsheet would run as a formula (starts
 * with = + - @, a tab or a carriage return) gets a leading apostrophe, except a plain number.
 * Cells holding a comma, a quote, CR or LF are quoted, with quotes doubled.
 */
export function csvCell(value) {
  if (value === null || value === undefined) return '';
  let s = typeof value === 'bigint' ? value.toString() : String(value);
  if (/^[=+\-@\t\r]/.test(s) && !PLAIN_NUMBER.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Header row plus one row per entry, CRLF after every row (RFC 4180). */
export function toCsv(header, rows) {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** Unix seconds → "2026-11-21T14:03:11Z" (ISO 8601, UTC); '' when empty. */
export function isoUtc(v) {
  const d = toDate(v);
  return d ? d.toISOString().replace(/\.\d{3}Z$/, 'Z') : '';
}

const pad = (n) => String(n).padStart(2, '0');

/** Unix seconds → "2026-11-21 19:33:11 +05:30" in the machine's time zone; '' when empty. */
export function localStamp(v) {
  const d = toDate(v);
  if (!d) return '';
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  const abs = Math.abs(off);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} `
    + `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())} `
    + `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The code of a voucher_urls entry (voucher_code, else the URL's last path segment). */
export function codeOf(c) {
  if (c?.voucher_code) return String(c.voucher_code);
  return String(c?.voucher_url ?? '').replace(/\/+$/, '').split('/').pop() ?? '';
}

/** Whether a code was redeemed (any of the redeem fields set). */
export function isRedeemed(c) {
  return [c?.redeemed_at, c?.redeemed_by, c?.redeemed_tid].some((x) => x !== null && x !== undefined && x !== '');
}

export const VOUCHER_CSV_HEADER = [
  'batch_tid', 'title', 'voucher_code', 'voucher_url', 'state', 'amount_btc', 'amount_sats',
  'redeemed_by', 'redeemed_tid', 'redeemed_at_utc', 'redeemed_at_local', 'webhook_status',
];

/** A code's state: redeemed, revoked (not redeemed before the revoke) or open. */
export function codeState(v, c) {
  if (isRedeemed(c)) return 'redeemed';
  if (v?.revoked) return 'revoked';
  return 'open';
}

/** A Check Voucher answer as CSV: one row per code, amounts as exact decimal strings. */
export function voucherCsv(v) {
  const amount = fixed(v?.amount, 8, (x) => x);
  const sats = btcToSats(v?.amount);
  const rows = (v?.voucher_urls ?? []).map((c) => [
    v.tid, v.title, codeOf(c), c.voucher_url, codeState(v, c), amount ?? v.amount, sats,
    c.redeemed_by, c.redeemed_tid, isoUtc(c.redeemed_at), localStamp(c.redeemed_at), c.callback_status,
  ]);
  return toCsv(VOUCHER_CSV_HEADER, rows);
}

// Pure formatting and parsing: no DOM, no IPC, so it runs under `node --test` (ui/tests/).
// Money is handled as decimal strings and BigInt, never as floating point. Units and words come
// from the catalogue (i18n.js); digits stay Latin in every language.
import { t } from './i18n.js';
import { dateTimeText } from './dates.js';

export const SATS_PER_BTC = 100000000n;

/**
 * Parse a decimal ("0.0001", "12", "-3.5", 42) into {neg, digits: BigInt, scale}.
 * Returns null for anything that is not a plain decimal number.
 */
export function parseDecimal(value) {
  if (value === null || value === undefined) return null;
  const s = String(value).trim();
  // Typed text must be a plain decimal; a JavaScript number may print with an exponent (1e-7).
  const m = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s);
  if (m?.[4] !== undefined && typeof value !== 'number') return null;
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return null;
  const frac = m[3] ?? '';
  const exp = Number(m[4] ?? 0);
  let digits = BigInt((m[2] || '0') + frac);
  let scale = frac.length - exp;
  if (scale < 0) {
    digits *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { neg: m[1] === '-', digits, scale };
}

/** True for a plain decimal number ("1500", "0.0001", "-3.5"). */
export const isDecimal = (value) => parseDecimal(value) !== null;

/** Rescale a parsed decimal to `scale` places, rounding half away from zero. */
function atScale(d, scale) {
  if (d.scale === scale) return d.digits;
  if (d.scale < scale) return d.digits * 10n ** BigInt(scale - d.scale);
  const div = 10n ** BigInt(d.scale - scale);
  const q = d.digits / div;
  return (d.digits % div) * 2n >= div ? q + 1n : q;
}

/** Digits (a non-negative BigInt) at `scale` places → "1234.5600". */
function placeDot(digits, scale) {
  const s = digits.toString().padStart(scale + 1, '0');
  return scale === 0 ? s : `${s.slice(0, -scale)}.${s.slice(-scale)}`;
}

/** Group an integer string in thousands: 1234567 → "1,234,567". */
export function groupWestern(int) {
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Group an integer string the Indian way: 12345678 → "1,23,45,678". */
export function groupIndian(int) {
  if (int.length <= 3) return int;
  const last3 = int.slice(-3);
  const rest = int.slice(0, -3).replace(/\B(?=(\d{2})+(?!\d))/g, ',');
  return `${rest},${last3}`;
}

/** A decimal at fixed places with grouping: fixed("1234.5", 2) → "1,234.50". */
export function fixed(value, places, group = groupWestern) {
  const d = parseDecimal(value);
  if (!d) return null;
  const digits = atScale(d, places);
  const [int, frac] = placeDot(digits, places).split('.');
  const sign = d.neg && digits !== 0n ? '-' : '';
  return `${sign}${group(int)}${frac !== undefined ? `.${frac}` : ''}`;
}

/** BTC amount → sats (BigInt), exact; null if it is not a number or has sub-sat digits. */
export function btcToSats(value) {
  const d = parseDecimal(value);
  if (!d || d.scale > 8) return null;
  const sats = atScale(d, 8);
  return d.neg ? -sats : sats;
}

/** Sats (BigInt or integer string) → BTC decimal string with 8 places ("0.00010000"). */
export function satsToBtc(sats) {
  const n = BigInt(sats);
  const neg = n < 0n;
  return `${neg ? '-' : ''}${placeDot(neg ? -n : n, 8)}`;
}

/**
 * BTC written as whole `units` of 10^-`decimals` BTC (a BOLT11 amount: "193620" nano) → exact
 * text with 8 decimals, more only for sub-sat digits: btcFromUnits("193620", 9) → "0.00019362".
 * The decimal point moves; nothing is multiplied.
 */
export function btcFromUnits(units, decimals) {
  const s = String(units).padStart(decimals + 1, '0');
  const int = (decimals ? s.slice(0, -decimals) : s).replace(/^0+(?=\d)/, '');
  const frac = (decimals ? s.slice(-decimals) : '').padEnd(8, '0');
  return `${int}.${frac.slice(0, 8)}${frac.slice(8).replace(/0+$/, '')}`;
}

/** "0.0001" → "0.00010000 BTC". Unparseable input is shown as given. */
export function btc(value) {
  const f = fixed(value, 8);
  return f === null ? text(value) : `${f} BTC`; // i18n-ignore
}

/** "0.0001" BTC → "10,000 sats" (rounded to whole sats if it has more digits). */
export function sats(btcValue) {
  const d = parseDecimal(btcValue);
  if (!d) return text(btcValue);
  const s = atScale(d, 8);
  return satsText(d.neg ? -s : s);
}

/** Whole sats (BigInt or integer text) → "12,34,567 sats": grouped like rupees, "1 sat". */
export function satsText(n) {
  const s = BigInt(n);
  const abs = s < 0n ? -s : s;
  return t('format.sats', { count: abs.toString(), n: `${s < 0n ? '-' : ''}${groupIndian(abs.toString())}` });
}

/** True for a BTC amount above zero with at most 8 decimals. */
export function isPositiveBtc(value) {
  const s = btcToSats(String(value ?? '').trim());
  return s !== null && s > 0n;
}

/** The hint beside a BTC input as the user types: "= 10,000 sats", or '' when it is no amount. */
export function satsHint(typed) {
  const v = String(typed ?? '').trim();
  return isPositiveBtc(v) ? `= ${sats(v)}` : '';
}

/** "0.0001" → "0.00010000 BTC (10,000 sats)"; empty → "—". */
export function btcAndSats(value) {
  if (value === null || value === undefined || value === '') return '—';
  return `${btc(value)} (${sats(value)})`;
}

/** "123456" → "₹1,23,456.00". */
export function inr(value) {
  const f = fixed(value, 2, groupIndian);
  return f === null ? text(value) : f.startsWith('-') ? `-₹${f.slice(1)}` : `₹${f}`;
}

/** USDT to 2 places: "12.5" → "12.50 USDT". */
export function usdt(value) {
  const f = fixed(value, 2);
  return f === null ? text(value) : `${f} USDT`; // i18n-ignore
}

/** An amount in its asset: BTC to 8 places, INR Indian-grouped, USDT 2 places, else as-is. */
export function amount(value, asset) {
  switch (String(asset ?? '').toUpperCase()) {
    case 'BTC': return btc(value);
    case 'SATS': case 'SAT': {
      const v = String(value ?? '').trim();
      return /^-?\d+$/.test(v) ? satsText(v) : t('format.sats', { count: v, n: text(value) });
    }
    case 'INR': return inr(value);
    case 'USDT': return usdt(value);
    case 'USD': { const f = fixed(value, 2); return f === null ? text(value) : `$${f}`; }
    default: return asset ? `${text(value)} ${asset}` : text(value);
  }
}

/** Order two decimals exactly (for sorting): -1, 0 or 1; what is not a number sorts first. */
export function compareDecimal(a, b) {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  if (!x || !y) return (x ? 1 : 0) - (y ? 1 : 0);
  const scale = Math.max(x.scale, y.scale);
  const signed = (d) => (d.neg ? -1n : 1n) * d.digits * 10n ** BigInt(scale - d.scale);
  const [p, q] = [signed(x), signed(y)];
  return p < q ? -1 : p > q ? 1 : 0;
}

/** A percentage to 2 places: "12.3456" → "12.35%". */
export function percent(value) {
  const f = fixed(value, 2);
  return f === null ? text(value) : `${f}%`;
}

/** Any scalar as text; empty values as an em dash. */
export function text(v) {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return t(v ? 'common.yes' : 'common.no');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** Unix seconds (number or numeric string) or an ISO string → a Date, or null. */
export function toDate(v) {
  if (v === null || v === undefined || v === '') return null;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  if (typeof v === 'number' || /^\d+(\.\d+)?$/.test(String(v))) {
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) return null;
    // Milliseconds if it is too large to be seconds (after year 5000).
    return new Date(n > 1e11 ? n : n * 1000);
  }
  const d = new Date(String(v));
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "in 3 min" / "3 min ago" / "just now", relative to `now` (ms). */
export function relative(date, now = Date.now()) {
  const d = date instanceof Date ? date : toDate(date);
  if (!d) return '';
  const secs = Math.round((d.getTime() - now) / 1000);
  const abs = Math.abs(secs);
  if (abs < 10) return t('format.just_now');
  let n, unit;
  if (abs < 60) [n, unit] = [abs, 's'];
  else if (abs < 3600) [n, unit] = [Math.round(abs / 60), 'min'];
  else if (abs < 86400) [n, unit] = [Math.round(abs / 3600), 'h'];
  else [n, unit] = [Math.round(abs / 86400), 'day'];
  // format.in.* / format.ago.*: plural forms per unit ("1 day ago", "3 days ago").
  return t(`format.${secs > 0 ? 'in' : 'ago'}.${unit}`, { count: n });
}

/** Local date-time plus a relative hint: "21 Nov 2026, 02:03 pm (3 min ago)". */
export function localTime(v, now = Date.now()) {
  const d = toDate(v);
  if (!d) return text(v);
  return `${dateTimeText(d)} (${relative(d, now)})`;
}

/** Seconds → "9:58" or "1:02:03"; negative → "0:00". */
export function countdown(totalSecs) {
  const s = Math.max(0, Math.floor(totalSecs));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Status → badge tone: ok / bad / wait / neutral (shown with its label, never colour alone). */
export function statusTone(status) {
  const s = String(status ?? '').toLowerCase().replace(/[\s-]+/g, '_').replace(/^stillpending$/, 'still_pending');
  if (['paid', 'success', 'completed', 'complete', 'filled', 'redeemed', 'fully_redeemed', 'sent', 'ok', 'active'].includes(s)) return 'ok';
  if (['declined', 'failed', 'expired', 'revoked', 'refunded', 'cancelled', 'canceled', 'error', 'unauthorized', 'not_found', 'forbidden'].includes(s)) return 'bad';
  if (['pending', 'processing', 'unpaid', 'open', 'partial', 'partially_filled', 'waiting', 'still_pending', 'created'].includes(s)) return 'wait';
  return 'neutral';
}

/** "fully_redeemed" → "Fully redeemed". */
export function humanise(key) {
  const s = String(key ?? '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return s ? s[0].toUpperCase() + s.slice(1) : '';
}

// Pure Lightning helpers: read what a merchant pastes (a BOLT11 invoice, an LNURL, a
// `lightning:` URI, a @ninjatag), read a BOLT11's amount from its prefix, and check the
// inputs of the Lightning forms. No DOM, no IPC: unit-tested under `node --test ui/tests/`.
// Money is exact: decimal strings and BigInt only.
import { parseDecimal } from './format.js';

const BECH32 = /^[qpzry9x8gf2tvdw0s3jn54khce6mua7l]+$/;
// Longest first: lnbcrt before lnbc, lntbs before lntb.
const NETWORKS = [
  ['bcrt', 'regtest'],
  ['bc', 'mainnet'],
  ['tbs', 'signet'],
  ['tb', 'testnet'],
  ['sb', 'simnet'],
];
const MSAT_PER_BTC = 100000000000n;
// Millisatoshis per unit of each BOLT11 multiplier (p is a tenth of a msat).
const MULTIPLIER = { m: 100000000n, u: 100000n, n: 100n };
const MAX_BTC_SATS = 2100000000000000n;

/** Drop whitespace and a leading `lightning:` (any case, with or without `//`). */
export function stripLightningUri(text) {
  const s = String(text ?? '').trim().replace(/\s+/g, '');
  return s.replace(/^lightning:(\/\/)?/i, '');
}

/** Millisatoshis → BTC text with 8 decimals (or 11 when sub-sat digits are present). */
function msatToBtc(msat) {
  const whole = msat / MSAT_PER_BTC;
  let frac = (msat % MSAT_PER_BTC).toString().padStart(11, '0');
  frac = frac.endsWith('000') ? frac.slice(0, 8) : frac.replace(/0+$/, '');
  return `${whole}.${frac}`;
}

/**
 * Read a BOLT11 invoice's human-readable part: `{network, amountBtc, msat}` (amount null when
 * the invoice leaves it to the payer), or null if it is not shaped like a BOLT11.
 * Checks shape (prefix, separator, bech32 characters, one case), not the signature.
 */
export function parseBolt11(text) {
  const raw = stripLightningUri(text);
  if (raw !== raw.toLowerCase() && raw !== raw.toUpperCase()) return null;
  const s = raw.toLowerCase();
  const sep = s.lastIndexOf('1');
  if (!s.startsWith('ln') || sep < 4) return null;
  const hrp = s.slice(2, sep);
  const data = s.slice(sep + 1);
  if (data.length < 6 || !BECH32.test(data)) return null;
  const net = NETWORKS.find(([p]) => hrp.startsWith(p));
  if (!net) return null;
  const rest = hrp.slice(net[0].length);
  if (rest === '') return { network: net[1], amountBtc: null, msat: null, invoice: s };
  const m = /^(\d+)([munp]?)$/.exec(rest);
  if (!m || /^0\d/.test(m[1])) return null;
  const n = BigInt(m[1]);
  let msat;
  if (m[2] === '') msat = n * MSAT_PER_BTC;
  else if (m[2] === 'p') {
    if (n % 10n !== 0n) return null; // BOLT11: pico amounts must be whole msats
    msat = n / 10n;
  } else msat = n * MULTIPLIER[m[2]];
  return { network: net[1], amountBtc: msatToBtc(msat), msat, invoice: s };
}

/**
 * What a pasted destination is: {kind, value, ...}. kind ∈ 'invoice' (BOLT11, with network and
 * amountBtc), 'lnurl', 'ninjatag' (value without the @), 'address' (user@domain: not
 * supported by Ninjapay's send), 'empty', 'unknown'.
 */
export function classifyDestination(text) {
  const trimmed = String(text ?? '').trim();
  if (!trimmed) return { kind: 'empty', value: '' };
  const s = stripLightningUri(trimmed);
  if (/^lnurl1/i.test(s)) {
    const lower = s.toLowerCase();
    const ok = (s === lower || s === s.toUpperCase()) && BECH32.test(lower.slice(6));
    return ok ? { kind: 'lnurl', value: lower } : { kind: 'unknown', value: s };
  }
  const inv = parseBolt11(s);
  if (inv) return { kind: 'invoice', value: inv.invoice, network: inv.network, amountBtc: inv.amountBtc };
  if (/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(trimmed)) return { kind: 'address', value: trimmed };
  const tag = trimmed.replace(/^@/, '');
  if (/^[A-Za-z0-9_.-]{2,64}$/.test(tag) && !/^ln(bc|tb|sb)/i.test(tag)) return { kind: 'ninjatag', value: tag };
  return { kind: 'unknown', value: s };
}

/**
 * Check a BTC amount typed by a person. Returns {error} with a sentence, or {value, sats}
 * where value is the normalised decimal string sent to the API.
 */
export function checkBtcAmount(input, { required = true } = {}) {
  const s = String(input ?? '').trim().replace(/,/g, '');
  if (s === '') return required ? { error: 'Enter an amount in BTC, e.g. 0.0001.' } : { value: null, sats: null };
  const d = parseDecimal(s);
  if (!d || !/^\d*\.?\d*$/.test(s.replace(/^[+-]/, ''))) return { error: 'Enter the amount as a number in BTC, e.g. 0.0001.' };
  if (d.neg || d.digits === 0n) return { error: 'The amount must be more than 0 BTC.' };
  if (d.scale > 8) {
    const extra = d.digits % 10n ** BigInt(d.scale - 8);
    if (extra !== 0n) return { error: 'At most 8 decimals: the smallest amount is 1 sat = 0.00000001 BTC.' };
  }
  const sats = d.scale <= 8 ? d.digits * 10n ** BigInt(8 - d.scale) : d.digits / 10n ** BigInt(d.scale - 8);
  if (sats > MAX_BTC_SATS) return { error: 'That is more than 21,000,000 BTC.' };
  const int = sats / 100000000n;
  const frac = (sats % 100000000n).toString().padStart(8, '0').replace(/0+$/, '');
  return { value: frac ? `${int}.${frac}` : `${int}`, sats };
}

/** A fiat amount (optional): {value} (decimal string or null) or {error}. At most 2 decimals. */
export function checkFiatAmount(input) {
  const s = String(input ?? '').trim().replace(/,/g, '');
  if (s === '') return { value: null };
  const d = parseDecimal(s);
  if (!d || !/^\d*\.?\d*$/.test(s)) return { error: 'Enter the fiat value as a number, e.g. 499.50.' };
  if (d.scale > 2) return { error: 'At most 2 decimals.' };
  return { value: s.startsWith('.') ? `0${s}` : s };
}

/** A whole number of minutes in [min, max] (optional): {value} (number or null) or {error}. */
export function checkMinutes(input, { min = 1, max = 10080 } = {}) {
  const s = String(input ?? '').trim();
  if (s === '') return { value: null };
  if (!/^\d+$/.test(s)) return { error: 'Enter a whole number of minutes.' };
  const n = Number(s);
  if (n < min || n > max) return { error: `Between ${min} and ${max.toLocaleString('en-US')} minutes.` };
  return { value: n };
}

/** An optional http(s) URL: {value} or {error}. */
export function checkHttpUrl(input) {
  const s = String(input ?? '').trim();
  if (s === '') return { value: null };
  try {
    const u = new URL(s);
    if ((u.protocol === 'http:' || u.protocol === 'https:') && u.hostname) return { value: s };
  } catch {
    // fall through
  }
  return { error: 'Enter a web address starting with http:// or https://.' };
}

/** An optional ninjatag (with or without @): {value} (without @) or {error}. */
export function checkNinjatag(input, { required = false } = {}) {
  const s = String(input ?? '').trim().replace(/^@/, '');
  if (s === '') return required ? { error: 'Enter the ninjatag, e.g. @satoshi.' } : { value: null };
  if (!/^[A-Za-z0-9_.-]{2,64}$/.test(s)) return { error: 'A ninjatag is a username of letters, digits, _ . or -, e.g. @satoshi.' };
  return { value: s };
}

/** An optional three-letter currency code: {value} (upper case) or {error}. */
export function checkCurrency(input) {
  const s = String(input ?? '').trim().toUpperCase();
  if (s === '') return { value: null };
  if (!/^[A-Z]{3}$/.test(s)) return { error: 'A three-letter currency code, e.g. INR.' };
  return { value: s };
}

/** Optional free-form JSON object (`extra`): {value} (object or null) or {error}. */
export function checkJsonObject(input) {
  const s = String(input ?? '').trim();
  if (s === '') return { value: null };
  try {
    const v = JSON.parse(s);
    if (v && typeof v === 'object' && !Array.isArray(v)) return { value: v };
  } catch {
    // fall through
  }
  return { error: 'Enter a JSON object, e.g. {"table": 4}.' };
}

/** True for an https link on Ninjapay's own domains (the only links the app opens). */
export function isNinjapayLink(url) {
  try {
    const u = new URL(String(url));
    return u.protocol === 'https:' && (u.hostname === 'ninjapay.me' || u.hostname.endsWith('.ninjapay.me'))
      && !u.username && !u.password && (u.port === '' || u.port === '443');
  } catch {
    return false;
  }
}

/** 'out' for a negative amount (money sent), 'in' otherwise. */
export function direction(amount) {
  return String(amount ?? '').trim().startsWith('-') ? 'out' : 'in';
}

/** "-0.0001" → "0.0001" (the size of a signed amount). */
export function magnitude(amount) {
  return String(amount ?? '').trim().replace(/^[-+]/, '');
}

// Pure helpers for the Bridge (quote) and Widget (token) forms: no DOM, no IPC, so they run
// under `node --test` (ui/tests/bridge.test.mjs). Amounts stay decimal strings (BigInt inside).
import { btc, inr, parseDecimal, sats, usdt } from './format.js';

/** The most INR one quote can deliver (Request Quote ID: "max 97,000 INR"). */
export const MAX_INR = 97000n;

/** How each sending asset can be paid (Request Invoice for Quote): BTC over Lightning (the
 * invoice) or on-chain (the fallback address, network BTC); USDT only on-chain (ERC20, BEP20, …:
 * there is no Lightning for USDT). */
export const PAY_WITH = { btc: ['lightning', 'onchain'], usdt: ['onchain'] };

/** The refund wallet a quote defaults to for each sending asset. */
export const DEFAULT_REFUND = { btc: 'lbtc', usdt: 'usdt' };

const UPI_RE = /^[A-Za-z0-9._-]+@[A-Za-z0-9]+$/;
const TAG_RE = /^[A-Za-z0-9_.-]{2,64}$/;

/** "₹1,000.50" / "1,000" / " 1000 " → "1000.50" / "1000"; null if not a plain number. */
export function cleanAmount(raw) {
  const s = String(raw ?? '').replace(/[₹,\s_]/g, '').replace(/^(inr|rs\.?)/i, '');
  return parseDecimal(s) ? s : null;
}

/** Decimal string → {whole: BigInt, scale} comparison helper: a ≤ b for non-negative decimals. */
function compare(a, b) {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  const scale = Math.max(x.scale, y.scale);
  const xa = x.digits * 10n ** BigInt(scale - x.scale) * (x.neg ? -1n : 1n);
  const ya = y.digits * 10n ** BigInt(scale - y.scale) * (y.neg ? -1n : 1n);
  return xa < ya ? -1 : xa > ya ? 1 : 0;
}

/** An INR amount for a quote: more than 0, at most ₹97,000, at most 2 decimals (paise). */
export function checkInr(raw) {
  if (String(raw ?? '').trim() === '') return { error: 'Enter the INR amount to deliver.' };
  const v = cleanAmount(raw);
  if (v === null) return { error: 'Enter an amount in rupees, like 1500 or 1500.50.' };
  const d = parseDecimal(v);
  if (d.neg || d.digits === 0n) return { error: 'The amount must be more than ₹0.' };
  if (d.scale > 2) return { error: 'At most 2 decimals (paise).' };
  if (compare(v, MAX_INR.toString()) > 0) {
    return { error: `At most ${inr(MAX_INR.toString())} per quote (you entered ${inr(v)}).` };
  }
  return { value: v };
}

/** A BTC amount: more than 0, at most 8 decimals (1 sat). */
export function checkBtc(raw) {
  if (String(raw ?? '').trim() === '') return { error: 'Enter the amount in BTC.' };
  const v = String(raw).replace(/[,\s_]/g, '').replace(/btc$/i, '');
  const d = parseDecimal(v);
  if (!d) return { error: 'Enter an amount in BTC, like 0.0005.' };
  if (d.neg || d.digits === 0n) return { error: 'The amount must be more than 0 BTC.' };
  if (d.scale > 8) return { error: 'At most 8 decimals (1 sat = 0.00000001 BTC).' };
  return { value: v };
}

/** A UPI id: name@bank. */
export function checkUpi(raw) {
  const v = String(raw ?? '').trim();
  return UPI_RE.test(v) ? { value: v } : { error: 'Not a UPI id: use the form name@bank (e.g. shop@okaxis).' };
}

/** A ninjatag, with or without its @. */
export function checkNinjatag(raw) {
  const v = String(raw ?? '').trim().replace(/^@/, '');
  return TAG_RE.test(v) ? { value: v } : { error: 'Not a ninjatag: 2–64 letters, digits, _ . or - (e.g. @satoshi).' };
}

/** An optional webhook URL: empty, or absolute http(s) with a host. */
export function checkUrl(raw) {
  const v = String(raw ?? '').trim();
  if (!v) return { value: null };
  try {
    const u = new URL(v);
    if ((u.protocol === 'http:' || u.protocol === 'https:') && u.hostname) return { value: v };
  } catch {
    // fall through
  }
  return { error: 'A web address starting with http:// or https://.' };
}

/**
 * Validate the quote form. `values` = {fiat_amount, receiver_upi_id, receiver_ninjatag,
 * sending_asset, pay_with, refund_wallet, callback_url} as typed. Returns {errors} (field →
 * message; empty when fine) and, when fine, `request` (the Request Quote ID body, amounts as
 * decimal strings), `payWith` and `callbackUrl` (used at step 2).
 */
export function validateQuoteForm(values) {
  const errors = {};
  const amount = checkInr(values.fiat_amount);
  if (amount.error) errors.fiat_amount = amount.error;

  const upi = String(values.receiver_upi_id ?? '').trim();
  const tag = String(values.receiver_ninjatag ?? '').trim();
  let destination = null;
  if (upi && tag) {
    errors.receiver_upi_id = 'Give a UPI id or a ninjatag, not both.';
  } else if (!upi && !tag) {
    errors.receiver_upi_id = 'Who receives the INR? Enter their UPI id (or a ninjatag below).';
  } else if (upi) {
    const r = checkUpi(upi);
    if (r.error) errors.receiver_upi_id = r.error;
    else destination = { payment_mode: 'upi', receiver_upi_id: r.value };
  } else {
    const r = checkNinjatag(tag);
    if (r.error) errors.receiver_ninjatag = r.error;
    else destination = { payment_mode: 'ninjatag', receiver_ninjatag: r.value };
  }

  const asset = String(values.sending_asset ?? '').toLowerCase();
  if (!PAY_WITH[asset]) errors.sending_asset = 'Choose BTC or USDT.';
  const payWith = String(values.pay_with ?? '').toLowerCase();
  if (PAY_WITH[asset] && !PAY_WITH[asset].includes(payWith)) {
    errors.pay_with = asset === 'usdt'
      ? 'USDT is paid on-chain only (there is no Lightning for USDT).'
      : 'Choose Lightning or on-chain.';
  }
  const refund = String(values.refund_wallet ?? '').toLowerCase();
  if (!['lbtc', 'btc', 'usdt'].includes(refund)) errors.refund_wallet = 'Choose lbtc, btc or usdt.';
  const cb = checkUrl(values.callback_url);
  if (cb.error) errors.callback_url = cb.error;

  if (Object.keys(errors).length) return { errors };
  return {
    errors,
    request: { fiat_amount: amount.value, ...destination, sending_asset: asset, refund_wallet: refund },
    payWith,
    callbackUrl: cb.value,
  };
}

/** Validate the widget token form: {widget_mode, amount, order_id, callback_url}. */
export function validateTokenForm(values) {
  const errors = {};
  const mode = String(values.widget_mode ?? '').toLowerCase();
  if (!['onramp', 'offramp'].includes(mode)) errors.widget_mode = 'Choose onramp or offramp.';
  const amount = checkBtc(values.amount);
  if (amount.error) errors.amount = amount.error;
  const orderId = String(values.order_id ?? '').trim();
  if (orderId.length > 128) errors.order_id = 'At most 128 characters.';
  const cb = checkUrl(values.callback_url);
  if (cb.error) errors.callback_url = cb.error;
  if (Object.keys(errors).length) return { errors };
  const request = { widget_mode: mode, amount: amount.value };
  if (orderId) request.order_id = orderId;
  if (cb.value) request.callback_url = cb.value;
  return { errors, request };
}

/** A crypto amount in its asset: "0.00020000 BTC (20,000 sats)" or "11.77 USDT". */
export function cryptoAmount(value, asset) {
  const a = String(asset ?? '').toLowerCase();
  if (a === 'btc' || a === 'lbtc') {
    return parseDecimal(value) === null ? `${value ?? '—'} BTC` : `${btc(value)} (${sats(value)})`;
  }
  if (a === 'usdt') return usdt(value);
  return `${value ?? '—'} ${String(asset ?? '').toUpperCase()}`.trim();
}

/** Where the INR goes, for people: "UPI shop@okaxis" / "ninjatag @satoshi". */
export function destinationText(q) {
  if (q?.receiver_upi_id) return `UPI ${q.receiver_upi_id}`;
  const tag = q?.receiver_ninjatag ?? q?.ninjatag;
  if (tag) return `ninjatag @${String(tag).replace(/^@/, '')}`;
  return 'the receiver';
}

/** The one sentence a quote comes down to. */
export function payPhrase(q) {
  return `You pay ${cryptoAmount(q.sending_asset_amount, q.sending_asset)} to deliver ${inr(q.fiat_amount)} to ${destinationText(q)}.`;
}

/** A quote's status (either schema) → {status, label, final} for a badge. */
export function quoteState(raw) {
  const s = String(raw ?? '').replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
  switch (s) {
    case 'success': case 'completed': return { status: 'completed', label: 'Completed — INR sent', final: true };
    case 'failed': return { status: 'failed', label: 'Failed', final: true };
    case 'refunded': return { status: 'refunded', label: 'Refunded', final: true };
    case 'expired': return { status: 'expired', label: 'Expired', final: true };
    case 'pending': return { status: 'pending', label: 'Pending — waiting for payment', final: false };
    default: return { status: s || 'unknown', label: s ? s.replace(/_/g, ' ') : 'Unknown', final: false };
  }
}

/** Seconds left until `expiresAt` (unix seconds) at `nowMs`; null when unknown. */
export function secondsLeft(expiresAt, nowMs = Date.now()) {
  const n = Number(expiresAt);
  if (!Number.isFinite(n) || n <= 0) return null;
  return Math.floor(n - nowMs / 1000);
}

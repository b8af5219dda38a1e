// Bridge quotes (BTC / USDT → INR over UPI), for people: what is paid, where the INR goes, the
// quote's state and time left. No DOM, no IPC: unit-tested in ui/tests/quote.test.mjs.
// Amounts stay decimal strings; format.js writes them.
import { btcAndSats, inr, isDecimal, usdt } from './format.js';

/** How each sending asset can be paid (Request Invoice for Quote): BTC over Lightning (the
 * invoice) or on-chain (the fallback address, network BTC); USDT only on-chain (ERC20, BEP20, …:
 * there is no Lightning for USDT). */
export const PAY_WITH = { btc: ['lightning', 'onchain'], usdt: ['onchain'] };

/** The refund wallet a quote defaults to for each sending asset. */
export const DEFAULT_REFUND = { btc: 'lbtc', usdt: 'usdt' };

/** A crypto amount in its asset: "0.00020000 BTC (20,000 sats)" or "11.77 USDT". */
export function cryptoAmount(value, asset) {
  const a = String(asset ?? '').toLowerCase();
  if (a === 'btc' || a === 'lbtc') {
    return isDecimal(value) ? btcAndSats(value) : `${value ?? '—'} BTC`;
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

/** The fields of `o` that have a value (so a null from the server does not hide what was asked). */
export function present(o) {
  return Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== null && v !== undefined && v !== ''));
}

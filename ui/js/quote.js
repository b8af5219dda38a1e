// Bridge quotes (BTC / USDT → INR over UPI), for people: what is paid, where the INR goes, the
// quote's state and time left. No DOM, no IPC: unit-tested in ui/tests/quote.test.mjs.
// Amounts stay decimal strings; format.js writes them. Words come from the catalogue (bridge.quote).
import { btcAndSats, inr, isDecimal, usdt } from './format.js';
import { t } from './i18n.js';

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
    return isDecimal(value) ? btcAndSats(value) : `${value ?? '—'} BTC`; // i18n-ignore
  }
  if (a === 'usdt') return usdt(value);
  return `${value ?? '—'} ${String(asset ?? '').toUpperCase()}`.trim();
}

/** Where the INR goes, for people: "UPI shop@okaxis" / "ninjatag @satoshi". */
export function destinationText(q) {
  if (q?.receiver_upi_id) return t('bridge.quote.to_upi', { upi: q.receiver_upi_id });
  const tag = q?.receiver_ninjatag ?? q?.ninjatag;
  if (tag) return t('bridge.quote.to_ninjatag', { tag: String(tag).replace(/^@/, '') });
  return t('bridge.quote.to_receiver');
}

/** The one sentence a quote comes down to. */
export function payPhrase(q) {
  return t('bridge.quote.pay_phrase', { pay: cryptoAmount(q.sending_asset_amount, q.sending_asset), inr: inr(q.fiat_amount), to: destinationText(q) });
}

/** A quote's status (either schema) → {status, label, final} for a badge. */
export function quoteState(raw) {
  const s = String(raw ?? '').replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
  switch (s) {
    case 'success': case 'completed': return { status: 'completed', label: t('bridge.quote.state.completed'), final: true };
    case 'failed': return { status: 'failed', label: t('bridge.quote.state.failed'), final: true };
    case 'refunded': return { status: 'refunded', label: t('bridge.quote.state.refunded'), final: true };
    case 'expired': return { status: 'expired', label: t('bridge.quote.state.expired'), final: true };
    case 'pending': return { status: 'pending', label: t('bridge.quote.state.pending'), final: false };
    default: return { status: s || 'unknown', label: s ? s.replace(/_/g, ' ') : t('bridge.quote.state.unknown'), final: false };
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

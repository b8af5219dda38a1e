// The background watches in state.watches (watch://update), as the views see them. Pure: no DOM,
// no IPC (unit-tested in ui/tests/watches.test.mjs).
import { amount as fmtAmount, btcAndSats, inr, sats, text } from './format.js';

export const MODE_NAME = { sandbox: 'Sandbox', live: 'Live' };

/** Whether two accounts ({mode, apiUrl?, prodUrl?}) are the same server. */
export function sameAccount(a, b) {
  if (!a || !b || a.mode !== b.mode) return false;
  return a.mode !== 'live' || (a.apiUrl === b.apiUrl && a.prodUrl === b.prodUrl);
}

/** The later-started of two watches (the higher id when they started together). */
function newer(a, b) {
  const [x, y] = [a.startedAt ?? 0, b.startedAt ?? 0];
  return x !== y ? x > y : a.id > b.id;
}

/**
 * The watch of `kind` + `tid` for the account the app is in now (the newest, if several). A
 * watch of the other mode is about another server's record, so it is never shown as this one's.
 */
export function findWatch(state, kind, tid) {
  if (!state?.watches || tid === null || tid === undefined) return null;
  const account = state.status?.account;
  let best = null;
  for (const w of state.watches.values()) {
    if (w.kind !== kind || String(w.tid) !== String(tid)) continue;
    if (account && w.account && !sameAccount(w.account, account)) continue;
    if (!best || newer(w, best)) best = w;
  }
  return best;
}

/** A watch status as a badge status ("stillPending" → "still_pending"). */
export const watchTone = (status) => (status === 'stillPending' ? 'still_pending' : status);

/** Why a paused watch is not being checked, in words. */
export function pausedText(w) {
  const mode = MODE_NAME[w?.account?.mode] ?? 'the other';
  return `Paused — made in ${mode} mode; checked again when you switch back`;
}

/** Watches still running in this mode (a paused watch waits for the other mode). */
export const isActive = (w) => !w.final && !w.paused;

export const KIND_LABEL = {
  payment: 'Lightning payment', token: 'Widget token', quote: 'Bridge quote', voucher: 'Voucher batch', order: 'Order',
};
/** A watch status → [badge status, label]. */
export const STATUS = {
  pending: ['pending', 'Pending'],
  paid: ['paid', 'Paid'],
  declined: ['declined', 'Declined'],
  success: ['success', 'Completed'],
  failed: ['failed', 'Failed'],
  expired: ['expired', 'Expired'],
  refunded: ['refunded', 'Refunded'],
  redeemed: ['fully_redeemed', 'Fully redeemed'],
  revoked: ['revoked', 'Revoked'],
  filled: ['filled', 'Filled'],
  stillPending: ['still_pending', 'Still pending after 10 minutes'],
  error: ['error', 'Could not be checked'],
  stopped: ['stopped', 'Stopped'],
};

/** "Lightning payment", or the raw kind. */
export const kindLabel = (kind) => KIND_LABEL[kind] ?? text(kind);

/** A Money {value, currency} as text: BTC with sats beside, INR Indian-grouped. */
export function money(m) {
  if (!m || m.value === undefined || m.value === null) return null;
  const cur = String(m.currency ?? '').toUpperCase();
  if (cur === 'BTC') return btcAndSats(m.value);
  if (cur === 'INR') return inr(m.value);
  return fmtAmount(m.value, m.currency);
}

/**
 * What is said (once, politely) when a watch turns final: "Lightning payment 2951… paid:
 * 12,345 sats". Short enough to be heard: the tid's first characters, a BTC amount in sats.
 */
export function finalWords(w) {
  const tid = String(w?.tid ?? '');
  const short = tid.length > 6 ? `${tid.slice(0, 4)}…` : tid;
  const status = (STATUS[w?.status]?.[1] ?? text(w?.status)).toLowerCase();
  const m = w?.amount ?? w?.fiat;
  const cur = String(m?.currency ?? '').toUpperCase();
  const value = m?.value === undefined || m?.value === null ? null : cur === 'BTC' ? sats(m.value) : money(m);
  return `${kindLabel(w?.kind)} ${short} ${status}${value ? `: ${value}` : ''}.`;
}

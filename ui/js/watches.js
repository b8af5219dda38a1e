// The background watches in state.watches (watch://update), as the views see them. Pure: no DOM,
// no IPC (unit-tested in ui/tests/watches.test.mjs).
import { amount as fmtAmount, btcAndSats, inr, sats, text } from './format.js';
import { t } from './i18n.js';

/**
 * {name: words} whose words are looked up when read (the language is chosen at start-up, after
 * this module is loaded): Object.entries and [name] work as on a plain object.
 */
function wordsOf(names, keyOf) {
  const out = {};
  for (const name of names) Object.defineProperty(out, name, { enumerable: true, get: () => t(keyOf(name)) });
  return Object.freeze(out);
}

export const MODE_NAME = wordsOf(['sandbox', 'live'], (m) => `common.mode.${m}`);

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
  const mode = MODE_NAME[w?.account?.mode] ?? t('common.mode.other_mode');
  return t('common.watch.paused', { mode });
}

/** Watches still running in this mode (a paused watch waits for the other mode). */
export const isActive = (w) => !w.final && !w.paused;

export const KIND_LABEL = wordsOf(['payment', 'token', 'quote', 'voucher', 'order'], (k) => `common.kind.${k}`);

/** A watch status → the badge status it is shown with. */
const BADGE = {
  pending: 'pending', paid: 'paid', declined: 'declined', success: 'success', failed: 'failed', expired: 'expired',
  refunded: 'refunded', redeemed: 'fully_redeemed', revoked: 'revoked', filled: 'filled', stillPending: 'still_pending',
  error: 'error', stopped: 'stopped',
};
// The watcher's words for a status (common.watch.status.*): "Completed", "Still pending after 10 minutes".
const LABEL = wordsOf(Object.keys(BADGE), (s) => `common.watch.status.${s === 'stillPending' ? 'still_pending' : s}`);

/** A watch status → [badge status, label]. */
export const STATUS = (() => {
  const out = {};
  for (const s of Object.keys(BADGE)) Object.defineProperty(out, s, { enumerable: true, get: () => [BADGE[s], LABEL[s]] });
  return Object.freeze(out);
})();

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
  const words = { kind: kindLabel(w?.kind), tid: short, status };
  return value ? t('common.watch.final_amount', { ...words, amount: value }) : t('common.watch.final', words);
}

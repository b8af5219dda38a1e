// How the parts of a ledger record are shown wherever records are listed (Records, Reports,
// Home's recent activity). Amounts arrive exact from Rust and are only formatted here.
import { h } from './dom.js';
import { has, t } from './i18n.js';
import { badge } from './components.js';
import { amount as fmtAmount, btc, humanise, relative, text, toDate } from './format.js';
import { dateTimeParts, dateTimeText } from './dates.js';
import { KIND_LABEL, MODE_NAME, kindLabel, sameAccount } from './watches.js';
import { openKind } from './actions.js';

// The kinds' names live with the watches (one list for the pending panel and the records).
export { KIND_LABEL, kindLabel };

/** What a counterparty is ("UPI id"), in the catalogue's words when it has them. */
const counterpartyLabel = (kind) => (has(`records.cells.counterparty.${kind}`) ? t(`records.cells.counterparty.${kind}`) : humanise(kind));

/** A ledger row's server ({mode, apiUrl?, prodUrl?}) from its account info. */
export const serverOf = (info) => info?.account ?? info ?? null;

/** Whether a ledger row belongs to the account the app talks to now (only those can be opened). */
export const isCurrent = (info, state) => {
  const now = state?.status?.account;
  return !now || sameAccount(serverOf(info), now);
};

/** "Sandbox" / "Live", for rows shown beside another mode's. */
export const modeName = (info) => MODE_NAME[serverOf(info)?.mode] ?? '';

/** An amount in its asset (BTC to 8 places with sats under it), and ₹ when Ninjapay gave a rate. */
export function amountCell({ asset, amount, sats, fiatCurrency, fiatAmount }) {
  const lines = [];
  const isBtc = String(asset ?? '').toUpperCase() === 'BTC';
  if (amount !== null && amount !== undefined) lines.push(h('span', { dataset: { field: 'amount' }, text: isBtc ? btc(amount) : fmtAmount(amount, asset) }));
  if (sats !== null && sats !== undefined) lines.push(h('span', { class: 'hint-inline', dataset: { field: 'sats' }, text: fmtAmount(sats, 'sats') }));
  if (fiatAmount !== null && fiatAmount !== undefined) lines.push(h('span', { dataset: { field: 'fiat' }, text: fmtAmount(fiatAmount, fiatCurrency) }));
  if (!lines.length) return '—';
  return h('span', { class: 'stack' }, ...lines);
}

/** A time in en-IN style ("21 Nov 2026, 02:03 pm", breaking only after the comma), with "3 min ago" under it when `ago`. */
export function timeCell(value, { ago = false } = {}) {
  const d = toDate(value);
  if (!d) return text(value);
  const [day, time] = dateTimeParts(d);
  return h('span', { class: 'stack', title: dateTimeText(d) },
    h('span', { class: 'when' }, h('span', { text: `${day},` }), ' ', h('span', { text: time })),
    ago ? h('span', { class: 'hint-inline', text: relative(d) }) : null);
}

/** Status as a badge, with Ninjapay's own words under it when they say more ("3 of 5 redeemed"). */
export function statusCell(status, rawStatus) {
  const raw = rawStatus && humanise(rawStatus) !== humanise(status) ? rawStatus : null;
  return h('span', { class: 'stack' }, badge(status), raw ? h('span', { class: 'hint-inline', text: raw }) : null);
}

/** A counterparty (ninjatag, UPI id, email, name) with what it is. */
export function counterpartyCell(value, kind) {
  if (!value) return '—';
  return h('span', { class: 'stack' }, h('span', { class: 'mono', text: value }),
    kind ? h('span', { class: 'hint-inline', text: counterpartyLabel(kind) }) : null);
}

/**
 * The tid as a button that opens the record in its own view; a record of another account (the
 * other mode) cannot be looked up from here, so it is plain text saying so.
 */
export function tidCell(kind, tid, info, state) {
  if (!isCurrent(info, state)) {
    return h('code', { class: 'tid', title: modeName(info) ? t('records.cells.other_mode', { mode: modeName(info) }) : t('records.cells.another_mode'), text: tid });
  }
  return h('button', {
    type: 'button', class: 'link tid', dataset: { kind, tid, testid: 'open-record' },
    title: t('records.cells.open', { kind: kindLabel(kind), tid }), onclick: () => openKind(kind, tid),
  }, h('code', { text: tid }));
}

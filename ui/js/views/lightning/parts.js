// Small pieces the Lightning panels share: the BTC amount row with its sats beside it, the fiat
// currency choice, long codes with a copy button, amounts in BTC and sats, fiat values.
import { h } from '../../dom.js';
import { copyButton, describedBy } from '../../components.js';
import { btc, fixed, inr, sats, satsHint, text } from '../../format.js';
import { t } from '../../i18n.js';

export const CURRENCIES = ['INR', 'USD', 'EUR', 'GBP', 'AED', 'SGD']; // i18n-ignore

/** A fiat currency select (INR first, so a fiat value always has its currency). */
export function currencySelect(id) {
  return h('select', { id, name: 'fiat_currency' }, ...CURRENCIES.map((c) => h('option', { value: c }, c)));
}

/** A fiat value input with its currency beside it, as one form row. */
export function fiatRow(valueInput, currency) {
  return h('div', { class: 'form-row' }, h('label', { for: valueInput.id, text: t('lightning.fields.fiat_value') }),
    h('div', { class: 'control' }, h('div', { class: 'row nowrap' }, h('div', { class: 'grow' }, valueInput),
      h('label', { class: 'sr-only', for: currency.id, text: t('lightning.fields.fiat_currency') }), currency)));
}

/** "Amount (BTC)" with "= 10,000 sats" beside the input, as the user types. */
export function amountRow(input, outId) {
  const out = h('output', { id: outId, for: input.id, class: 'sats-hint', 'aria-live': 'off' });
  describedBy(input, outId);
  const sync = () => { out.textContent = satsHint(input.value); };
  input.addEventListener('input', sync);
  sync();
  return h('div', { class: 'form-row' }, h('label', { for: input.id, text: t('lightning.fields.amount_btc') }),
    h('div', { class: 'control' }, h('div', { class: 'row nowrap amount-row' }, h('div', { class: 'grow' }, input), out)));
}

/** A long value (tid, invoice) in code, with a copy button when `copyLabel` names it. */
export function mono(value, copyLabel = null) {
  if (value === null || value === undefined || value === '') return '—';
  return h('span', { class: 'mono-row' }, h('code', { class: 'long', text: String(value) }),
    copyLabel ? copyButton(String(value), t('lightning.copy'), { context: copyLabel }) : null);
}

/** A payment's amount from its figures: "−0.00002100 BTC 2,100 sats" (sign by direction). */
export function amountNode(figures) {
  if (!figures?.amount) return '—';
  const out = figures.direction === 'out';
  return h('span', { class: 'amount' }, h('strong', { text: `${out ? '−' : ''}${btc(figures.amount)}` }),
    h('span', { class: 'hint-inline', text: ` ${sats(figures.amount)}` }));
}

/** A fiat amount: INR Indian-grouped (₹1,23,456.00), others to 2 places with their code. */
export function fiat(value, currency) {
  const cur = String(currency ?? '').toUpperCase();
  if (cur === 'INR') return inr(value);
  const f = fixed(value, 2);
  return f === null ? `${text(value)} ${cur}`.trim() : `${f} ${cur}`.trim();
}

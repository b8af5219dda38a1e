// Lightning (5): decode an invoice — what it asks for (amount, description, expiry, payee)
// before paying it; "Pay this invoice…" hands it to Send ('ln:pay').
import { api } from '../../ipc.js';
import { fill, h } from '../../dom.js';
import { allFields, busy, clearFieldErrors, fieldError, fieldList, labelled } from '../../components.js';
import { errorBanner, errorBox, showFailure } from '../../error-banner.js';
import { relative, text, toDate } from '../../format.js';
import { classifyDestination } from '../../bolt11.js';
import { emit } from '../../actions.js';
import { amountNode, mono } from './parts.js';

export function mount(panelEl) {
  const inv = h('textarea', { id: 'ln-dec-invoice', rows: '3', spellcheck: 'false', autocomplete: 'off', placeholder: 'lnbc…', dataset: { testid: 'ln-dec-invoice' } });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'ln-dec-submit', dataset: { testid: 'ln-dec-submit' } }, 'Decode');
  const banner = errorBox({ id: 'ln-dec-error', testid: 'ln-dec-error' });
  const result = h('div', { id: 'ln-dec-result', class: 'card', hidden: true, dataset: { testid: 'ln-dec-result' } });
  const form = h('form', { id: 'ln-dec-form', class: 'card', novalidate: true, autocomplete: 'off' },
    h('h2', { text: 'Decode an invoice' }),
    h('p', { class: 'hint', text: 'See what a Lightning invoice asks for (amount, description, expiry, payee) before paying it.' }),
    banner,
    labelled('Invoice', inv),
    h('div', { class: 'row end' }, submit));
  panelEl.append(form, result);
  inv.addEventListener('input', () => fieldError(inv, null));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    busy(submit, decode);
  });

  async function decode() {
    clearFieldErrors(form);
    errorBanner(banner, null);
    const d = classifyDestination(inv.value);
    if (d.kind !== 'invoice') {
      fieldError(inv, d.kind === 'empty' ? 'Paste a Lightning invoice (lnbc…).'
        : d.kind === 'lnurl' ? 'An LNURL is not an invoice: it has no fixed amount to decode.'
          : 'This is not a Lightning invoice (it should start with lnbc…).');
      inv.focus();
      return;
    }
    let x;
    try {
      x = await api.decode(d.value);
    } catch (e) {
      result.hidden = true;
      showFailure(e, { banner, fields: { payreq: inv, invoice: inv } });
      return;
    }
    const exp = toDate(x.expires_at);
    const rows = [
      // A decoded invoice is money coming in to whoever issued it: shown unsigned.
      ['Amount', 'amount', x.amount ? amountNode({ direction: 'in', amount: x.amount }) : 'No amount (the payer chooses)'],
      ['Description', 'description', x.description || '(none)'],
      ['Expires', 'expires_at', exp ? h('span', {}, exp.toLocaleString(), h('span', { class: 'hint-inline', text: ` (${exp.getTime() > Date.now() ? relative(exp) : `expired ${relative(exp)}`})` })) : text(x.expires_at)],
      ['Payee', 'payee', mono(x.payee, 'payee')],
      ['Network', 'network', [x.network, d.network].filter(Boolean).join(' · ') || '—'],
      ['Payment hash', 'paymentHash', mono(x.paymentHash)],
    ];
    const pay = h('button', { type: 'button', id: 'ln-dec-pay', onclick: () => emit(panelEl, 'ln:pay', { invoice: d.value }) }, 'Pay this invoice…');
    fill(result,
      h('h2', { text: 'The invoice says' }),
      fieldList(rows),
      h('div', { class: 'row' }, pay),
      allFields(x, ['amount', 'description', 'expires_at', 'payee', 'network', 'paymentHash']));
    result.hidden = false;
  }

  return {};
}

// Lightning (5): decode an invoice — what it asks for (amount, description, expiry, payee)
// before paying it; "Pay this invoice…" hands it to Send ('ln:pay').
import { api } from '../../ipc.js';
import { fill, h } from '../../dom.js';
import { allFields, busy, clearFieldErrors, fieldError, fieldList, labelled } from '../../components.js';
import { errorBanner, errorBox, showFailure } from '../../error-banner.js';
import { relative, text, toDate } from '../../format.js';
import { dateTimeText } from '../../dates.js';
import { t } from '../../i18n.js';
import { classifyDestination } from '../../bolt11.js';
import { emit } from '../../actions.js';
import { amountNode, mono } from './parts.js';

export function mount(panelEl) {
  const inv = h('textarea', { id: 'ln-dec-invoice', rows: '3', spellcheck: 'false', autocomplete: 'off', placeholder: 'lnbc…', dataset: { testid: 'ln-dec-invoice' } }); // i18n-ignore
  const submit = h('button', { type: 'submit', class: 'primary', id: 'ln-dec-submit', dataset: { testid: 'ln-dec-submit' } }, t('lightning.decode.submit'));
  const banner = errorBox({ id: 'ln-dec-error', testid: 'ln-dec-error' });
  const result = h('div', { id: 'ln-dec-result', class: 'card', hidden: true, dataset: { testid: 'ln-dec-result' } });
  const form = h('form', { id: 'ln-dec-form', class: 'card', novalidate: true, autocomplete: 'off' },
    h('h2', { text: t('lightning.decode.title') }),
    h('p', { class: 'hint', text: t('lightning.decode.hint') }),
    banner,
    labelled(t('lightning.fields.invoice'), inv),
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
      fieldError(inv, t(d.kind === 'empty' ? 'lightning.decode.error_empty'
        : d.kind === 'lnurl' ? 'lightning.decode.error_lnurl' : 'lightning.decode.error_unknown'));
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
      [t('lightning.fields.amount'), 'amount', x.amount ? amountNode({ direction: 'in', amount: x.amount }) : t('lightning.decode.no_amount')],
      [t('lightning.fields.description'), 'description', x.description || t('lightning.decode.none')],
      [t('lightning.fields.expires'), 'expires_at', exp ? h('span', {}, dateTimeText(exp), h('span', { class: 'hint-inline',
        text: ` (${exp.getTime() > Date.now() ? relative(exp) : t('lightning.decode.expired_ago', { when: relative(exp) })})` })) : text(x.expires_at)],
      [t('lightning.fields.payee'), 'payee', mono(x.payee, t('lightning.decode.payee_context'))],
      [t('lightning.fields.network'), 'network', [x.network, d.network].filter(Boolean).join(' · ') || '—'],
      [t('lightning.decode.payment_hash'), 'paymentHash', mono(x.paymentHash)],
    ];
    const pay = h('button', { type: 'button', id: 'ln-dec-pay', onclick: () => emit(panelEl, 'ln:pay', { invoice: d.value }) }, t('lightning.decode.pay'));
    fill(result,
      h('h2', { text: t('lightning.decode.result_title') }),
      fieldList(rows),
      h('div', { class: 'row' }, pay),
      allFields(x, ['amount', 'description', 'expires_at', 'payee', 'network', 'paymentHash']));
    result.hidden = false;
  }

  return {};
}

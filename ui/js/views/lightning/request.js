// Lightning (1): request a payment — a BOLT11 invoice for the customer, with its QR code, the
// checkout link and a live status (the payment is watched by Rust from the start).
import { api, copyText } from '../../ipc.js';
import { fill, h } from '../../dom.js';
import { allFields, busy, copyButton, fieldError, fieldList, labelled, qrCode, textInput } from '../../components.js';
import { errorBox, showFailure } from '../../error-banner.js';
import { btc, localTime, sats } from '../../format.js';
import { stripLightningUri } from '../../bolt11.js';
import { t, tn } from '../../i18n.js';
import { externalLink } from '../../links.js';
import { writeGuard } from '../../outcome.js';
import { requestFrom, reviewForm } from '../../review.js';
import { jsonObject } from '../../validate.js';
import { emit } from '../../actions.js';
import { amountRow, currencySelect, fiat, fiatRow, mono } from './parts.js';
import { expiryNode, paintStatus } from './payment-status.js';

const SHOWN = ['tid', 'amount', 'status', 'description', 'fiat_value', 'fiat_currency', 'uri', 'lightning_invoice',
  'hosted_checkout_url', 'hosted_checkout_expiry', 'customer_name', 'order_id', 'created_at', 'figures'];

/** A `lightning:` link that copies itself (paste it into a wallet). */
function uriLink(uri) {
  const a = h('a', { href: uri, id: 'ln-req-uri', class: 'uri-link', dataset: { testid: 'ln-req-uri' },
    title: t('lightning.request.uri_title') }, t('lightning.request.uri_link'));
  a.addEventListener('click', async (e) => {
    e.preventDefault();
    try {
      await copyText(uri);
      a.textContent = t('lightning.request.uri_copied');
    } catch {
      a.textContent = t('lightning.request.copy_failed');
    }
    setTimeout(() => { a.textContent = t('lightning.request.uri_link'); }, 1500);
  });
  return a;
}

export function mount(panel) {
  const f = {
    amount: textInput('ln-req-amount', { inputmode: 'decimal', placeholder: '0.0001', required: true, dataset: { testid: 'ln-req-amount' } }),
    fiat_value: textInput('ln-req-fiat-value', { inputmode: 'decimal', placeholder: t('lightning.request.fiat_placeholder') }),
    fiat_currency: currencySelect('ln-req-fiat-currency'),
    description: textInput('ln-req-description', { placeholder: t('lightning.request.description_placeholder'), maxlength: '500' }),
    expires_in: textInput('ln-req-expires', { inputmode: 'numeric', placeholder: '10' }),
    customer_name: textInput('ln-req-customer', { placeholder: t('lightning.optional') }),
    order_id: textInput('ln-req-order-id', { placeholder: t('lightning.reference_placeholder') }),
    callback_url: textInput('ln-req-callback', { type: 'url', placeholder: 'https://your.site/webhook' }),
    success_url: textInput('ln-req-success', { type: 'url', placeholder: 'https://your.site/thanks' }),
    receiver_ninjatag: textInput('ln-req-ninjatag', { placeholder: t('lightning.request.ninjatag_placeholder') }),
    extra: h('textarea', { id: 'ln-req-extra', name: 'extra', rows: '2', spellcheck: 'false', placeholder: '{"table": 4}' }), // i18n-ignore
  };
  const submit = h('button', { type: 'submit', class: 'primary', id: 'ln-req-submit', dataset: { testid: 'ln-req-submit' } }, t('lightning.request.submit'));
  const banner = errorBox({ id: 'ln-req-error', testid: 'ln-req-error' });
  const guard = writeGuard('ln-req');
  const form = h('form', { id: 'ln-req-form', class: 'card ln-form', novalidate: true, autocomplete: 'off' },
    h('h2', { text: t('lightning.request.title') }),
    h('p', { class: 'hint', text: t('lightning.request.hint') }),
    banner, guard.el,
    amountRow(f.amount, 'ln-req-amount-sats'),
    fiatRow(f.fiat_value, f.fiat_currency),
    labelled(t('lightning.fields.description'), f.description),
    labelled(t('lightning.request.expires_label'), f.expires_in, t('lightning.request.expires_hint')),
    labelled(t('lightning.fields.customer_name'), f.customer_name),
    labelled(t('lightning.fields.order_id'), f.order_id),
    h('details', { class: 'more', id: 'ln-req-more' }, h('summary', { text: t('lightning.request.more') }),
      labelled(t('lightning.request.callback_label'), f.callback_url, t('lightning.request.callback_hint')),
      labelled(t('lightning.request.success_label'), f.success_url, t('lightning.request.success_hint')),
      labelled(t('lightning.request.ninjatag_label'), f.receiver_ninjatag, t('lightning.request.ninjatag_hint')),
      labelled(t('lightning.request.extra_label'), f.extra, t('lightning.request.extra_hint'))),
    h('div', { class: 'row end' }, submit));
  const result = h('div', { id: 'ln-req-result', class: 'card ln-result', dataset: { testid: 'ln-req-result' } },
    h('h2', { text: t('lightning.request.result_title') }),
    h('p', { class: 'hint', text: t('lightning.request.result_hint') }));
  panel.append(h('div', { class: 'ln-split' }, form, result));

  let lastState = null;
  let view = null; // the request on screen: {payment, fetchedAt, statusEl, noteEl}

  // A field's error goes once it is edited.
  form.addEventListener('input', (e) => { if (e.target.getAttribute('aria-invalid')) fieldError(e.target, null); });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    busy(submit, create);
  });

  async function create() {
    const extra = jsonObject(f.extra.value);
    const hasFiat = f.fiat_value.value.trim() !== '';
    const request = requestFrom({
      amount: f.amount.value,
      fiat_value: f.fiat_value.value,
      fiat_currency: hasFiat ? f.fiat_currency.value : '',
      description: f.description.value,
      expires_in: f.expires_in.value,
      customer_name: f.customer_name.value,
      order_id: f.order_id.value,
      callback_url: f.callback_url.value,
      success_url: f.success_url.value,
      receiver_ninjatag: f.receiver_ninjatag.value.trim().replace(/^@/, ''),
      extra: extra.value,
    });
    const local = extra.error ? [{ field: 'extra', message: extra.error }] : [];
    if (!(await reviewForm('receive', request, { form, fields: f, banner, extra: local })).ok) return;
    if (!(await guard.mayRetry())) return;
    try {
      const r = await guard.run(() => api.receive(request), {
        again: t('lightning.request.again', { amount: btc(request.amount) }),
        retry: t('lightning.request.retry'),
        check: { history: { kind: 'receive', request } },
      });
      if (!r.value) return;
      showResult(r.value);
    } catch (err) {
      showFailure(err, { banner, fields: f });
    }
  }

  function showResult(p) {
    const invoice = p.lightning_invoice?.payreq ?? (p.uri ? stripLightningUri(p.uri) : null);
    const uri = p.uri ?? (invoice ? `lightning:${invoice}` : null);
    const expiresAt = p.lightning_invoice?.expires_at ?? p.hosted_checkout_expiry;
    const statusEl = h('span', { class: 'status', id: 'ln-req-status', dataset: { testid: 'ln-req-status' } });
    const noteEl = h('p', { class: 'watch-note hint small', id: 'ln-req-watch', dataset: { testid: 'ln-req-watch' } });
    const rows = [[t('lightning.fields.tid'), 'tid', mono(p.tid, t('lightning.request.tid_context'))]];
    if (p.customer_name) rows.push([t('lightning.fields.customer'), 'customer_name', p.customer_name]);
    if (p.order_id) rows.push([t('lightning.fields.order_id'), 'order_id', p.order_id]);
    rows.push([t('lightning.fields.created'), 'created_at', localTime(p.created_at)]);
    const heading = h('h2', { text: t('lightning.request.shown_title'), tabindex: '-1', id: 'ln-req-result-title' });
    const open = h('button', { type: 'button', class: 'link', onclick: () => emit(panel, 'ln:check', { tid: p.tid }) }, t('lightning.open_in_check'));
    fill(result,
      h('div', { class: 'detail-head' }, heading, statusEl),
      h('div', { class: 'ln-invoice' },
        invoice ? qrCode(uri ?? invoice, { size: 176, label: t('lightning.request.qr_label', { amount: btc(p.amount) }) })
          : h('p', { class: 'hint', text: t('lightning.request.no_invoice') }),
        h('div', { class: 'ln-invoice-info' },
          h('div', { class: 'big-amount', dataset: { field: 'amount', testid: 'ln-req-amount-shown' }, text: btc(p.amount) }),
          h('div', { class: 'hint-inline', dataset: { field: 'sats' }, text: sats(p.amount) }),
          p.fiat_value ? h('div', { dataset: { field: 'fiat' }, text: fiat(p.fiat_value, p.fiat_currency) }) : null,
          p.description ? h('p', { class: 'desc', dataset: { field: 'description' }, text: p.description }) : null,
          expiresAt ? h('p', { class: 'small' }, ...tn('lightning.request.expires', { when: expiryNode(expiresAt, 'ln-req-expiry') })) : null,
          h('div', { class: 'row actions' },
            invoice ? copyButton(invoice, t('lightning.request.copy_invoice'), { id: 'ln-req-copy', 'data-testid': 'ln-req-copy' }) : null,
            uri ? uriLink(uri) : null),
          p.hosted_checkout_url ? h('p', { class: 'small' }, ...tn('lightning.request.checkout', {
            link: externalLink(p.hosted_checkout_url, t('lightning.open_checkout'), { dataset: { testid: 'ln-req-checkout', url: p.hosted_checkout_url } }) })) : null)),
      noteEl,
      invoice ? h('details', { class: 'invoice-text' }, h('summary', { text: t('lightning.request.show_invoice_text') }), h('code', { class: 'long', dataset: { testid: 'ln-req-invoice' }, text: invoice })) : null,
      fieldList(rows),
      h('div', { class: 'row' }, open),
      allFields(p, SHOWN),
    );
    view = { payment: p, fetchedAt: Date.now(), statusEl, noteEl };
    paintStatus(view, lastState);
    // Keyboard and screen-reader users land on the new invoice.
    heading.focus({ preventScroll: true });
  }

  return {
    update(state) {
      lastState = state;
      if (view) paintStatus(view, state);
    },
  };
}

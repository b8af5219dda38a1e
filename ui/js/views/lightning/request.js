// Lightning (1): request a payment — a BOLT11 invoice for the customer, with its QR code, the
// checkout link and a live status (the payment is watched by Rust from the start).
import { api, copyText } from '../../ipc.js';
import { fill, h } from '../../dom.js';
import { allFields, busy, copyButton, fieldError, fieldList, labelled, qrCode, textInput } from '../../components.js';
import { errorBox, showFailure } from '../../error-banner.js';
import { btc, localTime, sats } from '../../format.js';
import { stripLightningUri } from '../../bolt11.js';
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
    title: 'Copies the lightning: link (paste it into a wallet)' }, 'lightning: link');
  a.addEventListener('click', async (e) => {
    e.preventDefault();
    try {
      await copyText(uri);
      a.textContent = 'lightning: link copied ✓';
    } catch {
      a.textContent = 'Copy failed';
    }
    setTimeout(() => { a.textContent = 'lightning: link'; }, 1500);
  });
  return a;
}

export function mount(panel) {
  const f = {
    amount: textInput('ln-req-amount', { inputmode: 'decimal', placeholder: '0.0001', required: true, dataset: { testid: 'ln-req-amount' } }),
    fiat_value: textInput('ln-req-fiat-value', { inputmode: 'decimal', placeholder: 'optional, e.g. 499.00' }),
    fiat_currency: currencySelect('ln-req-fiat-currency'),
    description: textInput('ln-req-description', { placeholder: 'What it is for (shown to the payer)', maxlength: '500' }),
    expires_in: textInput('ln-req-expires', { inputmode: 'numeric', placeholder: '10' }),
    customer_name: textInput('ln-req-customer', { placeholder: 'optional' }),
    order_id: textInput('ln-req-order-id', { placeholder: 'your reference, optional' }),
    callback_url: textInput('ln-req-callback', { type: 'url', placeholder: 'https://your.site/webhook' }),
    success_url: textInput('ln-req-success', { type: 'url', placeholder: 'https://your.site/thanks' }),
    receiver_ninjatag: textInput('ln-req-ninjatag', { placeholder: '@ninjatag, optional' }),
    extra: h('textarea', { id: 'ln-req-extra', name: 'extra', rows: '2', spellcheck: 'false', placeholder: '{"table": 4}' }),
  };
  const submit = h('button', { type: 'submit', class: 'primary', id: 'ln-req-submit', dataset: { testid: 'ln-req-submit' } }, 'Create payment request');
  const banner = errorBox({ id: 'ln-req-error', testid: 'ln-req-error' });
  const guard = writeGuard('ln-req');
  const form = h('form', { id: 'ln-req-form', class: 'card ln-form', novalidate: true, autocomplete: 'off' },
    h('h2', { text: 'Request a payment' }),
    h('p', { class: 'hint', text: 'Creates a Lightning invoice for your customer to pay. Nothing leaves your wallet.' }),
    banner, guard.el,
    amountRow(f.amount, 'ln-req-amount-sats'),
    fiatRow(f.fiat_value, f.fiat_currency),
    labelled('Description', f.description),
    labelled('Expires in (min)', f.expires_in, 'Checkout page lifetime; 10 if empty.'),
    labelled('Customer name', f.customer_name),
    labelled('Order id', f.order_id),
    h('details', { class: 'more', id: 'ln-req-more' }, h('summary', { text: 'More options: webhook, redirect, on behalf of, extra data' }),
      labelled('Callback URL', f.callback_url, 'Ninjapay calls it when paid.'),
      labelled('Success URL', f.success_url, 'Where the checkout page sends the payer after paying.'),
      labelled('For ninjatag', f.receiver_ninjatag, 'Request on behalf of another Ninjapay user.'),
      labelled('Extra (JSON)', f.extra, 'Your own data, echoed back on the payment.')),
    h('div', { class: 'row end' }, submit));
  const result = h('div', { id: 'ln-req-result', class: 'card ln-result', dataset: { testid: 'ln-req-result' } },
    h('h2', { text: 'The invoice' }),
    h('p', { class: 'hint', text: 'Once you create a request, its QR code appears here for the customer to scan, with the invoice to copy, a link to the checkout page and its live status.' }));
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
        again: `You may already have created a payment request for ${btc(request.amount)}.`,
        retry: 'Create another anyway',
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
    const rows = [['tid', 'tid', mono(p.tid, 'request tid')]];
    if (p.customer_name) rows.push(['Customer', 'customer_name', p.customer_name]);
    if (p.order_id) rows.push(['Order id', 'order_id', p.order_id]);
    rows.push(['Created', 'created_at', localTime(p.created_at)]);
    const heading = h('h2', { text: 'Payment request', tabindex: '-1', id: 'ln-req-result-title' });
    const open = h('button', { type: 'button', class: 'link', onclick: () => emit(panel, 'ln:check', { tid: p.tid }) }, 'Open in Check a payment');
    fill(result,
      h('div', { class: 'detail-head' }, heading, statusEl),
      h('div', { class: 'ln-invoice' },
        invoice ? qrCode(uri ?? invoice, { size: 176, label: `QR code of the Lightning invoice for ${btc(p.amount)}` }) : h('p', { class: 'hint', text: 'No invoice was returned.' }),
        h('div', { class: 'ln-invoice-info' },
          h('div', { class: 'big-amount', dataset: { field: 'amount', testid: 'ln-req-amount-shown' }, text: btc(p.amount) }),
          h('div', { class: 'hint-inline', dataset: { field: 'sats' }, text: sats(p.amount) }),
          p.fiat_value ? h('div', { dataset: { field: 'fiat' }, text: fiat(p.fiat_value, p.fiat_currency) }) : null,
          p.description ? h('p', { class: 'desc', dataset: { field: 'description' }, text: p.description }) : null,
          expiresAt ? h('p', { class: 'small' }, 'Expires ', expiryNode(expiresAt, 'ln-req-expiry')) : null,
          h('div', { class: 'row actions' },
            invoice ? copyButton(invoice, 'Copy invoice', { id: 'ln-req-copy', 'data-testid': 'ln-req-copy' }) : null,
            uri ? uriLink(uri) : null),
          p.hosted_checkout_url ? h('p', { class: 'small' }, 'Checkout page: ',
            externalLink(p.hosted_checkout_url, 'Open checkout page', { dataset: { testid: 'ln-req-checkout', url: p.hosted_checkout_url } })) : null)),
      noteEl,
      invoice ? h('details', { class: 'invoice-text' }, h('summary', { text: 'Show the invoice text' }), h('code', { class: 'long', dataset: { testid: 'ln-req-invoice' }, text: invoice })) : null,
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

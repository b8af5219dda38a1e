// Lightning (2): check a payment by tid — its status (following its watch), every detail Ninjapay
// keeps, and "Watch until paid" while it is open.
import { api } from '../../ipc.js';
import { h } from '../../dom.js';
import { allFields, fieldList } from '../../components.js';
import { localTime } from '../../format.js';
import { externalLink } from '../../links.js';
import { lookupPanel } from '../../lookup-panel.js';
import { amountNode, fiat, mono } from './parts.js';
import { paintStatus } from './payment-status.js';

const SHOWN = ['tid', 'amount', 'status', 'fiat_value', 'fiat_currency', 'description', 'created_at', 'payment_mode', 'wallet',
  'receiver_ninjatag', 'customer_name', 'order_id', 'lightning_invoice.payreq', 'lightning_invoice.lightning_invoice_type',
  'lightning_invoice.expires_at', 'hosted_checkout_url', 'hosted_checkout_expiry', 'callback_url', 'callback_status', 'success_url',
  'total_fee.network_fee', 'total_fee.service_fee', 'total_fee.gst_fee', 'figures'];

function rows(p) {
  const out = p.figures?.direction === 'out';
  const li = p.lightning_invoice ?? {};
  const fee = p.total_fee ?? {};
  return [
    ['tid', 'tid', mono(p.tid, 'payment tid')],
    ['Direction', 'direction', out ? 'Sent (money out)' : 'Received (money in)'],
    ['Amount', 'amount', amountNode(p.figures)],
    ['Fiat value', 'fiat_value', p.fiat_value ? fiat(p.fiat_value, p.fiat_currency) : null],
    ['Description', 'description', p.description],
    ['Created', 'created_at', p.created_at ? localTime(p.created_at) : null],
    ['Mode', 'payment_mode', [p.payment_mode, p.wallet].filter(Boolean).join(' · ') || null],
    [out ? 'To ninjatag' : 'For ninjatag', 'receiver_ninjatag', p.receiver_ninjatag ? `@${p.receiver_ninjatag}` : null],
    ['Customer', 'customer_name', p.customer_name],
    ['Order id', 'order_id', p.order_id],
    ['Invoice', 'lightning_invoice.payreq', li.payreq ? mono(li.payreq, 'payment invoice') : null],
    ['Invoice type', 'lightning_invoice.lightning_invoice_type', li.lightning_invoice_type],
    ['Invoice expires', 'lightning_invoice.expires_at', li.expires_at ? `${localTime(li.expires_at)}` : null],
    ['Checkout page', 'hosted_checkout_url', p.hosted_checkout_url
      ? externalLink(p.hosted_checkout_url, 'Open checkout page', { dataset: { testid: 'ln-check-checkout', url: p.hosted_checkout_url } }) : null],
    ['Checkout expires', 'hosted_checkout_expiry', p.hosted_checkout_expiry ? localTime(p.hosted_checkout_expiry) : null],
    ['Webhook', 'callback_url', p.callback_url],
    ['Webhook answered', 'callback_status', p.callback_status ? `HTTP ${p.callback_status}` : (p.callback_url ? 'not called yet' : null)],
    ['Success URL', 'success_url', p.success_url],
    ['Network fee', 'total_fee.network_fee', fee.network_fee],
    ['Service fee', 'total_fee.service_fee', fee.service_fee],
    ['GST', 'total_fee.gst_fee', fee.gst_fee],
  ].filter(([, , v]) => v !== null && v !== undefined && v !== '');
}

export function mount(panelEl) {
  let lastState = null;
  let view = null; // the payment on screen: {payment, fetchedAt, statusEl, noteEl}

  const panel = lookupPanel({
    id: 'ln-check', kind: 'payment', noun: 'payment',
    label: 'Payment tid', placeholder: 'Payment tid, e.g. 198A60SO23PN99N7', button: 'Check',
    testids: { input: 'ln-check-tid', button: 'ln-check-submit' },
    errorId: 'ln-check-error', result: { id: 'ln-check-result', testid: 'ln-check-result' }, loadAttr: 'state',
    fetch: (tid) => api.checkPayment(tid),
    paint: () => { if (view) paintStatus(view, lastState); },
    render(p) {
      const statusEl = h('span', { class: 'status', id: 'ln-check-status', dataset: { testid: 'ln-check-status' } });
      const noteEl = h('p', { class: 'watch-note hint small', id: 'ln-check-watch' });
      view = { payment: p, fetchedAt: Date.now(), statusEl, noteEl };
      const open = ['pending', 'undefined'].includes(p.status);
      return [h('div', { class: 'card' },
        h('div', { class: 'detail-head' }, h('h2', { text: p.figures?.direction === 'out' ? 'Sent payment' : 'Payment request' }), statusEl),
        noteEl,
        fieldList(rows(p)),
        h('div', { class: 'row' }, panel.againButton('ln-check-again'), open ? panel.watchButton('ln-check-watch-start', 'Watch until paid') : null),
        allFields(p, SHOWN))];
    },
  });

  panelEl.append(h('div', { class: 'card' },
    h('h2', { text: 'Check a payment' }),
    h('p', { class: 'hint', text: 'Enter the tid of a payment you requested or sent to see its status and every detail Ninjapay keeps.' }),
    panel.form, panel.banner), panel.result);

  return {
    open: (tid) => panel.open(tid),
    update(state) {
      lastState = state;
      panel.update(state);
    },
  };
}

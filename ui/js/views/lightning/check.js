// Lightning (2): check a payment by tid — its status (following its watch), every detail Ninjapay
// keeps, and "Watch until paid" while it is open.
import { api } from '../../ipc.js';
import { h } from '../../dom.js';
import { allFields, fieldList } from '../../components.js';
import { localTime } from '../../format.js';
import { t, tn } from '../../i18n.js';
import { term } from '../../glossary.js';
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
    [t('lightning.fields.tid'), 'tid', mono(p.tid, t('lightning.check.tid_context'))],
    [t('lightning.check.direction'), 'direction', out ? t('lightning.check.sent') : t('lightning.check.received')],
    [t('lightning.fields.amount'), 'amount', amountNode(p.figures)],
    [t('lightning.fields.fiat_value'), 'fiat_value', p.fiat_value ? fiat(p.fiat_value, p.fiat_currency) : null],
    [t('lightning.fields.description'), 'description', p.description],
    [t('lightning.fields.created'), 'created_at', p.created_at ? localTime(p.created_at) : null],
    [t('lightning.check.mode'), 'payment_mode', [p.payment_mode, p.wallet].filter(Boolean).join(' · ') || null],
    [out ? t('lightning.check.to_ninjatag') : t('lightning.request.ninjatag_label'), 'receiver_ninjatag', p.receiver_ninjatag ? `@${p.receiver_ninjatag}` : null],
    [t('lightning.fields.customer'), 'customer_name', p.customer_name],
    [t('lightning.fields.order_id'), 'order_id', p.order_id],
    [t('lightning.fields.invoice'), 'lightning_invoice.payreq', li.payreq ? mono(li.payreq, t('lightning.check.invoice_context')) : null],
    [t('lightning.check.invoice_type'), 'lightning_invoice.lightning_invoice_type', li.lightning_invoice_type],
    [t('lightning.check.invoice_expires'), 'lightning_invoice.expires_at', li.expires_at ? `${localTime(li.expires_at)}` : null],
    [t('lightning.check.checkout_page'), 'hosted_checkout_url', p.hosted_checkout_url
      ? externalLink(p.hosted_checkout_url, t('lightning.open_checkout'), { dataset: { testid: 'ln-check-checkout', url: p.hosted_checkout_url } }) : null],
    [t('lightning.check.checkout_expires'), 'hosted_checkout_expiry', p.hosted_checkout_expiry ? localTime(p.hosted_checkout_expiry) : null],
    [t('lightning.check.webhook'), 'callback_url', p.callback_url],
    [t('lightning.check.webhook_answered'), 'callback_status', p.callback_status
      ? t('lightning.check.http_status', { code: p.callback_status }) : (p.callback_url ? t('lightning.check.not_called') : null)],
    [t('lightning.request.success_label'), 'success_url', p.success_url],
    [t('lightning.fields.network_fee'), 'total_fee.network_fee', fee.network_fee],
    [t('lightning.fields.service_fee'), 'total_fee.service_fee', fee.service_fee],
    [t('lightning.check.gst'), 'total_fee.gst_fee', fee.gst_fee],
  ].filter(([, , v]) => v !== null && v !== undefined && v !== '');
}

export function mount(panelEl) {
  let lastState = null;
  let view = null; // the payment on screen: {payment, fetchedAt, statusEl, noteEl}

  const panel = lookupPanel({
    id: 'ln-check', kind: 'payment', noun: 'payment',
    label: t('lightning.check.label'), placeholder: t('lightning.check.placeholder'), button: t('lightning.check.button'),
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
        h('div', { class: 'detail-head' }, h('h2', { text: p.figures?.direction === 'out' ? t('lightning.check.sent_title') : t('lightning.request.shown_title') }), statusEl),
        noteEl,
        fieldList(rows(p)),
        h('div', { class: 'row' }, panel.againButton('ln-check-again'), open ? panel.watchButton('ln-check-watch-start', t('lightning.watch_until_paid')) : null),
        allFields(p, SHOWN))];
    },
  });

  panelEl.append(h('div', { class: 'card' },
    h('h2', { text: t('lightning.check.title') }),
    h('p', { class: 'hint' }, ...tn('lightning.check.hint', { tid: term('tid') })),
    panel.form, panel.banner), panel.result);

  return {
    open: (tid) => panel.open(tid),
    update(state) {
      lastState = state;
      panel.update(state);
    },
  };
}

// Bridge (Fiat x Web3, NinjaUPI): pay BTC or USDT so that INR lands on a UPI id or ninjatag.
// 1) the quote form (bridge/quote-form.js) → 2) the invoice or address to pay, with a countdown
// and the live status from the quote's watch (bridge/quote-invoice.js); plus checking any quote
// by tid. The parts talk through events on this section ('quote:*').
import { api } from '../ipc.js';
import { h } from '../dom.js';
import { allFields, badge, copyButton, fieldList } from '../components.js';
import { inr, localTime, relative, text } from '../format.js';
import { cryptoAmount, destinationText, quoteState } from '../quote.js';
import { lookupPanel } from '../lookup-panel.js';
import { t, tn } from '../i18n.js';
import { term } from '../glossary.js';
import { quoteForm } from './bridge/quote-form.js';
import { FINAL_TEXT, SHOWN, invoiceCard, watchState } from './bridge/quote-invoice.js';

/** One copyable code value (a tid, an invoice, an address). */
function copyable(value, label, cls = '') {
  return h('span', { class: 'row tight' }, h('code', { class: cls || null, text: String(value) }),
    copyButton(value, t('bridge.copy'), { context: label }));
}

export function mount(section) {
  const form = quoteForm();
  const invoice = invoiceCard();

  const panel = lookupPanel({
    id: 'quote', kind: 'quote', noun: 'quote',
    label: t('bridge.check.label'), placeholder: t('bridge.check.placeholder'), button: t('bridge.check.button'),
    errorId: 'quote-check-error', result: { id: 'quote-detail', class: 'card', testid: 'quote-detail' },
    fetch: (tid) => api.checkQuote(tid),
    render: renderDetail,
  });

  function renderDetail(q) {
    const tid = String(q.tid);
    const w = panel.watch();
    const st = quoteState(q.status);
    const rows = [
      [t('bridge.check.label'), 'tid', copyable(tid, t('bridge.check.tid_context'))],
      [t('bridge.fields.status'), 'status', badge(st.status, st.label)],
      [t('bridge.fields.pay'), 'sending_asset_amount', cryptoAmount(q.sending_asset_amount, q.sending_asset)],
      [t('bridge.fields.delivers'), 'fiat_amount', inr(q.fiat_amount)],
      [t('bridge.fields.to'), 'receiver', destinationText(q)],
      [t('bridge.check.payment_method'), 'payment_method', text(q.payment_method)],
      [t('bridge.fields.refund_wallet'), 'refund_wallet', text(q.refund_wallet)],
      [t('bridge.check.created'), 'created_at', localTime(q.created_at)],
      [t('bridge.fields.expires'), 'expires_at', localTime(q.expires_at)],
      [t('bridge.check.transaction_time'), 'transaction_time', q.transaction_time ? localTime(q.transaction_time) : '—'],
      [t('bridge.check.lightning_invoice'), 'lightning_invoice', q.lightning_invoice
        ? copyable(q.lightning_invoice, t('bridge.check.lightning_invoice'), 'wrap clip') : '—'], // i18n-ignore (CSS classes)
      [t('bridge.check.onchain_address'), 'onchain_address', q.onchain_address
        ? h('span', { class: 'row tight' }, copyable(q.onchain_address, t('bridge.check.onchain_context'), 'wrap'), ` (${text(q.onchain_address_network)})`) : '—'],
    ];
    const ws = watchState(w);
    panel.result.dataset.status = st.status;
    return [
      h('div', { class: 'detail-head' }, h('h2', { text: t('bridge.quote_title', { tid }) }), badge(st.status, st.label)),
      w ? h('p', { class: 'watch-line' }, `${t(w.final ? 'bridge.watch.ended' : 'bridge.watch.live')} `, badge(ws.status, ws.label),
        w.nextCheckAt && !w.final ? ` · ${t('bridge.watch.next_check', { when: relative(w.nextCheckAt) })}` : '') : null,
      st.final && FINAL_TEXT[st.status] ? h('div', { class: `final final-${st.status}`, role: 'status' }, t(FINAL_TEXT[st.status])) : null,
      fieldList(rows),
      h('div', { class: 'row actions' }, panel.againButton('quote-detail-refresh'), st.final ? null : panel.watchButton('quote-watch-start', t('bridge.check.watch_until_done'))),
      allFields(q, SHOWN),
    ];
  }

  section.addEventListener('quote:quoted', () => invoice.clear());
  section.addEventListener('quote:invoice', (e) => invoice.show(e.detail));
  section.addEventListener('quote:new', () => {
    form.reset();
    form.focus();
  });
  section.addEventListener('quote:details', (e) => panel.open(e.detail.tid));

  section.append(
    h('h1', { text: t('bridge.title') }),
    h('p', { class: 'hint' }, ...tn('bridge.intro', {
      upi: term('upi_id'), ninjatag: term('ninjatag', t('bridge.intro_ninjatag')), quote: term('bridge_quote', t('bridge.intro_quote')),
    })),
    h('div', { class: 'bridge-layout' },
      form.formCard,
      h('div', { class: 'bridge-side' },
        form.quoteCard,
        invoice.el,
        h('section', { class: 'card', 'aria-labelledby': 'quote-check-title' },
          h('h2', { id: 'quote-check-title', text: t('bridge.check.heading') }), panel.form, panel.banner),
        panel.result)),
  );

  return {
    update(state) {
      invoice.update(state);
      panel.update(state);
    },
    open: (tid) => panel.open(tid),
  };
}

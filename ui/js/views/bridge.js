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
import { quoteForm } from './bridge/quote-form.js';
import { FINAL_TEXT, SHOWN, invoiceCard, watchState } from './bridge/quote-invoice.js';

/** One copyable code value (a tid, an invoice, an address). */
function copyable(value, label, cls = '') {
  return h('span', { class: 'row tight' }, h('code', { class: cls || null, text: String(value) }),
    copyButton(value, 'Copy', { context: label }));
}

export function mount(section) {
  const form = quoteForm();
  const invoice = invoiceCard();

  const panel = lookupPanel({
    id: 'quote', kind: 'quote', noun: 'quote',
    label: 'Quote tid', placeholder: 'Quote tid, e.g. 198660213997', button: 'Check quote',
    errorId: 'quote-check-error', result: { id: 'quote-detail', class: 'card', testid: 'quote-detail' },
    fetch: (tid) => api.checkQuote(tid),
    render: renderDetail,
  });

  function renderDetail(q) {
    const tid = String(q.tid);
    const w = panel.watch();
    const st = quoteState(q.status);
    const rows = [
      ['Quote tid', 'tid', copyable(tid, 'quote tid')],
      ['Status', 'status', badge(st.status, st.label)],
      ['Pay', 'sending_asset_amount', cryptoAmount(q.sending_asset_amount, q.sending_asset)],
      ['Delivers', 'fiat_amount', inr(q.fiat_amount)],
      ['To', 'receiver', destinationText(q)],
      ['Payment method', 'payment_method', text(q.payment_method)],
      ['Refund wallet', 'refund_wallet', text(q.refund_wallet)],
      ['Created', 'created_at', localTime(q.created_at)],
      ['Expires', 'expires_at', localTime(q.expires_at)],
      ['Transaction time', 'transaction_time', q.transaction_time ? localTime(q.transaction_time) : '—'],
      ['Lightning invoice', 'lightning_invoice', q.lightning_invoice ? copyable(q.lightning_invoice, 'Lightning invoice', 'wrap clip') : '—'],
      ['On-chain address', 'onchain_address', q.onchain_address
        ? h('span', { class: 'row tight' }, copyable(q.onchain_address, 'on-chain address', 'wrap'), ` (${text(q.onchain_address_network)})`) : '—'],
    ];
    const ws = watchState(w);
    panel.result.dataset.status = st.status;
    return [
      h('div', { class: 'detail-head' }, h('h2', { text: `Quote ${tid}` }), badge(st.status, st.label)),
      w ? h('p', { class: 'watch-line' }, w.final ? 'Watch ended: ' : 'Live status: ', badge(ws.status, ws.label),
        w.nextCheckAt && !w.final ? ` · next check ${relative(w.nextCheckAt)}` : '') : null,
      st.final && FINAL_TEXT[st.status] ? h('div', { class: `final final-${st.status}`, role: 'status' }, FINAL_TEXT[st.status]) : null,
      fieldList(rows),
      h('div', { class: 'row actions' }, panel.againButton('quote-detail-refresh'), st.final ? null : panel.watchButton('quote-watch-start', 'Watch until done')),
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
    h('h1', { text: 'Bridge: BTC / USDT → INR over UPI' }),
    h('p', { class: 'hint', text: 'Pay crypto, and Ninjapay sends rupees to any UPI id (or a ninjatag’s linked UPI id). 1) ask for a quote, 2) get the invoice or address and pay it, 3) watch it complete.' }),
    h('div', { class: 'bridge-layout' },
      form.formCard,
      h('div', { class: 'bridge-side' },
        form.quoteCard,
        invoice.el,
        h('section', { class: 'card', 'aria-labelledby': 'quote-check-title' },
          h('h2', { id: 'quote-check-title', text: 'Check a quote' }), panel.form, panel.banner),
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

// After creating a batch: its tid, the static link and every code with its QR code, ready to
// print or share. Emits 'voucher:open' {tid} for the batch's details.
import { fill, h } from '../../dom.js';
import { copyButton, qrCode } from '../../components.js';
import { btcAndSats } from '../../format.js';
import { emit } from '../../actions.js';
import { codesOf, printCards } from './print.js';

/** Fill `card` with the batch `v` (with figures) just made from `req`. */
export function showCreated(card, v, req) {
  const codes = codesOf(v);
  const batch = { ...v, title: v.title ?? req.title, from: v.from ?? req.from, amount: v.amount ?? req.amount };
  const count = v.figures?.count ?? codes.length;
  const openBtn = h('button', { type: 'button', class: 'primary', dataset: { testid: 'voucher-open-detail' } }, 'Open batch details');
  openBtn.addEventListener('click', () => emit(card, 'voucher:open', { tid: v.tid }));
  const printBtn = h('button', { type: 'button', dataset: { testid: 'voucher-print-created' } }, 'Print vouchers');
  printBtn.addEventListener('click', () => printCards(batch, codes));
  const staticUrl = v.voucher_static_url;
  fill(card,
    h('h2', { tabindex: '-1', text: `${count} voucher${count === 1 ? '' : 's'} created` }),
    h('p', {}, 'Batch ', h('span', { class: 'mono', dataset: { testid: 'created-tid' }, text: String(v.tid) }), ' ', copyButton(v.tid, 'Copy tid', { context: 'of the new batch' }),
      ` · ${btcAndSats(batch.amount)} each · total ${btcAndSats(v.figures?.total_value)}`),
    h('div', { class: 'row' }, openBtn, printBtn),
    staticUrl ? h('div', { class: 'static-link' },
      h('h3', { text: 'One link for all vouchers' }),
      h('p', { class: 'hint', text: 'Each Ninjapay user can redeem once through it.' }),
      h('div', { class: 'static-row' }, qrCode(staticUrl, { size: 120, label: 'QR code for the static link' }),
        h('div', {}, h('div', { class: 'mono url', dataset: { testid: 'created-static-url' }, text: staticUrl }), copyButton(staticUrl, 'Copy link', { context: 'for all vouchers' })))) : null,
    h('h3', { text: `Codes (${codes.length})` }),
    h('div', { class: 'created-codes', dataset: { testid: 'created-codes' } },
      ...codes.map(({ code, url }) => h('div', { class: 'created-code', dataset: { code } },
        qrCode(url, { size: 112, label: `QR code for voucher ${code}` }),
        h('div', { class: 'cc-body' },
          h('div', { class: 'mono cc-code', text: code }),
          h('div', { class: 'mono url', text: url }),
          copyButton(url, 'Copy link', { context: `of voucher ${code}` }))))));
  card.hidden = false;
}

// After creating a batch: its tid, the static link and every code with its QR code, ready to
// print or share. Emits 'voucher:open' {tid} for the batch's details.
import { fill, h } from '../../dom.js';
import { t, tn } from '../../i18n.js';
import { copyButton, qrCode } from '../../components.js';
import { btcAndSats } from '../../format.js';
import { emit } from '../../actions.js';
import { codesOf, printCards } from './print.js';

/** Fill `card` with the batch `v` (with figures) just made from `req`. */
export function showCreated(card, v, req) {
  const codes = codesOf(v);
  const batch = { ...v, title: v.title ?? req.title, from: v.from ?? req.from, amount: v.amount ?? req.amount };
  const count = v.figures?.count ?? codes.length;
  const openBtn = h('button', { type: 'button', class: 'primary', dataset: { testid: 'voucher-open-detail' } }, t('vouchers.created.open'));
  openBtn.addEventListener('click', () => emit(card, 'voucher:open', { tid: v.tid }));
  const printBtn = h('button', { type: 'button', dataset: { testid: 'voucher-print-created' } }, t('vouchers.created.print'));
  printBtn.addEventListener('click', () => printCards(batch, codes));
  const staticUrl = v.voucher_static_url;
  fill(card,
    h('h2', { tabindex: '-1', text: t('vouchers.created.heading', { count }) }),
    h('p', {}, tn('vouchers.created.summary', { amount: btcAndSats(batch.amount), total: btcAndSats(v.figures?.total_value),
      tid: h('span', { class: 'mono', dataset: { testid: 'created-tid' }, text: String(v.tid) }),
      copy: copyButton(v.tid, t('vouchers.created.copy_tid'), { context: t('vouchers.created.copy_tid_context') }),
    })),
    h('div', { class: 'row' }, openBtn, printBtn),
    staticUrl ? h('div', { class: 'static-link' },
      h('h3', { text: t('vouchers.created.static_heading') }),
      h('p', { class: 'hint', text: t('vouchers.created.static_hint') }),
      h('div', { class: 'static-row' }, qrCode(staticUrl, { size: 120, label: t('vouchers.created.static_qr') }),
        h('div', {}, h('div', { class: 'mono url', dataset: { testid: 'created-static-url' }, text: staticUrl }), copyButton(staticUrl, t('vouchers.copy_link'), { context: t('vouchers.created.static_context') })))) : null,
    h('h3', { text: t('vouchers.codes_heading', { count: codes.length }) }),
    h('div', { class: 'created-codes', dataset: { testid: 'created-codes' } },
      ...codes.map(({ code, url }) => h('div', { class: 'created-code', dataset: { code } },
        qrCode(url, { size: 112, label: t('vouchers.qr_code', { code }) }),
        h('div', { class: 'cc-body' },
          h('div', { class: 'mono cc-code', text: code }),
          h('div', { class: 'mono url', text: url }),
          copyButton(url, t('vouchers.copy_link'), { context: t('vouchers.created.code_context', { code }) }))))));
  card.hidden = false;
}

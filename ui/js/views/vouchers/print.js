// Printable voucher cards: one per code, with its title, amount, QR code and link.
import { h } from '../../dom.js';
import { t } from '../../i18n.js';
import { qrCode } from '../../components.js';
import { btc, sats } from '../../format.js';

/** One voucher card: title, from, amount, QR and the code's URL. */
function voucherCard(v, { code, url }) {
  return h('article', { class: 'voucher-card', dataset: { code } },
    h('div', { class: 'vc-title', text: v.title || t('vouchers.print.default_title') }),
    v.from ? h('div', { class: 'vc-from', text: t('vouchers.print.from', { from: v.from }) }) : null,
    h('div', { class: 'vc-amount', text: btc(v.amount) }),
    h('div', { class: 'vc-sats', text: sats(v.amount) }),
    qrCode(url, { size: 132, label: t('vouchers.qr_code', { code }) }),
    h('div', { class: 'vc-url mono', text: url }),
    h('div', { class: 'vc-code', text: t('vouchers.print.code', { code }) }));
}

/** Print a card per code ([{code, url}]): builds the sheet, waits for the QR codes, then prints. */
export async function printCards(v, codes) {
  document.querySelector('.print-sheet')?.remove();
  const sheet = h('div', { class: 'print-sheet', dataset: { testid: 'voucher-print-sheet' } },
    ...codes.map((c) => voucherCard(v, c)));
  document.body.append(sheet);
  const until = Date.now() + 4000;
  while (Date.now() < until && sheet.querySelectorAll('.qr svg').length < codes.length) {
    await new Promise((r) => setTimeout(r, 50));
  }
  window.addEventListener('afterprint', () => sheet.remove(), { once: true });
  window.print();
}

/** The batch's codes with their figures: [{...voucher_urls[i], code, redeemed, url}]. */
export function codesOf(v) {
  const figures = v.figures?.codes ?? [];
  return (v.voucher_urls ?? []).map((c, i) => ({ ...c, code: figures[i]?.code ?? '', redeemed: !!figures[i]?.redeemed, url: c.voucher_url }));
}

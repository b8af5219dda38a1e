// Redeem one code of a batch, as a customer would: to a ninjatag or a Lightning invoice. Checked
// with the client's `review`, confirmed, sent once (through the batch's write guard).
import { api } from '../../ipc.js';
import { h } from '../../dom.js';
import { t, tn } from '../../i18n.js';
import { term } from '../../glossary.js';
import { allFields, badge, busy, fieldList, labelled, textInput } from '../../components.js';
import { confirmDialog } from '../../confirm.js';
import { errorBox, showFailure } from '../../error-banner.js';
import { btc, btcAndSats, localTime, text } from '../../format.js';
import { requestFrom, reviewForm } from '../../review.js';

/** What Ninjapay answered to a redeem. */
export function redemption({ code, to, r }) {
  return [
    h('p', { class: 'ok-line' }, badge(r.redeemed ? 'redeemed' : 'failed', t(r.redeemed ? 'vouchers.redeem.redeemed' : 'vouchers.redeem.not_redeemed')), ` ${code} → ${text(r.redeemed_by ?? to)}`),
    fieldList([
      [t('vouchers.redeem.fields.code'), 'voucher_code', r.voucher_code],
      [t('vouchers.redeem.fields.mode'), 'redeemed_mode', r.redeemed_mode],
      [t('vouchers.redeem.fields.paid_to'), 'redeemed_by', r.redeemed_by],
      [t('vouchers.redeem.fields.payment_tid'), 'redeemed_tid', r.redeemed_tid],
      [t('vouchers.redeem.fields.at'), 'redeemed_at', localTime(r.redeemed_at)],
    ]),
    allFields(r, ['voucher_code', 'redeemed', 'redeemed_mode', 'redeemed_by', 'redeemed_tid', 'redeemed_at']),
  ];
}

/**
 * The redeem card for batch `v` (with figures). `openCodes`: the codes not redeemed yet;
 * `guard`: the batch's redeem guard (outcome.js); `last`: the last redeem's answer, shown again;
 * `onRedeemed(answer)` after a redeem went through.
 */
export function redeemCard({ v, openCodes, guard, last, onRedeemed }) {
  const state = v.figures?.state;
  const card = h('section', { class: 'redeem', 'aria-labelledby': 'voucher-redeem-h' });
  const codeSel = h('select', { id: 'voucher-redeem-code', name: 'voucher_code' },
    h('option', { value: '', text: t(openCodes.length ? 'vouchers.redeem.choose_code' : 'vouchers.redeem.no_open_codes') }),
    ...openCodes.map((c) => h('option', { value: c.code, text: c.code })));
  const modeSel = h('select', { id: 'voucher-redeem-mode', name: 'redeem_mode' },
    h('option', { value: 'ninjatag', text: t('vouchers.redeem.to_ninjatag') }),
    h('option', { value: 'invoice', text: t('vouchers.redeem.to_invoice') }));
  const target = textInput('voucher-redeem-to', { name: 'redeem_to', placeholder: '@username' }); // i18n-ignore
  const targetRow = labelled(t('vouchers.redeem.ninjatag'), target, t('vouchers.redeem.ninjatag_hint'));
  modeSel.addEventListener('change', () => {
    const inv = modeSel.value === 'invoice';
    targetRow.querySelector('label').textContent = t(inv ? 'vouchers.redeem.invoice' : 'vouchers.redeem.ninjatag');
    targetRow.querySelector('.hint').textContent = inv ? t('vouchers.redeem.invoice_hint', { amount: btc(v.amount) }) : t('vouchers.redeem.ninjatag_hint');
    target.placeholder = inv ? 'lnbc…' : '@username';
  });
  const submit = h('button', { type: 'submit', class: 'primary', dataset: { testid: 'voucher-redeem-submit' } }, t('vouchers.redeem.submit'));
  const banner = errorBox({ testid: 'voucher-redeem-error' });
  const result = h('div', { class: 'redeem-result', role: 'status', dataset: { testid: 'voucher-redeem-result' } });
  const closed = state !== 'open' || !openCodes.length;
  const form = h('form', { id: 'voucher-redeem-form', novalidate: true },
    labelled(t('vouchers.redeem.code'), codeSel), labelled(t('vouchers.redeem.send_to'), modeSel), targetRow,
    h('div', { class: 'row end' }, submit));
  for (const el of [codeSel, modeSel, target, submit]) el.disabled = closed;
  const fields = { voucher_code: codeSel, redeem_to: target, redeem_mode: modeSel };

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    busy(submit, async () => {
      const request = requestFrom({ voucher_code: codeSel.value, redeem_mode: modeSel.value, redeem_to: target.value });
      if (!(await reviewForm('redeemVoucher', request, { form, fields, banner })).ok) return;
      if (!(await guard.mayRetry())) return;
      const { voucher_code: code, redeem_to: to } = request;
      const ok = await confirmDialog({
        title: t('vouchers.redeem.confirm.title'),
        lines: [
          h('p', {}, tn('vouchers.redeem.confirm.code_of', { code: h('strong', { class: 'mono', text: code }), title: v.title || t('vouchers.untitled_batch') })),
          h('p', { class: 'big-amount', text: btcAndSats(v.amount) }),
          h('p', {}, tn('vouchers.redeem.confirm.goes_to', { to: h('strong', { class: 'mono', text: to.length > 60 ? `${to.slice(0, 48)}…${to.slice(-8)}` : to }) })),
        ],
        confirmLabel: t('vouchers.redeem.confirm.button'),
      });
      if (!ok) return;
      try {
        const r = await guard.run(() => api.redeemVoucher(request), {
          again: t('vouchers.redeem.again', { code, to }),
          retry: t('vouchers.redeem.retry'),
          check: { recheck: { label: t('vouchers.check_again'), run: () => onRedeemed(null) } },
        });
        if (!r.value) return;
        target.value = '';
        const answer = { tid: String(v.tid), code, to, r: r.value };
        result.replaceChildren(...redemption(answer));
        await onRedeemed(answer);
      } catch (err) {
        showFailure(err, { banner, fields });
      }
    });
  });
  if (last) result.replaceChildren(...redemption(last));
  const why = t(`vouchers.redeem.why.${state === 'revoked' || state === 'expired' ? state : 'done'}`);
  card.append(h('h3', { id: 'voucher-redeem-h', text: t('vouchers.redeem.heading') }),
    h('p', { class: 'hint' }, closed ? why : tn('vouchers.redeem.hint', { ninjatag: term('ninjatag') })),
    banner, guard.el, form, result);
  return card;
}

// Redeem one code of a batch, as a customer would: to a ninjatag or a Lightning invoice. Checked
// with the client's `review`, confirmed, sent once (through the batch's write guard).
import { api } from '../../ipc.js';
import { h } from '../../dom.js';
import { allFields, badge, busy, fieldList, labelled, textInput } from '../../components.js';
import { confirmDialog } from '../../confirm.js';
import { errorBox, showFailure } from '../../error-banner.js';
import { btc, btcAndSats, localTime, text } from '../../format.js';
import { requestFrom, reviewForm } from '../../review.js';

/** What Ninjapay answered to a redeem. */
export function redemption({ code, to, r }) {
  return [
    h('p', { class: 'ok-line' }, badge(r.redeemed ? 'redeemed' : 'failed', r.redeemed ? 'Redeemed' : 'Not redeemed'), ` ${code} → ${text(r.redeemed_by ?? to)}`),
    fieldList([
      ['Code', 'voucher_code', r.voucher_code],
      ['Mode', 'redeemed_mode', r.redeemed_mode],
      ['Paid to', 'redeemed_by', r.redeemed_by],
      ['Payment tid', 'redeemed_tid', r.redeemed_tid],
      ['At', 'redeemed_at', localTime(r.redeemed_at)],
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
    h('option', { value: '', text: openCodes.length ? 'Choose a code…' : 'No open codes' }),
    ...openCodes.map((c) => h('option', { value: c.code, text: c.code })));
  const modeSel = h('select', { id: 'voucher-redeem-mode', name: 'redeem_mode' },
    h('option', { value: 'ninjatag', text: 'To a ninjatag' }),
    h('option', { value: 'invoice', text: 'To a Lightning invoice' }));
  const target = textInput('voucher-redeem-to', { name: 'redeem_to', placeholder: '@username' });
  const targetRow = labelled('Ninjatag', target, 'The Ninjapay user who receives the value.');
  modeSel.addEventListener('change', () => {
    const inv = modeSel.value === 'invoice';
    targetRow.querySelector('label').textContent = inv ? 'Lightning invoice' : 'Ninjatag';
    targetRow.querySelector('.hint').textContent = inv ? `A BOLT11 invoice (lnbc…) for ${btc(v.amount)}.` : 'The Ninjapay user who receives the value.';
    target.placeholder = inv ? 'lnbc…' : '@username';
  });
  const submit = h('button', { type: 'submit', class: 'primary', dataset: { testid: 'voucher-redeem-submit' } }, 'Redeem…');
  const banner = errorBox({ testid: 'voucher-redeem-error' });
  const result = h('div', { class: 'redeem-result', role: 'status', dataset: { testid: 'voucher-redeem-result' } });
  const closed = state !== 'open' || !openCodes.length;
  const form = h('form', { id: 'voucher-redeem-form', novalidate: true },
    labelled('Code', codeSel), labelled('Send to', modeSel), targetRow,
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
        title: 'Redeem this voucher?',
        lines: [
          h('p', {}, 'Code ', h('strong', { class: 'mono', text: code }), ` of “${v.title || 'Untitled batch'}”`),
          h('p', { class: 'big-amount', text: btcAndSats(v.amount) }),
          h('p', {}, 'goes to ', h('strong', { class: 'mono', text: to.length > 60 ? `${to.slice(0, 48)}…${to.slice(-8)}` : to }), '. This cannot be undone.'),
        ],
        confirmLabel: 'Redeem',
      });
      if (!ok) return;
      try {
        const r = await guard.run(() => api.redeemVoucher(request), {
          again: `You may already have redeemed code ${code} to ${to}.`,
          retry: 'Redeem again anyway',
          check: { recheck: { label: 'Check the batch again', run: () => onRedeemed(null) } },
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
  const why = { revoked: 'This batch is revoked: its codes cannot be redeemed.', expired: 'This batch has expired.' }[state] ?? 'Every code has been redeemed.';
  card.append(h('h3', { id: 'voucher-redeem-h', text: 'Redeem a code' }),
    h('p', { class: 'hint', text: closed ? why : 'Pay one code out to a ninjatag or a Lightning invoice, as a customer would.' }),
    banner, guard.el, form, result);
  return card;
}

// A new voucher batch: the form, a live total debit as the user types (from the client's
// `review`, never computed here), a confirmation that spells the total out, sent once.
// Emits 'voucher:created' {voucher, request}.
import { api } from '../../ipc.js';
import { h } from '../../dom.js';
import { busy, describedBy, fieldError, labelled } from '../../components.js';
import { confirmDialog } from '../../confirm.js';
import { errorBox, showFailure } from '../../error-banner.js';
import { btc, btcAndSats, satsHint } from '../../format.js';
import { adminKeyNote } from '../../admin-note.js';
import { writeGuard } from '../../outcome.js';
import { liveReview, requestFrom, reviewForm } from '../../review.js';
import { emit } from '../../actions.js';

/** The create card: {card, focus(), update(state)}. */
export function createForm() {
  const input = (name, attrs = {}) => h('input', { id: `voucher-${name.replace(/_/g, '-')}`, name, type: 'text', autocomplete: 'off', ...attrs });
  const f = {
    amount: input('amount', { inputmode: 'decimal', placeholder: '0.0001', spellcheck: 'false' }),
    voucher_count: input('voucher_count', { type: 'number', min: '1', max: '100', step: '1', value: '1', inputmode: 'numeric' }),
    title: input('title', { placeholder: 'Congratulations!', maxlength: '200' }),
    from: input('from', { placeholder: 'Your shop', maxlength: '100' }),
    expiry: input('expiry', { type: 'number', min: '1', step: '1', inputmode: 'numeric', placeholder: 'e.g. 1440 (a day)' }),
    receiver_email: input('receiver_email', { type: 'email', placeholder: 'name@example.com' }),
    unique_design_url: input('unique_design_url', { type: 'url', placeholder: 'https://…/artwork.png', spellcheck: 'false' }),
    callback_url: input('callback_url', { type: 'url', placeholder: 'https://…/webhook', spellcheck: 'false' }),
  };
  // What the user types is echoed beside it (= sats, the total debit): read with the field or
  // the button it describes, not as a live region (it changes with every keystroke).
  const satsNote = h('span', { class: 'sats-live', id: 'voucher-amount-sats', dataset: { testid: 'voucher-amount-sats' } });
  const amountRow = h('div', { class: 'form-row' },
    h('label', { for: f.amount.id, text: 'Amount per voucher (BTC)' }),
    h('div', { class: 'control' }, h('div', { class: 'amount-ctl' }, f.amount, satsNote),
      h('div', { class: 'hint', id: 'voucher-amount-hint', text: 'In BTC, up to 8 decimals (1 sat = 0.00000001 BTC).' })));
  describedBy(f.amount, satsNote.id);
  describedBy(f.amount, 'voucher-amount-hint');
  const emailRow = labelled('Email it to', f.receiver_email, 'Only for a single voucher: Ninjapay emails it to this address.');
  const NO_TOTAL = 'Total debit: shown once the amount, the number of vouchers and the rest of the form are right.';
  const total = h('p', { class: 'total-line', id: 'voucher-total', dataset: { testid: 'voucher-total' }, text: NO_TOTAL });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'voucher-create-submit', dataset: { testid: 'voucher-create-submit' } }, 'Create vouchers…');
  describedBy(submit, total.id);
  const banner = errorBox({ id: 'voucher-create-error', testid: 'voucher-create-error' });
  const keyNote = adminKeyNote('requestVoucher', 'voucher-key-note');
  const guard = writeGuard('voucher-create');
  const form = h('form', { id: 'voucher-create-form', novalidate: true, autocomplete: 'off' },
    h('div', { class: 'create-cols' },
      h('div', {},
        amountRow,
        labelled('Number of vouchers', f.voucher_count, '1 to 100 codes, each worth the amount above.'),
        labelled('Title', f.title, 'Printed on each voucher.'),
        labelled('From', f.from, 'Who the vouchers are from.')),
      h('div', {},
        labelled('Expires after (minutes)', f.expiry, 'Blank: Ninjapay’s default.'),
        emailRow,
        labelled('Design URL', f.unique_design_url, 'Your own artwork, 640×360 px (optional).'),
        labelled('Webhook URL', f.callback_url, 'Called each time a code is redeemed (optional).'))),
    total,
    h('div', { class: 'row end' }, submit));
  const card = h('div', { id: 'voucher-create', class: 'card' },
    h('h2', { text: 'New voucher batch' }), keyNote.el, banner, guard.el, form);

  /** The request as typed (the email only for a single voucher, where the form offers it). */
  const request = () => requestFrom(Object.fromEntries(Object.entries(f).filter(([, el]) => !el.disabled).map(([k, el]) => [k, el.value])));
  const showTotal = (review, r) => {
    total.textContent = review?.total
      ? `Total debit: ${r.voucher_count} × ${btc(r.amount)} = ${btcAndSats(review.total)}`
      : NO_TOTAL;
  };
  const reviewLive = liveReview('requestVoucher', request, showTotal);
  const live = () => {
    const a = f.amount.value.trim();
    satsNote.textContent = satsHint(a) || (a ? 'not a BTC amount' : '');
    const single = f.voucher_count.value.trim() === '1';
    emailRow.hidden = !single;
    f.receiver_email.disabled = !single;
    reviewLive();
  };
  form.addEventListener('input', (e) => {
    // A field being corrected loses its error; the rest stay until the next submit.
    if (e.target?.getAttribute?.('aria-invalid')) fieldError(e.target, null);
    live();
  });
  live();

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    busy(submit, async () => {
      const body = request();
      const { ok, total: debit } = await reviewForm('requestVoucher', body, { form, fields: f, banner });
      if (!ok) return;
      if (!(await guard.mayRetry())) return;
      const count = body.voucher_count;
      const many = count === '1' ? 'voucher' : 'vouchers';
      const confirmed = await confirmDialog({
        title: 'Create these vouchers?',
        lines: [
          `${count} ${many} × ${btcAndSats(body.amount)}`,
          h('p', { class: 'big-amount', dataset: { testid: 'confirm-total' }, text: `Total debit: ${btcAndSats(debit)}` }),
          body.title ? h('p', {}, 'Title: ', h('strong', { text: body.title })) : null,
          body.receiver_email ? `Emailed to ${body.receiver_email}` : null,
          body.expiry ? `Expires after ${body.expiry} minutes.` : null,
          'The total is debited from your Lightning wallet when the batch is created. Anyone holding a code can redeem it until it expires or you revoke the batch.',
        ],
        confirmLabel: `Create and debit ${btc(debit)}`,
      });
      if (!confirmed) return;
      try {
        const r = await guard.run(() => api.requestVoucher(body), {
          again: `You may already have created ${count} ${many} of ${btc(body.amount)} (${btc(debit)} in all).`,
          retry: 'Create again anyway',
          check: { balance: `The API cannot list voucher batches. Compare the wallet balance on Home: a batch created would have debited ${btcAndSats(debit)} (${count} × ${btc(body.amount)}).` },
        });
        if (!r.value) return;
        emit(card, 'voucher:created', { voucher: r.value, request: body });
      } catch (err) {
        showFailure(err, { banner, fields: f });
      }
    });
  });

  return { card, focus: () => f.amount.focus(), update: keyNote.update };
}

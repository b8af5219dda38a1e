// A new voucher batch: the form, a live total debit as the user types (from the client's
// `review`, never computed here), a confirmation that spells the total out, sent once.
// Emits 'voucher:created' {voucher, request}.
import { api } from '../../ipc.js';
import { h } from '../../dom.js';
import { t, tn } from '../../i18n.js';
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
    title: input('title', { placeholder: t('vouchers.create.title_placeholder'), maxlength: '200' }),
    from: input('from', { placeholder: t('vouchers.create.from_placeholder'), maxlength: '100' }),
    expiry: input('expiry', { type: 'number', min: '1', step: '1', inputmode: 'numeric', placeholder: t('vouchers.create.expiry_placeholder') }),
    receiver_email: input('receiver_email', { type: 'email', placeholder: 'name@example.com' }), // i18n-ignore
    unique_design_url: input('unique_design_url', { type: 'url', placeholder: 'https://…/artwork.png', spellcheck: 'false' }), // i18n-ignore
    callback_url: input('callback_url', { type: 'url', placeholder: 'https://…/webhook', spellcheck: 'false' }),
  };
  // What the user types is echoed beside it (= sats, the total debit): read with the field or
  // the button it describes, not as a live region (it changes with every keystroke).
  const satsNote = h('span', { class: 'sats-live', id: 'voucher-amount-sats', dataset: { testid: 'voucher-amount-sats' } });
  const amountRow = h('div', { class: 'form-row' },
    h('label', { for: f.amount.id, text: t('vouchers.create.amount') }),
    h('div', { class: 'control' }, h('div', { class: 'amount-ctl' }, f.amount, satsNote),
      h('div', { class: 'hint', id: 'voucher-amount-hint', text: t('vouchers.create.amount_hint') })));
  describedBy(f.amount, satsNote.id);
  describedBy(f.amount, 'voucher-amount-hint');
  const emailRow = labelled(t('vouchers.create.email'), f.receiver_email, t('vouchers.create.email_hint'));
  const NO_TOTAL = t('vouchers.create.no_total');
  const total = h('p', { class: 'total-line', id: 'voucher-total', dataset: { testid: 'voucher-total' }, text: NO_TOTAL });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'voucher-create-submit', dataset: { testid: 'voucher-create-submit' } }, t('vouchers.create.submit'));
  describedBy(submit, total.id);
  const banner = errorBox({ id: 'voucher-create-error', testid: 'voucher-create-error' });
  const keyNote = adminKeyNote('requestVoucher', 'voucher-key-note');
  const guard = writeGuard('voucher-create');
  const form = h('form', { id: 'voucher-create-form', novalidate: true, autocomplete: 'off' },
    h('div', { class: 'create-cols' },
      h('div', {},
        amountRow,
        labelled(t('vouchers.create.count'), f.voucher_count, t('vouchers.create.count_hint')),
        labelled(t('vouchers.create.title'), f.title, t('vouchers.create.title_hint')),
        labelled(t('vouchers.create.from'), f.from, t('vouchers.create.from_hint'))),
      h('div', {},
        labelled(t('vouchers.create.expiry'), f.expiry, t('vouchers.create.expiry_hint')),
        emailRow,
        labelled(t('vouchers.create.design'), f.unique_design_url, t('vouchers.create.design_hint')),
        labelled(t('vouchers.create.webhook'), f.callback_url, t('vouchers.create.webhook_hint')))),
    total,
    h('div', { class: 'row end' }, submit));
  const card = h('div', { id: 'voucher-create', class: 'card' },
    h('h2', { text: t('vouchers.new_batch') }), keyNote.el, banner, guard.el, form);

  /** The request as typed (the email only for a single voucher, where the form offers it). */
  const request = () => requestFrom(Object.fromEntries(Object.entries(f).filter(([, el]) => !el.disabled).map(([k, el]) => [k, el.value])));
  const showTotal = (review, r) => {
    total.textContent = review?.total
      ? t('vouchers.create.total', { count: r.voucher_count, amount: btc(r.amount), total: btcAndSats(review.total) })
      : NO_TOTAL;
  };
  const reviewLive = liveReview('requestVoucher', request, showTotal);
  const live = () => {
    const a = f.amount.value.trim();
    satsNote.textContent = satsHint(a) || (a ? t('vouchers.create.not_btc') : '');
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
      const confirmed = await confirmDialog({
        title: t('vouchers.create.confirm.title'),
        lines: [
          t('vouchers.create.confirm.each', { count, amount: btcAndSats(body.amount) }),
          h('p', { class: 'big-amount', dataset: { testid: 'confirm-total' }, text: t('vouchers.create.confirm.total', { total: btcAndSats(debit) }) }),
          body.title ? h('p', {}, tn('vouchers.create.confirm.title_line', { title: h('strong', { text: body.title }) })) : null,
          body.receiver_email ? t('vouchers.create.confirm.emailed', { email: body.receiver_email }) : null,
          body.expiry ? t('vouchers.create.confirm.expires', { count: body.expiry }) : null,
          t('vouchers.create.confirm.debit_note'),
        ],
        confirmLabel: t('vouchers.create.confirm.button', { amount: btc(debit) }),
      });
      if (!confirmed) return;
      try {
        const r = await guard.run(() => api.requestVoucher(body), {
          again: t('vouchers.create.again', { count, amount: btc(body.amount), total: btc(debit) }),
          retry: t('vouchers.create.retry'),
          check: { balance: t('vouchers.create.check_balance', { total: btcAndSats(debit), count, amount: btc(body.amount) }) },
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

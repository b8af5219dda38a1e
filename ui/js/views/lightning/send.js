// Lightning (3): send a payment (Admin key) to a BOLT11 invoice, an LNURL or a ninjatag. Review
// shows what would be sent (an invoice is decoded first); a confirmation spells it out; it is
// sent once. Edit anything and the review goes away: what was reviewed is what is sent.
import { api } from '../../ipc.js';
import { fill, h } from '../../dom.js';
import { allFields, busy, clearFieldErrors, describedBy, fieldError, fieldList, labelled, textInput } from '../../components.js';
import { confirmDialog } from '../../confirm.js';
import { errorBanner, errorBox, showFailure } from '../../error-banner.js';
import { btc, isPositiveBtc, localTime, sats, toDate } from '../../format.js';
import { classifyDestination } from '../../bolt11.js';
import { t } from '../../i18n.js';
import { adminKeyNote } from '../../admin-note.js';
import { writeGuard } from '../../outcome.js';
import { requestFrom, reviewForm, showProblems } from '../../review.js';
import { emit } from '../../actions.js';
import { amountRow, currencySelect, fiatRow, mono } from './parts.js';
import { paintStatus } from './payment-status.js';

// What cannot be sent to, by the destination's kind (catalogue keys).
const DEST_ERROR = {
  empty: 'lightning.send.error_empty',
  address: 'lightning.send.error_address',
  unknown: 'lightning.send.error_unknown',
};

/** What the "Pay to" box holds, in words, as the user types. */
function destinationHint(d) {
  return {
    empty: '',
    invoice: d.amountBtc ? t('lightning.send.hint_invoice', { amount: btc(d.amountBtc), network: d.network })
      : t('lightning.send.hint_invoice_no_amount', { network: d.network }),
    lnurl: t('lightning.send.hint_lnurl'),
    ninjatag: t('lightning.send.hint_ninjatag', { tag: d.value }),
    address: t('lightning.send.hint_address'),
    unknown: t('lightning.send.hint_unknown'),
  }[d.kind];
}

export function mount(panelEl) {
  const to = h('textarea', { id: 'ln-send-to', name: 'to', rows: '3', spellcheck: 'false', autocomplete: 'off',
    placeholder: t('lightning.send.to_placeholder'), dataset: { testid: 'ln-send-to' } });
  const toHint = h('div', { id: 'ln-send-to-kind', class: 'hint' });
  describedBy(to, toHint.id);
  const amount = textInput('ln-send-amount', { inputmode: 'decimal', placeholder: t('lightning.send.amount_placeholder'), dataset: { testid: 'ln-send-amount' } });
  const description = textInput('ln-send-description', { placeholder: t('lightning.send.note_placeholder') });
  const customer = textInput('ln-send-customer', { placeholder: t('lightning.optional') });
  const orderId = textInput('ln-send-order-id', { placeholder: t('lightning.reference_placeholder') });
  const fiatValue = textInput('ln-send-fiat-value', { inputmode: 'decimal', placeholder: t('lightning.optional') });
  const fiatCurrency = currencySelect('ln-send-fiat-currency');
  const reviewBtn = h('button', { type: 'submit', class: 'primary', id: 'ln-send-review', dataset: { testid: 'ln-send-review' } }, t('lightning.send.review'));
  const banner = errorBox({ id: 'ln-send-error', testid: 'ln-send-error' });
  const keyNote = adminKeyNote('send', 'ln-send-key-note');
  const guard = writeGuard('ln-send');
  const review = h('div', { id: 'ln-send-review-card', class: 'card review', dataset: { testid: 'ln-send-review-card' }, hidden: true });
  const result = h('div', { id: 'ln-send-result', class: 'card', dataset: { testid: 'ln-send-result' }, hidden: true });
  const placeholder = h('div', { class: 'card hint-card', id: 'ln-send-placeholder' },
    h('h2', { text: t('lightning.send.before_title') }),
    h('p', { class: 'hint', text: t('lightning.send.before_hint') }));
  const form = h('form', { id: 'ln-send-form', class: 'card ln-form', novalidate: true, autocomplete: 'off' },
    h('h2', { text: t('lightning.send.title') }),
    h('p', { class: 'hint', text: t('lightning.send.hint') }),
    keyNote.el, banner, guard.el,
    labelled(t('lightning.send.pay_to'), to), h('div', { class: 'form-row tight' }, h('span'), toHint),
    amountRow(amount, 'ln-send-amount-sats'),
    labelled(t('lightning.fields.note'), description),
    h('details', { class: 'more' }, h('summary', { text: t('lightning.send.more') }),
      labelled(t('lightning.fields.customer_name'), customer),
      labelled(t('lightning.fields.order_id'), orderId),
      fiatRow(fiatValue, fiatCurrency)),
    h('div', { class: 'row end' }, reviewBtn));
  panelEl.append(h('div', { class: 'ln-split' }, form, h('div', {}, review, result, placeholder)));
  // Where each request field's problem is shown.
  const fields = {
    payment_mode: to, ninjatag: to, lightning_invoice: to, lightning_invoice_type: to, amount,
    fiat_value: fiatValue, fiat_currency: fiatCurrency, description, customer_name: customer, order_id: orderId,
  };

  let lastState = null;
  let shown = null; // the sent payment on screen: {payment, fetchedAt, statusEl}

  const syncPlaceholder = () => { placeholder.hidden = !review.hidden || !result.hidden; };
  function hideReview() {
    review.hidden = true;
    fill(review,);
    syncPlaceholder();
  }

  to.addEventListener('input', () => { toHint.textContent = destinationHint(classifyDestination(to.value)); });
  form.addEventListener('input', (e) => {
    if (e.target.getAttribute('aria-invalid')) fieldError(e.target, null);
    hideReview();
  });
  form.addEventListener('change', hideReview);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    busy(reviewBtn, reviewSend);
  });

  /** Check the form, decode an invoice, and show what would be sent. */
  async function reviewSend() {
    clearFieldErrors(form);
    errorBanner(banner, null);
    hideReview();
    const dest = classifyDestination(to.value);
    if (DEST_ERROR[dest.kind]) {
      showProblems([{ field: 'lightning_invoice', message: t(DEST_ERROR[dest.kind]) }], { fields, banner });
      return;
    }
    const typed = amount.value.trim();
    const local = dest.kind === 'invoice' && dest.amountBtc && typed
      ? [{ field: 'amount', message: t('lightning.send.invoice_sets_amount', { amount: btc(dest.amountBtc) }) }] : [];
    const common = {
      description: description.value, customer_name: customer.value, order_id: orderId.value,
      fiat_value: fiatValue.value, fiat_currency: fiatValue.value.trim() ? fiatCurrency.value : '',
    };
    const request = requestFrom(dest.kind === 'ninjatag'
      ? { payment_mode: 'ninjatag', ninjatag: dest.value, amount: typed, ...common }
      : { payment_mode: 'lightning', lightning_invoice: dest.value, lightning_invoice_type: dest.kind, amount: local.length ? '' : typed, ...common });
    if (!(await reviewForm('send', request, { form, fields, banner, extra: local })).ok) return;

    let decoded = null;
    let invoiceAmount = null;
    let toLines;
    if (dest.kind === 'invoice') {
      try {
        decoded = await api.decode(dest.value);
      } catch (e) {
        showFailure(e, { banner, fields: { payreq: to, lightning_invoice: to, invoice: to } });
        return;
      }
      invoiceAmount = isPositiveBtc(decoded.amount) ? String(decoded.amount) : null;
      if (!invoiceAmount && !request.amount) {
        fieldError(amount, t('lightning.send.no_amount'));
        amount.focus();
        return;
      }
      if (invoiceAmount) delete request.amount; // the invoice says how much
      const exp = toDate(decoded.expires_at);
      toLines = [
        [t('lightning.fields.invoice'), 'lightning_invoice', mono(dest.value)],
        [t('lightning.send.it_says'), 'description', decoded.description || t('lightning.send.no_description')],
        [t('lightning.fields.payee'), 'payee', decoded.payee ? mono(decoded.payee) : null],
        [t('lightning.fields.expires'), 'expires_at', exp ? h('span', {}, localTime(exp),
          exp.getTime() < Date.now() ? h('strong', { class: 'bad', text: ` — ${t('lightning.status.expired')}` }) : null) : null],
        [t('lightning.fields.network'), 'network', [decoded.network, dest.network].filter(Boolean).join(' · ')],
      ].filter(([, , val]) => val !== null && val !== '');
    } else {
      toLines = [[t('lightning.fields.to'), 'to', dest.kind === 'ninjatag' ? t('lightning.send.to_ninjatag', { tag: dest.value }) : mono(dest.value)]];
    }
    showReview({ request, dest, decoded, invoiceAmount, toLines, amountBtc: invoiceAmount ?? request.amount });
  }

  function showReview({ request, dest, decoded, invoiceAmount, toLines, amountBtc }) {
    const where = dest.kind === 'ninjatag' ? `@${dest.value}` : `${dest.value.slice(0, 24)}…${dest.value.slice(-8)}`;
    const sendBtn = h('button', { type: 'button', class: 'primary', id: 'ln-send-confirm', dataset: { testid: 'ln-send-confirm' } }, t('lightning.send.send_button', { amount: btc(amountBtc) }));
    const edit = h('button', { type: 'button', id: 'ln-send-edit', onclick: () => { hideReview(); to.focus(); } }, t('lightning.send.edit'));
    const heading = h('h2', { text: t('lightning.send.about_to_send'), tabindex: '-1', id: 'ln-send-review-title' });
    fill(review,
      heading,
      h('div', { class: 'big-amount', dataset: { field: 'amount', testid: 'ln-send-review-amount' }, text: btc(amountBtc) }),
      h('div', { class: 'hint-inline', dataset: { field: 'sats' }, text: sats(amountBtc) }),
      fieldList(toLines),
      decoded ? allFields(decoded, ['amount', 'payreq', 'description', 'payee', 'expires_at', 'network']) : null,
      h('div', { class: 'row end' }, edit, sendBtn));
    review.hidden = false;
    result.hidden = true;
    syncPlaceholder();
    // The heading, not the Send button: a key still held from the form must not reach it.
    heading.focus({ preventScroll: true });
    sendBtn.addEventListener('click', () => busy(sendBtn, async () => {
      if (!(await guard.mayRetry())) return;
      const ok = await confirmDialog({
        title: t('lightning.send.confirm_title', { amount: btc(amountBtc) }),
        lines: [
          h('p', { class: 'big-amount', text: `${btc(amountBtc)} (${sats(amountBtc)})` }),
          dest.kind === 'ninjatag' ? t('lightning.send.confirm_to_ninjatag', { tag: dest.value })
            : t(dest.kind === 'lnurl' ? 'lightning.send.confirm_to_lnurl' : 'lightning.send.confirm_to_invoice', { where }),
          decoded ? t('lightning.send.confirm_for', { description: decoded.description || t('lightning.send.no_description') })
            : (request.description ? t('lightning.send.confirm_note', { note: request.description }) : ''),
          t('lightning.send.confirm_final'),
        ],
        confirmLabel: t('lightning.send.confirm_label', { amount: btc(amountBtc) }),
        danger: true,
      });
      if (ok) await send({ request, amountBtc, dest, where, invoiceAmount });
    }));
  }

  async function send({ request, amountBtc, dest, where, invoiceAmount }) {
    errorBanner(banner, null);
    let r;
    try {
      r = await guard.run(() => api.send(request), {
        again: t('lightning.send.again', { amount: btc(amountBtc), where }),
        retry: t('lightning.send.retry'),
        check: { history: { kind: 'send', request, invoiceAmount } },
      });
    } catch (e) {
      hideReview();
      showFailure(e, { banner, fields: { lightning_invoice: to, ninjatag: to, amount } });
      return;
    }
    hideReview();
    if (r.unknown) return; // the form stays as filled; the guard says what to check
    // Sent: take the destination away so it cannot be paid again by accident.
    const receipt = r.value;
    to.value = '';
    amount.value = '';
    amount.dispatchEvent(new Event('input'));
    toHint.textContent = '';
    showResult(receipt, amountBtc, dest.kind === 'ninjatag' ? `@${dest.value}` : where);
  }

  async function showResult(receipt, amountBtc, toText) {
    const statusEl = h('span', { class: 'status', id: 'ln-send-status', dataset: { testid: 'ln-send-status' } });
    const details = h('div', {});
    const heading = h('h2', { text: t('lightning.send.sent_title'), tabindex: '-1', id: 'ln-send-result-title' });
    const open = h('button', { type: 'button', class: 'link', id: 'ln-send-open', onclick: () => emit(panelEl, 'ln:check', { tid: receipt.tid }) }, t('lightning.open_in_check'));
    fill(result,
      h('div', { class: 'detail-head' }, heading, statusEl),
      h('div', { class: 'big-amount', dataset: { field: 'amount' }, text: btc(amountBtc) }),
      h('div', { class: 'hint-inline', text: sats(amountBtc) }),
      fieldList([
        [t('lightning.fields.tid'), 'tid', mono(receipt.tid, t('lightning.send.tid_context'))],
        [t('lightning.fields.to'), 'to', toText],
        [t('lightning.send.ninjapay_said'), 'message', receipt.message || '—'],
      ]),
      details,
      h('div', { class: 'row' }, open),
      allFields(receipt, ['tid', 'message']));
    result.hidden = false;
    syncPlaceholder();
    const status = receipt.message && /paid/i.test(receipt.message) ? 'paid' : 'pending';
    shown = { payment: { tid: receipt.tid, status }, fetchedAt: Date.now(), statusEl, noteEl: null };
    paintStatus(shown, lastState);
    heading.focus({ preventScroll: true });
    // Read the payment once for its status and fees (a read: safe to repeat).
    try {
      const p = await api.checkPayment(receipt.tid);
      shown.payment = p;
      shown.fetchedAt = Date.now();
      const fee = p.total_fee ?? {};
      const rows = [[t('lightning.fields.network_fee'), 'network_fee', fee.network_fee], [t('lightning.fields.service_fee'), 'service_fee', fee.service_fee]]
        .filter(([, , x]) => x);
      if (rows.length) details.replaceChildren(fieldList(rows));
      paintStatus(shown, lastState);
    } catch {
      // The receipt stands on its own; Check a payment can read it later.
    }
  }

  return {
    /** Put an invoice in "Pay to" (from Decode's "Pay this invoice…"). */
    prefill(invoice) {
      to.value = invoice;
      to.dispatchEvent(new Event('input', { bubbles: true }));
      reviewBtn.focus();
    },
    update(state) {
      lastState = state;
      keyNote.update(state);
      if (shown) paintStatus(shown, state);
    },
  };
}

// Bridge steps 1 and 2: the quote form (how much INR, to which UPI id or ninjatag, paid in BTC
// or USDT) → Request Quote ID → the quote card → after a confirmation, Request Invoice for Quote.
// The client's `review` checks both requests before they are sent. Emits 'quote:invoice'
// {request, payWith, invoice} when there is something to pay.
import { api } from '../../ipc.js';
import { fill, h } from '../../dom.js';
import { allFields, busy, copyButton, describedBy, fieldError, fieldList, labelled } from '../../components.js';
import { confirmDialog } from '../../confirm.js';
import { errorBox, showFailure } from '../../error-banner.js';
import { inr, isDecimal, text } from '../../format.js';
import { DEFAULT_REFUND, PAY_WITH, destinationText } from '../../quote.js';
import { writeGuard } from '../../outcome.js';
import { requestFrom, reviewForm } from '../../review.js';
import { emit } from '../../actions.js';
import { t } from '../../i18n.js';

function select(id, name, options, value) {
  const s = h('select', { id, name });
  for (const [v, label] of options) s.append(h('option', { value: v, selected: v === value }, label));
  return s;
}

/** Rupees as typed ("₹1,23,456.50") → the digits sent ("123456.50"). */
const rupees = (typed) => String(typed ?? '').replace(/[₹,\s]/g, '');

/** The quote form and the quote card: {formCard, quoteCard, reset()}. */
export function quoteForm() {
  const amountIn = h('input', { id: 'quote-fiat-amount', name: 'fiat_amount', type: 'text', inputmode: 'decimal', autocomplete: 'off', placeholder: '1500' });
  const amountHint = h('span', { class: 'hint', id: 'quote-fiat-amount-shown' });
  amountIn.addEventListener('input', () => {
    const v = rupees(amountIn.value);
    amountHint.textContent = isDecimal(v) ? `= ${inr(v)}` : ''; // i18n-ignore (an amount)
  });
  const upiIn = h('input', { id: 'quote-upi', name: 'receiver_upi_id', type: 'text', autocomplete: 'off', spellcheck: 'false', placeholder: 'name@bank' }); // i18n-ignore
  const tagIn = h('input', { id: 'quote-ninjatag', name: 'receiver_ninjatag', type: 'text', autocomplete: 'off', spellcheck: 'false', placeholder: '@ninjatag' }); // i18n-ignore
  const assetIn = select('quote-asset', 'sending_asset', [['btc', 'BTC'], ['usdt', 'USDT']], 'btc'); // i18n-ignore
  const payIn = select('quote-pay-with', 'pay_with', [['lightning', t('bridge.form.pay_lightning')], ['onchain', t('bridge.form.pay_onchain')]], 'lightning');
  const refundIn = select('quote-refund', 'refund_wallet',
    [['lbtc', t('bridge.form.refund_lbtc')], ['btc', t('bridge.form.refund_btc')], ['usdt', t('bridge.form.refund_usdt')]], 'lbtc');
  const cbIn = h('input', { id: 'quote-callback', name: 'callback_url', type: 'url', autocomplete: 'off', placeholder: t('bridge.form.callback_placeholder') });
  let refundTouched = false;
  refundIn.addEventListener('change', () => { refundTouched = true; });
  // What each asset can be paid with is the form's shape (USDT has no Lightning), kept as chosen.
  function syncAsset() {
    const asset = assetIn.value;
    for (const o of payIn.options) o.disabled = !PAY_WITH[asset].includes(o.value);
    if (!PAY_WITH[asset].includes(payIn.value)) payIn.value = PAY_WITH[asset][0];
    if (!refundTouched) refundIn.value = DEFAULT_REFUND[asset];
  }
  assetIn.addEventListener('change', syncAsset);

  const getQuote = h('button', { type: 'submit', class: 'primary', id: 'quote-submit' }, t('bridge.form.submit'));
  const formBanner = errorBox({ id: 'quote-form-error', testid: 'quote-form-error' });
  const quoteGuard = writeGuard('quote');
  const invoiceGuard = writeGuard('quote-invoice');
  const form = h('form', { id: 'quote-form', novalidate: true },
    labelled(t('bridge.form.amount'), amountIn, t('bridge.form.amount_hint')),
    labelled(t('bridge.form.upi'), upiIn, t('bridge.form.upi_hint')),
    labelled(t('bridge.form.ninjatag'), tagIn, t('bridge.form.ninjatag_hint')),
    labelled(t('bridge.fields.pay_in'), assetIn),
    labelled(t('bridge.form.pay_with'), payIn, t('bridge.form.pay_with_hint')),
    labelled(t('bridge.fields.refund_wallet'), refundIn, t('bridge.form.refund_hint')),
    labelled(t('bridge.form.callback'), cbIn, t('bridge.form.callback_hint')),
    h('div', { class: 'row end' }, getQuote));
  amountIn.insertAdjacentElement('afterend', amountHint);
  describedBy(amountIn, amountHint.id);
  form.addEventListener('input', (e) => { if (e.target.getAttribute?.('aria-invalid')) fieldError(e.target, null); });
  const fields = {
    fiat_amount: amountIn, receiver_upi_id: upiIn, receiver_ninjatag: tagIn, payment_mode: upiIn,
    sending_asset: assetIn, refund_wallet: refundIn, callback_url: cbIn,
  };
  const formCard = h('section', { class: 'card', 'aria-labelledby': 'quote-new-title' },
    h('h2', { id: 'quote-new-title', text: t('bridge.form.title') }), formBanner, quoteGuard.el, form);
  const quoteCard = h('section', { class: 'card', id: 'quote-step', dataset: { testid: 'quote-step' }, hidden: true });

  let flow = null; // {request, payWith, quote}

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    busy(getQuote, async () => {
      const upi = upiIn.value.trim();
      const tag = tagIn.value.trim();
      // Which of the two fields names the receiver decides the payment mode.
      const extra = upi && tag ? [{ field: 'receiver_upi_id', message: t('bridge.form.not_both') }] : [];
      const request = requestFrom({
        fiat_amount: rupees(amountIn.value),
        payment_mode: tag && !upi ? 'ninjatag' : 'upi',
        receiver_upi_id: upi,
        receiver_ninjatag: upi ? '' : tag,
        sending_asset: assetIn.value,
        refund_wallet: refundIn.value,
      });
      if (!(await reviewForm('requestQuoteID', request, { form, fields, banner: formBanner, extra })).ok) return;
      if (!(await quoteGuard.mayRetry())) return;
      try {
        const r = await quoteGuard.run(() => api.requestQuoteId(request), {
          again: t('bridge.form.again', { inr: inr(request.fiat_amount), to: destinationText(request) }),
          retry: t('bridge.form.retry'),
          check: { balance: `${t('bridge.unlisted')} ${t('bridge.form.check_balance')}` },
        });
        if (!r.value) return;
        flow = { request, payWith: payIn.value, quote: r.value };
        renderQuote();
        emit(quoteCard, 'quote:quoted');
        // The heading, not "Get invoice…": a key still held from this form must not reach it.
        quoteCard.querySelector('h2')?.focus();
      } catch (err) {
        showFailure(err, { banner: formBanner, fields });
      }
    });
  });

  function renderQuote() {
    const { request, quote, payWith } = flow;
    const asset = request.sending_asset.toUpperCase();
    const go = h('button', { type: 'button', class: 'primary', id: 'quote-invoice-request' }, t('bridge.step.get_invoice'));
    const restart = h('button', { type: 'button', id: 'quote-restart' }, t('bridge.step.start_over'));
    const banner = errorBox({ id: 'quote-step-error' });
    go.addEventListener('click', () => busy(go, () => requestInvoice(banner)));
    restart.addEventListener('click', () => {
      reset();
      amountIn.focus();
    });
    fill(quoteCard,
      h('h2', { tabindex: '-1', text: t('bridge.step.title', { inr: inr(request.fiat_amount), to: destinationText(request) }) }),
      fieldList([
        [t('bridge.step.quote_id'), 'quote_id', h('span', { class: 'row tight' }, h('code', { class: 'wrap', text: text(quote.quote_id) }),
          copyButton(quote.quote_id, t('bridge.copy'), { context: t('bridge.step.quote_id_context') }))],
        [t('bridge.fields.delivers'), 'fiat_amount', inr(request.fiat_amount)],
        [t('bridge.fields.to'), 'receiver', destinationText(request)],
        [t('bridge.step.linked_upi'), 'linked_upi_id', text(quote.linked_upi_id)],
        [t('bridge.fields.pay_in'), 'sending_asset', `${asset} · ${t(payWith === 'lightning' ? 'bridge.step.lightning' : 'bridge.step.onchain')}`],
        [t('bridge.fields.refund_wallet'), 'refund_wallet', request.refund_wallet],
      ]),
      allFields(quote, ['quote_id', 'linked_upi_id']),
      h('p', { class: 'hint', text: t('bridge.step.rate_hint', { asset }) }),
      banner, invoiceGuard.el,
      h('div', { class: 'row end' }, restart, go),
    );
    quoteCard.hidden = false;
  }

  async function requestInvoice(banner) {
    if (!flow) return;
    const { request, payWith, quote } = flow;
    const asset = request.sending_asset.toUpperCase();
    // The callback URL is the form's; it is checked with the request it goes in.
    const body = requestFrom({ quote_id: quote.quote_id, callback_url: cbIn.value });
    if (!(await reviewForm('requestQuote', body, { form, fields: { callback_url: cbIn }, banner })).ok) return;
    if (!(await invoiceGuard.mayRetry())) return;
    const ok = await confirmDialog({
      title: t('bridge.confirm.title', { inr: inr(request.fiat_amount) }),
      lines: [
        h('p', { class: 'big-amount', text: `${inr(request.fiat_amount)} → ${destinationText(request)}` }),
        t(payWith === 'lightning' ? 'bridge.confirm.pay_lightning' : 'bridge.confirm.pay_onchain', { asset, inr: inr(request.fiat_amount), to: destinationText(request) }),
        t('bridge.confirm.rate', { asset }),
        t('bridge.confirm.refund', { asset, wallet: request.refund_wallet, quote: quote.quote_id }),
      ],
      confirmLabel: t('bridge.confirm.label'),
    });
    if (!ok) return;
    try {
      const r = await invoiceGuard.run(() => api.requestQuote(body), {
        again: t('bridge.confirm.again', { quote: quote.quote_id }),
        retry: t('bridge.confirm.retry'),
        check: { balance: `${t('bridge.unlisted')} ${t('bridge.confirm.check_balance')}` },
      });
      if (!r.value) return;
      const inv = r.value;
      quoteCard.hidden = true;
      emit(quoteCard, 'quote:invoice', { request, payWith, invoice: inv });
      flow = null;
    } catch (err) {
      showFailure(err, { banner, fields: {} });
    }
  }

  /** Back to an empty step 2 (the form keeps its values). */
  function reset() {
    flow = null;
    quoteCard.hidden = true;
    fill(quoteCard);
  }

  syncAsset();
  return { formCard, quoteCard, reset, focus: () => amountIn.focus() };
}

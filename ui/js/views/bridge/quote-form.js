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

const QUOTES_UNLISTED = 'The API cannot list quotes, so it cannot say whether one was made.';

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
    amountHint.textContent = isDecimal(v) ? `= ${inr(v)}` : '';
  });
  const upiIn = h('input', { id: 'quote-upi', name: 'receiver_upi_id', type: 'text', autocomplete: 'off', spellcheck: 'false', placeholder: 'name@bank' });
  const tagIn = h('input', { id: 'quote-ninjatag', name: 'receiver_ninjatag', type: 'text', autocomplete: 'off', spellcheck: 'false', placeholder: '@ninjatag' });
  const assetIn = select('quote-asset', 'sending_asset', [['btc', 'BTC'], ['usdt', 'USDT']], 'btc');
  const payIn = select('quote-pay-with', 'pay_with', [['lightning', 'Lightning (invoice)'], ['onchain', 'On-chain (address)']], 'lightning');
  const refundIn = select('quote-refund', 'refund_wallet', [['lbtc', 'lbtc — Lightning BTC wallet'], ['btc', 'btc — on-chain BTC wallet'], ['usdt', 'usdt — USDT wallet']], 'lbtc');
  const cbIn = h('input', { id: 'quote-callback', name: 'callback_url', type: 'url', autocomplete: 'off', placeholder: 'https://your-shop.example/webhook (optional)' });
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

  const getQuote = h('button', { type: 'submit', class: 'primary', id: 'quote-submit' }, 'Get quote');
  const formBanner = errorBox({ id: 'quote-form-error', testid: 'quote-form-error' });
  const quoteGuard = writeGuard('quote');
  const invoiceGuard = writeGuard('quote-invoice');
  const form = h('form', { id: 'quote-form', novalidate: true },
    labelled('Amount to deliver (INR)', amountIn, 'Up to ₹97,000 per quote; paise allowed (2 decimals).'),
    labelled('Receiver UPI id', upiIn, 'Where the INR goes, e.g. shop@okaxis …'),
    labelled('…or receiver ninjatag', tagIn, '… or a Ninjapay user (paid to their linked UPI id). One of the two.'),
    labelled('You pay in', assetIn),
    labelled('Pay with', payIn, 'BTC: Lightning invoice or on-chain address. USDT: on-chain only (ERC20/BEP20…).'),
    labelled('Refund wallet', refundIn, 'If the UPI transfer fails, the crypto is refunded here.'),
    labelled('Callback URL', cbIn, 'Ninjapay calls it when the INR is delivered.'),
    h('div', { class: 'row end' }, getQuote));
  amountIn.insertAdjacentElement('afterend', amountHint);
  describedBy(amountIn, amountHint.id);
  form.addEventListener('input', (e) => { if (e.target.getAttribute?.('aria-invalid')) fieldError(e.target, null); });
  const fields = {
    fiat_amount: amountIn, receiver_upi_id: upiIn, receiver_ninjatag: tagIn, payment_mode: upiIn,
    sending_asset: assetIn, refund_wallet: refundIn, callback_url: cbIn,
  };
  const formCard = h('section', { class: 'card', 'aria-labelledby': 'quote-new-title' },
    h('h2', { id: 'quote-new-title', text: '1. Quote' }), formBanner, quoteGuard.el, form);
  const quoteCard = h('section', { class: 'card', id: 'quote-step', dataset: { testid: 'quote-step' }, hidden: true });

  let flow = null; // {request, payWith, quote}

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    busy(getQuote, async () => {
      const upi = upiIn.value.trim();
      const tag = tagIn.value.trim();
      // Which of the two fields names the receiver decides the payment mode.
      const extra = upi && tag ? [{ field: 'receiver_upi_id', message: 'Give a UPI id or a ninjatag, not both.' }] : [];
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
          again: `You may already have asked for a quote for ${inr(request.fiat_amount)} to ${destinationText(request)}.`,
          retry: 'Ask again anyway',
          check: { balance: `${QUOTES_UNLISTED} A quote id moves no money by itself: nothing leaves your wallet until a quote's invoice is paid.` },
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
    const go = h('button', { type: 'button', class: 'primary', id: 'quote-invoice-request' }, 'Get invoice…');
    const restart = h('button', { type: 'button', id: 'quote-restart' }, 'Start over');
    const banner = errorBox({ id: 'quote-step-error' });
    go.addEventListener('click', () => busy(go, () => requestInvoice(banner)));
    restart.addEventListener('click', () => {
      reset();
      amountIn.focus();
    });
    fill(quoteCard,
      h('h2', { tabindex: '-1', text: `Quote: ${inr(request.fiat_amount)} to ${destinationText(request)}` }),
      fieldList([
        ['Quote id', 'quote_id', h('span', { class: 'row tight' }, h('code', { class: 'wrap', text: text(quote.quote_id) }), copyButton(quote.quote_id, 'Copy', { context: 'quote id' }))],
        ['Delivers', 'fiat_amount', inr(request.fiat_amount)],
        ['To', 'receiver', destinationText(request)],
        ['Linked UPI id', 'linked_upi_id', text(quote.linked_upi_id)],
        ['You pay in', 'sending_asset', `${asset} · ${payWith === 'lightning' ? 'Lightning' : 'on-chain'}`],
        ['Refund wallet', 'refund_wallet', request.refund_wallet],
      ]),
      allFields(quote, ['quote_id', 'linked_upi_id']),
      h('p', { class: 'hint', text: `Ninjapay sets the ${asset} amount at its own rate when it makes the invoice (step 2); the quote then expires, so pay promptly.` }),
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
      title: `Create the invoice to send ${inr(request.fiat_amount)}?`,
      lines: [
        h('p', { class: 'big-amount', text: `${inr(request.fiat_amount)} → ${destinationText(request)}` }),
        `You will pay ${asset} ${payWith === 'lightning' ? 'over Lightning' : 'on-chain'} to deliver ${inr(request.fiat_amount)} to ${destinationText(request)}.`,
        `Ninjapay fixes the exact ${asset} amount (at its rate) in the invoice; you see it before you pay, and nothing leaves your wallet until you pay it.`,
        `If the UPI transfer fails, the ${asset} is refunded to your ${request.refund_wallet} wallet. Quote id ${quote.quote_id} can be used once.`,
      ],
      confirmLabel: 'Create invoice',
    });
    if (!ok) return;
    try {
      const r = await invoiceGuard.run(() => api.requestQuote(body), {
        again: `You may already have created the invoice for quote ${quote.quote_id}.`,
        retry: 'Create again anyway',
        check: { balance: `${QUOTES_UNLISTED} An invoice costs nothing until it is paid: never pay one you did not see here.` },
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

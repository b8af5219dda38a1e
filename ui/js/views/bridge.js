// Bridge (Fiat x Web3, NinjaUPI): pay BTC or USDT so that INR lands on a UPI id or ninjatag.
// Step 1 Request Quote ID (the amount and where it goes) → step 2, after a confirmation,
// Request Invoice for Quote (what to pay: a Lightning invoice or an on-chain address, with an
// expiry) → Rust watches the quote until it completes, fails, is refunded or expires; the live
// status comes from state.watches. Plus: check any quote by tid.
import { api, openUrl } from '../ipc.js';
import { fill, h } from '../dom.js';
import {
  allFields, badge, busy, clearFieldErrors, confirmDialog, copyButton, explain, fieldError, fieldList,
  labelled, lookupForm, qrCode, showBanner, showFailure,
} from '../components.js';
import { countdown, inr, localTime, relative, text } from '../format.js';
import {
  DEFAULT_REFUND, PAY_WITH, checkInr, cryptoAmount, destinationText, payPhrase, quoteState, secondsLeft,
  validateQuoteForm,
} from '../bridge-form.js';
import { remember as rememberTid } from '../actions.js';

const SHOWN = [
  'tid', 'status', 'created_at', 'sending_asset', 'sending_asset_amount', 'fiat_amount', 'payment_method',
  'lightning_invoice', 'onchain_address', 'onchain_address_network', 'expires_at', 'receiver_upi_id',
  'receiver_ninjatag', 'refund_wallet', 'transaction_time', 'callback_url',
];

const FINAL_TEXT = {
  completed: 'Completed: the INR was sent to the receiver.',
  failed: 'Failed: the INR was not sent. Check the quote below and request a new one.',
  refunded: 'Refunded: the UPI transfer failed and the crypto went back to your refund wallet.',
  expired: 'Expired: the quote was not paid in time. Do not pay this invoice; request a new quote.',
};

function findWatch(state, kind, tid) {
  let found = null;
  for (const w of state?.watches?.values?.() ?? []) {
    if (w.kind === kind && String(w.tid) === String(tid) && (!found || w.startedAt > found.startedAt)) found = w;
  }
  return found;
}

/** A watch's status as a quote state (the watcher says success for a completed quote). */
function watchState(w) {
  if (!w) return null;
  if (w.status === 'stillPending') return { status: 'still_pending', label: 'Still pending after 10 minutes', final: false };
  if (w.status === 'error') return { status: 'error', label: 'Could not be checked', final: false };
  if (w.status === 'stopped') return { status: 'stopped', label: 'No longer watched', final: false };
  return quoteState(w.status);
}

/** The fields of `o` that have a value (so a null from the server does not hide what was asked). */
function present(o) {
  return Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== null && v !== undefined && v !== ''));
}

function select(id, name, options, value) {
  const s = h('select', { id, name });
  for (const [v, label] of options) s.append(h('option', { value: v, selected: v === value }, label));
  return s;
}

export function mount(section, ctx) {
  let lastState = ctx?.state ?? null;

  // ---- step 1: the quote form ----------------------------------------------------------------
  const amountIn = h('input', { id: 'quote-fiat-amount', name: 'fiat_amount', type: 'text', inputmode: 'decimal', autocomplete: 'off', placeholder: '1500' });
  const amountHint = h('span', { class: 'hint', id: 'quote-fiat-amount-shown', 'aria-live': 'polite' });
  amountIn.addEventListener('input', () => {
    const r = checkInr(amountIn.value);
    amountHint.textContent = r.value ? `= ${inr(r.value)}` : '';
  });
  const upiIn = h('input', { id: 'quote-upi', name: 'receiver_upi_id', type: 'text', autocomplete: 'off', spellcheck: 'false', placeholder: 'name@bank' });
  const tagIn = h('input', { id: 'quote-ninjatag', name: 'receiver_ninjatag', type: 'text', autocomplete: 'off', spellcheck: 'false', placeholder: '@ninjatag' });
  const assetIn = select('quote-asset', 'sending_asset', [['btc', 'BTC'], ['usdt', 'USDT']], 'btc');
  const payIn = select('quote-pay-with', 'pay_with', [['lightning', 'Lightning (invoice)'], ['onchain', 'On-chain (address)']], 'lightning');
  const refundIn = select('quote-refund', 'refund_wallet', [['lbtc', 'lbtc — Lightning BTC wallet'], ['btc', 'btc — on-chain BTC wallet'], ['usdt', 'usdt — USDT wallet']], 'lbtc');
  const cbIn = h('input', { id: 'quote-callback', name: 'callback_url', type: 'url', autocomplete: 'off', placeholder: 'https://your-shop.example/webhook (optional)' });
  let refundTouched = false;
  refundIn.addEventListener('change', () => { refundTouched = true; });
  function syncAsset() {
    const asset = assetIn.value;
    for (const o of payIn.options) o.disabled = !PAY_WITH[asset].includes(o.value);
    if (!PAY_WITH[asset].includes(payIn.value)) payIn.value = PAY_WITH[asset][0];
    if (!refundTouched) refundIn.value = DEFAULT_REFUND[asset];
  }
  assetIn.addEventListener('change', syncAsset);

  const getQuote = h('button', { type: 'submit', class: 'primary', id: 'quote-submit' }, 'Get quote');
  const formBanner = h('div', { class: 'error', id: 'quote-form-error', role: 'alert', tabindex: '-1', hidden: true });
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
  const fields = {
    fiat_amount: amountIn, receiver_upi_id: upiIn, receiver_ninjatag: tagIn, sending_asset: assetIn,
    pay_with: payIn, refund_wallet: refundIn, callback_url: cbIn, quote_id: getQuote,
  };

  // The flow's state: step 'form' → 'quoted' (have a quote id) → 'invoice' (have something to pay).
  let flow = null; // {request, payWith, callbackUrl, quote: {quote_id, linked_upi_id}, invoice}
  const quoteCard = h('section', { class: 'card', id: 'quote-step', dataset: { testid: 'quote-step' }, hidden: true });
  const invoiceCard = h('section', { class: 'card', id: 'quote-invoice', dataset: { testid: 'quote-invoice' }, hidden: true });
  let timer = null;
  let invoiceSeen = null; // what the invoice card was last drawn for (status, final)
  let invWatchSeen = null; // what its watch line was last drawn for (each check)
  const invWatchBox = h('div', { id: 'quote-watch-box' });
  const invoiceKey = (w) => (w ? `${w.status}|${w.final}` : null);
  const watchLineKey = (w) => (w ? `${w.attempt}|${w.lastCheckedAt}|${w.nextCheckAt}|${w.rawStatus}|${w.error?.message}|${w.delayed}` : null);
  // Only the line is redrawn on each check, so the QR and the countdown stay put.
  const quoteWatchLine = (w) => h('p', { class: 'watch-line', dataset: { testid: 'quote-watch' } },
    w ? (w.final ? 'Watch ended: ' : 'Watching this quote: ') : 'Watching starts in a moment: ',
    w?.lastCheckedAt ? `last checked ${relative(w.lastCheckedAt)}` : 'first check 20–25 s after it was made',
    w?.nextCheckAt && !w.final ? ` · next ${relative(w.nextCheckAt)}` : '',
    w?.error ? ` · last check failed: ${w.error.message}` : '',
    w?.delayed ? ` · ${w.delayed}` : '');

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (getQuote.disabled) return;
    clearFieldErrors(form);
    showBanner(formBanner, null);
    const values = Object.fromEntries(Object.entries(fields).filter(([k]) => k !== 'quote_id').map(([k, el]) => [k, el.value]));
    const r = validateQuoteForm(values);
    const bad = Object.keys(r.errors);
    if (bad.length) {
      for (const k of bad) fieldError(fields[k], r.errors[k]);
      fields[bad[0]].focus();
      return;
    }
    await busy(getQuote, async () => {
      try {
        const quote = await api.requestQuoteId(r.request);
        stopTimer();
        flow = { request: r.request, payWith: r.payWith, callbackUrl: r.callbackUrl, quote, invoice: null };
        renderQuote();
        invoiceCard.hidden = true;
        fill(invoiceCard);
        quoteCard.querySelector('button.primary')?.focus();
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
    const banner = h('div', { class: 'error', id: 'quote-step-error', role: 'alert', tabindex: '-1', hidden: true });
    go.addEventListener('click', () => requestInvoice(go, banner));
    restart.addEventListener('click', () => {
      flow = null;
      stopTimer();
      quoteCard.hidden = true;
      invoiceCard.hidden = true;
      amountIn.focus();
    });
    fill(quoteCard,
      h('h2', { text: `Quote: ${inr(request.fiat_amount)} to ${destinationText(request)}` }),
      fieldList([
        ['Quote id', 'quote_id', h('span', { class: 'row tight' }, h('code', { class: 'wrap', text: text(quote.quote_id) }), copyButton(quote.quote_id, 'Copy', { 'aria-label': 'Copy quote id' }))],
        ['Delivers', 'fiat_amount', inr(request.fiat_amount)],
        ['To', 'receiver', destinationText(request)],
        ['Linked UPI id', 'linked_upi_id', text(quote.linked_upi_id)],
        ['You pay in', 'sending_asset', `${asset} · ${payWith === 'lightning' ? 'Lightning' : 'on-chain'}`],
        ['Refund wallet', 'refund_wallet', request.refund_wallet],
      ]),
      allFields(quote, ['quote_id', 'linked_upi_id']),
      h('p', { class: 'hint', text: `Ninjapay sets the ${asset} amount at its own rate when it makes the invoice (step 2); the quote then expires, so pay promptly.` }),
      banner,
      h('div', { class: 'row end' }, restart, go),
    );
    quoteCard.hidden = false;
  }

  async function requestInvoice(btn, banner) {
    if (!flow || flow.invoice || btn.disabled) return;
    const { request, payWith, callbackUrl, quote } = flow;
    const asset = request.sending_asset.toUpperCase();
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
    await busy(btn, async () => {
      showBanner(banner, null);
      try {
        const body = { quote_id: quote.quote_id };
        if (callbackUrl) body.callback_url = callbackUrl;
        const inv = await api.requestQuote(body);
        flow.invoice = inv;
        rememberTid('quote', inv.tid, `${inr(inv.fiat_amount ?? request.fiat_amount)} to ${destinationText({ ...request, ...present(inv) })}`, 'created');
        quoteCard.hidden = true;
        renderInvoice();
        startTimer();
        invoiceCard.querySelector('h2')?.focus?.();
      } catch (err) {
        showFailure(err, { banner, fields: {} });
      }
    });
  }

  function payBlock(inv, payWith) {
    const hasLn = Boolean(inv.lightning_invoice);
    const hasChain = Boolean(inv.onchain_address);
    const useLn = hasLn && (payWith === 'lightning' || !hasChain);
    const asset = String(inv.sending_asset ?? '').toLowerCase();
    const box = h('div', { class: 'pay-box', id: 'quote-pay', dataset: { method: useLn ? 'lightning' : 'onchain' } });
    if (useLn) {
      const uri = `lightning:${inv.lightning_invoice}`;
      const link = h('a', { href: uri, id: 'quote-lightning-link', dataset: { testid: 'quote-lightning-link' } }, 'Open in a Lightning wallet');
      link.addEventListener('click', (e) => {
        e.preventDefault();
        Promise.resolve(openUrl(uri)).catch(() => { link.textContent = 'No Lightning wallet opened: copy the invoice instead'; });
      });
      box.append(
        qrCode(uri, { size: 200, label: 'QR code of the Lightning invoice' }),
        h('div', { class: 'pay-targets' },
          h('div', { class: 'hint', text: 'Lightning invoice (BOLT11)' }),
          h('code', { class: 'wrap', id: 'quote-payreq', text: inv.lightning_invoice }),
          h('div', { class: 'row tight' }, copyButton(inv.lightning_invoice, 'Copy invoice', { id: 'quote-copy-invoice' }), link)));
    } else if (hasChain) {
      const net = text(inv.onchain_address_network);
      const qrValue = asset === 'btc' && /^btc$/i.test(net) && inv.sending_asset_amount
        ? `bitcoin:${inv.onchain_address}?amount=${inv.sending_asset_amount}` : inv.onchain_address;
      box.append(
        qrCode(qrValue, { size: 200, label: 'QR code of the on-chain address' }),
        h('div', { class: 'pay-targets' },
          h('div', { class: 'hint', text: `On-chain address · network ${net}` }),
          h('code', { class: 'wrap', id: 'quote-address', text: inv.onchain_address }),
          h('p', { class: 'warn-line', text: `Send ${asset.toUpperCase()} on the ${net} network only.` }),
          h('div', { class: 'row tight' }, copyButton(inv.onchain_address, 'Copy address', { id: 'quote-copy-address' }))));
    } else {
      box.append(h('p', { class: 'error', text: 'Ninjapay returned nothing to pay (no invoice, no address).' }));
    }
    const other = useLn ? (hasChain ? 'onchain' : null) : (hasLn ? 'lightning' : null);
    if (other) {
      const sw = h('button', { type: 'button', class: 'link', id: 'quote-switch' }, other === 'lightning' ? 'Pay over Lightning instead' : 'Pay on-chain instead');
      sw.addEventListener('click', () => { flow.payWith = other; renderInvoice(); });
      box.append(h('div', { class: 'switch' }, sw));
    }
    return box;
  }

  function renderInvoice() {
    if (!flow?.invoice) return;
    const inv = flow.invoice;
    const tid = String(inv.tid);
    const w = findWatch(lastState, 'quote', tid);
    invoiceSeen = invoiceKey(w);
    invWatchSeen = watchLineKey(w);
    fill(invWatchBox, quoteWatchLine(w));
    const st = watchState(w) ?? { status: 'pending', label: 'Pending — waiting for payment', final: false };
    const final = Boolean(w?.final && FINAL_TEXT[st.status]);
    if (final) stopTimer();
    const checkNow = h('button', { type: 'button', id: 'quote-check-now' }, w && !w.final ? 'Check now' : 'Show full details');
    checkNow.addEventListener('click', () => busy(checkNow, async () => {
      try {
        if (w && !w.final) await api.watchCheckNow(w.id);
        else await checkQuote(tid);
      } catch (e) {
        showBanner(invBanner, e);
      }
    }));
    const invBanner = h('div', { class: 'error', role: 'alert', hidden: true });
    // Watching ended without a final state (still pending after 10 minutes, an error, stopped).
    let again = null;
    if (w?.final && !final) {
      again = h('button', { type: 'button', id: 'quote-watch-again' }, 'Watch again');
      again.addEventListener('click', () => busy(again, async () => {
        try {
          await api.watchAgain(w.id);
        } catch (e) {
          showBanner(invBanner, e);
        }
      }));
    }
    const newQuote = h('button', { type: 'button', id: 'quote-new' }, 'New quote');
    newQuote.addEventListener('click', () => {
      flow = null;
      stopTimer();
      invoiceCard.hidden = true;
      amountIn.focus();
    });
    fill(invoiceCard,
      h('div', { class: 'detail-head' },
        h('h2', { tabindex: '-1', text: `Quote ${tid}` }),
        h('span', { id: 'quote-status', dataset: { testid: 'quote-status', status: st.status } }, badge(st.status, st.label))),
      h('p', { class: 'big-amount', id: 'quote-pay-phrase', text: payPhrase({ ...flow.request, ...present(inv) }) }),
      final
        ? h('div', { class: `final final-${st.status}`, id: 'quote-final', role: 'status', dataset: { testid: 'quote-final', status: st.status } }, FINAL_TEXT[st.status])
        : h('div', { class: 'row tight' },
          h('span', { class: 'countdown', id: 'quote-countdown', dataset: { testid: 'quote-countdown' }, 'aria-live': 'off' }, countdownText(inv.expires_at)),
          h('span', { class: 'hint', text: inv.expires_at ? `until ${localTime(inv.expires_at)}` : '' })),
      final ? null : payBlock(inv, flow.payWith),
      invWatchBox,
      invBanner,
      fieldList([
        ['Pay', 'sending_asset_amount', cryptoAmount(inv.sending_asset_amount, inv.sending_asset)],
        ['Delivers', 'fiat_amount', inr(inv.fiat_amount)],
        ['To', 'receiver', destinationText({ ...flow.request, ...present(inv) })],
        ['Refund wallet', 'refund_wallet', flow.request.refund_wallet],
        ['Expires', 'expires_at', localTime(inv.expires_at)],
      ]),
      allFields(inv, SHOWN),
      h('div', { class: 'row end' }, newQuote, again, checkNow),
    );
    invoiceCard.dataset.status = st.status;
    invoiceCard.hidden = false;
  }

  function countdownText(expiresAt) {
    const left = secondsLeft(expiresAt);
    if (left === null) return 'No expiry given';
    return left > 0 ? `Expires in ${countdown(left)}` : 'Expired — do not pay; request a new quote';
  }

  function startTimer() {
    stopTimer();
    timer = setInterval(() => {
      const el = invoiceCard.querySelector('#quote-countdown');
      if (!el || !flow?.invoice) return;
      const left = secondsLeft(flow.invoice.expires_at);
      el.textContent = countdownText(flow.invoice.expires_at);
      el.dataset.left = String(left ?? '');
      el.classList.toggle('urgent', left !== null && left <= 60);
    }, 1000);
  }
  function stopTimer() {
    if (timer) clearInterval(timer);
    timer = null;
  }

  // ---- check a quote by tid ---------------------------------------------------------------
  const checkBanner = h('div', { class: 'error', id: 'quote-check-error', role: 'alert', tabindex: '-1', hidden: true });
  const detail = h('div', { class: 'card', id: 'quote-detail', dataset: { testid: 'quote-detail' }, hidden: true });
  const lookup = lookupForm({
    id: 'quote', label: 'Quote tid', placeholder: 'Quote tid, e.g. 198660213997', button: 'Check quote',
    onLookup: (tid) => checkQuote(tid, true),
  });
  let shown = null;
  let shownSeen = null;

  async function checkQuote(tid, remember = false) {
    fieldError(lookup.input, null);
    showBanner(checkBanner, null);
    try {
      const q = await api.checkQuote(tid);
      shown = q;
      renderDetail();
      if (remember) {
        rememberTid('quote', q.tid ?? tid, `${inr(q.fiat_amount)} to ${destinationText(q)}`);
      }
    } catch (e) {
      if (e.code === 'validation') {
        fieldError(lookup.input, explain(e));
      } else {
        showBanner(checkBanner, e);
        if (e.code === 'not_found') checkBanner.textContent = `No quote with tid “${tid}”. (Ninjapay said: ${e.message})`;
      }
      shown = null;
      detail.hidden = true;
      fill(detail);
    }
  }

  function renderDetail() {
    const q = shown;
    if (!q) return;
    const tid = String(q.tid);
    const w = findWatch(lastState, 'quote', tid);
    shownSeen = w ? `${w.status}|${w.rawStatus}` : null;
    const st = quoteState(q.status);
    const rows = [
      ['Quote tid', 'tid', h('span', { class: 'row tight' }, h('code', { text: tid }), copyButton(tid, 'Copy', { 'aria-label': 'Copy quote tid' }))],
      ['Status', 'status', badge(st.status, st.label)],
      ['Pay', 'sending_asset_amount', cryptoAmount(q.sending_asset_amount, q.sending_asset)],
      ['Delivers', 'fiat_amount', inr(q.fiat_amount)],
      ['To', 'receiver', destinationText(q)],
      ['Payment method', 'payment_method', text(q.payment_method)],
      ['Refund wallet', 'refund_wallet', text(q.refund_wallet)],
      ['Created', 'created_at', localTime(q.created_at)],
      ['Expires', 'expires_at', localTime(q.expires_at)],
      ['Transaction time', 'transaction_time', q.transaction_time ? localTime(q.transaction_time) : '—'],
      ['Lightning invoice', 'lightning_invoice', q.lightning_invoice ? h('span', { class: 'row tight' }, h('code', { class: 'wrap clip', text: q.lightning_invoice }), copyButton(q.lightning_invoice, 'Copy', { 'aria-label': 'Copy Lightning invoice' })) : '—'],
      ['On-chain address', 'onchain_address', q.onchain_address ? h('span', { class: 'row tight' }, h('code', { class: 'wrap', text: `${q.onchain_address}` }), ` (${text(q.onchain_address_network)})`, copyButton(q.onchain_address, 'Copy', { 'aria-label': 'Copy on-chain address' })) : '—'],
    ];
    const actions = h('div', { class: 'row actions' });
    const again = h('button', { type: 'button', id: 'quote-detail-refresh' }, 'Check again');
    again.addEventListener('click', () => busy(again, () => checkQuote(tid)));
    actions.append(again);
    if (!st.final && (!w || w.final)) {
      const wb = h('button', { type: 'button', id: 'quote-watch-start' }, 'Watch until done');
      wb.addEventListener('click', () => busy(wb, async () => {
        try {
          const nw = await api.watchStart('quote', tid);
          if (nw?.id !== undefined) lastState?.watches?.set?.(nw.id, nw);
          renderDetail();
        } catch (e) {
          showBanner(checkBanner, e);
        }
      }));
      actions.append(wb);
    }
    const ws = watchState(w);
    fill(detail,
      h('div', { class: 'detail-head' }, h('h2', { text: `Quote ${tid}` }), badge(st.status, st.label)),
      w ? h('p', { class: 'watch-line' }, w.final ? 'Watch ended: ' : 'Live status: ', badge(ws.status, ws.label),
        w.nextCheckAt && !w.final ? ` · next check ${relative(w.nextCheckAt)}` : '') : null,
      st.final && FINAL_TEXT[st.status] ? h('div', { class: `final final-${st.status}`, role: 'status' }, FINAL_TEXT[st.status]) : null,
      fieldList(rows),
      actions,
      allFields(q, SHOWN),
    );
    detail.dataset.status = st.status;
    detail.hidden = false;
  }

  section.append(
    h('h1', { text: 'Bridge: BTC / USDT → INR over UPI' }),
    h('p', { class: 'hint', text: 'Pay crypto, and Ninjapay sends rupees to any UPI id (or a ninjatag’s linked UPI id). 1) ask for a quote, 2) get the invoice or address and pay it, 3) watch it complete.' }),
    h('div', { class: 'bridge-layout' },
      h('section', { class: 'card', 'aria-labelledby': 'quote-new-title' },
        h('h2', { id: 'quote-new-title', text: '1. Quote' }), formBanner, form),
      h('div', { class: 'bridge-side' },
        quoteCard,
        invoiceCard,
        h('section', { class: 'card', 'aria-labelledby': 'quote-check-title' },
          h('h2', { id: 'quote-check-title', text: 'Check a quote' }), lookup.form, checkBanner),
        detail)),
  );
  syncAsset();

  return {
    update(state) {
      lastState = state;
      if (flow?.invoice) {
        const w = findWatch(state, 'quote', flow.invoice.tid);
        if (invoiceKey(w) !== invoiceSeen) {
          renderInvoice();
        } else if (watchLineKey(w) !== invWatchSeen) {
          invWatchSeen = watchLineKey(w);
          fill(invWatchBox, quoteWatchLine(w));
        }
      }
      if (shown) {
        const w = findWatch(state, 'quote', shown.tid);
        const key = w ? `${w.status}|${w.rawStatus}` : null;
        if (key !== shownSeen) {
          shownSeen = key;
          if (w?.lastCheckedAt) checkQuote(String(shown.tid));
          else renderDetail();
        }
      }
    },
    open(tid) {
      lookup.input.value = tid;
      busy(lookup.button, () => checkQuote(String(tid), true));
    },
  };
}

// Bridge step 3: the invoice or address to pay for a quote, with its QR code, a countdown to the
// quote's expiry and the live status from the quote's background watch (state.watches), until
// it completes, fails, is refunded or expires. Emits 'quote:new' and 'quote:details' {tid}.
import { api } from '../../ipc.js';
import { fill, h } from '../../dom.js';
import { allFields, badge, busy, copyButton, fieldList, qrCode } from '../../components.js';
import { errorBanner, errorBox } from '../../error-banner.js';
import { countdown, inr, localTime, relative, text } from '../../format.js';
import { cryptoAmount, destinationText, payPhrase, present, quoteState, secondsLeft } from '../../quote.js';
import { externalLink } from '../../links.js';
import { findWatch } from '../../watches.js';
import { emit } from '../../actions.js';

export const SHOWN = [
  'tid', 'status', 'created_at', 'sending_asset', 'sending_asset_amount', 'fiat_amount', 'payment_method',
  'lightning_invoice', 'onchain_address', 'onchain_address_network', 'expires_at', 'receiver_upi_id',
  'receiver_ninjatag', 'refund_wallet', 'transaction_time', 'callback_url',
];

export const FINAL_TEXT = {
  completed: 'Completed: the INR was sent to the receiver.',
  failed: 'Failed: the INR was not sent. Check the quote below and request a new one.',
  refunded: 'Refunded: the UPI transfer failed and the crypto went back to your refund wallet.',
  expired: 'Expired: the quote was not paid in time. Do not pay this invoice; request a new quote.',
};

/** A watch's status as a quote state (the watcher says success for a completed quote). */
export function watchState(w) {
  if (!w) return null;
  if (w.status === 'stillPending') return { status: 'still_pending', label: 'Still pending after 10 minutes', final: false };
  if (w.status === 'error') return { status: 'error', label: 'Could not be checked', final: false };
  if (w.status === 'stopped') return { status: 'stopped', label: 'No longer watched', final: false };
  return quoteState(w.status);
}

function countdownText(expiresAt) {
  const left = secondsLeft(expiresAt);
  if (left === null) return 'No expiry given';
  return left > 0 ? `Expires in ${countdown(left)}` : 'Expired — do not pay; request a new quote';
}

// Only the line is redrawn on each check, so the QR and the countdown stay put.
const quoteWatchLine = (w) => h('p', { class: 'watch-line', dataset: { testid: 'quote-watch' } },
  w ? (w.final ? 'Watch ended: ' : 'Watching this quote: ') : 'Watching starts in a moment: ',
  w?.lastCheckedAt ? `last checked ${relative(w.lastCheckedAt)}` : 'first check 20–25 s after it was made',
  w?.nextCheckAt && !w.final ? ` · next ${relative(w.nextCheckAt)}` : '',
  w?.error ? ` · last check failed: ${w.error.message}` : '',
  w?.delayed ? ` · ${w.delayed}` : '');

/** The invoice card: {el, show({request, payWith, invoice}), clear(), update(state)}. */
export function invoiceCard() {
  const el = h('section', { class: 'card', id: 'quote-invoice', dataset: { testid: 'quote-invoice' }, hidden: true });
  const watchBox = h('div', { id: 'quote-watch-box' });
  let lastState = null;
  let flow = null; // {request, payWith, invoice}
  let timer = null;
  let drawnFor = null; // the watch's status|final the card was drawn for
  let lineFor = null; // what its watch line was drawn for (each check)
  const cardKey = (w) => (w ? `${w.status}|${w.final}` : null);
  const lineKey = (w) => (w ? `${w.attempt}|${w.lastCheckedAt}|${w.nextCheckAt}|${w.rawStatus}|${w.error?.message}|${w.delayed}` : null);

  function payBlock(inv, payWith) {
    const hasLn = Boolean(inv.lightning_invoice);
    const hasChain = Boolean(inv.onchain_address);
    const useLn = hasLn && (payWith === 'lightning' || !hasChain);
    const asset = String(inv.sending_asset ?? '').toLowerCase();
    const box = h('div', { class: 'pay-box', id: 'quote-pay', dataset: { method: useLn ? 'lightning' : 'onchain' } });
    if (useLn) {
      const uri = `lightning:${inv.lightning_invoice}`;
      box.append(
        qrCode(uri, { size: 200, label: 'QR code of the Lightning invoice' }),
        h('div', { class: 'pay-targets' },
          h('div', { class: 'hint', text: 'Lightning invoice (BOLT11)' }),
          h('code', { class: 'wrap', id: 'quote-payreq', text: inv.lightning_invoice }),
          h('div', { class: 'row tight' }, copyButton(inv.lightning_invoice, 'Copy invoice', { id: 'quote-copy-invoice' }),
            externalLink(uri, 'Open in a Lightning wallet', { id: 'quote-lightning-link', dataset: { testid: 'quote-lightning-link' } }))));
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
      sw.addEventListener('click', () => { flow.payWith = other; draw(); });
      box.append(h('div', { class: 'switch' }, sw));
    }
    return box;
  }

  function draw() {
    if (!flow) return;
    const inv = flow.invoice;
    const tid = String(inv.tid);
    const w = findWatch(lastState, 'quote', tid);
    drawnFor = cardKey(w);
    lineFor = lineKey(w);
    fill(watchBox, quoteWatchLine(w));
    const st = watchState(w) ?? { status: 'pending', label: 'Pending — waiting for payment', final: false };
    const final = Boolean(w?.final && FINAL_TEXT[st.status]);
    if (final) stopTimer();
    const banner = errorBox();
    const checkNow = h('button', { type: 'button', id: 'quote-check-now' }, w && !w.final ? 'Check now' : 'Show full details');
    checkNow.addEventListener('click', () => busy(checkNow, async () => {
      if (!(w && !w.final)) {
        emit(el, 'quote:details', { tid });
        return;
      }
      try {
        await api.watchCheckNow(w.id);
      } catch (e) {
        errorBanner(banner, e);
      }
    }));
    // Watching ended without a final state (still pending after 10 minutes, an error, stopped).
    let again = null;
    if (w?.final && !final) {
      again = h('button', { type: 'button', id: 'quote-watch-again' }, 'Watch again');
      again.addEventListener('click', () => busy(again, async () => {
        try {
          await api.watchAgain(w.id);
        } catch (e) {
          errorBanner(banner, e);
        }
      }));
    }
    const newQuote = h('button', { type: 'button', id: 'quote-new' }, 'New quote');
    newQuote.addEventListener('click', () => {
      clear();
      emit(el, 'quote:new');
    });
    const to = destinationText({ ...flow.request, ...present(inv) });
    fill(el,
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
      watchBox,
      banner,
      fieldList([
        ['Pay', 'sending_asset_amount', cryptoAmount(inv.sending_asset_amount, inv.sending_asset)],
        ['Delivers', 'fiat_amount', inr(inv.fiat_amount)],
        ['To', 'receiver', to],
        ['Refund wallet', 'refund_wallet', flow.request.refund_wallet],
        ['Expires', 'expires_at', localTime(inv.expires_at)],
      ]),
      allFields(inv, SHOWN),
      h('div', { class: 'row end' }, newQuote, again, checkNow),
    );
    el.dataset.status = st.status;
    el.hidden = false;
  }

  function startTimer() {
    stopTimer();
    timer = setInterval(() => {
      const cd = el.querySelector('#quote-countdown');
      if (!cd || !flow) return;
      const left = secondsLeft(flow.invoice.expires_at);
      cd.textContent = countdownText(flow.invoice.expires_at);
      cd.dataset.left = String(left ?? '');
      cd.classList.toggle('urgent', left !== null && left <= 60);
    }, 1000);
  }
  function stopTimer() {
    if (timer) clearInterval(timer);
    timer = null;
  }

  function clear() {
    flow = null;
    stopTimer();
    el.hidden = true;
    fill(el);
  }

  return {
    el,
    clear,
    show(next) {
      flow = { ...next };
      draw();
      startTimer();
      el.querySelector('h2')?.focus?.();
    },
    update(state) {
      lastState = state;
      if (!flow) return;
      const w = findWatch(state, 'quote', flow.invoice.tid);
      if (cardKey(w) !== drawnFor) {
        draw();
      } else if (lineKey(w) !== lineFor) {
        lineFor = lineKey(w);
        fill(watchBox, quoteWatchLine(w));
      }
    },
  };
}

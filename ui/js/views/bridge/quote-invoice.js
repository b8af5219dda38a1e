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
import { t } from '../../i18n.js';

export const SHOWN = [
  'tid', 'status', 'created_at', 'sending_asset', 'sending_asset_amount', 'fiat_amount', 'payment_method',
  'lightning_invoice', 'onchain_address', 'onchain_address_network', 'expires_at', 'receiver_upi_id',
  'receiver_ninjatag', 'refund_wallet', 'transaction_time', 'callback_url',
];

// What a final quote state means, by state (catalogue keys).
export const FINAL_TEXT = {
  completed: 'bridge.final.completed',
  failed: 'bridge.final.failed',
  refunded: 'bridge.final.refunded',
  expired: 'bridge.final.expired',
};

/** A watch's status as a quote state (the watcher says success for a completed quote). */
export function watchState(w) {
  if (!w) return null;
  if (w.status === 'stillPending') return { status: 'still_pending', label: t('bridge.watch.still_pending'), final: false };
  if (w.status === 'error') return { status: 'error', label: t('bridge.watch.error'), final: false };
  if (w.status === 'stopped') return { status: 'stopped', label: t('bridge.watch.stopped'), final: false };
  return quoteState(w.status);
}

function countdownText(expiresAt) {
  const left = secondsLeft(expiresAt);
  if (left === null) return t('bridge.invoice.no_expiry');
  return left > 0 ? t('bridge.invoice.expires_in', { time: countdown(left) }) : t('bridge.invoice.expired');
}

// Only the line is redrawn on each check, so the QR and the countdown stay put.
const quoteWatchLine = (w) => h('p', { class: 'watch-line', dataset: { testid: 'quote-watch' } },
  `${t(w ? (w.final ? 'bridge.watch.ended' : 'bridge.watch.watching') : 'bridge.watch.starts')} `,
  w?.lastCheckedAt ? t('bridge.watch.last_checked', { when: relative(w.lastCheckedAt) }) : t('bridge.watch.first_check'),
  w?.nextCheckAt && !w.final ? ` · ${t('bridge.watch.next', { when: relative(w.nextCheckAt) })}` : '',
  w?.error ? ` · ${t('bridge.watch.failed', { message: w.error.message })}` : '',
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
        qrCode(uri, { size: 200, label: t('bridge.invoice.qr_invoice') }),
        h('div', { class: 'pay-targets' },
          h('div', { class: 'hint', text: t('bridge.invoice.bolt11') }),
          h('code', { class: 'wrap', id: 'quote-payreq', text: inv.lightning_invoice }),
          h('div', { class: 'row tight' }, copyButton(inv.lightning_invoice, t('bridge.invoice.copy_invoice'), { id: 'quote-copy-invoice' }),
            externalLink(uri, t('bridge.invoice.open_wallet'), { id: 'quote-lightning-link', dataset: { testid: 'quote-lightning-link' } }))));
    } else if (hasChain) {
      const net = text(inv.onchain_address_network);
      const qrValue = asset === 'btc' && /^btc$/i.test(net) && inv.sending_asset_amount
        ? `bitcoin:${inv.onchain_address}?amount=${inv.sending_asset_amount}` : inv.onchain_address;
      box.append(
        qrCode(qrValue, { size: 200, label: t('bridge.invoice.qr_address') }),
        h('div', { class: 'pay-targets' },
          h('div', { class: 'hint', text: t('bridge.invoice.address_network', { network: net }) }),
          h('code', { class: 'wrap', id: 'quote-address', text: inv.onchain_address }),
          h('p', { class: 'warn-line', text: t('bridge.invoice.network_only', { asset: asset.toUpperCase(), network: net }) }),
          h('div', { class: 'row tight' }, copyButton(inv.onchain_address, t('bridge.invoice.copy_address'), { id: 'quote-copy-address' }))));
    } else {
      box.append(h('p', { class: 'error', text: t('bridge.invoice.nothing') }));
    }
    const other = useLn ? (hasChain ? 'onchain' : null) : (hasLn ? 'lightning' : null);
    if (other) {
      const sw = h('button', { type: 'button', class: 'link', id: 'quote-switch' }, t(other === 'lightning' ? 'bridge.invoice.switch_lightning' : 'bridge.invoice.switch_onchain'));
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
    const st = watchState(w) ?? quoteState('pending');
    const final = Boolean(w?.final && FINAL_TEXT[st.status]);
    if (final) stopTimer();
    const banner = errorBox();
    const checkNow = h('button', { type: 'button', id: 'quote-check-now' }, t(w && !w.final ? 'bridge.invoice.check_now' : 'bridge.invoice.show_details'));
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
      again = h('button', { type: 'button', id: 'quote-watch-again' }, t('bridge.invoice.watch_again'));
      again.addEventListener('click', () => busy(again, async () => {
        try {
          await api.watchAgain(w.id);
        } catch (e) {
          errorBanner(banner, e);
        }
      }));
    }
    const newQuote = h('button', { type: 'button', id: 'quote-new' }, t('bridge.invoice.new_quote'));
    newQuote.addEventListener('click', () => {
      clear();
      emit(el, 'quote:new');
    });
    const to = destinationText({ ...flow.request, ...present(inv) });
    fill(el,
      h('div', { class: 'detail-head' },
        h('h2', { tabindex: '-1', text: t('bridge.quote_title', { tid }) }),
        h('span', { id: 'quote-status', dataset: { testid: 'quote-status', status: st.status } }, badge(st.status, st.label))),
      h('p', { class: 'big-amount', id: 'quote-pay-phrase', text: payPhrase({ ...flow.request, ...present(inv) }) }),
      final
        ? h('div', { class: `final final-${st.status}`, id: 'quote-final', role: 'status', dataset: { testid: 'quote-final', status: st.status } }, t(FINAL_TEXT[st.status]))
        : h('div', { class: 'row tight' },
          h('span', { class: 'countdown', id: 'quote-countdown', dataset: { testid: 'quote-countdown' }, 'aria-live': 'off' }, countdownText(inv.expires_at)),
          h('span', { class: 'hint', text: inv.expires_at ? t('bridge.invoice.until', { when: localTime(inv.expires_at) }) : '' })),
      final ? null : payBlock(inv, flow.payWith),
      watchBox,
      banner,
      fieldList([
        [t('bridge.fields.pay'), 'sending_asset_amount', cryptoAmount(inv.sending_asset_amount, inv.sending_asset)],
        [t('bridge.fields.delivers'), 'fiat_amount', inr(inv.fiat_amount)],
        [t('bridge.fields.to'), 'receiver', to],
        [t('bridge.fields.refund_wallet'), 'refund_wallet', flow.request.refund_wallet],
        [t('bridge.fields.expires'), 'expires_at', localTime(inv.expires_at)],
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

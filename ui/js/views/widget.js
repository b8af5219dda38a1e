// Widget tokens: request a token for Ninjapay's onramp (a customer pays you BTC) or offramp
// (you pay BTC out to a customer) widget, and check a token by its tid. A new token is watched
// by Rust until paid/declined; its live status comes from state.watches.
import { api } from '../ipc.js';
import { fill, h } from '../dom.js';
import { allFields, badge, busy, copyButton, describedBy, fieldError, fieldList, labelled, qrCode } from '../components.js';
import { confirmDialog } from '../confirm.js';
import { explain } from '../errors.js';
import { errorBox, showFailure } from '../error-banner.js';
import { btc, btcAndSats, localTime, relative, sats, satsHint, text } from '../format.js';
import { adminKeyNote } from '../admin-note.js';
import { externalLink } from '../links.js';
import { lookupPanel } from '../lookup-panel.js';
import { writeGuard } from '../outcome.js';
import { requestFrom, reviewForm } from '../review.js';
import { findWatch, watchTone } from '../watches.js';

const SHOWN = [
  'token', 'tid', 'widget_mode', 'amount', 'status', 'created_at', 'order_id', 'callback_url', 'callback_status',
  'hosted_checkout_url', 'hosted_checkout_expiry', 'uri', 'lightning_invoice', 'fiat_value', 'fiat_currency',
  'description', 'total_fee', 'payment_mode', 'wallet',
];

function watchLine(w, testid) {
  if (!w) return null;
  return h('p', { class: 'watch-line', dataset: { testid, status: w.status } },
    w.final ? 'Watch ended: ' : 'Live status: ',
    badge(watchTone(w.status)),
    w.rawStatus && w.rawStatus !== w.status ? ` (Ninjapay: ${w.rawStatus})` : '',
    w.error ? ` · last check failed: ${w.error.message}` : '',
    w.nextCheckAt && !w.final ? ` · next check ${relative(w.nextCheckAt)}` : '',
    w.lastCheckedAt ? ` · checked ${relative(w.lastCheckedAt)}` : ' · not checked yet');
}

/** Something to open or pay: the hosted checkout page, and the invoice / LNURL. */
function payTargets(d) {
  const out = [];
  if (d?.hosted_checkout_url) out.push({ label: 'Checkout page', value: d.hosted_checkout_url, link: true });
  const pr = d?.lightning_invoice?.payreq;
  if (pr) {
    const type = d.lightning_invoice.lightning_invoice_type === 'lnurl' ? 'LNURL (withdraw)' : 'Lightning invoice';
    out.push({ label: type, value: pr, qr: d.uri || `lightning:${pr}` });
  } else if (d?.uri) {
    out.push({ label: 'Payment URI', value: d.uri, qr: d.uri });
  }
  return out;
}

/** What to open or pay for token `d`; `whose` ("new token") tells its copy buttons from others. */
function targetsBlock(d, prefix, whose) {
  const t = payTargets(d);
  if (!t.length) return null;
  const qrFor = t.find((x) => x.qr) ?? t[0];
  return h('div', { class: 'pay-box' },
    qrCode(qrFor.qr ?? qrFor.value, { size: 180, label: `QR code: ${qrFor.label}` }),
    h('div', { class: 'pay-targets' }, t.map((x) => h('div', { class: 'pay-target', dataset: { testid: `${prefix}-${x.link ? 'url' : 'payreq'}` } },
      h('div', { class: 'hint', text: x.label }),
      x.link ? externalLink(x.value, x.value, { class: 'mono wrap' }) : h('code', { class: 'wrap', text: x.value }),
      h('div', { class: 'row tight' }, copyButton(x.value, 'Copy', { context: `${x.label} of the ${whose}` }))))));
}

/** The token form: {card, update(state)}; `onCreated(tid, request)` once a token is made. */
function tokenForm(onCreated) {
  const modeOn = h('input', { type: 'radio', name: 'widget_mode', id: 'token-mode-onramp', value: 'onramp', checked: true });
  const modeOff = h('input', { type: 'radio', name: 'widget_mode', id: 'token-mode-offramp', value: 'offramp' });
  const modeSet = h('fieldset', { class: 'form-row radios', id: 'token-mode' },
    h('legend', { text: 'Widget mode' }),
    h('div', { class: 'control' },
      h('label', { for: modeOn.id }, modeOn, ' Onramp — the customer pays you BTC'),
      h('label', { for: modeOff.id }, modeOff, ' Offramp — you pay BTC out to the customer (reserved from your wallet)')));
  const amountIn = h('input', { id: 'token-amount', name: 'amount', type: 'text', inputmode: 'decimal', autocomplete: 'off', placeholder: '0.0005' });
  const satsNote = h('span', { id: 'token-amount-sats', class: 'hint' });
  amountIn.addEventListener('input', () => { satsNote.textContent = satsHint(amountIn.value); });
  const orderIn = h('input', { id: 'token-order-id', name: 'order_id', type: 'text', autocomplete: 'off', placeholder: 'Your reference (optional)' });
  const cbIn = h('input', { id: 'token-callback', name: 'callback_url', type: 'url', autocomplete: 'off', placeholder: 'https://your-shop.example/webhook (optional)' });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'token-request' }, 'Request token…');
  const banner = errorBox({ id: 'token-form-error' });
  const keyNote = adminKeyNote('requestToken', 'token-key-note');
  const guard = writeGuard('token');
  const form = h('form', { id: 'token-form', novalidate: true },
    modeSet,
    labelled('Amount (BTC)', amountIn, 'In BTC, not sats: up to 8 decimals (1 sat = 0.00000001 BTC).'),
    labelled('Order id', orderIn),
    labelled('Callback URL', cbIn, 'Ninjapay calls it when the token is paid.'),
    h('div', { class: 'row end' }, submit));
  amountIn.insertAdjacentElement('afterend', satsNote);
  describedBy(amountIn, satsNote.id);
  const fields = { widget_mode: modeOn, amount: amountIn, order_id: orderIn, callback_url: cbIn };
  form.addEventListener('input', (e) => { if (e.target.getAttribute?.('aria-invalid')) fieldError(e.target, null); });

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    busy(submit, async () => {
      const request = requestFrom({
        widget_mode: modeOff.checked ? 'offramp' : 'onramp',
        amount: amountIn.value, order_id: orderIn.value, callback_url: cbIn.value,
      });
      if (!(await reviewForm('requestToken', request, { form, fields, banner })).ok) return;
      if (!(await guard.mayRetry())) return;
      const mode = request.widget_mode;
      const off = mode === 'offramp';
      const ok = await confirmDialog({
        title: `Request an ${mode} token for ${btc(request.amount)}?`,
        lines: [
          h('p', { class: 'big-amount', text: btcAndSats(request.amount) }),
          off
            ? `Offramp: you pay ${btc(request.amount)} (${sats(request.amount)}) out to the customer. Ninjapay reserves it from your wallet now.`
            : `Onramp: the customer pays you ${btc(request.amount)} (${sats(request.amount)}).`,
          request.order_id ? `Order id: ${request.order_id}` : 'No order id.',
          request.callback_url ? `Callback: ${request.callback_url}` : 'No callback URL.',
          'This needs the Admin key. The request is sent once; it is not retried.',
        ],
        confirmLabel: `Request ${mode} token`,
      });
      if (!ok) return;
      try {
        const r = await guard.run(() => api.requestToken(request), {
          again: `You may already have requested an ${mode} token for ${btc(request.amount)}.`,
          retry: 'Request another anyway',
          check: { balance: 'The API cannot list widget tokens. Compare the wallet balance on Home: an offramp token reserves its amount from your wallet when it is made (an onramp token moves nothing until the customer pays).' },
        });
        if (r.value) onCreated(String(r.value.token), request);
      } catch (err) {
        showFailure(err, { banner, fields });
      }
    });
  });

  const card = h('section', { class: 'card', 'aria-labelledby': 'token-new-title' },
    h('h2', { id: 'token-new-title', text: 'Request a token' }), keyNote.el, banner, guard.el, form);
  return { card, update: keyNote.update };
}

export function mount(section, ctx) {
  let lastState = ctx?.state ?? null;
  const result = h('div', { class: 'card', id: 'token-result', dataset: { testid: 'token-result' }, hidden: true });
  let created = null; // {tid, request, detail, detailError}
  let createdSeen = null; // status|final the result was drawn for
  let createdLineSeen = null; // the watch line, redrawn on each check (the QR stays put)
  const createdWatchBox = h('div', { id: 'token-watch-box' });

  const form = tokenForm(async (tid, request) => {
    created = { tid, request, detail: null };
    renderCreated();
    result.querySelector('h2')?.focus();
    // One read for what the customer opens or pays (checkout URL, invoice / LNURL).
    try {
      created.detail = await api.checkToken(tid);
    } catch (err) {
      created.detailError = err;
    }
    renderCreated();
  });

  function renderCreated() {
    if (!created) return;
    const w = findWatch(lastState, 'token', created.tid);
    createdSeen = w ? `${w.status}|${w.final}` : null;
    createdLineSeen = w ? `${w.attempt}|${w.lastCheckedAt}|${w.nextCheckAt}|${w.rawStatus}` : null;
    fill(createdWatchBox, watchLine(w, 'token-watch') ?? h('p', { class: 'hint', text: 'Watching starts in a moment (first check 20–25 s after it was made).' }));
    const { request } = created;
    const details = h('button', { type: 'button' }, 'Show full details');
    details.addEventListener('click', () => panel.open(created.tid));
    fill(result,
      h('div', { class: 'detail-head' },
        h('h2', { tabindex: '-1', text: `${request.widget_mode === 'offramp' ? 'Offramp' : 'Onramp'} token ${created.tid}` }),
        badge('created', 'Created')),
      createdWatchBox,
      fieldList([
        ['Token (tid)', 'token', h('span', { class: 'row tight' }, h('code', { text: created.tid }), copyButton(created.tid, 'Copy', { context: 'new token' }))],
        ['Amount', 'amount', btcAndSats(request.amount)],
        ['Order id', 'order_id', text(request.order_id)],
      ]),
      created.detail && !w?.final ? targetsBlock(created.detail, 'token-created', 'new token') : null,
      created.detailError ? h('p', { class: 'hint', text: `Could not read the token's details yet: ${explain(created.detailError)}` }) : null,
      h('div', { class: 'row actions' }, details),
    );
    result.hidden = false;
  }

  const panel = lookupPanel({
    id: 'token', kind: 'token', noun: 'token',
    label: 'Token tid', placeholder: 'Token tid, e.g. 198660213997', button: 'Check token',
    errorId: 'token-check-error', result: { id: 'token-detail', class: 'card', testid: 'token-detail' },
    fetch: (tid) => api.checkToken(tid),
    tidOf: (d, tid) => d.token ?? d.tid ?? tid,
    render: renderDetail,
  });

  function renderDetail(d) {
    const tid = String(d.token ?? d.tid ?? panel.input.value.trim());
    // Rust's figures: an offramp record's amount is negative (money going out).
    const mode = d.widget_mode ?? (d.figures?.direction === 'out' ? 'offramp' : null);
    const amt = d.figures?.amount;
    const fee = d.total_fee ?? {};
    const status = badge(d.status, d.status === 'undefined' ? 'Not started' : null);
    const rows = [
      ['Token (tid)', 'token', h('span', { class: 'row tight' }, h('code', { text: tid }), copyButton(tid, 'Copy', { context: 'checked token' }))],
      ['Mode', 'widget_mode', mode ? badge('neutral', mode === 'offramp' ? 'Offramp (pay out)' : 'Onramp (receive)') : '—'],
      ['Status', 'status', status],
      ['Amount', 'amount', amt ? btcAndSats(amt) : '—'],
      ['Fiat value', 'fiat_value', d.fiat_value ? `${text(d.fiat_value)} ${text(d.fiat_currency)}` : '—'],
      ['Created', 'created_at', localTime(d.created_at)],
      ['Order id', 'order_id', text(d.order_id)],
      ['Description', 'description', text(d.description)],
      ['Callback', 'callback_url', d.callback_url ? `${d.callback_url}${d.callback_status ? ` (answered ${d.callback_status})` : ''}` : '—'],
      ['Checkout expires', 'hosted_checkout_expiry', d.hosted_checkout_expiry ? localTime(d.hosted_checkout_expiry) : '—'],
      ['Invoice expires', 'lightning_invoice.expires_at', d.lightning_invoice?.expires_at ? localTime(d.lightning_invoice.expires_at) : '—'],
      ['Fees', 'total_fee', [fee.network_fee && `network ${fee.network_fee}`, fee.service_fee && `service ${fee.service_fee}`, fee.gst_fee && `GST ${fee.gst_fee}`].filter(Boolean).join(' · ') || '—'],
    ];
    const final = ['paid', 'declined', 'expired'].includes(String(d.status));
    panel.result.dataset.status = String(d.status ?? '');
    return [
      h('div', { class: 'detail-head' }, h('h2', { text: `Token ${tid}` }), badge(d.status, d.status === 'undefined' ? 'Not started' : null)),
      watchLine(panel.watch(), 'token-detail-watch'),
      fieldList(rows),
      final ? null : targetsBlock(d, 'token-detail', 'checked token'),
      h('div', { class: 'row actions' }, panel.againButton('token-refresh'), final ? null : panel.watchButton('token-watch-start', 'Watch until paid')),
      allFields(d, SHOWN.concat(['lightning_invoice.payreq'])),
    ];
  }

  section.append(
    h('h1', { text: 'Widget tokens' }),
    h('p', { class: 'hint', text: 'A token opens Ninjapay’s widget for one customer: onramp (they pay you BTC) or offramp (you pay BTC out). Requesting one needs the Admin key.' }),
    h('div', { class: 'widget-layout' },
      form.card,
      h('div', {},
        result,
        h('section', { class: 'card', 'aria-labelledby': 'token-check-title' },
          h('h2', { id: 'token-check-title', text: 'Check a token' }), panel.form, panel.banner),
        panel.result)),
  );

  return {
    update(state) {
      lastState = state;
      form.update(state);
      if (created) {
        const w = findWatch(state, 'token', created.tid);
        const key = w ? `${w.status}|${w.final}` : null;
        const line = w ? `${w.attempt}|${w.lastCheckedAt}|${w.nextCheckAt}|${w.rawStatus}` : null;
        if (key !== createdSeen) {
          renderCreated();
        } else if (line !== createdLineSeen) {
          createdLineSeen = line;
          fill(createdWatchBox, watchLine(w, 'token-watch'));
        }
      }
      panel.update(state);
    },
    open: (tid) => panel.open(tid),
  };
}

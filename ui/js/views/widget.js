// Widget tokens: request a token for Ninjapay's onramp (a customer pays you BTC) or offramp
// (you pay BTC out to a customer) widget, and check a token by its tid. A new token is watched
// by Rust until paid/declined; its live status comes from state.watches.
import { api, openUrl } from '../ipc.js';
import { fill, h } from '../dom.js';
import {
  allFields, badge, busy, clearFieldErrors, confirmDialog, copyButton, explain, fieldError, fieldList,
  labelled, lookupForm, qrCode, showBanner, showFailure,
} from '../components.js';
import { btc, btcToSats, localTime, relative, sats, text } from '../format.js';
import { validateTokenForm } from '../bridge-form.js';
import { remember as rememberTid } from '../actions.js';

const SHOWN = [
  'token', 'tid', 'widget_mode', 'amount', 'status', 'created_at', 'order_id', 'callback_url', 'callback_status',
  'hosted_checkout_url', 'hosted_checkout_expiry', 'uri', 'lightning_invoice', 'fiat_value', 'fiat_currency',
  'description', 'total_fee', 'payment_mode', 'wallet',
];

function findWatch(state, kind, tid) {
  let found = null;
  for (const w of state?.watches?.values?.() ?? []) {
    if (w.kind === kind && String(w.tid) === String(tid) && (!found || w.startedAt > found.startedAt)) found = w;
  }
  return found;
}

const tone = (s) => (s === 'stillPending' ? 'still_pending' : s);

function watchLine(w, testid) {
  if (!w) return null;
  return h('p', { class: 'watch-line', dataset: { testid, status: w.status } },
    w.final ? 'Watch ended: ' : 'Live status: ',
    badge(tone(w.status)),
    w.rawStatus && w.rawStatus !== w.status ? ` (Ninjapay: ${w.rawStatus})` : '',
    w.error ? ` · last check failed: ${w.error.message}` : '',
    w.nextCheckAt && !w.final ? ` · next check ${relative(w.nextCheckAt)}` : '',
    w.lastCheckedAt ? ` · checked ${relative(w.lastCheckedAt)}` : ' · not checked yet');
}

function btcWithSats(v) {
  if (v === null || v === undefined || v === '') return '—';
  return `${btc(v)} (${sats(v)})`;
}

/** A link that opens in the browser (only Ninjapay's own https pages are allowed). */
function externalLink(url) {
  const a = h('a', { href: url, class: 'mono wrap', text: url });
  a.addEventListener('click', (e) => {
    e.preventDefault();
    openUrl(url)?.catch?.(() => {});
  });
  return a;
}

export function mount(section, ctx) {
  let lastState = ctx?.state ?? null;

  // ---- request a token --------------------------------------------------------------------
  const modeOn = h('input', { type: 'radio', name: 'widget_mode', id: 'token-mode-onramp', value: 'onramp', checked: true });
  const modeOff = h('input', { type: 'radio', name: 'widget_mode', id: 'token-mode-offramp', value: 'offramp' });
  const modeSet = h('fieldset', { class: 'form-row radios', id: 'token-mode' },
    h('legend', { text: 'Widget mode' }),
    h('div', { class: 'control' },
      h('label', { for: modeOn.id }, modeOn, ' Onramp — the customer pays you BTC'),
      h('label', { for: modeOff.id }, modeOff, ' Offramp — you pay BTC out to the customer (reserved from your wallet)')));
  const amountIn = h('input', { id: 'token-amount', name: 'amount', type: 'text', inputmode: 'decimal', autocomplete: 'off', placeholder: '0.0005' });
  const satsHint = h('span', { id: 'token-amount-sats', class: 'hint', 'aria-live': 'polite' });
  amountIn.addEventListener('input', () => {
    const s = btcToSats(amountIn.value.trim());
    satsHint.textContent = s !== null && s > 0n ? `= ${sats(amountIn.value.trim())}` : '';
  });
  const orderIn = h('input', { id: 'token-order-id', name: 'order_id', type: 'text', autocomplete: 'off', placeholder: 'Your reference (optional)' });
  const cbIn = h('input', { id: 'token-callback', name: 'callback_url', type: 'url', autocomplete: 'off', placeholder: 'https://your-shop.example/webhook (optional)' });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'token-request' }, 'Request token…');
  const formBanner = h('div', { class: 'error', id: 'token-form-error', role: 'alert', tabindex: '-1', hidden: true });
  const form = h('form', { id: 'token-form', novalidate: true },
    modeSet,
    labelled('Amount (BTC)', amountIn, 'In BTC, not sats: up to 8 decimals (1 sat = 0.00000001 BTC).'),
    labelled('Order id', orderIn),
    labelled('Callback URL', cbIn, 'Ninjapay calls it when the token is paid.'),
    h('div', { class: 'row end' }, submit));
  amountIn.insertAdjacentElement('afterend', satsHint);
  const fields = { widget_mode: modeOn, amount: amountIn, order_id: orderIn, callback_url: cbIn };
  const result = h('div', { class: 'card', id: 'token-result', dataset: { testid: 'token-result' }, hidden: true });

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (submit.disabled) return;
    clearFieldErrors(form);
    showBanner(formBanner, null);
    const values = {
      widget_mode: modeOff.checked ? 'offramp' : 'onramp',
      amount: amountIn.value, order_id: orderIn.value, callback_url: cbIn.value,
    };
    const { errors, request } = validateTokenForm(values);
    const bad = Object.keys(errors);
    if (bad.length) {
      for (const k of bad) fieldError(fields[k], errors[k]);
      fields[bad[0]].focus();
      return;
    }
    const off = request.widget_mode === 'offramp';
    const ok = await confirmDialog({
      title: `Request an ${request.widget_mode} token for ${btc(request.amount)}?`,
      lines: [
        h('p', { class: 'big-amount', text: btcWithSats(request.amount) }),
        off
          ? `Offramp: you pay ${btc(request.amount)} (${sats(request.amount)}) out to the customer. Ninjapay reserves it from your wallet now.`
          : `Onramp: the customer pays you ${btc(request.amount)} (${sats(request.amount)}).`,
        request.order_id ? `Order id: ${request.order_id}` : 'No order id.',
        request.callback_url ? `Callback: ${request.callback_url}` : 'No callback URL.',
        'This needs the Admin key. The request is sent once; it is not retried.',
      ],
      confirmLabel: `Request ${request.widget_mode} token`,
    });
    if (!ok) return;
    await busy(submit, async () => {
      try {
        const t = await api.requestToken(request);
        const tid = String(t.token);
        created = { tid, request, detail: null };
        rememberTid('token', tid, `${request.widget_mode} ${btc(request.amount)}`, 'created');
        renderCreated();
        result.querySelector('h2')?.focus();
        // One read for what the customer opens or pays (checkout URL, invoice / LNURL).
        try {
          created.detail = await api.checkToken(tid);
        } catch (err) {
          created.detailError = err;
        }
        renderCreated();
      } catch (err) {
        showFailure(err, { banner: formBanner, fields });
      }
    });
  });

  let created = null; // {tid, request, detail}
  let createdSeen = null; // status|final the result was drawn for
  let createdLineSeen = null; // the watch line, redrawn on each check (the QR stays put)
  const createdWatchBox = h('div', { id: 'token-watch-box' });

  function payTargets(d) {
    // Something to open or pay: the hosted checkout page, and the invoice / LNURL.
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

  function targetsBlock(d, prefix) {
    const t = payTargets(d);
    if (!t.length) return null;
    const qrFor = t.find((x) => x.qr) ?? t[0];
    return h('div', { class: 'pay-box' },
      qrCode(qrFor.qr ?? qrFor.value, { size: 180, label: `QR code: ${qrFor.label}` }),
      h('div', { class: 'pay-targets' }, t.map((x) => h('div', { class: 'pay-target', dataset: { testid: `${prefix}-${x.link ? 'url' : 'payreq'}` } },
        h('div', { class: 'hint', text: x.label }),
        x.link ? externalLink(x.value) : h('code', { class: 'wrap', text: x.value }),
        h('div', { class: 'row tight' }, copyButton(x.value, 'Copy', { 'aria-label': `Copy ${x.label}` }))))));
  }

  function renderCreated() {
    if (!created) return;
    const w = findWatch(lastState, 'token', created.tid);
    createdSeen = w ? `${w.status}|${w.final}` : null;
    createdLineSeen = w ? `${w.attempt}|${w.lastCheckedAt}|${w.nextCheckAt}|${w.rawStatus}` : null;
    fill(createdWatchBox, watchLine(w, 'token-watch') ?? h('p', { class: 'hint', text: 'Watching starts in a moment (first check 20–25 s after it was made).' }));
    const { request } = created;
    fill(result,
      h('div', { class: 'detail-head' },
        h('h2', { tabindex: '-1', text: `${request.widget_mode === 'offramp' ? 'Offramp' : 'Onramp'} token ${created.tid}` }),
        badge('created', 'Created')),
      createdWatchBox,
      fieldList([
        ['Token (tid)', 'token', h('span', { class: 'row tight' }, h('code', { text: created.tid }), copyButton(created.tid, 'Copy', { 'aria-label': 'Copy token' }))],
        ['Amount', 'amount', btcWithSats(request.amount)],
        ['Order id', 'order_id', text(request.order_id)],
      ]),
      created.detail && !w?.final ? targetsBlock(created.detail, 'token-created') : null,
      created.detailError ? h('p', { class: 'hint', text: `Could not read the token's details yet: ${explain(created.detailError)}` }) : null,
      h('div', { class: 'row actions' }, (() => {
        const b = h('button', { type: 'button' }, 'Show full details');
        b.addEventListener('click', () => { lookup.input.value = created.tid; busy(lookup.button, () => check(created.tid)); });
        return b;
      })()),
    );
    result.hidden = false;
  }

  // ---- check a token ----------------------------------------------------------------------
  const checkBanner = h('div', { class: 'error', id: 'token-check-error', role: 'alert', tabindex: '-1', hidden: true });
  const detail = h('div', { class: 'card', id: 'token-detail', dataset: { testid: 'token-detail' }, hidden: true });
  const lookup = lookupForm({
    id: 'token', label: 'Token tid', placeholder: 'Token tid, e.g. 198660213997', button: 'Check token',
    onLookup: (tid) => check(tid, true),
  });
  let shown = null;
  let shownSeen = null;

  async function check(tid, remember = false) {
    fieldError(lookup.input, null);
    showBanner(checkBanner, null);
    try {
      const d = await api.checkToken(tid);
      shown = { tid: String(d.token ?? d.tid ?? tid), d };
      renderDetail();
      if (remember) {
        rememberTid('token', shown.tid, `${d.widget_mode ?? 'token'} ${btc(String(d.amount ?? '').replace(/^-/, ''))}`);
      }
    } catch (e) {
      if (e.code === 'validation') {
        fieldError(lookup.input, explain(e));
      } else {
        showBanner(checkBanner, e);
        if (e.code === 'not_found') checkBanner.textContent = `No token with tid “${tid}”. (Ninjapay said: ${e.message})`;
      }
      shown = null;
      detail.hidden = true;
      fill(detail);
    }
  }

  function renderDetail() {
    if (!shown) return;
    const { d, tid } = shown;
    const w = findWatch(lastState, 'token', tid);
    shownSeen = w ? `${w.status}|${w.rawStatus}` : null;
    const mode = d.widget_mode ?? (String(d.amount ?? '').startsWith('-') ? 'offramp' : null);
    const amt = String(d.amount ?? '').replace(/^-/, '');
    const fee = d.total_fee ?? {};
    const rows = [
      ['Token (tid)', 'token', h('span', { class: 'row tight' }, h('code', { text: tid }), copyButton(tid, 'Copy', { 'aria-label': 'Copy token' }))],
      ['Mode', 'widget_mode', mode ? badge('neutral', mode === 'offramp' ? 'Offramp (pay out)' : 'Onramp (receive)') : '—'],
      ['Status', 'status', badge(d.status, d.status === 'undefined' ? 'Not started' : null)],
      ['Amount', 'amount', amt ? btcWithSats(amt) : '—'],
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
    const actions = h('div', { class: 'row actions' });
    const again = h('button', { type: 'button', id: 'token-refresh' }, 'Check again');
    again.addEventListener('click', () => busy(again, () => check(tid)));
    actions.append(again);
    if (!final && (!w || w.final)) {
      const wb = h('button', { type: 'button', id: 'token-watch-start' }, 'Watch until paid');
      wb.addEventListener('click', () => busy(wb, async () => {
        try {
          const nw = await api.watchStart('token', tid);
          if (nw?.id !== undefined) lastState?.watches?.set?.(nw.id, nw);
          renderDetail();
        } catch (e) {
          showBanner(checkBanner, e);
        }
      }));
      actions.append(wb);
    }
    fill(detail,
      h('div', { class: 'detail-head' }, h('h2', { text: `Token ${tid}` }), badge(d.status, d.status === 'undefined' ? 'Not started' : null)),
      watchLine(w, 'token-detail-watch'),
      fieldList(rows),
      final ? null : targetsBlock(d, 'token-detail'),
      actions,
      allFields(d, SHOWN.concat(['lightning_invoice.payreq'])),
    );
    detail.dataset.status = String(d.status ?? '');
    detail.hidden = false;
  }

  section.append(
    h('h1', { text: 'Widget tokens' }),
    h('p', { class: 'hint', text: 'A token opens Ninjapay’s widget for one customer: onramp (they pay you BTC) or offramp (you pay BTC out). Requesting one needs the Admin key.' }),
    h('div', { class: 'widget-layout' },
      h('section', { class: 'card', 'aria-labelledby': 'token-new-title' },
        h('h2', { id: 'token-new-title', text: 'Request a token' }), formBanner, form),
      h('div', {},
        result,
        h('section', { class: 'card', 'aria-labelledby': 'token-check-title' },
          h('h2', { id: 'token-check-title', text: 'Check a token' }), lookup.form, checkBanner),
        detail)),
  );

  return {
    update(state) {
      lastState = state;
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
      if (shown) {
        const w = findWatch(state, 'token', shown.tid);
        const key = w ? `${w.status}|${w.rawStatus}` : null;
        if (key !== shownSeen) {
          shownSeen = key;
          if (w?.lastCheckedAt) check(shown.tid);
          else renderDetail();
        }
      }
    },
    open(tid) {
      lookup.input.value = tid;
      busy(lookup.button, () => check(String(tid), true));
    },
  };
}

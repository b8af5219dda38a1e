// Lightning: request a payment (receive), check one, send (Admin key), history, decode.
// A created request is watched by Rust; its badge follows state.watches without a click.
import { api, copyText, openUrl } from '../ipc.js';
import { h } from '../dom.js';
import {
  allFields, badge, busy, clearFieldErrors, confirmDialog, copyButton, explain, fieldError,
  fieldList, labelled, lookupForm, qrCode, showBanner, sortableTable,
} from '../components.js';
import { btc, countdown, fixed, humanise, inr, localTime, relative, sats, text, toDate } from '../format.js';
import * as ln from '../lightning.js';
import { navigate, remember } from '../actions.js';

const PANELS = [
  ['request', 'Request a payment'],
  ['check', 'Check a payment'],
  ['send', 'Send'],
  ['history', 'History'],
  ['decode', 'Decode an invoice'],
];
const KEY_CODES = new Set(['key_missing', 'unauthorized', 'admin_key_required', 'keychain_unavailable']);
const CURRENCIES = ['INR', 'USD', 'EUR', 'GBP', 'AED', 'SGD'];
// Watch states that say nothing about the payment itself: show the payment's own status then.
const WATCH_ONLY = new Set(['error', 'stopped']);

let section;
let lastState = null;
const panels = {};
const tabs = {};
let historyLoaded = false;
let historyStale = true;
// What each result card shows: {payment, fetchedAt, statusEl, noteEl}.
const shown = { request: null, check: null, send: null };


export function mount(sec) {
  section = sec;
  const tablist = h('div', { class: 'ln-tabs segmented', role: 'tablist', 'aria-label': 'Lightning' });
  for (const [name, label] of PANELS) {
    const tab = h('button', { type: 'button', role: 'tab', id: `ln-tab-${name}`, 'aria-controls': `ln-panel-${name}`,
      'aria-selected': 'false', dataset: { testid: `ln-tab-${name}`, panel: name } }, label);
    tab.addEventListener('click', () => showPanel(name));
    tabs[name] = tab;
    tablist.append(tab);
    panels[name] = h('div', { class: 'ln-panel', id: `ln-panel-${name}`, role: 'tabpanel', 'aria-labelledby': tab.id, hidden: true });
  }
  tablist.addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const names = PANELS.map(([n]) => n);
    const i = names.indexOf(current);
    const next = names[(i + (e.key === 'ArrowRight' ? 1 : names.length - 1)) % names.length];
    showPanel(next);
    tabs[next].focus();
  });
  section.append(
    h('h1', { text: 'Lightning' }),
    h('p', { class: 'hint', text: 'Ask a customer to pay you over Lightning, check a payment, send one out, or read an invoice before paying it.' }),
    tablist,
    ...Object.values(panels),
  );
  buildRequest(panels.request);
  buildCheck(panels.check);
  buildSend(panels.send);
  buildHistory(panels.history);
  buildDecode(panels.decode);
  showPanel('request', { focus: false });

  document.addEventListener('desk:lightning-panel', (e) => showPanel(e.detail?.panel ?? 'request'));
  setInterval(tick, 1000);
  return { update, open };
}

let current = 'request';
function showPanel(name, { focus = false } = {}) {
  if (!panels[name]) return;
  current = name;
  for (const [n, p] of Object.entries(panels)) {
    p.hidden = n !== name;
    tabs[n].setAttribute('aria-selected', String(n === name));
    tabs[n].classList.toggle('active', n === name);
    tabs[n].tabIndex = n === name ? 0 : -1;
  }
  if (name === 'history' && (!historyLoaded || historyStale)) loadHistory();
  if (focus) panels[name].querySelector('input, textarea, select')?.focus();
}

/** desk:navigate {view: 'lightning', tid}: check that payment. */
function open(tid) {
  showPanel('check');
  checkEls.input.value = String(tid);
  busy(checkEls.button, () => lookup(String(tid)));
}

let shownMode = null;
export function update(state) {
  lastState = state;
  // Another mode is another wallet: the history shown belongs to the old one.
  const mode = state.status ? `${state.status.mode}|${state.status.sandbox?.apiUrl ?? ''}` : null;
  if (mode && shownMode && mode !== shownMode) {
    historyStale = true;
    if (current === 'history' && !section.hidden) loadHistory();
  }
  if (mode) shownMode = mode;
  for (const key of Object.keys(shown)) if (shown[key]) paintStatus(shown[key]);
  // Sending needs the Admin key in Live mode.
  if (sendEls) {
    const live = state.status?.mode === 'live';
    sendEls.keyNote.hidden = !(live && state.keys && !state.keys.admin?.present);
  }
}

// ---- shared bits -----------------------------------------------------------------------------

/** The watch of a payment (the newest if several), from state.watches. */
function watchOf(tid) {
  let found = null;
  for (const w of lastState?.watches?.values?.() ?? []) {
    if (w.kind === 'payment' && String(w.tid) === String(tid)
      && (!found || (w.startedAt ?? 0) >= (found.startedAt ?? 0))) found = w;
  }
  return found;
}

/** The payment's status as best known: the watcher's if it checked after we fetched. */
function liveStatus(view) {
  const w = watchOf(view.payment.tid);
  const own = view.payment.status ?? 'undefined';
  if (!w || WATCH_ONLY.has(w.status)) return { status: own, watch: w };
  const ownOpen = own === 'pending' || own === 'undefined';
  // A settled outcome never goes back to pending: trust whichever side has one.
  if (w.status === 'pending' && !ownOpen) return { status: own, watch: w };
  if (ownOpen && w.final && ['paid', 'declined', 'expired'].includes(w.status)) return { status: w.status, watch: w };
  const watchNewer = (w.lastCheckedAt ?? 0) >= view.fetchedAt;
  return { status: watchNewer ? w.status : own, watch: w };
}

function statusBadge(status) {
  if (status === 'stillPending') return badge('still_pending', 'Still pending');
  if (status === 'undefined') return badge('undefined', 'Not set yet');
  return badge(status);
}

/** Repaint a result card's badge and watch note from the latest state (idempotent). */
function paintStatus(view) {
  if (!view?.statusEl) return;
  const { status, watch } = liveStatus(view);
  if (view.statusEl.dataset.status !== status) {
    view.statusEl.dataset.status = status;
    view.statusEl.replaceChildren(statusBadge(status));
  }
  if (!view.noteEl) return;
  const note = view.noteEl;
  if (!watch) {
    note.replaceChildren();
    note.hidden = true;
    return;
  }
  note.hidden = false;
  const parts = [];
  if (!watch.final) {
    parts.push(h('span', { text: 'Watching: ' }),
      h('span', { dataset: { nextCheck: String(watch.nextCheckAt ?? '') }, text: nextCheckText(watch.nextCheckAt) }),
      h('span', { text: ` · ${watch.attempt ?? 0} check${watch.attempt === 1 ? '' : 's'} so far` }));
  } else if (watch.status === 'stopped') {
    parts.push(h('span', { text: 'You stopped watching this payment.' }));
  } else {
    parts.push(h('span', { text: `Watch ended: ${humanise(watch.status === 'stillPending' ? 'still_pending' : watch.status)}` }),
      watch.lastCheckedAt ? h('span', { text: ` (last checked ${localTime(watch.lastCheckedAt)})` }) : null);
  }
  if (watch.error) parts.push(h('span', { class: 'watch-error', text: ` · ${watch.error.message}` }));
  if (watch.delayed) parts.push(h('span', { text: ` · ${watch.delayed}` }));
  const actions = h('span', { class: 'watch-actions' });
  // A paid, declined or expired payment needs no more checking; offer it only while it can change.
  const canChange = !watch.final || ['stillPending', 'error', 'stopped'].includes(watch.status);
  if (canChange && watch.actions?.includes('checkNow')) actions.append(actionButton('Check now', () => api.watchCheckNow(watch.id), note));
  if (canChange && watch.actions?.includes('watchAgain')) actions.append(actionButton('Watch again', () => api.watchAgain(watch.id), note));
  const key = JSON.stringify([watch.status, watch.final, watch.nextCheckAt, watch.attempt, watch.error, watch.delayed, watch.actions]);
  if (note.dataset.key === key) return;
  note.dataset.key = key;
  note.replaceChildren(...parts, actions);
}

function nextCheckText(ms) {
  if (!ms) return 'checking…';
  const secs = (Number(ms) - Date.now()) / 1000;
  return secs > 1 ? `next check in ${countdown(secs)}` : 'checking now…';
}

function actionButton(label, fn, near) {
  const b = h('button', { type: 'button', class: 'link' }, label);
  b.addEventListener('click', () => busy(b, async () => {
    try {
      await fn();
    } catch (e) {
      near.append(h('span', { class: 'watch-error', text: ` ${explain(e)}` }));
    }
  }));
  return b;
}

/** Once a second: expiry countdowns and "next check in" hints. */
function tick() {
  if (!section || section.hidden) return;
  const now = Date.now();
  for (const el of section.querySelectorAll('[data-expires-at]')) {
    const secs = (Number(el.dataset.expiresAt) - now) / 1000;
    const out = secs > 0 ? `in ${countdown(secs)}` : 'expired';
    if (el.textContent !== out) el.textContent = out;
    el.dataset.expired = String(secs <= 0);
  }
  for (const el of section.querySelectorAll('[data-next-check]')) {
    if (el.dataset.nextCheck) el.textContent = nextCheckText(el.dataset.nextCheck);
  }
}

/** An expiry: local time plus a live countdown. */
function expiryNode(ts, testid) {
  const d = toDate(ts);
  if (!d) return text(ts);
  return h('span', { class: 'expiry' },
    h('strong', { dataset: { expiresAt: String(d.getTime()), testid }, text: d.getTime() > Date.now() ? `in ${countdown((d.getTime() - Date.now()) / 1000)}` : 'expired' }),
    h('span', { class: 'hint-inline', text: ` (${d.toLocaleString()})` }));
}

/** A fiat amount: INR Indian-grouped (₹1,23,456.00), others to 2 places with their code. */
function fiat(value, currency) {
  const cur = String(currency ?? '').toUpperCase();
  if (cur === 'INR') return inr(value);
  const f = fixed(value, 2);
  return f === null ? `${text(value)} ${cur}`.trim() : `${f} ${cur}`.trim();
}

/** A banner for an error; a key problem gets a button to Settings. */
function errorBanner(el, err) {
  showBanner(el, err);
  if (err && KEY_CODES.has(err.code)) {
    el.append(' ', h('button', { type: 'button', class: 'link', onclick: () => navigate('settings') }, 'Open Settings'));
  }
}

/** A server validation error beside its field (when it names one we have), else the banner. */
function failure(err, banner, fields) {
  const input = err?.code === 'validation' && err.field ? fields[err.field] : null;
  if (input) {
    fieldError(input, err.message);
    input.focus();
    errorBanner(banner, null);
  } else {
    errorBanner(banner, err);
  }
}

function amountNode(value) {
  if (value === null || value === undefined || value === '') return '—';
  const neg = ln.direction(value) === 'out';
  const mag = ln.magnitude(value);
  return h('span', { class: 'amount' }, h('strong', { text: `${neg ? '−' : ''}${btc(mag)}` }),
    h('span', { class: 'hint-inline', text: ` ${sats(mag)}` }));
}

function mono(value, copyLabel = null) {
  if (value === null || value === undefined || value === '') return '—';
  return h('span', { class: 'mono-row' }, h('code', { class: 'long', text: String(value) }),
    copyLabel ? copyButton(String(value), 'Copy', { 'aria-label': `Copy ${copyLabel}` }) : null);
}

/** A button that opens an https Ninjapay link in the browser (the only links the app opens). */
function linkButton(url, label, testid) {
  if (!url) return '—';
  if (!ln.isNinjapayLink(url)) return h('span', {}, h('code', { class: 'long', text: String(url) }), h('span', { class: 'hint-inline', text: ' (not a Ninjapay link: not opened)' }));
  const b = h('button', { type: 'button', class: 'link', dataset: { testid, url: String(url) }, title: String(url) }, label);
  b.addEventListener('click', async () => {
    try {
      await openUrl(String(url));
    } catch (e) {
      b.textContent = `Could not open: ${e?.message ?? e}`;
    }
  });
  return h('span', { class: 'mono-row' }, b, copyButton(String(url), 'Copy link', { 'aria-label': `Copy ${label}` }));
}

function input(id, attrs = {}) {
  return h('input', { id, name: id, type: 'text', autocomplete: 'off', spellcheck: 'false', ...attrs });
}

/** "= 10,000 sats" beside a BTC amount input. */
function satsHint(inp, id) {
  const out = h('output', { id, for: inp.id, class: 'sats-hint', 'aria-live': 'polite' });
  const sync = () => {
    const r = ln.checkBtcAmount(inp.value, { required: false });
    out.textContent = r.sats ? `= ${sats(r.value)}` : '';
  };
  inp.addEventListener('input', sync);
  sync();
  return out;
}

/** "Amount (BTC)" with the sats beside the input. */
function amountRow(inp, outId) {
  return h('div', { class: 'form-row' }, h('label', { for: inp.id, text: 'Amount (BTC)' }),
    h('div', { class: 'control' }, h('div', { class: 'row nowrap amount-row' }, h('div', { class: 'grow' }, inp), satsHint(inp, outId))));
}

/** Run checks [input, result]; show each error beside its field; the values or null. */
function collect(checks) {
  let first = null;
  const values = {};
  for (const [key, inp, r] of checks) {
    if (r.error) {
      fieldError(inp, r.error);
      first ??= inp;
    } else values[key] = r.value;
  }
  if (first) {
    first.focus();
    return null;
  }
  return values;
}

/** Drop null / empty values from a request body. */
function compact(obj) {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== null && v !== undefined && v !== ''));
}

// ---- (1) Request a payment -------------------------------------------------------------------

let reqEls;

function buildRequest(panel) {
  const amount = input('ln-req-amount', { inputmode: 'decimal', placeholder: '0.0001', required: true, dataset: { testid: 'ln-req-amount' } });
  const fiatValue = input('ln-req-fiat-value', { inputmode: 'decimal', placeholder: 'optional, e.g. 499.00' });
  const fiatCurrency = h('select', { id: 'ln-req-fiat-currency', name: 'fiat_currency' },
    h('option', { value: '' }, 'Currency'), ...CURRENCIES.map((c) => h('option', { value: c }, c)));
  const description = input('ln-req-description', { placeholder: 'What it is for (shown to the payer)', maxlength: '500' });
  const expires = input('ln-req-expires', { inputmode: 'numeric', placeholder: '10' });
  const customer = input('ln-req-customer', { placeholder: 'optional' });
  const orderId = input('ln-req-order-id', { placeholder: 'your reference, optional' });
  const callback = input('ln-req-callback', { type: 'url', placeholder: 'https://your.site/webhook' });
  const success = input('ln-req-success', { type: 'url', placeholder: 'https://your.site/thanks' });
  const onBehalf = input('ln-req-ninjatag', { placeholder: '@ninjatag, optional' });
  const extra = h('textarea', { id: 'ln-req-extra', name: 'extra', rows: '2', spellcheck: 'false', placeholder: '{"table": 4}' });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'ln-req-submit', dataset: { testid: 'ln-req-submit' } }, 'Create payment request');
  const banner = h('div', { id: 'ln-req-error', class: 'error', role: 'alert', tabindex: '-1', hidden: true, dataset: { testid: 'ln-req-error' } });

  const fiatControl = h('div', { class: 'row nowrap' }, h('div', { class: 'grow' }, fiatValue),
    h('label', { class: 'sr-only', for: fiatCurrency.id, text: 'Fiat currency' }), fiatCurrency);
  const form = h('form', { id: 'ln-req-form', class: 'card ln-form', novalidate: true, autocomplete: 'off' },
    h('h2', { text: 'Request a payment' }),
    h('p', { class: 'hint', text: 'Creates a Lightning invoice for your customer to pay. Nothing leaves your wallet.' }),
    banner,
    amountRow(amount, 'ln-req-amount-sats'),
    h('div', { class: 'form-row' }, h('label', { for: fiatValue.id, text: 'Fiat value' }), h('div', { class: 'control' }, fiatControl)),
    labelled('Description', description),
    labelled('Expires in (min)', expires, 'Checkout page lifetime; 10 if empty.'),
    labelled('Customer name', customer),
    labelled('Order id', orderId),
    h('details', { class: 'more', id: 'ln-req-more' }, h('summary', { text: 'More options: webhook, redirect, on behalf of, extra data' }),
      labelled('Callback URL', callback, 'Ninjapay calls it when paid.'),
      labelled('Success URL', success, 'Where the checkout page sends the payer after paying.'),
      labelled('For ninjatag', onBehalf, 'Request on behalf of another Ninjapay user.'),
      labelled('Extra (JSON)', extra, 'Your own data, echoed back on the payment.')),
    h('div', { class: 'row end' }, submit));
  const fields = {
    amount, fiat_value: fiatValue, fiat_currency: fiatCurrency, description, expires_in: expires,
    customer_name: customer, order_id: orderId, callback_url: callback, success_url: success,
    receiver_ninjatag: onBehalf, extra,
  };
  const result = h('div', { id: 'ln-req-result', class: 'card ln-result', dataset: { testid: 'ln-req-result' }, 'aria-live': 'polite' },
    h('h2', { text: 'The invoice' }),
    h('p', { class: 'hint', text: 'Once you create a request, its QR code appears here for the customer to scan, with the invoice to copy, a link to the checkout page and its live status.' }));
  panel.append(h('div', { class: 'ln-split' }, form, result));
  reqEls = { form, submit, banner, result, fields };

  // A field's error goes once it is edited.
  form.addEventListener('input', (e) => { if (e.target.getAttribute('aria-invalid')) fieldError(e.target, null); });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    busy(submit, createRequest);
  });
}

async function createRequest() {
  const f = reqEls.fields;
  clearFieldErrors(reqEls.form);
  errorBanner(reqEls.banner, null);
  const checks = [
    ['amount', f.amount, ln.checkBtcAmount(f.amount.value)],
    ['fiat_value', f.fiat_value, ln.checkFiatAmount(f.fiat_value.value)],
    ['expires_in', f.expires_in, ln.checkMinutes(f.expires_in.value)],
    ['callback_url', f.callback_url, ln.checkHttpUrl(f.callback_url.value)],
    ['success_url', f.success_url, ln.checkHttpUrl(f.success_url.value)],
    ['receiver_ninjatag', f.receiver_ninjatag, ln.checkNinjatag(f.receiver_ninjatag.value)],
    ['extra', f.extra, ln.checkJsonObject(f.extra.value)],
  ];
  if (f.fiat_value.value.trim() && !f.fiat_currency.value) {
    checks.push(['fiat_currency', f.fiat_currency, { error: 'Choose the currency of the fiat value.' }]);
  }
  if (checks.slice(3).some(([, , r]) => r.error)) f.callback_url.closest('details').open = true;
  const v = collect(checks);
  if (!v) return;
  const request = compact({
    ...v,
    fiat_currency: v.fiat_value ? f.fiat_currency.value : null,
    description: f.description.value.trim(),
    customer_name: f.customer_name.value.trim(),
    order_id: f.order_id.value.trim(),
  });
  try {
    const payment = await api.receive(request);
    showRequestResult(payment);
    historyStale = true;
    remember('payment', payment.tid, payment.description || `Request ${btc(payment.amount)}`, 'created');
  } catch (e) {
    failure(e, reqEls.banner, f);
  }
}

function showRequestResult(p) {
  const invoice = p.lightning_invoice?.payreq ?? (p.uri ? ln.stripLightningUri(p.uri) : null);
  const uri = p.uri ?? (invoice ? `lightning:${invoice}` : null);
  const expiresAt = p.lightning_invoice?.expires_at ?? p.hosted_checkout_expiry;
  const statusEl = h('span', { class: 'status', id: 'ln-req-status', dataset: { testid: 'ln-req-status' } });
  const noteEl = h('p', { class: 'watch-note hint small', id: 'ln-req-watch', dataset: { testid: 'ln-req-watch' } });
  const view = { payment: p, fetchedAt: Date.now(), statusEl, noteEl };
  const uriLink = uri ? h('a', { href: uri, id: 'ln-req-uri', class: 'uri-link', dataset: { testid: 'ln-req-uri' },
    title: 'Copies the lightning: link (paste it into a wallet)' }, 'lightning: link') : null;
  uriLink?.addEventListener('click', async (e) => {
    e.preventDefault();
    try {
      await copyText(uri);
      uriLink.textContent = 'lightning: link copied ✓';
    } catch {
      uriLink.textContent = 'Copy failed';
    }
    setTimeout(() => { uriLink.textContent = 'lightning: link'; }, 1500);
  });
  const shownKeys = ['tid', 'amount', 'status', 'description', 'fiat_value', 'fiat_currency', 'uri', 'lightning_invoice',
    'hosted_checkout_url', 'hosted_checkout_expiry', 'customer_name', 'order_id', 'created_at'];
  const rows = [['tid', 'tid', mono(p.tid, 'tid')]];
  if (p.customer_name) rows.push(['Customer', 'customer_name', p.customer_name]);
  if (p.order_id) rows.push(['Order id', 'order_id', p.order_id]);
  rows.push(['Created', 'created_at', localTime(p.created_at)]);
  const heading = h('h2', { text: 'Payment request', tabindex: '-1', id: 'ln-req-result-title' });
  reqEls.result.replaceChildren(
    h('div', { class: 'detail-head' }, heading, statusEl),
    h('div', { class: 'ln-invoice' },
      invoice ? qrCode(uri ?? invoice, { size: 176, label: `QR code of the Lightning invoice for ${btc(p.amount)}` }) : h('p', { class: 'hint', text: 'No invoice was returned.' }),
      h('div', { class: 'ln-invoice-info' },
        h('div', { class: 'big-amount', dataset: { field: 'amount', testid: 'ln-req-amount-shown' }, text: btc(p.amount) }),
        h('div', { class: 'hint-inline', dataset: { field: 'sats' }, text: sats(p.amount) }),
        p.fiat_value ? h('div', { dataset: { field: 'fiat' }, text: fiat(p.fiat_value, p.fiat_currency) }) : null,
        p.description ? h('p', { class: 'desc', dataset: { field: 'description' }, text: p.description }) : null,
        expiresAt ? h('p', { class: 'small' }, 'Expires ', expiryNode(expiresAt, 'ln-req-expiry')) : null,
        h('div', { class: 'row actions' },
          invoice ? copyButton(invoice, 'Copy invoice', { id: 'ln-req-copy', 'data-testid': 'ln-req-copy' }) : null,
          uriLink),
        p.hosted_checkout_url ? h('p', { class: 'small' }, 'Checkout page: ', linkButton(p.hosted_checkout_url, 'Open checkout page', 'ln-req-checkout')) : null)),
    noteEl,
    invoice ? h('details', { class: 'invoice-text' }, h('summary', { text: 'Show the invoice text' }), h('code', { class: 'long', dataset: { testid: 'ln-req-invoice' }, text: invoice })) : null,
    fieldList(rows),
    h('div', { class: 'row' },
      h('button', { type: 'button', class: 'link', onclick: () => open(p.tid) }, 'Open in Check a payment')),
    allFields(p, shownKeys),
  );
  shown.request = view;
  paintStatus(view);
  // Keyboard and screen-reader users land on the new invoice.
  heading.focus({ preventScroll: true });
}

// ---- (2) Check a payment ---------------------------------------------------------------------

let checkEls;

function buildCheck(panel) {
  const { form, input: tidInput, button } = lookupForm({
    id: 'ln-check', label: 'Payment tid', placeholder: 'Payment tid, e.g. 198A60SO23PN99N7', button: 'Check',
    onLookup: (tid) => lookup(tid),
  });
  tidInput.dataset.testid = 'ln-check-tid';
  button.dataset.testid = 'ln-check-submit';
  const banner = h('div', { id: 'ln-check-error', class: 'error', role: 'alert', tabindex: '-1', hidden: true, dataset: { testid: 'ln-check-error' } });
  const result = h('div', { id: 'ln-check-result', dataset: { testid: 'ln-check-result' }, hidden: true });
  panel.append(h('div', { class: 'card' },
    h('h2', { text: 'Check a payment' }),
    h('p', { class: 'hint', text: 'Enter the tid of a payment you requested or sent to see its status and every detail Ninjapay keeps.' }),
    form, banner), result);
  checkEls = { form, input: tidInput, button, banner, result };
}

async function lookup(tid) {
  errorBanner(checkEls.banner, null);
  checkEls.result.dataset.state = 'loading';
  try {
    const p = await api.checkPayment(tid);
    renderCheck(p);
    checkEls.result.dataset.state = 'loaded';
    remember('payment', p.tid, p.description || `${ln.direction(p.amount) === 'out' ? 'Sent' : 'Received'} ${btc(ln.magnitude(p.amount))}`, 'looked up');
  } catch (e) {
    checkEls.result.hidden = true;
    checkEls.result.replaceChildren();
    checkEls.result.dataset.state = 'error';
    shown.check = null;
    errorBanner(checkEls.banner, e);
  }
}

function renderCheck(p) {
  const out = ln.direction(p.amount) === 'out';
  const statusEl = h('span', { class: 'status', id: 'ln-check-status', dataset: { testid: 'ln-check-status' } });
  const noteEl = h('p', { class: 'watch-note hint small', id: 'ln-check-watch' });
  const view = { payment: p, fetchedAt: Date.now(), statusEl, noteEl };
  const li = p.lightning_invoice ?? {};
  const fee = p.total_fee ?? {};
  const rows = [
    ['tid', 'tid', mono(p.tid, 'tid')],
    ['Direction', 'direction', out ? 'Sent (money out)' : 'Received (money in)'],
    ['Amount', 'amount', amountNode(p.amount)],
    ['Fiat value', 'fiat_value', p.fiat_value ? fiat(p.fiat_value, p.fiat_currency) : null],
    ['Description', 'description', p.description],
    ['Created', 'created_at', p.created_at ? localTime(p.created_at) : null],
    ['Mode', 'payment_mode', [p.payment_mode, p.wallet].filter(Boolean).join(' · ') || null],
    [out ? 'To ninjatag' : 'For ninjatag', 'receiver_ninjatag', p.receiver_ninjatag ? `@${p.receiver_ninjatag}` : null],
    ['Customer', 'customer_name', p.customer_name],
    ['Order id', 'order_id', p.order_id],
    ['Invoice', 'lightning_invoice.payreq', li.payreq ? mono(li.payreq, 'invoice') : null],
    ['Invoice type', 'lightning_invoice.lightning_invoice_type', li.lightning_invoice_type],
    ['Invoice expires', 'lightning_invoice.expires_at', li.expires_at ? `${localTime(li.expires_at)}` : null],
    ['Checkout page', 'hosted_checkout_url', p.hosted_checkout_url ? linkButton(p.hosted_checkout_url, 'Open checkout page', 'ln-check-checkout') : null],
    ['Checkout expires', 'hosted_checkout_expiry', p.hosted_checkout_expiry ? localTime(p.hosted_checkout_expiry) : null],
    ['Webhook', 'callback_url', p.callback_url],
    ['Webhook answered', 'callback_status', p.callback_status ? `HTTP ${p.callback_status}` : (p.callback_url ? 'not called yet' : null)],
    ['Success URL', 'success_url', p.success_url],
    ['Network fee', 'total_fee.network_fee', fee.network_fee],
    ['Service fee', 'total_fee.service_fee', fee.service_fee],
    ['GST', 'total_fee.gst_fee', fee.gst_fee],
  ].filter(([, , v]) => v !== null && v !== undefined && v !== '');
  const shownKeys = ['tid', 'amount', 'status', 'fiat_value', 'fiat_currency', 'description', 'created_at', 'payment_mode', 'wallet',
    'receiver_ninjatag', 'customer_name', 'order_id', 'lightning_invoice.payreq', 'lightning_invoice.lightning_invoice_type',
    'lightning_invoice.expires_at', 'hosted_checkout_url', 'hosted_checkout_expiry', 'callback_url', 'callback_status', 'success_url',
    'total_fee.network_fee', 'total_fee.service_fee', 'total_fee.gst_fee'];
  const again = h('button', { type: 'button', id: 'ln-check-again' }, 'Check again');
  again.addEventListener('click', () => busy(again, () => lookup(p.tid)));
  const actions = h('div', { class: 'row' }, again);
  const w = watchOf(p.tid);
  if ((!w || w.final) && ['pending', 'undefined'].includes(p.status)) {
    const watchBtn = h('button', { type: 'button', id: 'ln-check-watch-start' }, 'Watch until paid');
    watchBtn.addEventListener('click', () => busy(watchBtn, async () => {
      try {
        await api.watchStart('payment', p.tid);
        watchBtn.remove();
      } catch (e) {
        errorBanner(checkEls.banner, e);
      }
    }));
    actions.append(watchBtn);
  }
  checkEls.result.replaceChildren(h('div', { class: 'card' },
    h('div', { class: 'detail-head' }, h('h2', { text: out ? 'Sent payment' : 'Payment request' }), statusEl),
    noteEl,
    fieldList(rows),
    actions,
    allFields(p, shownKeys)));
  checkEls.result.hidden = false;
  shown.check = view;
  paintStatus(view);
}

// ---- (3) Send ---------------------------------------------------------------------------------

let sendEls;

function buildSend(panel) {
  const to = h('textarea', { id: 'ln-send-to', name: 'to', rows: '3', spellcheck: 'false', autocomplete: 'off',
    placeholder: 'A Lightning invoice (lnbc…), an LNURL, or a @ninjatag', dataset: { testid: 'ln-send-to' } });
  const toHint = h('div', { id: 'ln-send-to-kind', class: 'hint', 'aria-live': 'polite' });
  const amount = input('ln-send-amount', { inputmode: 'decimal', placeholder: 'for a ninjatag or an LNURL', dataset: { testid: 'ln-send-amount' } });
  const description = input('ln-send-description', { placeholder: 'a note, optional' });
  const customer = input('ln-send-customer', { placeholder: 'optional' });
  const orderId = input('ln-send-order-id', { placeholder: 'your reference, optional' });
  const fiatValue = input('ln-send-fiat-value', { inputmode: 'decimal', placeholder: 'optional' });
  const fiatCurrency = h('select', { id: 'ln-send-fiat-currency' },
    h('option', { value: '' }, 'Currency'), ...CURRENCIES.map((c) => h('option', { value: c }, c)));
  const reviewBtn = h('button', { type: 'submit', class: 'primary', id: 'ln-send-review', dataset: { testid: 'ln-send-review' } }, 'Review payment');
  const banner = h('div', { id: 'ln-send-error', class: 'error', role: 'alert', tabindex: '-1', hidden: true, dataset: { testid: 'ln-send-error' } });
  const keyNote = h('p', { class: 'notice', id: 'ln-send-key-note', hidden: true },
    'Sending needs the Admin key, and none is saved for Live mode. ',
    h('button', { type: 'button', class: 'link', onclick: () => navigate('settings') }, 'Open Settings'));
  const review = h('div', { id: 'ln-send-review-card', class: 'card review', dataset: { testid: 'ln-send-review-card' }, hidden: true });
  const result = h('div', { id: 'ln-send-result', class: 'card', dataset: { testid: 'ln-send-result' }, hidden: true, 'aria-live': 'polite' });

  const form = h('form', { id: 'ln-send-form', class: 'card ln-form', novalidate: true, autocomplete: 'off' },
    h('h2', { text: 'Send a payment' }),
    h('p', { class: 'hint', text: 'Pays out of your Lightning wallet. You see what an invoice asks for, then confirm. Nothing is sent twice.' }),
    keyNote, banner,
    labelled('Pay to', to), h('div', { class: 'form-row tight' }, h('span'), toHint),
    amountRow(amount, 'ln-send-amount-sats'),
    labelled('Note', description),
    h('details', { class: 'more' }, h('summary', { text: 'More: customer, order id, fiat value' }),
      labelled('Customer name', customer),
      labelled('Order id', orderId),
      h('div', { class: 'form-row' }, h('label', { for: fiatValue.id, text: 'Fiat value' }),
        h('div', { class: 'control' }, h('div', { class: 'row nowrap' }, h('div', { class: 'grow' }, fiatValue),
          h('label', { class: 'sr-only', for: fiatCurrency.id, text: 'Fiat currency' }), fiatCurrency)))),
    h('div', { class: 'row end' }, reviewBtn));
  panel.append(h('div', { class: 'ln-split' }, form, h('div', {}, review, result,
    h('div', { class: 'card hint-card', id: 'ln-send-placeholder' },
      h('h2', { text: 'Before it goes' }),
      h('p', { class: 'hint', text: 'Review shows the amount in BTC and sats, where it goes and, for an invoice, what it says it is for and when it expires. You confirm once more before anything is sent.' })))));
  const fields = { to, amount, description, customer, orderId, fiatValue, fiatCurrency };
  sendEls = { form, fields, toHint, reviewBtn, banner, keyNote, review, result };

  const describe = () => {
    const d = ln.classifyDestination(to.value);
    toHint.textContent = {
      empty: '',
      invoice: d.amountBtc ? `Lightning invoice for ${btc(d.amountBtc)} (${d.network})` : `Lightning invoice without an amount (${d.network}): enter the amount`,
      lnurl: 'LNURL: enter the amount to send',
      ninjatag: `Ninjapay user @${d.value}: enter the amount`,
      address: 'A Lightning address (user@domain) cannot be paid here: paste an invoice or a ninjatag',
      unknown: 'Not an invoice (lnbc…), an LNURL or a ninjatag',
    }[d.kind];
  };
  to.addEventListener('input', describe);
  // What was reviewed is what is sent: any edit takes the review away.
  form.addEventListener('input', (e) => {
    if (e.target.getAttribute('aria-invalid')) fieldError(e.target, null);
    hideReview();
  });
  form.addEventListener('change', hideReview);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    busy(reviewBtn, reviewSend);
  });
}

function hideReview() {
  sendEls.review.hidden = true;
  sendEls.review.replaceChildren();
  placeholderVisibility();
}

function placeholderVisibility() {
  const ph = document.getElementById('ln-send-placeholder');
  if (ph) ph.hidden = !sendEls.review.hidden || !sendEls.result.hidden;
}

/** Check the form, decode an invoice, and show what would be sent. */
async function reviewSend() {
  const f = sendEls.fields;
  clearFieldErrors(sendEls.form);
  errorBanner(sendEls.banner, null);
  hideReview();
  const dest = ln.classifyDestination(f.to.value);
  const destError = {
    empty: 'Paste a Lightning invoice (lnbc…) or enter a @ninjatag.',
    address: 'Lightning addresses (user@domain) are not supported by Ninjapay: paste an invoice or a ninjatag.',
    unknown: 'This is not a Lightning invoice (lnbc…), an LNURL or a ninjatag.',
  }[dest.kind];
  const checks = [
    ['to', f.to, destError ? { error: destError } : { value: dest.value }],
    ['amount', f.amount, ln.checkBtcAmount(f.amount.value, { required: dest.kind === 'ninjatag' || dest.kind === 'lnurl' })],
    ['fiat_value', f.fiatValue, ln.checkFiatAmount(f.fiatValue.value)],
  ];
  if (f.fiatValue.value.trim() && !f.fiatCurrency.value) checks.push(['fiat_currency', f.fiatCurrency, { error: 'Choose the currency.' }]);
  if (dest.kind === 'invoice' && dest.amountBtc && f.amount.value.trim()) {
    checks.push(['amount', f.amount, { error: `The invoice sets the amount (${btc(dest.amountBtc)}): leave this empty.` }]);
  }
  const v = collect(checks);
  if (!v) return;
  const common = compact({
    description: f.description.value.trim(),
    customer_name: f.customer.value.trim(),
    order_id: f.orderId.value.trim(),
    fiat_value: v.fiat_value,
    fiat_currency: v.fiat_value ? f.fiatCurrency.value : null,
  });

  let request;
  let amountBtc;
  let decoded = null;
  let toLines;
  if (dest.kind === 'ninjatag') {
    amountBtc = v.amount;
    request = { payment_mode: 'ninjatag', ninjatag: dest.value, amount: v.amount, ...common };
    toLines = [['To', 'to', `@${dest.value} (Ninjapay user, instant, no network fee)`]];
  } else if (dest.kind === 'lnurl') {
    amountBtc = v.amount;
    request = { payment_mode: 'lightning', lightning_invoice: dest.value, lightning_invoice_type: 'lnurl', amount: v.amount, ...common };
    toLines = [['To', 'to', mono(dest.value)]];
  } else {
    try {
      decoded = await api.decode(dest.value);
    } catch (e) {
      failure(e, sendEls.banner, { payreq: f.to, lightning_invoice: f.to, invoice: f.to });
      return;
    }
    const decodedAmount = decoded.amount && ln.checkBtcAmount(decoded.amount).value ? decoded.amount : null;
    if (!decodedAmount && !v.amount) {
      fieldError(f.amount, 'This invoice has no amount: enter how much to send.');
      f.amount.focus();
      return;
    }
    amountBtc = decodedAmount ?? v.amount;
    request = compact({ payment_mode: 'lightning', lightning_invoice: dest.value, lightning_invoice_type: 'invoice',
      amount: decodedAmount ? null : v.amount, ...common });
    const exp = toDate(decoded.expires_at);
    toLines = [
      ['Invoice', 'lightning_invoice', mono(dest.value)],
      ['It says', 'description', decoded.description || '(no description)'],
      ['Payee', 'payee', decoded.payee ? mono(decoded.payee) : null],
      ['Expires', 'expires_at', exp ? h('span', {}, localTime(exp), exp.getTime() < Date.now() ? h('strong', { class: 'bad', text: ' — expired' }) : null) : null],
      ['Network', 'network', [decoded.network, dest.network].filter(Boolean).join(' · ')],
    ].filter(([, , val]) => val !== null && val !== '');
  }
  const where = dest.kind === 'ninjatag' ? `@${dest.value}` : `${dest.value.slice(0, 24)}…${dest.value.slice(-8)}`;
  const sendBtn = h('button', { type: 'button', class: 'primary', id: 'ln-send-confirm', dataset: { testid: 'ln-send-confirm' } }, `Send ${btc(amountBtc)}…`);
  const edit = h('button', { type: 'button', id: 'ln-send-edit', onclick: () => { hideReview(); sendEls.fields.to.focus(); } }, 'Edit');
  sendEls.review.replaceChildren(
    h('h2', { text: 'You are about to send' }),
    h('div', { class: 'big-amount', dataset: { field: 'amount', testid: 'ln-send-review-amount' }, text: btc(amountBtc) }),
    h('div', { class: 'hint-inline', dataset: { field: 'sats' }, text: sats(amountBtc) }),
    fieldList(toLines),
    decoded ? allFields(decoded, ['amount', 'payreq', 'description', 'payee', 'expires_at', 'network']) : null,
    h('div', { class: 'row end' }, edit, sendBtn));
  sendEls.review.hidden = false;
  sendEls.result.hidden = true;
  placeholderVisibility();
  sendBtn.focus();
  sendBtn.addEventListener('click', () => busy(sendBtn, async () => {
    const ok = await confirmDialog({
      title: `Send ${btc(amountBtc)}?`,
      lines: [
        h('p', { class: 'big-amount', text: `${btc(amountBtc)} (${sats(amountBtc)})` }),
        `To: ${dest.kind === 'ninjatag' ? `@${dest.value} (Ninjapay user)` : `${dest.kind === 'lnurl' ? 'LNURL' : 'Lightning invoice'} ${where}`}`,
        decoded ? `For: ${decoded.description || '(no description)'}` : (common.description ? `Note: ${common.description}` : ''),
        'This leaves your Lightning wallet and cannot be undone.',
      ].filter(Boolean),
      confirmLabel: `Send ${btc(amountBtc)}`,
      danger: true,
    });
    if (!ok) return;
    await doSend(request, amountBtc, dest, where);
  }));
}

async function doSend(request, amountBtc, dest, where) {
  errorBanner(sendEls.banner, null);
  let receipt;
  try {
    receipt = await api.send(request);
  } catch (e) {
    hideReview();
    failure(e, sendEls.banner, { lightning_invoice: sendEls.fields.to, ninjatag: sendEls.fields.to, amount: sendEls.fields.amount });
    return;
  }
  // Sent: take the destination away so it cannot be paid again by accident.
  hideReview();
  sendEls.fields.to.value = '';
  sendEls.fields.amount.value = '';
  sendEls.fields.amount.dispatchEvent(new Event('input'));
  sendEls.toHint.textContent = '';
  historyStale = true;
  remember('payment', receipt.tid, `Sent ${btc(amountBtc)} to ${where}`, 'created');
  const statusEl = h('span', { class: 'status', id: 'ln-send-status', dataset: { testid: 'ln-send-status' } });
  const details = h('div', {});
  const payment = { tid: receipt.tid, status: receipt.message && /paid/i.test(receipt.message) ? 'paid' : 'pending', amount: `-${amountBtc}` };
  const view = { payment, fetchedAt: Date.now(), statusEl, noteEl: null };
  const heading = h('h2', { text: 'Sent', tabindex: '-1', id: 'ln-send-result-title' });
  sendEls.result.replaceChildren(
    h('div', { class: 'detail-head' }, heading, statusEl),
    h('div', { class: 'big-amount', dataset: { field: 'amount' }, text: btc(amountBtc) }),
    h('div', { class: 'hint-inline', text: sats(amountBtc) }),
    fieldList([
      ['tid', 'tid', mono(receipt.tid, 'tid')],
      ['To', 'to', dest.kind === 'ninjatag' ? `@${dest.value}` : where],
      ['Ninjapay said', 'message', receipt.message || '—'],
    ]),
    details,
    h('div', { class: 'row' }, h('button', { type: 'button', class: 'link', id: 'ln-send-open', onclick: () => open(receipt.tid) }, 'Open in Check a payment')),
    allFields(receipt, ['tid', 'message']));
  sendEls.result.hidden = false;
  placeholderVisibility();
  shown.send = view;
  paintStatus(view);
  heading.focus({ preventScroll: true });
  // Read the payment once for its status and fees (a read: safe to repeat).
  try {
    const p = await api.checkPayment(receipt.tid);
    view.payment = p;
    view.fetchedAt = Date.now();
    const fee = p.total_fee ?? {};
    const rows = [['Network fee', 'network_fee', fee.network_fee], ['Service fee', 'service_fee', fee.service_fee]]
      .filter(([, , x]) => x);
    if (rows.length) details.replaceChildren(fieldList(rows));
    paintStatus(view);
  } catch {
    // The receipt stands on its own; Check a payment can read it later.
  }
}

// ---- (4) History ------------------------------------------------------------------------------

let histEls;

function buildHistory(panel) {
  const limit = h('select', { id: 'ln-hist-limit' }, ...[10, 20, 50, 100].map((n) => h('option', { value: String(n), selected: n === 20 }, String(n))));
  const refresh = h('button', { type: 'button', id: 'ln-hist-refresh', dataset: { testid: 'ln-hist-refresh' } }, 'Refresh');
  const banner = h('div', { id: 'ln-hist-error', class: 'error', role: 'alert', hidden: true, dataset: { testid: 'ln-hist-error' } });
  const wrap = h('div', { class: 'table-wrap', id: 'ln-hist-wrap', dataset: { testid: 'ln-hist' } }, h('p', { class: 'hint', text: 'Loading…' }));
  const count = h('span', { class: 'hint-inline', id: 'ln-hist-count', 'aria-live': 'polite' });
  panel.append(h('div', { class: 'card' },
    h('div', { class: 'view-head' }, h('h2', { text: 'Payments, newest first' }),
      h('div', { class: 'row' }, h('label', { for: limit.id, text: 'Show the last' }), limit, refresh)),
    h('p', { class: 'hint', text: 'Click a row to see the payment. Click a column title to sort.' }),
    banner, count, wrap));
  histEls = { limit, refresh, banner, wrap, count };
  refresh.addEventListener('click', () => busy(refresh, loadHistory));
  limit.addEventListener('change', () => busy(refresh, loadHistory));
  wrap.addEventListener('click', (e) => {
    const tr = e.target.closest('tbody tr');
    const tid = tr?.querySelector('td[data-key="tid"]')?.textContent?.trim();
    if (tid && tid !== '—') open(tid);
  });
}

let historySeq = 0;
async function loadHistory() {
  const seq = ++historySeq;
  historyLoaded = true;
  historyStale = false;
  errorBanner(histEls.banner, null);
  histEls.wrap.dataset.state = 'loading';
  try {
    const list = await api.history(Number(histEls.limit.value));
    if (seq !== historySeq) return; // a newer load is on its way
    renderHistory(Array.isArray(list) ? list : []);
    histEls.wrap.dataset.state = 'loaded';
  } catch (e) {
    if (seq !== historySeq) return;
    historyStale = true;
    histEls.wrap.dataset.state = 'error';
    histEls.wrap.replaceChildren();
    histEls.count.textContent = '';
    errorBanner(histEls.banner, e);
  }
}

function renderHistory(list) {
  const table = sortableTable({
    id: 'ln-hist-table',
    empty: 'No payments yet.',
    rows: list,
    columns: [
      { key: 'created_at', label: 'Time', type: 'date', render: (p) => timeCell(p.created_at) },
      { key: 'tid', label: 'tid', render: (p) => h('code', { text: text(p.tid) }) },
      { key: 'direction', label: 'Type', value: (p) => (ln.direction(p.amount) === 'out' ? 'Sent' : 'Received'),
        render: (p) => `${ln.direction(p.amount) === 'out' ? 'Sent' : 'Received'}${p.payment_mode && p.payment_mode !== 'lightning' ? ` · ${p.payment_mode}` : ''}` },
      { key: 'amount', label: 'Amount', type: 'number', render: (p) => amountCell(p.amount) },
      { key: 'status', label: 'Status', render: (p) => statusBadge(p.status ?? 'undefined') },
      { key: 'description', label: 'Description', render: (p) => text(p.description) },
    ],
  });
  histEls.wrap.replaceChildren(table);
  histEls.count.textContent = `${list.length} payment${list.length === 1 ? '' : 's'}`;
}

function timeCell(ts) {
  const d = toDate(ts);
  if (!d) return text(ts);
  return h('span', { title: d.toLocaleString() }, d.toLocaleString(), h('br'), h('span', { class: 'hint-inline', text: relative(d) }));
}

function amountCell(value) {
  if (value === null || value === undefined) return '—';
  const out = ln.direction(value) === 'out';
  const mag = ln.magnitude(value);
  return h('span', { class: out ? 'amount out' : 'amount in' }, `${out ? '−' : '+'}${btc(mag)}`, h('br'),
    h('span', { class: 'hint-inline', text: sats(mag) }));
}

// ---- (5) Decode --------------------------------------------------------------------------------

let decEls;

function buildDecode(panel) {
  const inv = h('textarea', { id: 'ln-dec-invoice', rows: '3', spellcheck: 'false', autocomplete: 'off', placeholder: 'lnbc…', dataset: { testid: 'ln-dec-invoice' } });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'ln-dec-submit', dataset: { testid: 'ln-dec-submit' } }, 'Decode');
  const banner = h('div', { id: 'ln-dec-error', class: 'error', role: 'alert', tabindex: '-1', hidden: true, dataset: { testid: 'ln-dec-error' } });
  const result = h('div', { id: 'ln-dec-result', class: 'card', hidden: true, dataset: { testid: 'ln-dec-result' } });
  const form = h('form', { id: 'ln-dec-form', class: 'card', novalidate: true, autocomplete: 'off' },
    h('h2', { text: 'Decode an invoice' }),
    h('p', { class: 'hint', text: 'See what a Lightning invoice asks for (amount, description, expiry, payee) before paying it.' }),
    banner,
    labelled('Invoice', inv),
    h('div', { class: 'row end' }, submit));
  panel.append(form, result);
  decEls = { form, inv, submit, banner, result };
  inv.addEventListener('input', () => fieldError(inv, null));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    busy(submit, decodeInvoice);
  });
}

async function decodeInvoice() {
  clearFieldErrors(decEls.form);
  errorBanner(decEls.banner, null);
  const d = ln.classifyDestination(decEls.inv.value);
  if (d.kind !== 'invoice') {
    fieldError(decEls.inv, d.kind === 'empty' ? 'Paste a Lightning invoice (lnbc…).'
      : d.kind === 'lnurl' ? 'An LNURL is not an invoice: it has no fixed amount to decode.'
        : 'This is not a Lightning invoice (it should start with lnbc…).');
    decEls.inv.focus();
    return;
  }
  let x;
  try {
    x = await api.decode(d.value);
  } catch (e) {
    decEls.result.hidden = true;
    failure(e, decEls.banner, { payreq: decEls.inv, invoice: decEls.inv });
    return;
  }
  const exp = toDate(x.expires_at);
  const rows = [
    ['Amount', 'amount', x.amount ? amountNode(x.amount) : 'No amount (the payer chooses)'],
    ['Description', 'description', x.description || '(none)'],
    ['Expires', 'expires_at', exp ? h('span', {}, exp.toLocaleString(), h('span', { class: 'hint-inline', text: ` (${exp.getTime() > Date.now() ? relative(exp) : `expired ${relative(exp)}`})` })) : text(x.expires_at)],
    ['Payee', 'payee', mono(x.payee, 'payee')],
    ['Network', 'network', [x.network, d.network].filter(Boolean).join(' · ') || '—'],
    ['Payment hash', 'paymentHash', mono(x.paymentHash)],
  ];
  const pay = h('button', { type: 'button', id: 'ln-dec-pay' }, 'Pay this invoice…');
  pay.addEventListener('click', () => {
    sendEls.fields.to.value = d.value;
    sendEls.fields.to.dispatchEvent(new Event('input', { bubbles: true }));
    showPanel('send');
    sendEls.reviewBtn.focus();
  });
  decEls.result.replaceChildren(
    h('h2', { text: 'The invoice says' }),
    fieldList(rows),
    h('div', { class: 'row' }, pay),
    allFields(x, ['amount', 'description', 'expires_at', 'payee', 'network', 'paymentHash']));
  decEls.result.hidden = false;
}

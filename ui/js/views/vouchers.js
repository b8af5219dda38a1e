// Vouchers: create a batch of withdraw vouchers (with a confirmation that spells out the total
// debit), print them, and look a batch up: every code, who redeemed it and when, totals, CSV
// export, revoke and redeem. A batch on screen follows its background watch (watch://update),
// so codes redeemed meanwhile show up without pressing Refresh.
import { api } from '../ipc.js';
import { h } from '../dom.js';
import { btc, sats, btcToSats, mulDecimal, parseDecimal, localTime, text, toDate } from '../format.js';
import {
  copyButton, qrCode, badge, fieldList, allFields, sortableTable, confirmDialog, busy, explain,
  showBanner, fieldError, clearFieldErrors, showFailure, labelled,
} from '../components.js';
import { voucherCsv, codeOf, isRedeemed, codeState } from '../csv.js';
import { navigate, remember as rememberTid } from '../actions.js';

const MAX_COUNT = 100;
const MAX_EXPIRY = 525600; // a year, in minutes

/** "0.00010000 BTC (10,000 sats)". */
export function money(value) {
  return `${btc(value)} (${sats(value)})`;
}

const remember = (tid, label, action) => rememberTid('voucher', tid, label, action);

/** A missing key is something the user fixes in Settings: say so. */
function keyAdvice(err, what = 'This needs the Admin key') {
  if (err?.code === 'key_missing') return { ...err, message: `${what}: save it in Settings. (${err.message})` };
  return err;
}

/** A server refusal in the banner (with a way to Settings when a key is the problem). */
function showError(banner, err, what) {
  showBanner(banner, keyAdvice(err, what));
  if (err && ['admin_key_required', 'key_missing', 'unauthorized'].includes(err.code)) {
    banner.append(' ', h('button', {
      type: 'button', class: 'link', dataset: { testid: 'go-settings' },
      onclick: () => navigate('settings'),
    }, 'Open Settings'));
  }
}

// ---- validation (mirrors VoucherRequest::validate in crates/ninjapay/src/requests.rs) ----------

const isHttpUrl = (s) => {
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && !!u.hostname;
  } catch {
    return false;
  }
};
const isEmail = (s) => /^[^\s@]+@[^\s@.][^\s@]*\.[^\s@]*[^\s@.]$/.test(s);

/** Checks the create form's values; returns [{field, message}] (empty when fine). */
export function validateCreate(v) {
  const errs = [];
  const amount = v.amount.trim();
  const d = parseDecimal(amount);
  if (!amount) errs.push({ field: 'amount', message: 'Enter the amount per voucher, in BTC.' });
  else if (!d || d.neg) errs.push({ field: 'amount', message: 'The amount must be a number of BTC, like 0.0001.' });
  else if (btcToSats(amount) === null) errs.push({ field: 'amount', message: 'At most 8 decimals: the smallest unit is 1 sat = 0.00000001 BTC.' });
  else if (btcToSats(amount) <= 0n) errs.push({ field: 'amount', message: 'The amount must be more than 0 BTC.' });
  const count = v.voucher_count.trim();
  if (!/^\d+$/.test(count) || Number(count) < 1 || Number(count) > MAX_COUNT) {
    errs.push({ field: 'voucher_count', message: `The number of vouchers must be a whole number from 1 to ${MAX_COUNT}.` });
  }
  const expiry = v.expiry.trim();
  if (expiry && (!/^\d+$/.test(expiry) || Number(expiry) < 1 || Number(expiry) > MAX_EXPIRY)) {
    errs.push({ field: 'expiry', message: `Expiry is a whole number of minutes from 1 to ${MAX_EXPIRY} (a year), or blank.` });
  }
  const email = v.receiver_email.trim();
  if (email && count === '1' && !isEmail(email)) errs.push({ field: 'receiver_email', message: 'That does not look like an email address.' });
  for (const f of ['unique_design_url', 'callback_url']) {
    const url = v[f].trim();
    if (url && !isHttpUrl(url)) errs.push({ field: f, message: 'Enter a web address starting with http:// or https://.' });
  }
  return errs;
}

/** The request body (API field names; amount as a decimal string; blanks left out). */
export function createBody(v) {
  const body = { amount: v.amount.trim(), voucher_count: Number(v.voucher_count.trim()) };
  for (const f of ['title', 'from', 'unique_design_url', 'callback_url']) if (v[f].trim()) body[f] = v[f].trim();
  if (v.expiry.trim()) body.expiry = Number(v.expiry.trim());
  if (body.voucher_count === 1 && v.receiver_email.trim()) body.receiver_email = v.receiver_email.trim();
  return body;
}

// ---- printable cards -----------------------------------------------------------------------

/** One voucher card: title, from, amount, QR and the code's URL. */
function voucherCard(v, code, url) {
  return h('article', { class: 'voucher-card', dataset: { code } },
    h('div', { class: 'vc-title', text: v.title || 'Bitcoin voucher' }),
    v.from ? h('div', { class: 'vc-from', text: `From ${v.from}` }) : null,
    h('div', { class: 'vc-amount', text: btc(v.amount) }),
    h('div', { class: 'vc-sats', text: sats(v.amount) }),
    qrCode(url, { size: 132, label: `QR code for voucher ${code}` }),
    h('div', { class: 'vc-url mono', text: url }),
    h('div', { class: 'vc-code', text: `Code ${code}` }));
}

/** Print a card per code: builds the sheet, waits for the QR codes, then window.print(). */
async function printCards(v, codes) {
  document.querySelector('.print-sheet')?.remove();
  const sheet = h('div', { class: 'print-sheet', dataset: { testid: 'voucher-print-sheet' } },
    ...codes.map((c) => voucherCard(v, codeOf(c), c.voucher_url)));
  document.body.append(sheet);
  const until = Date.now() + 4000;
  while (Date.now() < until && sheet.querySelectorAll('.qr svg').length < codes.length) {
    await new Promise((r) => setTimeout(r, 50));
  }
  window.addEventListener('afterprint', () => sheet.remove(), { once: true });
  window.print();
}

// ---- the view --------------------------------------------------------------------------------

export function mount(section) {
  // ids kept from the first version: voucher-tid, voucher-lookup, voucher-detail.
  const tidInput = h('input', {
    id: 'voucher-tid', name: 'tid', type: 'text', spellcheck: 'false', autocomplete: 'off',
    placeholder: 'Batch tid, e.g. 210N66027HB789', required: true, dataset: { testid: 'voucher-tid' },
  });
  const lookupBtn = h('button', { id: 'voucher-lookup', type: 'submit', class: 'primary', dataset: { testid: 'voucher-lookup' } }, 'Look up');
  const lookupForm = h('form', { id: 'voucher-form', class: 'row voucher-lookup', autocomplete: 'off' },
    h('label', { class: 'sr-only', for: 'voucher-tid', text: 'Voucher batch tid' }), tidInput, lookupBtn);
  const newBtn = h('button', { id: 'voucher-new', type: 'button', dataset: { testid: 'voucher-new' } }, 'New voucher batch');
  const banner = h('div', { id: 'voucher-error', class: 'error', role: 'alert', tabindex: '-1', dataset: { testid: 'voucher-error' }, hidden: true });
  const createCard = h('div', { id: 'voucher-create', class: 'card' });
  const createdCard = h('div', { id: 'voucher-created', class: 'card', hidden: true, dataset: { testid: 'voucher-created' } });
  const detail = h('div', { id: 'voucher-detail', dataset: { testid: 'voucher-detail' }, hidden: true });

  section.replaceChildren(
    h('h1', { text: 'Vouchers' }),
    h('p', { class: 'hint', text: 'Create withdraw vouchers anyone can redeem, or look a batch up by its tid to see, code by code, who redeemed what and when.' }),
    h('div', { class: 'voucher-bar' }, lookupForm, newBtn),
    banner, createCard, createdCard, detail);

  const panels = { create: createCard, created: createdCard, detail };
  const showPanel = (name) => {
    for (const [k, el] of Object.entries(panels)) el.hidden = k !== name;
    newBtn.hidden = name === 'create';
  };

  // ---- create ----
  const form = buildCreateForm(createCard, banner, (voucher, req) => {
    showCreated(createdCard, voucher, req, (tid) => lookup(tid));
    showPanel('created');
    createdCard.querySelector('h2')?.focus();
  });
  // Home's "New vouchers" navigates here without a tid: show the form.
  document.addEventListener('desk:navigate', (e) => {
    if (e.detail?.view === 'vouchers' && !e.detail.tid && createCard.hidden) newBtn.click();
  });
  newBtn.addEventListener('click', () => {
    showBanner(banner, null);
    showPanel('create');
    form.amount.focus();
  });

  // ---- detail ----
  let lastState = null;
  const current = { tid: null, data: null, loading: null, again: false, watchSig: null, sort: null };

  async function load(tid, { quiet = false } = {}) {
    if (current.loading) {
      if (tid === current.tid) { current.again = true; return current.loading; }
      await current.loading.catch(() => {});
    }
    const run = (async () => {
      if (!quiet) detail.dataset.state = 'loading';
      try {
        const v = await api.checkVoucher(tid);
        if (tid !== current.tid) return;
        current.data = v;
        showBanner(banner, null);
        renderDetail(v);
        detail.dataset.state = 'loaded';
      } catch (e) {
        if (tid !== current.tid) return;
        showError(banner, e, 'A key is missing');
        if (!current.data) {
          detail.hidden = true;
          detail.replaceChildren();
          detail.dataset.state = 'error';
        } else {
          detail.dataset.state = 'loaded';
        }
        if (!quiet) banner.focus();
      }
    })();
    current.loading = run;
    try {
      await run;
    } finally {
      current.loading = null;
      if (current.again) {
        current.again = false;
        load(current.tid, { quiet: true });
      }
    }
  }

  async function lookup(tid) {
    tid = String(tid).trim();
    if (!tid) return;
    tidInput.value = tid;
    showBanner(banner, null);
    if (tid !== current.tid) {
      current.tid = tid;
      current.data = null;
      current.sort = null;
      current.redeemed = null;
      current.exported = null;
      current.watchSig = watchSig(findWatch(lastState, tid));
      detail.replaceChildren();
    }
    showPanel('detail');
    detail.hidden = !current.data;
    await busy(lookupBtn, () => load(tid));
  }

  lookupForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    const tid = tidInput.value.trim();
    await lookup(tid);
    if (current.tid === tid && current.data) remember(tid, current.data.title, 'looked up');
  });

  function renderDetail(v) {
    const codes = v.voucher_urls ?? [];
    const count = Number(v.voucher_count ?? codes.length);
    const listed = codes.some((c) => c.voucher_code);
    const redeemed = listed ? codes.filter(isRedeemed).length : Number(v.voucher_redeemed ?? 0);
    const open = Math.max(0, count - redeemed);
    const expiresAt = toDate(v.expires_at);
    const expired = !!expiresAt && expiresAt.getTime() <= Date.now();
    const redeemedValue = mulDecimal(v.amount, redeemed);
    const outstanding = v.revoked ? '0' : mulDecimal(v.amount, open);
    const state = v.revoked ? 'revoked' : redeemed >= count ? 'fully_redeemed' : expired ? 'expired' : 'open';
    const title = v.title ?? '';

    const refreshBtn = h('button', { type: 'button', id: 'voucher-refresh', dataset: { testid: 'voucher-refresh' } }, 'Refresh');
    refreshBtn.addEventListener('click', () => busy(refreshBtn, () => load(current.tid)));
    const exportBtn = h('button', { type: 'button', id: 'voucher-export', dataset: { testid: 'voucher-export' } }, 'Export CSV');
    const exportNote = h('span', { class: 'hint export-note', role: 'status', dataset: { testid: 'voucher-export-result' } });
    exportBtn.addEventListener('click', () => busy(exportBtn, async () => {
      exportNote.textContent = '';
      try {
        const path = await api.exportCsv(`vouchers-${v.tid}.csv`, voucherCsv(current.data ?? v));
        current.exported = { tid: String(v.tid), path: path ?? '' };
        exportNote.textContent = path ? `Saved to ${path}` : 'Export cancelled.';
        exportNote.dataset.path = path ?? '';
      } catch (e) {
        showError(banner, e);
      }
    }));
    if (current.exported?.tid === String(v.tid)) {
      // Still say where the last export went after a refresh.
      exportNote.textContent = current.exported.path ? `Saved to ${current.exported.path}` : 'Export cancelled.';
      exportNote.dataset.path = current.exported.path;
    }
    const printBtn = h('button', { type: 'button', id: 'voucher-print', dataset: { testid: 'voucher-print' }, title: 'A card per open code, with its QR code' }, 'Print open vouchers');
    const openCodes = codes.filter((c) => !isRedeemed(c));
    printBtn.disabled = v.revoked || expired || openCodes.length === 0;
    printBtn.addEventListener('click', () => printCards(v, openCodes));
    const revokeBtn = h('button', { type: 'button', id: 'voucher-revoke', class: 'danger', dataset: { testid: 'voucher-revoke' } }, 'Revoke…');
    revokeBtn.disabled = !!v.revoked || expired;
    revokeBtn.title = v.revoked ? 'Already revoked' : expired ? 'Expired batches cannot be revoked' : 'Stop the remaining codes from being redeemed';
    revokeBtn.addEventListener('click', () => revoke(v, revokeBtn, { open, outstanding }));

    const stateBadges = h('span', { class: 'badges', dataset: { field: 'state' } },
      badge(state === 'fully_redeemed' ? 'redeemed' : state, state === 'fully_redeemed' ? 'Fully redeemed' : null),
      v.revoked ? null : badge(redeemed ? 'partial' : 'open', `${redeemed} of ${count} redeemed`));

    const amountNode = h('span', {}, btc(v.amount), h('span', { class: 'hint-inline', text: ` (${sats(v.amount)})` }));
    const withCopy = (value) => (value ? h('span', { class: 'with-copy' }, h('span', { class: 'mono', text: String(value) }), ' ', copyButton(value)) : text(value));

    const rows = [
      ['Batch tid', 'tid', withCopy(v.tid)],
      ['From', 'from', v.from],
      ['Created', 'created_at', localTime(v.created_at)],
      ['Expires', 'expires_at', localTime(v.expires_at)],
      ['Amount per voucher', 'amount', amountNode],
      ['Vouchers', 'voucher_count', String(count)],
      ['Redeemed', 'voucher_redeemed', String(redeemed)],
      ['Total value', 'total_value', money(mulDecimal(v.amount, count))],
      ['Redeemed value', 'redeemed_value', money(redeemedValue)],
      ['Outstanding value', 'outstanding_value', v.revoked ? `${money('0')} — revoked` : expired ? `${money(outstanding)} — expired, no longer redeemable` : money(outstanding)],
      ['Static link', 'voucher_static_url', withCopy(v.voucher_static_url)],
    ];
    if (v.revoked) rows.push(['Revoked', 'revoked_at', localTime(v.revoked_at)]);
    if (v.receiver_email) rows.push(['Emailed to', 'receiver_email', v.receiver_email], ['Email', 'email_status', badge(v.email_status)]);
    if (v.callback_url) rows.push(['Webhook', 'callback_url', v.callback_url]);
    if (v.unique_design_url) rows.push(['Design', 'unique_design_url', v.unique_design_url]);

    const watchLine = h('p', { class: 'hint watch-line', dataset: { testid: 'voucher-watch', tid: String(v.tid), final: String(state !== 'open') } });
    describeWatch(watchLine, findWatch(lastState, v.tid));

    const table = codesTable(v, codes);
    const redeemCard = buildRedeemForm(v, openCodes, { revoked: !!v.revoked, expired }, () => load(current.tid, { quiet: true }));

    // A background refresh must not wipe what the user is typing, nor move the focus.
    const kept = [...detail.querySelectorAll('#voucher-redeem-form [id]')].map((el) => [el.id, el.value]);
    const focused = detail.contains(document.activeElement) ? document.activeElement.id : null;
    detail.replaceChildren(
      h('div', { class: 'detail-head' },
        h('h2', { dataset: { field: 'title' }, class: title ? null : 'untitled', text: title || 'Untitled batch' }), stateBadges),
      h('div', { class: 'row detail-actions' }, refreshBtn, exportBtn, printBtn, revokeBtn, exportNote),
      fieldList(rows),
      watchLine,
      h('h3', { text: `Codes (${codes.length})` }),
      h('div', { class: 'table-wrap' }, table),
      h('p', { class: 'totals', dataset: { testid: 'voucher-totals' } },
        `Redeemed: ${redeemed} × ${btc(v.amount)} = ${money(redeemedValue)}. `,
        v.revoked ? 'Outstanding: none (revoked).' : `Outstanding: ${open} × ${btc(v.amount)} = ${money(outstanding)}.`),
      allFields(v, ['tid', 'title', 'from', 'created_at', 'expires_at', 'amount', 'voucher_count', 'voucher_redeemed',
        'voucher_static_url', 'voucher_urls', 'revoked', 'revoked_at', 'receiver_email', 'email_status',
        'callback_url', 'unique_design_url']),
      redeemCard);
    for (const [id, value] of kept) {
      const el = detail.querySelector(`#${id}`);
      if (el && !el.disabled && (el.tagName !== 'SELECT' || [...el.options].some((o) => o.value === value))) {
        el.value = value;
        el.dispatchEvent(new Event('change'));
      }
    }
    if (focused) detail.querySelector(`#${CSS.escape(focused)}`)?.focus();
    detail.dataset.tid = String(v.tid);
    detail.dataset.revoked = String(!!v.revoked);
    detail.dataset.redeemed = String(redeemed);
    detail.hidden = false;
  }

  function codesTable(v, codes) {
    const rows = codes.map((c) => ({ ...c, code: codeOf(c), state: codeState(v, c) }));
    const table = sortableTable({
      id: 'voucher-codes',
      rows,
      empty: 'No codes in this batch.',
      columns: [
        { key: 'code', label: 'Code', render: (r) => h('span', { class: 'mono', text: r.code }) },
        {
          key: 'voucher_url', label: 'Link',
          render: (r) => h('span', { class: 'with-copy' }, h('span', { class: 'mono url', text: r.voucher_url }), ' ', copyButton(r.voucher_url)),
        },
        { key: 'state', label: 'State', render: (r) => badge(r.state) },
        { key: 'redeemed_by', label: 'Redeemed by', render: (r) => shortText(r.redeemed_by) },
        { key: 'redeemed_tid', label: 'Redeem tid', render: (r) => h('span', { class: 'mono', text: text(r.redeemed_tid) }) },
        { key: 'redeemed_at', label: 'Redeemed at', type: 'date', render: (r) => (r.redeemed_at ? localTime(r.redeemed_at) : '—') },
        { key: 'callback_status', label: 'Webhook', type: 'number', render: (r) => webhook(r.callback_status) },
      ],
    });
    table.dataset.testid = 'voucher-codes';
    // Keep the user's sort across refreshes.
    table.querySelector('thead').addEventListener('click', () => queueMicrotask(() => {
      const th = table.querySelector('th[aria-sort=ascending], th[aria-sort=descending]');
      current.sort = th ? { key: th.dataset.key, dir: th.getAttribute('aria-sort') } : null;
    }));
    if (current.sort) {
      const btn = table.querySelector(`th[data-key="${current.sort.key}"] button`);
      btn?.click();
      if (current.sort?.dir === 'descending') btn?.click();
    }
    return table;
  }

  async function revoke(v, btn, { open, outstanding }) {
    const ok = await confirmDialog({
      title: 'Revoke this voucher batch?',
      lines: [
        h('p', {}, 'Batch ', h('strong', { text: `“${v.title || 'Untitled batch'}”` }), ' ', h('span', { class: 'mono', text: `(${v.tid})` })),
        h('p', { class: 'big-amount', text: `Outstanding: ${money(outstanding)}` }),
        `${open} unredeemed code${open === 1 ? '' : 's'} will stop working at once. Codes already redeemed stay paid. This cannot be undone.`,
      ],
      confirmLabel: 'Revoke batch',
      danger: true,
    });
    if (!ok) return;
    await busy(btn, async () => {
      try {
        await api.revokeVoucher(v.tid);
        remember(v.tid, v.title, 'revoked');
      } catch (e) {
        showError(banner, e);
        banner.focus();
        return;
      }
      await load(v.tid);
    });
  }

  function buildRedeemForm(v, openCodes, { revoked, expired }, after) {
    const card = h('section', { class: 'redeem', 'aria-labelledby': 'voucher-redeem-h' });
    const codeSel = h('select', { id: 'voucher-redeem-code', name: 'voucher_code' },
      h('option', { value: '', text: openCodes.length ? 'Choose a code…' : 'No open codes' }),
      ...openCodes.map((c) => h('option', { value: codeOf(c), text: codeOf(c) })));
    const modeSel = h('select', { id: 'voucher-redeem-mode', name: 'redeem_mode' },
      h('option', { value: 'ninjatag', text: 'To a ninjatag' }),
      h('option', { value: 'invoice', text: 'To a Lightning invoice' }));
    const target = h('input', { id: 'voucher-redeem-to', name: 'redeem_to', type: 'text', spellcheck: 'false', autocomplete: 'off', placeholder: '@username' });
    const targetRow = labelled('Ninjatag', target, 'The Ninjapay user who receives the value.');
    modeSel.addEventListener('change', () => {
      const inv = modeSel.value === 'invoice';
      targetRow.querySelector('label').textContent = inv ? 'Lightning invoice' : 'Ninjatag';
      targetRow.querySelector('.hint').textContent = inv ? `A BOLT11 invoice (lnbc…) for ${btc(v.amount)}.` : 'The Ninjapay user who receives the value.';
      target.placeholder = inv ? 'lnbc…' : '@username';
    });
    const submit = h('button', { type: 'submit', class: 'primary', dataset: { testid: 'voucher-redeem-submit' } }, 'Redeem…');
    const rbanner = h('div', { class: 'error', role: 'alert', tabindex: '-1', hidden: true, dataset: { testid: 'voucher-redeem-error' } });
    const result = h('div', { class: 'redeem-result', role: 'status', dataset: { testid: 'voucher-redeem-result' } });
    const closed = revoked || expired || !openCodes.length;
    const form = h('form', { id: 'voucher-redeem-form', novalidate: true },
      labelled('Code', codeSel), labelled('Send to', modeSel), targetRow,
      h('div', { class: 'row end' }, submit));
    for (const el of [codeSel, modeSel, target, submit]) el.disabled = closed;
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      busy(submit, async () => {
        clearFieldErrors(form);
        showBanner(rbanner, null);
        const code = codeSel.value.trim();
        const mode = modeSel.value;
        const to = target.value.trim();
        let bad = false;
        if (!/^[A-Za-z0-9]+$/.test(code)) { fieldError(codeSel, 'Choose the code to redeem.'); bad = true; }
        if (mode === 'ninjatag' && !/^@?[A-Za-z0-9_.-]{2,64}$/.test(to)) { fieldError(target, 'Enter a ninjatag, such as @satoshi.'); bad = true; }
        if (mode === 'invoice' && !/^(lightning:)?(lnbc|lntb|lntbs|lnbcrt|lnurl)[0-9a-z]+$/i.test(to)) { fieldError(target, 'Enter a BOLT11 Lightning invoice (lnbc…).'); bad = true; }
        if (bad) { form.querySelector('[aria-invalid]')?.focus(); return; }
        const ok = await confirmDialog({
          title: 'Redeem this voucher?',
          lines: [
            h('p', {}, 'Code ', h('strong', { class: 'mono', text: code }), ` of “${v.title || 'Untitled batch'}”`),
            h('p', { class: 'big-amount', text: money(v.amount) }),
            h('p', {}, 'goes to ', h('strong', { class: 'mono', text: to.length > 60 ? `${to.slice(0, 48)}…${to.slice(-8)}` : to }), '. This cannot be undone.'),
          ],
          confirmLabel: 'Redeem',
        });
        if (!ok) return;
        try {
          const r = await api.redeemVoucher({ voucher_code: code, redeem_mode: mode, redeem_to: to });
          remember(v.tid, v.title, 'redeemed');
          current.redeemed = { tid: String(v.tid), code, to, r };
          showRedemption(result, current.redeemed);
          target.value = '';
          await after();
        } catch (err) {
          showFailure(keyAdvice(err), { banner: rbanner, fields: { voucher_code: codeSel, redeem_to: target, redeem_mode: modeSel } });
        }
      });
    });
    // The last redeem's answer stays on screen when the detail is drawn again.
    if (current.redeemed?.tid === String(v.tid)) showRedemption(result, current.redeemed);
    card.append(h('h3', { id: 'voucher-redeem-h', text: 'Redeem a code' }),
      closed ? h('p', { class: 'hint', text: revoked ? 'This batch is revoked: its codes cannot be redeemed.' : expired ? 'This batch has expired.' : 'Every code has been redeemed.' })
        : h('p', { class: 'hint', text: 'Pay one code out to a ninjatag or a Lightning invoice, as a customer would.' }),
      rbanner, form, result);
    return card;
  }

  // ---- watch updates ----
  function update(state) {
    lastState = state;
    if (!current.tid || !current.data) return;
    const w = findWatch(state, current.tid);
    const line = detail.querySelector('.watch-line');
    if (line) describeWatch(line, w);
    const sig = watchSig(w);
    if (!w || sig === current.watchSig) return;
    current.watchSig = sig;
    // Re-fetch when the watch saw something the table does not show yet.
    const v = current.data;
    const shown = `${detail.dataset.redeemed} of ${Number(v.voucher_count ?? (v.voucher_urls ?? []).length)} redeemed`;
    if ((w.rawStatus && w.rawStatus !== shown) || (w.status === 'revoked') !== !!v.revoked) {
      load(current.tid, { quiet: true });
    }
  }

  return {
    update,
    open(tid) {
      lookup(tid);
    },
  };
}

function findWatch(state, tid) {
  if (!state?.watches || !tid) return null;
  let best = null;
  for (const w of state.watches.values()) {
    if (w.kind === 'voucher' && String(w.tid) === String(tid) && (!best || w.id > best.id)) best = w;
  }
  return best;
}

const watchSig = (w) => (w ? `${w.status}|${w.rawStatus}` : null);

function describeWatch(el, w) {
  if (!w && el.dataset.final === 'true') {
    el.textContent = 'Nothing will change in this batch any more (revoked, fully redeemed or expired).';
    return;
  }
  if (!w) {
    if (el.dataset.state === 'none') return; // keep the button (and its focus) as it is
    el.dataset.state = 'none';
    const tid = el.closest('#voucher-detail')?.dataset.tid ?? el.dataset.tid;
    const btn = h('button', { type: 'button', class: 'link', dataset: { testid: 'voucher-watch-start' } }, 'Watch it');
    btn.addEventListener('click', () => busy(btn, async () => {
      try {
        await api.watchStart('voucher', tid);
      } catch (e) {
        el.textContent = `Could not watch it: ${explain(e)}`;
      }
    }));
    el.replaceChildren('Not watched in the background: press Refresh to see new redeems, or ', btn, '.');
    return;
  }
  el.dataset.state = 'watched';
  const last = w.lastCheckedAt ? `last checked ${localTime(w.lastCheckedAt)}` : 'not checked yet';
  el.textContent = w.final
    ? `Background watch ended (${text(w.rawStatus ?? w.status)}); ${last}.`
    : `Watched in the background: this table updates when codes are redeemed (${last}).`;
}

function showRedemption(el, { code, to, r }) {
  el.replaceChildren(
    h('p', { class: 'ok-line' }, badge(r.redeemed ? 'redeemed' : 'failed', r.redeemed ? 'Redeemed' : 'Not redeemed'), ` ${code} → ${text(r.redeemed_by ?? to)}`),
    fieldList([
      ['Code', 'voucher_code', r.voucher_code],
      ['Mode', 'redeemed_mode', r.redeemed_mode],
      ['Paid to', 'redeemed_by', r.redeemed_by],
      ['Payment tid', 'redeemed_tid', r.redeemed_tid],
      ['At', 'redeemed_at', localTime(r.redeemed_at)],
    ]),
    allFields(r, ['voucher_code', 'redeemed', 'redeemed_mode', 'redeemed_by', 'redeemed_tid', 'redeemed_at']));
}

function shortText(value) {
  if (value === null || value === undefined || value === '') return '—';
  const s = String(value);
  if (s.length <= 30) return h('span', { class: 'mono', dataset: { full: s }, text: s });
  return h('span', { class: 'with-copy' },
    h('span', { class: 'mono', title: s, dataset: { full: s }, text: `${s.slice(0, 18)}…${s.slice(-6)}` }), ' ', copyButton(s));
}

function webhook(status) {
  if (status === null || status === undefined) return '—';
  const n = Number(status);
  return badge(n >= 200 && n < 300 ? 'ok' : 'failed', `HTTP ${n}`);
}

// ---- create form -----------------------------------------------------------------------------

function buildCreateForm(card, banner, onCreated) {
  const input = (name, attrs = {}) => h('input', { id: `voucher-${name.replace(/_/g, '-')}`, name, type: 'text', autocomplete: 'off', ...attrs });
  const f = {
    amount: input('amount', { inputmode: 'decimal', placeholder: '0.0001', spellcheck: 'false' }),
    voucher_count: input('voucher_count', { type: 'number', min: '1', max: String(MAX_COUNT), step: '1', value: '1', inputmode: 'numeric' }),
    title: input('title', { placeholder: 'Congratulations!', maxlength: '200' }),
    from: input('from', { placeholder: 'Your shop', maxlength: '100' }),
    expiry: input('expiry', { type: 'number', min: '1', max: String(MAX_EXPIRY), step: '1', inputmode: 'numeric', placeholder: 'e.g. 1440 (a day)' }),
    receiver_email: input('receiver_email', { type: 'email', placeholder: 'name@example.com' }),
    unique_design_url: input('unique_design_url', { type: 'url', placeholder: 'https://…/artwork.png', spellcheck: 'false' }),
    callback_url: input('callback_url', { type: 'url', placeholder: 'https://…/webhook', spellcheck: 'false' }),
  };
  const satsNote = h('span', { class: 'sats-live', 'aria-live': 'polite', dataset: { testid: 'voucher-amount-sats' } });
  const amountCtl = h('div', { class: 'amount-ctl' }, f.amount, satsNote);
  const amountRow = h('div', { class: 'form-row' },
    h('label', { for: f.amount.id, text: 'Amount per voucher (BTC)' }),
    h('div', { class: 'control' }, amountCtl, h('div', { class: 'hint', text: 'In BTC, up to 8 decimals (1 sat = 0.00000001 BTC).' })));
  const emailRow = labelled('Email it to', f.receiver_email, 'Only for a single voucher: Ninjapay emails it to this address.');
  const total = h('p', { class: 'total-line', 'aria-live': 'polite', dataset: { testid: 'voucher-total' } });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'voucher-create-submit', dataset: { testid: 'voucher-create-submit' } }, 'Create vouchers…');
  const form = h('form', { id: 'voucher-create-form', novalidate: true, autocomplete: 'off' },
    h('div', { class: 'create-cols' },
      h('div', {},
        amountRow,
        labelled('Number of vouchers', f.voucher_count, `1 to ${MAX_COUNT} codes, each worth the amount above.`),
        labelled('Title', f.title, 'Printed on each voucher.'),
        labelled('From', f.from, 'Who the vouchers are from.')),
      h('div', {},
        labelled('Expires after (minutes)', f.expiry, 'Blank: Ninjapay’s default.'),
        emailRow,
        labelled('Design URL', f.unique_design_url, 'Your own artwork, 640×360 px (optional).'),
        labelled('Webhook URL', f.callback_url, 'Called each time a code is redeemed (optional).'))),
    total,
    h('div', { class: 'row end' }, submit));
  card.replaceChildren(h('h2', { text: 'New voucher batch' }), form);

  const values = () => Object.fromEntries(Object.entries(f).map(([k, el]) => [k, el.value]));
  const live = () => {
    const a = f.amount.value.trim();
    const s = a ? btcToSats(a) : null;
    satsNote.textContent = !a ? '' : s === null || s < 0n ? 'not a BTC amount' : `= ${sats(a)}`;
    const n = f.voucher_count.value.trim();
    const single = n === '1';
    emailRow.hidden = !single;
    f.receiver_email.disabled = !single;
    if (s !== null && s > 0n && /^\d+$/.test(n) && Number(n) >= 1 && Number(n) <= MAX_COUNT) {
      const t = mulDecimal(a, Number(n));
      total.textContent = `Total debit: ${n} × ${btc(a)} = ${money(t)}`;
    } else {
      total.textContent = 'Total debit: enter an amount and a number of vouchers.';
    }
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
      clearFieldErrors(form);
      showBanner(banner, null);
      const v = values();
      const errs = validateCreate(v);
      if (errs.length) {
        for (const { field, message } of errs) fieldError(f[field], message);
        f[errs[0].field].focus();
        return;
      }
      const body = createBody(v);
      const count = body.voucher_count;
      const totalBtc = mulDecimal(body.amount, count);
      const ok = await confirmDialog({
        title: 'Create these vouchers?',
        lines: [
          `${count} voucher${count === 1 ? '' : 's'} × ${money(body.amount)}`,
          h('p', { class: 'big-amount', dataset: { testid: 'confirm-total' }, text: `Total debit: ${money(totalBtc)}` }),
          body.title ? h('p', {}, 'Title: ', h('strong', { text: body.title })) : null,
          body.receiver_email ? `Emailed to ${body.receiver_email}` : null,
          body.expiry ? `Expires after ${body.expiry} minutes.` : null,
          'The total is debited from your Lightning wallet when the batch is created. Anyone holding a code can redeem it until it expires or you revoke the batch.',
        ].filter(Boolean),
        confirmLabel: `Create and debit ${btc(totalBtc)}`,
      });
      if (!ok) return;
      try {
        const voucher = await api.requestVoucher(body);
        remember(voucher.tid, body.title, 'created');
        onCreated(voucher, body);
      } catch (err) {
        const e2 = keyAdvice(err);
        if (err?.code === 'validation' && err.field && f[err.field]) {
          showFailure(e2, { banner, fields: f });
        } else {
          showError(banner, err);
          banner.focus();
        }
      }
    });
  });
  return f;
}

// ---- after creating --------------------------------------------------------------------------

function showCreated(card, v, req, openDetail) {
  const codes = v.voucher_urls ?? [];
  const batch = { ...v, title: v.title ?? req.title, from: v.from ?? req.from, amount: v.amount ?? req.amount };
  const openBtn = h('button', { type: 'button', class: 'primary', dataset: { testid: 'voucher-open-detail' } }, 'Open batch details');
  openBtn.addEventListener('click', () => openDetail(v.tid));
  const printBtn = h('button', { type: 'button', dataset: { testid: 'voucher-print-created' } }, 'Print vouchers');
  printBtn.addEventListener('click', () => printCards(batch, codes));
  const staticUrl = v.voucher_static_url;
  card.replaceChildren(
    h('h2', { tabindex: '-1', text: `${codes.length || req.voucher_count} voucher${(codes.length || req.voucher_count) === 1 ? '' : 's'} created` }),
    h('p', {}, 'Batch ', h('span', { class: 'mono', dataset: { testid: 'created-tid' }, text: String(v.tid) }), ' ', copyButton(v.tid, 'Copy tid'),
      ` · ${money(batch.amount)} each · total ${money(mulDecimal(batch.amount, codes.length || req.voucher_count))}`),
    h('div', { class: 'row' }, openBtn, printBtn),
    staticUrl ? h('div', { class: 'static-link' },
      h('h3', { text: 'One link for all vouchers' }),
      h('p', { class: 'hint', text: 'Each Ninjapay user can redeem once through it.' }),
      h('div', { class: 'static-row' }, qrCode(staticUrl, { size: 120, label: 'QR code for the static link' }),
        h('div', {}, h('div', { class: 'mono url', dataset: { testid: 'created-static-url' }, text: staticUrl }), copyButton(staticUrl, 'Copy link')))) : null,
    h('h3', { text: `Codes (${codes.length})` }),
    h('div', { class: 'created-codes', dataset: { testid: 'created-codes' } },
      ...codes.map((c) => {
        const code = codeOf(c);
        return h('div', { class: 'created-code', dataset: { code } },
          qrCode(c.voucher_url, { size: 112, label: `QR code for voucher ${code}` }),
          h('div', { class: 'cc-body' },
            h('div', { class: 'mono cc-code', text: code }),
            h('div', { class: 'mono url', text: c.voucher_url }),
            copyButton(c.voucher_url, 'Copy link')));
      })));
  card.hidden = false;
}

// Voucher lookup: check a voucher batch by tid and show its fields, code by code.
import { api, copyText } from '../ipc.js';
import { $, h, fmt, fmtTime, showError } from '../dom.js';

let busy = false;

export function mount() {
  $('#voucher-form').addEventListener('submit', (e) => {
    e.preventDefault();
    lookup($('#voucher-tid').value);
  });
  return { update };
}

export function update() {}

async function lookup(raw) {
  const tid = raw.trim();
  const detail = $('#voucher-detail');
  const err = $('#voucher-error');
  if (!tid || busy) return;
  busy = true;
  $('#voucher-lookup').disabled = true;
  showError(err, null);
  detail.dataset.state = 'loading';
  try {
    const v = await api.checkVoucher(tid);
    render(detail, v);
    detail.dataset.state = 'loaded';
  } catch (e) {
    detail.hidden = true;
    detail.replaceChildren();
    detail.dataset.state = 'error';
    showError(err, { code: e.code, message: explain(e) });
  } finally {
    busy = false;
    $('#voucher-lookup').disabled = false;
  }
}

function explain(e) {
  switch (e.code) {
    case 'not_found': return `No voucher batch with that tid. (${e.message})`;
    case 'validation': return `That tid does not look right: ${e.message}`;
    case 'unauthorized': return `The key was refused — check it in Settings. (${e.message})`;
    case 'key_missing': return e.message;
    case 'network': case 'timeout': return `Ninjapay could not be reached: ${e.message}`;
    default: return e.message;
  }
}

const pick = (o, ...names) => {
  for (const n of names) if (o && o[n] !== undefined && o[n] !== null) return o[n];
  return null;
};

function field(label, name, value) {
  return [h('dt', { text: label }), h('dd', { dataset: { field: name }, text: fmt(value) })];
}

function render(root, v) {
  const codes = pick(v, 'voucher_urls', 'vouchers', 'codes') ?? [];
  const count = pick(v, 'voucher_count');
  const redeemed = pick(v, 'voucher_redeemed');
  const amount = pick(v, 'amount');
  const total = amount !== null && count !== null ? multiply(amount, count) : null;
  const revoked = pick(v, 'revoked');
  const status = revoked ? 'revoked' : (count !== null && redeemed !== null && Number(redeemed) >= Number(count) ? 'fully redeemed' : 'open');

  const head = h('div', { class: 'detail-head' },
    h('h2', { dataset: { field: 'title' }, text: fmt(pick(v, 'title')) }),
    h('span', { class: `pill pill-${status.replace(' ', '-')}`, dataset: { field: 'status' }, text: status }));

  const dl = h('dl', { class: 'fields' },
    field('tid', 'tid', pick(v, 'tid')),
    field('From', 'from', pick(v, 'from')),
    field('Amount per voucher (BTC)', 'amount', amount),
    field('Vouchers', 'voucher_count', count),
    field('Redeemed', 'voucher_redeemed', redeemed),
    field('Total (BTC)', 'total', total),
    [h('dt', { text: 'Created' }), h('dd', { dataset: { field: 'created_at' }, text: fmtTime(pick(v, 'created_at')) })],
    [h('dt', { text: 'Expires' }), h('dd', { dataset: { field: 'expires_at' }, text: fmtTime(pick(v, 'expires_at')) })],
    revoked ? [h('dt', { text: 'Revoked' }), h('dd', { dataset: { field: 'revoked_at' }, text: fmtTime(pick(v, 'revoked_at')) })] : null,
    field('Static link', 'voucher_static_url', pick(v, 'voucher_static_url')),
  );

  const rows = codes.map((c, i) => {
    const code = pick(c, 'voucher_code', 'code') ?? `#${i + 1}`;
    const url = pick(c, 'voucher_url', 'url');
    const by = pick(c, 'redeemed_by');
    const copy = url ? h('button', { type: 'button', class: 'link', title: 'Copy redeem link', onclick: () => copyText(String(url)) }, 'Copy link') : null;
    return h('tr', { dataset: { code: String(code) } },
      h('td', { dataset: { field: 'voucher_code' }, text: String(code) }),
      h('td', { dataset: { field: 'redeemed' }, text: by ? 'redeemed' : 'open' }),
      h('td', { dataset: { field: 'redeemed_by' }, class: 'mono', text: fmt(by) }),
      h('td', { dataset: { field: 'redeemed_at' }, text: fmtTime(pick(c, 'redeemed_at')) }),
      h('td', { dataset: { field: 'redeemed_tid' }, text: fmt(pick(c, 'redeemed_tid')) }),
      h('td', {}, copy));
  });

  const table = h('table', { class: 'codes', 'data-testid': 'voucher-codes' },
    h('thead', {}, h('tr', {}, ['Code', 'State', 'Redeemed by', 'Redeemed at', 'Redeem tid', ''].map((t) => h('th', { text: t })))),
    h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: 6, class: 'hint', text: 'No codes in this batch.' }))));

  root.replaceChildren(head, dl, h('h3', { text: `Codes (${codes.length})` }), table);
  root.hidden = false;
}

/** amount × count without floating-point noise for BTC amounts given as strings. */
function multiply(amount, count) {
  const s = String(amount);
  const n = Number(count);
  if (!/^\d+(\.\d+)?$/.test(s) || !Number.isInteger(n)) return null;
  const [i, f = ''] = s.split('.');
  const scale = 10n ** BigInt(f.length);
  const units = BigInt(i + f) * BigInt(n);
  const whole = units / scale;
  const frac = (units % scale).toString().padStart(f.length, '0');
  return f.length ? `${whole}.${frac}` : `${whole}`;
}

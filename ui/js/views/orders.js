// Orders (spot trade): look an order up by tid, see how far it filled and what it cost,
// revoke it while it is open (after a confirmation that names it), and the asset balances.
// The API gives an order no status: it is derived from revoked / filled_percent / executed_at.
import { api } from '../ipc.js';
import { fill, h } from '../dom.js';
import {
  allFields, badge, busy, confirmDialog, copyButton, explain, fieldError, fieldList, lookupForm, showBanner,
} from '../components.js';
import { amount, btc, localTime, parseDecimal, percent, relative, sats, text } from '../format.js';
import { remember as rememberTid } from '../actions.js';

// Fields this view shows by name (everything else goes to "All fields").
const SHOWN = [
  'tid', 'type', 'asset', 'amount', 'price', 'executed_price', 'fee', 'fee_percent', 'filled_amount',
  'filled_percent', 'total_received', 'received_asset', 'reveived_asset', 'total_paid', 'paid_asset', 'note',
  'receiver_email', 'email_status', 'revoked', 'revoked_at', 'created_at', 'executed_at',
];

const ASSET_NAMES = { lbtc: 'Lightning BTC', btc: 'BTC (on-chain)', eth: 'Ether', sol: 'Solana', ltc: 'Litecoin', matic: 'Polygon' };

/** Where an order stands: revoked, filled, partially filled or open. */
export function orderState(o) {
  if (o.revoked === true || o.revoked === 'true') return { status: 'revoked', label: 'Revoked' };
  const p = parseDecimal(o.filled_percent);
  if (p && !p.neg) {
    const hundred = 100n * 10n ** BigInt(p.scale);
    if (p.digits >= hundred) return { status: 'filled', label: 'Filled' };
    if (p.digits > 0n) return { status: 'partially_filled', label: `Partially filled (${percent(o.filled_percent)})` };
  } else if (o.executed_at) {
    return { status: 'filled', label: 'Filled' };
  }
  return { status: 'open', label: 'Open' };
}

/** An amount in an asset, with sats beside BTC. */
function inAsset(value, asset) {
  if (value === null || value === undefined || value === '') return '—';
  const a = String(asset ?? '').toUpperCase();
  if (a === 'BTC' || a === 'LBTC') return `${btc(value)} (${sats(value)})`;
  return amount(value, a || null);
}

/** The asset prices are quoted in: the other side of the trade (USDT in the docs' samples). */
function quoteAsset(o) {
  const asset = String(o.asset ?? '').toUpperCase();
  const sides = [o.paid_asset, o.received_asset ?? o.reveived_asset].map((x) => String(x ?? '').toUpperCase());
  return sides.find((x) => x && x !== asset) ?? '';
}

function orderTitle(o) {
  const type = String(o.type ?? '').toLowerCase();
  const verb = type === 'sell' ? 'Sell' : type === 'buy' ? 'Buy' : text(o.type);
  const a = String(o.asset ?? '').toUpperCase();
  return `${verb} ${a === 'BTC' ? btc(o.amount) : amount(o.amount, a)}`;
}

function findWatch(state, kind, tid) {
  let found = null;
  for (const w of state?.watches?.values?.() ?? []) {
    if (w.kind === kind && String(w.tid) === String(tid) && (!found || w.startedAt > found.startedAt)) found = w;
  }
  return found;
}

export function mount(section, ctx) {
  const banner = h('div', { class: 'error', id: 'order-error', role: 'alert', tabindex: '-1', hidden: true });
  const notice = h('div', { class: 'notice', id: 'order-notice', role: 'status', hidden: true });
  const detail = h('div', { class: 'card', id: 'order-detail', dataset: { testid: 'order-detail' }, hidden: true });
  const lookup = lookupForm({
    id: 'order', label: 'Order tid', placeholder: 'Order tid, e.g. 210N66027HB789', button: 'Check order',
    onLookup: (tid) => load(tid, { remember: true }),
  });
  const balances = h('div', { id: 'asset-balances', dataset: { testid: 'asset-balances' } },
    h('p', { class: 'hint', text: 'Not loaded yet.' }));
  const balanceBtn = h('button', { type: 'button', id: 'asset-balance-refresh' }, 'Refresh');
  balanceBtn.addEventListener('click', () => busy(balanceBtn, loadBalances));

  section.append(
    h('h1', { text: 'Orders' }),
    h('p', { class: 'hint', text: 'Spot-trade orders: look one up by its tid to see how far it filled and what it cost; revoke it while it is still open.' }),
    h('div', { class: 'orders-layout' },
      h('div', { class: 'orders-main' },
        lookup.form, banner, notice, detail),
      h('aside', { class: 'card orders-balances', 'aria-labelledby': 'asset-balance-title' },
        h('div', { class: 'row spread' }, h('h2', { id: 'asset-balance-title', text: 'Asset balances' }), balanceBtn),
        balances)),
  );

  let current = null; // the order shown
  let seenWatch = null; // "status|rawStatus" of this order's watch when last rendered
  let balancesLoaded = false;
  let lastState = ctx?.state ?? null;

  async function load(tid, { remember = false, quiet = false } = {}) {
    fieldError(lookup.input, null);
    if (!quiet) {
      showBanner(banner, null);
      notice.hidden = true;
    }
    try {
      const o = await api.checkOrder(tid);
      current = o;
      render();
      if (remember) {
        rememberTid('order', o.tid ?? tid, orderTitle(o));
      }
      return o;
    } catch (e) {
      if (e.code === 'validation') {
        fieldError(lookup.input, explain(e));
        lookup.input.focus();
      } else if (e.code === 'not_found') {
        showBanner(banner, e);
        banner.textContent = `No order with tid “${tid}”. Check the tid and try again. (Ninjapay said: ${e.message})`;
      } else {
        showBanner(banner, e);
      }
      if (!quiet) {
        current = null;
        detail.hidden = true;
        fill(detail);
        notice.hidden = true;
      }
      return null;
    }
  }

  async function loadBalances() {
    try {
      const b = await api.assetBalance();
      balancesLoaded = true;
      const entries = Object.entries(b?.balances ?? {});
      const rows = entries.map(([k, v]) => {
        const key = k.toLowerCase();
        const shown = key === 'btc' || key === 'lbtc' ? inAsset(v, 'BTC') : `${text(v)} ${k.toUpperCase()}`;
        return [ASSET_NAMES[key] ? `${ASSET_NAMES[key]} (${key})` : k.toUpperCase(), `balance.${key}`, shown];
      });
      fill(balances,
        entries.length ? fieldList(rows) : h('p', { class: 'hint', text: 'No asset balances were returned.' }),
        b?.updated ? h('p', { class: 'hint', dataset: { field: 'updated' }, text: `Ninjapay: ${b.updated}` }) : null,
        h('p', { class: 'hint', text: `Read ${new Date().toLocaleTimeString()}.` }),
      );
    } catch (e) {
      fill(balances, h('p', { class: 'error', role: 'alert', text: explain(e) }));
    }
  }

  async function revoke(btn) {
    const o = current;
    if (!o) return;
    const st = orderState(o);
    const ok = await confirmDialog({
      title: `Revoke order ${o.tid}?`,
      lines: [
        h('p', { class: 'big-amount', text: `${orderTitle(o)} at ${inAsset(o.price, quoteAsset(o))}` }),
        `Order ${o.tid}: ${st.label}. Filled so far: ${inAsset(o.filled_amount, o.asset)} (${percent(o.filled_percent ?? 0)}); that part stays done.`,
        'The unfilled rest of the order is cancelled. This cannot be undone.',
      ],
      confirmLabel: 'Revoke order',
      danger: true,
    });
    if (!ok) return;
    await busy(btn, async () => {
      showBanner(banner, null);
      try {
        const r = await api.revokeOrder(String(o.tid));
        notice.hidden = false;
        notice.textContent = `Order ${r.tid ?? o.tid} revoked${r.revoked_at ? ` at ${localTime(r.revoked_at)}` : ''}.`;
        await load(String(o.tid), { quiet: true });
      } catch (e) {
        showBanner(banner, e);
        banner.focus();
      }
    });
  }

  function render() {
    const o = current;
    if (!o) return;
    const st = orderState(o);
    const asset = String(o.asset ?? '').toUpperCase();
    const qa = quoteAsset(o);
    const received = o.received_asset ?? o.reveived_asset;
    const watch = findWatch(lastState, 'order', o.tid);
    seenWatch = watch ? `${watch.status}|${watch.rawStatus}` : null;

    const typeLabel = String(o.type ?? '').toLowerCase();
    const emailLabel = o.email_status ? badge(o.email_status === 'undefined' ? 'unknown' : o.email_status,
      o.email_status === 'success' ? 'Sent' : o.email_status === 'pending' ? 'Pending' : 'Not sent / unknown') : '—';
    const progress = h('span', { class: 'fill' },
      h('progress', { max: '100', value: String(Number(o.filled_percent ?? 0)), 'aria-label': 'Filled' }),
      ` ${inAsset(o.filled_amount, asset)} · ${percent(o.filled_percent ?? 0)}`);
    const rows = [
      ['Order tid', 'tid', h('span', { class: 'row tight' }, h('code', { text: String(o.tid) }), copyButton(o.tid, 'Copy', { 'aria-label': 'Copy order tid' }))],
      ['Type', 'type', badge(typeLabel === 'sell' ? 'sell' : 'buy', typeLabel === 'sell' ? 'Sell' : typeLabel === 'buy' ? 'Buy' : text(o.type))],
      ['Asset', 'asset', text(o.asset)],
      ['Amount', 'amount', inAsset(o.amount, asset)],
      ['Price', 'price', inAsset(o.price, qa)],
      ['Executed price', 'executed_price', o.executed_price
        ? `${inAsset(o.executed_price, qa)}${st.status === 'open' ? ' (nothing filled yet)' : ''}` : 'Not executed yet'],
      ['Fee', 'fee', `${inAsset(o.fee, asset)} (${percent(o.fee_percent ?? 0)})`],
      ['Filled', 'filled_amount', progress],
      ['Received', 'total_received', inAsset(o.total_received, received)],
      ['Paid', 'total_paid', inAsset(o.total_paid, o.paid_asset)],
      ['Placed', 'created_at', localTime(o.created_at)],
      ['Executed', 'executed_at', o.executed_at ? localTime(o.executed_at) : '—'],
      ['Note', 'note', text(o.note)],
      ['Receipt email', 'receiver_email', text(o.receiver_email)],
      ['Email status', 'email_status', emailLabel],
      ['Revoked', 'revoked', o.revoked ? h('span', {}, badge('revoked', 'Revoked'), ` ${localTime(o.revoked_at)}`) : 'No'],
    ];

    const actions = h('div', { class: 'row actions' });
    const canRevoke = st.status === 'open' || st.status === 'partially_filled';
    if (canRevoke) {
      const rb = h('button', { type: 'button', class: 'danger', id: 'order-revoke', dataset: { testid: 'order-revoke' } }, 'Revoke order…');
      rb.addEventListener('click', () => revoke(rb));
      actions.append(rb);
    }
    const again = h('button', { type: 'button', id: 'order-refresh' }, 'Check again');
    again.addEventListener('click', () => busy(again, () => load(String(o.tid))));
    actions.append(again);
    if (canRevoke && (!watch || watch.final)) {
      const wb = h('button', { type: 'button', id: 'order-watch' }, 'Watch until filled');
      wb.addEventListener('click', () => busy(wb, async () => {
        try {
          const w = await api.watchStart('order', String(o.tid));
          if (w?.id !== undefined) lastState?.watches?.set?.(w.id, w);
          render();
        } catch (e) {
          showBanner(banner, e);
        }
      }));
      actions.append(wb);
    }

    const live = watch ? h('p', { class: 'watch-line', dataset: { testid: 'order-watch' } },
      watch.final ? 'Watch ended: ' : 'Watching: ',
      badge(watch.status === 'stillPending' ? 'still_pending' : watch.status),
      watch.rawStatus ? ` ${watch.rawStatus}` : '',
      watch.nextCheckAt && !watch.final ? ` · next check ${relative(watch.nextCheckAt)}` : '') : null;

    fill(detail,
      h('div', { class: 'detail-head' },
        h('h2', { text: `${orderTitle(o)}${qa ? ` at ${inAsset(o.price, qa)}` : ''}` }),
        badge(st.status, st.label)),
      live,
      fieldList(rows),
      actions,
      allFields(o, SHOWN),
    );
    detail.dataset.state = st.status;
    detail.dataset.tid = String(o.tid);
    detail.hidden = false;
  }

  // Balances are read the first time the view is shown (main.js toggles `hidden` on the section).
  const firstShow = () => {
    if (balancesLoaded || section.hidden) return;
    balancesLoaded = true;
    loadBalances();
  };
  new MutationObserver(firstShow).observe(section, { attributes: true, attributeFilter: ['hidden'] });

  return {
    update(state) {
      lastState = state;
      firstShow();
      if (!current) return;
      const w = findWatch(state, 'order', current.tid);
      const key = w ? `${w.status}|${w.rawStatus}` : null;
      if (key !== seenWatch) {
        // The watcher saw this order change: read it again (one request) and redraw.
        seenWatch = key;
        if (w && w.lastCheckedAt) load(String(current.tid), { quiet: true });
        else render();
      }
    },
    open(tid) {
      lookup.input.value = tid;
      busy(lookup.button, () => load(String(tid), { remember: true }));
    },
  };
}

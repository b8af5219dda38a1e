// Orders (spot trade): look an order up by tid, see how far it filled and what it cost, revoke
// it while it is open (after a confirmation that names it), and the asset balances. The order's
// state comes with it from Rust (figures.state): the API gives none.
import { api } from '../ipc.js';
import { fill, h } from '../dom.js';
import { allFields, badge, busy, copyButton, fieldList } from '../components.js';
import { confirmDialog } from '../confirm.js';
import { explain } from '../errors.js';
import { errorBanner, errorBox } from '../error-banner.js';
import { amount, btc, btcAndSats, localTime, percent, relative, text } from '../format.js';
import { lookupPanel } from '../lookup-panel.js';
import { writeGuard } from '../outcome.js';
import { watchTone } from '../watches.js';

// Fields this view shows by name (everything else goes to "All fields").
const SHOWN = [
  'tid', 'type', 'asset', 'amount', 'price', 'executed_price', 'fee', 'fee_percent', 'filled_amount',
  'filled_percent', 'total_received', 'received_asset', 'reveived_asset', 'total_paid', 'paid_asset', 'note',
  'receiver_email', 'email_status', 'revoked', 'revoked_at', 'created_at', 'executed_at', 'figures',
];

const ASSET_NAMES = { lbtc: 'Lightning BTC', btc: 'BTC (on-chain)', eth: 'Ether', sol: 'Solana', ltc: 'Litecoin', matic: 'Polygon' };

/** The order's state (figures.state) as a badge status and label. */
export function orderState(o) {
  const status = o.figures?.state ?? 'open';
  const label = { revoked: 'Revoked', filled: 'Filled', partially_filled: `Partially filled (${percent(o.filled_percent)})` }[status] ?? 'Open';
  return { status, label };
}

/** An amount in an asset, with sats beside BTC. */
function inAsset(value, asset) {
  if (value === null || value === undefined || value === '') return '—';
  const a = String(asset ?? '').toUpperCase();
  if (a === 'BTC' || a === 'LBTC') return btcAndSats(value);
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

/** The order's fields, formatted per asset. */
function orderRows(o, st) {
  const asset = String(o.asset ?? '').toUpperCase();
  const qa = quoteAsset(o);
  const typeLabel = String(o.type ?? '').toLowerCase();
  const emailLabel = o.email_status ? badge(o.email_status === 'undefined' ? 'unknown' : o.email_status,
    o.email_status === 'success' ? 'Sent' : o.email_status === 'pending' ? 'Pending' : 'Not sent / unknown') : '—';
  const progress = h('span', { class: 'fill' },
    h('progress', { max: '100', value: String(o.filled_percent ?? 0), 'aria-label': 'Filled' }),
    ` ${inAsset(o.filled_amount, asset)} · ${percent(o.filled_percent ?? 0)}`);
  return [
    ['Order tid', 'tid', h('span', { class: 'row tight' }, h('code', { text: String(o.tid) }), copyButton(o.tid, 'Copy', { context: 'order tid' }))],
    ['Type', 'type', badge(typeLabel === 'sell' ? 'sell' : 'buy', typeLabel === 'sell' ? 'Sell' : typeLabel === 'buy' ? 'Buy' : text(o.type))],
    ['Asset', 'asset', text(o.asset)],
    ['Amount', 'amount', inAsset(o.amount, asset)],
    ['Price', 'price', inAsset(o.price, qa)],
    ['Executed price', 'executed_price', o.executed_price
      ? `${inAsset(o.executed_price, qa)}${st.status === 'open' ? ' (nothing filled yet)' : ''}` : 'Not executed yet'],
    ['Fee', 'fee', `${inAsset(o.fee, asset)} (${percent(o.fee_percent ?? 0)})`],
    ['Filled', 'filled_amount', progress],
    ['Received', 'total_received', inAsset(o.total_received, o.received_asset ?? o.reveived_asset)],
    ['Paid', 'total_paid', inAsset(o.total_paid, o.paid_asset)],
    ['Placed', 'created_at', localTime(o.created_at)],
    ['Executed', 'executed_at', o.executed_at ? localTime(o.executed_at) : '—'],
    ['Note', 'note', text(o.note)],
    ['Receipt email', 'receiver_email', text(o.receiver_email)],
    ['Email status', 'email_status', emailLabel],
    ['Revoked', 'revoked', o.revoked ? h('span', {}, badge('revoked', 'Revoked'), ` ${localTime(o.revoked_at)}`) : 'No'],
  ];
}

export function mount(section, ctx) {
  const notice = h('div', { class: 'notice', id: 'order-notice', role: 'status', hidden: true });
  const revokeGuard = writeGuard('order-revoke');
  const balances = h('div', { id: 'asset-balances', dataset: { testid: 'asset-balances' } },
    h('p', { class: 'hint', text: 'Not loaded yet.' }));
  const balanceBtn = h('button', { type: 'button', id: 'asset-balance-refresh' }, 'Refresh');
  balanceBtn.addEventListener('click', () => busy(balanceBtn, loadBalances));

  const panel = lookupPanel({
    id: 'order', kind: 'order', noun: 'order',
    label: 'Order tid', placeholder: 'Order tid, e.g. 210N66027HB789', button: 'Check order',
    errorId: 'order-error', result: { id: 'order-detail', class: 'card', testid: 'order-detail' },
    fetch: (tid) => api.checkOrder(tid),
    onStart: () => { notice.hidden = true; },
    render,
  });

  section.append(
    h('h1', { text: 'Orders' }),
    h('p', { class: 'hint', text: 'Spot-trade orders: look one up by its tid to see how far it filled and what it cost; revoke it while it is still open.' }),
    h('div', { class: 'orders-layout' },
      h('div', { class: 'orders-main' }, panel.form, panel.banner, notice, revokeGuard.el, panel.result),
      h('aside', { class: 'card orders-balances', 'aria-labelledby': 'asset-balance-title' },
        h('div', { class: 'row spread' }, h('h2', { id: 'asset-balance-title', text: 'Asset balances' }), balanceBtn),
        balances)),
  );

  let balancesLoaded = false;
  let walletSeen = ctx?.state?.walletVersion ?? 0;

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
      const box = errorBox();
      fill(balances, box);
      errorBanner(box, e, { text: `Asset balances: ${explain(e)}` });
    }
  }

  async function revoke(o, btn) {
    const st = orderState(o);
    if (!(await revokeGuard.mayRetry())) return;
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
    const tid = String(o.tid);
    await busy(btn, async () => {
      errorBanner(panel.banner, null);
      try {
        const r = await revokeGuard.run(() => api.revokeOrder(tid), {
          again: `You may already have revoked order ${tid}.`, retry: 'Revoke anyway',
          check: { recheck: { label: 'Check the order again', run: () => panel.load(tid) } },
        });
        if (r.unknown) return;
        notice.hidden = false;
        notice.textContent = `Order ${r.value.tid ?? tid} revoked${r.value.revoked_at ? ` at ${localTime(r.value.revoked_at)}` : ''}.`;
        await panel.load(tid, { quiet: true });
      } catch (e) {
        errorBanner(panel.banner, e, { focus: true });
      }
    });
  }

  function render(o) {
    const st = orderState(o);
    const qa = quoteAsset(o);
    const watch = panel.watch();
    const actions = h('div', { class: 'row actions' });
    const canRevoke = st.status === 'open' || st.status === 'partially_filled';
    if (canRevoke) {
      const rb = h('button', { type: 'button', class: 'danger', id: 'order-revoke', dataset: { testid: 'order-revoke' } }, 'Revoke order…');
      rb.addEventListener('click', () => revoke(o, rb));
      actions.append(rb);
    }
    actions.append(panel.againButton('order-refresh'));
    if (canRevoke) actions.append(panel.watchButton('order-watch', 'Watch until filled') ?? '');
    const live = watch ? h('p', { class: 'watch-line', dataset: { testid: 'order-watch' } },
      watch.final ? 'Watch ended: ' : 'Watching: ',
      badge(watchTone(watch.status)),
      watch.rawStatus ? ` ${watch.rawStatus}` : '',
      watch.nextCheckAt && !watch.final ? ` · next check ${relative(watch.nextCheckAt)}` : '') : null;
    panel.result.dataset.state = st.status;
    panel.result.dataset.tid = String(o.tid);
    return [
      h('div', { class: 'detail-head' },
        h('h2', { text: `${orderTitle(o)}${qa ? ` at ${inAsset(o.price, qa)}` : ''}` }),
        badge(st.status, st.label)),
      live,
      fieldList(orderRows(o, st)),
      actions,
      allFields(o, SHOWN),
    ];
  }

  // Balances are read the first time the view is shown (main.js toggles `hidden` on the section),
  // and again whenever value may have moved (wallet://changed), once they are shown.
  const firstShow = () => {
    if (balancesLoaded || section.hidden) return;
    balancesLoaded = true;
    loadBalances();
  };
  new MutationObserver(firstShow).observe(section, { attributes: true, attributeFilter: ['hidden'] });

  return {
    update(state) {
      firstShow();
      if (state.walletVersion !== walletSeen) {
        walletSeen = state.walletVersion;
        if (balancesLoaded) loadBalances();
      }
      panel.update(state);
    },
    open: (tid) => panel.open(tid),
  };
}

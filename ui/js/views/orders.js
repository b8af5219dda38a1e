// Orders (spot trade): look an order up by tid, see how far it filled and what it cost, revoke
// it while it is open (after a confirmation that names it), and the asset balances. The order's
// state comes with it from Rust (figures.state): the API gives none.
import { api } from '../ipc.js';
import { fill, h } from '../dom.js';
import { has, t, tn } from '../i18n.js';
import { term } from '../glossary.js';
import { dateTimeParts } from '../dates.js';
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

/** An asset's name ("BTC (on-chain)") when the catalogue knows it, else null. */
const assetName = (key) => (has(`orders.assets.${key}`) ? t(`orders.assets.${key}`) : null);

/** The order's state (figures.state) as a badge status and label. */
export function orderState(o) {
  const status = o.figures?.state ?? 'open';
  const known = ['revoked', 'filled', 'partially_filled'].includes(status) ? status : 'open';
  const label = t(`orders.state.${known}`, { percent: percent(o.filled_percent) });
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
  const a = String(o.asset ?? '').toUpperCase();
  const value = a === 'BTC' ? btc(o.amount) : amount(o.amount, a);
  return type === 'sell' || type === 'buy' ? t(`orders.order_${type}`, { amount: value }) : `${text(o.type)} ${value}`;
}

/** The order's fields, formatted per asset. */
function orderRows(o, st) {
  const asset = String(o.asset ?? '').toUpperCase();
  const qa = quoteAsset(o);
  const typeLabel = String(o.type ?? '').toLowerCase();
  const emailLabel = o.email_status ? badge(o.email_status === 'undefined' ? 'unknown' : o.email_status,
    t(o.email_status === 'success' ? 'orders.email.sent' : o.email_status === 'pending' ? 'orders.email.pending' : 'orders.email.unknown')) : '—';
  const progress = h('span', { class: 'fill' },
    h('progress', { max: '100', value: String(o.filled_percent ?? 0), 'aria-label': t('orders.fields.filled') }),
    ` ${inAsset(o.filled_amount, asset)} · ${percent(o.filled_percent ?? 0)}`);
  return [
    [t('orders.fields.tid'), 'tid', h('span', { class: 'row tight' }, h('code', { text: String(o.tid) }), copyButton(o.tid, t('orders.copy'), { context: t('orders.fields.tid_context') }))],
    [t('orders.fields.type'), 'type', badge(typeLabel === 'sell' ? 'sell' : 'buy', typeLabel === 'sell' || typeLabel === 'buy' ? t(`orders.${typeLabel}`) : text(o.type))],
    [t('orders.fields.asset'), 'asset', text(o.asset)],
    [t('orders.fields.amount'), 'amount', inAsset(o.amount, asset)],
    [t('orders.fields.price'), 'price', inAsset(o.price, qa)],
    [t('orders.fields.executed_price'), 'executed_price', o.executed_price
      ? (st.status === 'open' ? t('orders.fields.nothing_filled', { price: inAsset(o.executed_price, qa) }) : inAsset(o.executed_price, qa))
      : t('orders.fields.not_executed')],
    [t('orders.fields.fee'), 'fee', `${inAsset(o.fee, asset)} (${percent(o.fee_percent ?? 0)})`],
    [t('orders.fields.filled'), 'filled_amount', progress],
    [t('orders.fields.received'), 'total_received', inAsset(o.total_received, o.received_asset ?? o.reveived_asset)],
    [t('orders.fields.paid'), 'total_paid', inAsset(o.total_paid, o.paid_asset)],
    [t('orders.fields.placed'), 'created_at', localTime(o.created_at)],
    [t('orders.fields.executed'), 'executed_at', o.executed_at ? localTime(o.executed_at) : '—'],
    [t('orders.fields.note'), 'note', text(o.note)],
    [t('orders.fields.receipt_email'), 'receiver_email', text(o.receiver_email)],
    [t('orders.fields.email_status'), 'email_status', emailLabel],
    [t('orders.fields.revoked'), 'revoked', o.revoked ? h('span', {}, badge('revoked', t('orders.state.revoked')), ` ${localTime(o.revoked_at)}`) : t('orders.fields.no')],
  ];
}

export function mount(section, ctx) {
  const notice = h('div', { class: 'notice', id: 'order-notice', role: 'status', hidden: true });
  const revokeGuard = writeGuard('order-revoke');
  const balances = h('div', { id: 'asset-balances', dataset: { testid: 'asset-balances' } },
    h('p', { class: 'hint', text: t('orders.balances.not_loaded') }));
  const balanceBtn = h('button', { type: 'button', id: 'asset-balance-refresh' }, t('orders.balances.refresh'));
  balanceBtn.addEventListener('click', () => busy(balanceBtn, loadBalances));

  const panel = lookupPanel({
    id: 'order', kind: 'order', noun: 'order',
    label: t('orders.lookup.label'), placeholder: t('orders.lookup.placeholder'), button: t('orders.lookup.button'),
    errorId: 'order-error', result: { id: 'order-detail', class: 'card', testid: 'order-detail' },
    fetch: (tid) => api.checkOrder(tid),
    onStart: () => { notice.hidden = true; },
    render,
  });

  section.append(
    h('h1', { text: t('orders.title') }),
    h('p', { class: 'hint' }, tn('orders.hint', { tid: term('tid') })),
    h('div', { class: 'orders-layout' },
      h('div', { class: 'orders-main' }, panel.form, panel.banner, notice, revokeGuard.el, panel.result),
      h('aside', { class: 'card orders-balances', 'aria-labelledby': 'asset-balance-title' },
        h('div', { class: 'row spread' }, h('h2', { id: 'asset-balance-title', text: t('orders.balances.title') }), balanceBtn),
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
        const name = assetName(key);
        return [name ? `${name} (${key})` : k.toUpperCase(), `balance.${key}`, shown];
      });
      fill(balances,
        entries.length ? fieldList(rows) : h('p', { class: 'hint', text: t('orders.balances.none') }),
        b?.updated ? h('p', { class: 'hint', dataset: { field: 'updated' }, text: `Ninjapay: ${b.updated}` }) : null, // i18n-ignore
        h('p', { class: 'hint', text: t('orders.balances.read_at', { time: dateTimeParts(new Date())[1] }) }),
      );
    } catch (e) {
      const box = errorBox();
      fill(balances, box);
      errorBanner(box, e, { text: t('orders.balances.failed', { error: explain(e) }) });
    }
  }

  async function revoke(o, btn) {
    const st = orderState(o);
    if (!(await revokeGuard.mayRetry())) return;
    const ok = await confirmDialog({
      title: t('orders.revoke.title', { tid: o.tid }),
      lines: [
        h('p', { class: 'big-amount', text: t('orders.at_price', { order: orderTitle(o), price: inAsset(o.price, quoteAsset(o)) }) }),
        t('orders.revoke.filled_so_far', { tid: o.tid, state: st.label, filled: inAsset(o.filled_amount, o.asset), percent: percent(o.filled_percent ?? 0) }),
        t('orders.revoke.rest_cancelled'),
      ],
      confirmLabel: t('orders.revoke.button'),
      danger: true,
    });
    if (!ok) return;
    const tid = String(o.tid);
    await busy(btn, async () => {
      errorBanner(panel.banner, null);
      try {
        const r = await revokeGuard.run(() => api.revokeOrder(tid), {
          again: t('orders.revoke.again', { tid }), retry: t('orders.revoke.retry'),
          check: { recheck: { label: t('orders.revoke.check_again'), run: () => panel.load(tid) } },
        });
        if (r.unknown) return;
        notice.hidden = false;
        notice.textContent = r.value.revoked_at
          ? t('orders.revoke.done_at', { tid: r.value.tid ?? tid, time: localTime(r.value.revoked_at) })
          : t('orders.revoke.done', { tid: r.value.tid ?? tid });
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
      const rb = h('button', { type: 'button', class: 'danger', id: 'order-revoke', dataset: { testid: 'order-revoke' } }, t('orders.revoke.open_button'));
      rb.addEventListener('click', () => revoke(o, rb));
      actions.append(rb);
    }
    actions.append(panel.againButton('order-refresh'));
    if (canRevoke) actions.append(panel.watchButton('order-watch', t('orders.watch.button')) ?? '');
    const live = watch ? h('p', { class: 'watch-line', dataset: { testid: 'order-watch' } },
      t(watch.final ? 'orders.watch.ended' : 'orders.watch.watching'),
      badge(watchTone(watch.status)),
      watch.rawStatus ? ` ${watch.rawStatus}` : '',
      watch.nextCheckAt && !watch.final ? t('orders.watch.next_check', { when: relative(watch.nextCheckAt) }) : '') : null;
    panel.result.dataset.state = st.status;
    panel.result.dataset.tid = String(o.tid);
    return [
      h('div', { class: 'detail-head' },
        h('h2', { text: qa ? t('orders.at_price', { order: orderTitle(o), price: inAsset(o.price, qa) }) : orderTitle(o) }),
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

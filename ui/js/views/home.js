// Home: balances (every asset, and the Lightning wallet's info), read again whenever value
// may have moved (state.walletVersion, from wallet://changed); the pending payments panel;
// recent activity — this account's records, last checked first (each item opens its view),
// read again when the records change (state.ledgerVersion) or Home is shown — and quick actions.
import { api } from '../ipc.js';
import { h } from '../dom.js';
import { allFields, badge, fieldList, statusLabel } from '../components.js';
import { errorBanner, errorBox } from '../error-banner.js';
import { amount as fmtAmount, btc, humanise, inr, relative, sats, text, toDate, usdt } from '../format.js';
import { dateTimeText, userOffsetMinutes } from '../dates.js';
import { has, t } from '../i18n.js';
import { term } from '../glossary.js';
import { kindLabel } from '../record-cells.js';
import { onShown } from '../shown.js';
import { latestOnly } from '../latest.js';
import * as pending from './pending.js';
import { mountGuide } from './home/guide.js';
import { navigate, openKind } from '../actions.js';
import { announce } from '../announce.js';

const RECENT = 12;
/** How a record came to be ("created 3 min ago"): home.origin.<origin>, else "seen …". */
const origin = (o, when) => t(has(`home.origin.${o}`) && o !== 'seen' ? `home.origin.${o}` : 'home.origin.seen', { when });
/** An asset's name beside its code (home.asset.<code>), or nothing. */
const assetName = (a) => (has(`home.asset.${a}`) ? t(`home.asset.${a}`) : '');
let els;
let pendingPanel;
let guidePanel; // the first-run guide (home/guide.js)
let loadedFor = null; // the mode/keys the balances were last loaded for
let lastState = null;
let loadSeq = 0;
let walletSeen = 0; // the state.walletVersion the balances were read for
let recentFor = null; // the account and records version recent activity was read for
let recentRows = [];
const latestRecent = latestOnly();

export function mount(section) {
  const refreshBtn = h('button', { type: 'button', id: 'home-refresh', dataset: { testid: 'home-refresh' } }, t('home.refresh'));
  const banner = errorBox({ id: 'home-error', testid: 'home-error' });
  const balances = h('div', { id: 'home-balances', class: 'balance-tiles', dataset: { testid: 'home-balances' } },
    h('p', { class: 'hint', text: t('home.loading_balances') }));
  const updated = h('p', { id: 'home-balances-updated', class: 'hint small' });
  const wallet = h('div', { id: 'home-wallet', dataset: { testid: 'home-wallet' } }, h('p', { class: 'hint', text: t('home.loading') }));
  const pendingBox = h('div', { id: 'home-pending', class: 'card', dataset: { testid: 'home-pending' } });
  const recent = h('ul', { id: 'home-recent', class: 'recent-list', dataset: { testid: 'home-recent' } });
  const recentEmpty = h('p', { class: 'hint', id: 'home-recent-empty', text: t('home.recent_empty') });

  const action = (id, label, hint, fn) => h('button', { type: 'button', id, class: 'quick', dataset: { testid: id }, onclick: fn },
    h('span', { class: 'quick-label', text: label }), h('span', { class: 'quick-hint', text: hint }));

  section.append(
    h('div', { class: 'view-head' }, h('h1', { text: t('home.title') }), refreshBtn),
    banner,
    h('div', { class: 'home-top' },
      h('div', { class: 'card', id: 'home-balances-card' },
        h('h2', { text: t('home.balances') }), balances, updated),
      h('div', { class: 'card', id: 'home-wallet-card' },
        h('h2', { text: t('home.lightning_wallet') }), wallet)),
    h('div', { class: 'quick-actions', role: 'group', 'aria-label': t('home.quick_actions') },
      action('home-new-payment', t('home.new_payment'), t('home.new_payment_hint'), () => {
        navigate('lightning');
        document.dispatchEvent(new CustomEvent('desk:lightning-panel', { detail: { panel: 'request' } }));
      }),
      action('home-new-vouchers', t('home.new_vouchers'), t('home.new_vouchers_hint'), () => navigate('vouchers')),
      action('home-bridge-quote', t('home.bridge_quote'), t('home.bridge_quote_hint'), () => navigate('bridge'))),
    h('div', { class: 'home-bottom' },
      pendingBox,
      h('div', { class: 'card', id: 'home-recent-card' },
        h('h2', { text: t('home.recent') }), recentEmpty, recent)),
  );
  els = { refreshBtn, banner, balances, updated, wallet, recent, recentEmpty };
  pendingPanel = pending.mount(pendingBox);
  guidePanel = mountGuide(banner);

  refreshBtn.addEventListener('click', async () => {
    if (refreshBtn.disabled) return;
    await load();
    if (els.balances.dataset.loaded === 'true') announce(t('home.read_again'));
  });
  recent.addEventListener('click', (e) => {
    const item = e.target.closest('button[data-tid]');
    if (item) openKind(item.dataset.kind, item.dataset.tid);
  });
  // Relative times ("3 min ago") age while the app stays open.
  setInterval(() => renderRecent(), 30000);
  // A lookup elsewhere moves its record up without changing it (no ledger://changed): read again.
  onShown(section, () => { if (recentFor) loadRecent(); });
  return { update };
}

/** What the balances depend on: when it changes (mode switched, key saved), load again. */
function signature(state) {
  const s = state.status;
  if (!s) return null;
  const k = state.keys ?? {};
  return JSON.stringify([s.mode, s.sandbox?.apiUrl ?? null, k.invoice?.masked ?? null, k.admin?.masked ?? null]);
}

export function update(state) {
  lastState = state;
  pendingPanel?.update(state);
  guidePanel?.update(state);
  const records = state.status ? JSON.stringify([state.status.account ?? null, state.ledgerVersion ?? 0]) : null;
  if (records && records !== recentFor) {
    recentFor = records;
    loadRecent();
  }
  const sig = signature(state);
  const moved = state.walletVersion !== walletSeen;
  walletSeen = state.walletVersion;
  if (sig && sig !== loadedFor) {
    loadedFor = sig;
    load();
  } else if (moved && loadedFor) {
    load(); // value may have moved (main.js has already waited a second after the last change)
  }
}

async function load() {
  const seq = ++loadSeq;
  els.balances.dataset.loaded = 'loading';
  els.refreshBtn.disabled = true;
  els.refreshBtn.setAttribute('aria-busy', 'true');
  let bal;
  let info;
  try {
    [bal, info] = await Promise.allSettled([api.assetBalance(), api.walletInfo()]);
  } finally {
    if (seq === loadSeq) {
      els.refreshBtn.disabled = false;
      els.refreshBtn.removeAttribute('aria-busy');
    }
  }
  if (seq !== loadSeq) return; // a newer load has started
  const errors = [bal, info].filter((r) => r.status === 'rejected').map((r) => r.reason);
  showError(errors[0] ?? null);
  if (bal.status === 'fulfilled') renderBalances(bal.value);
  else {
    els.balances.replaceChildren(h('p', { class: 'hint', text: t('home.balances_failed') }));
    els.updated.textContent = '';
  }
  if (info.status === 'fulfilled') renderWallet(info.value);
  else els.wallet.replaceChildren(h('p', { class: 'hint', text: t('home.wallet_failed') }));
  els.balances.dataset.loaded = bal.status === 'fulfilled' ? 'true' : 'error';
}

function showError(err) {
  errorBanner(els.banner, err, { settingsId: 'home-open-settings' });
}

/** One balance in its asset's format: BTC to 8 places with sats, INR Indian-grouped, USDT. */
export function formatBalance(asset, value) {
  const a = String(asset).toLowerCase();
  if (a === 'lbtc' || a === 'btc') return { main: btc(value), sub: sats(value) };
  if (a === 'inr') return { main: inr(value), sub: null };
  if (a === 'usdt') return { main: usdt(value), sub: null };
  return { main: fmtAmount(value, a.toUpperCase()), sub: null };
}

function renderBalances(b) {
  const entries = Object.entries(b?.balances ?? {});
  // The Lightning wallet first, then BTC, then the rest by name.
  const rank = (k) => (k === 'lbtc' ? 0 : k === 'btc' ? 1 : 2);
  entries.sort(([x], [y]) => rank(x) - rank(y) || x.localeCompare(y));
  if (!entries.length) {
    els.balances.replaceChildren(h('p', { class: 'hint', text: t('home.no_balances') }));
  } else {
    els.balances.replaceChildren(...entries.map(([asset, value]) => {
      const f = formatBalance(asset, value);
      return h('div', { class: 'balance-tile', dataset: { asset, testid: `balance-${asset}` } },
        h('div', { class: 'balance-asset' },
          // LBTC is explained where it first appears (glossary.js); other codes are plain.
          asset.toLowerCase() === 'lbtc'
            ? h('span', { class: 'asset-code' }, term('lbtc'))
            : h('span', { class: 'asset-code', text: asset.toUpperCase() }),
          h('span', { class: 'asset-name', text: assetName(asset.toLowerCase()) })),
        h('div', { class: 'balance-amount', dataset: { field: 'amount' }, text: f.main }),
        f.sub ? h('div', { class: 'balance-sub', dataset: { field: 'sats' }, text: f.sub }) : null);
    }));
  }
  els.updated.textContent = b?.updated ? t('home.updated', { when: toDate(b.updated) ? dateTimeText(b.updated) : b.updated }) : '';
}

function renderWallet(w) {
  const rows = [];
  if (w?.balance !== null && w?.balance !== undefined) {
    rows.push([t('home.balance'), 'balance', h('span', {}, h('strong', { text: btc(w.balance) }), h('span', { class: 'hint-inline', text: ` ${sats(w.balance)}` }))]);
  }
  if (w?.wallet) rows.push([t('home.wallet'), 'wallet', w.wallet === 'lbtc' ? 'lbtc (Lightning)' : w.wallet]); // i18n-ignore
  if (w?.ninjatag) rows.push([t('home.ninjatag'), 'ninjatag', `@${String(w.ninjatag).replace(/^@/, '')}`]);
  const raw = w?.raw && typeof w.raw === 'object' ? w.raw : {};
  // Fields Ninjapay might send that read better named (its Wallet Info is undocumented).
  const named = [['currency', t('home.currency')], ['key_kind', t('home.key_in_use')], ['pending_receive', t('home.open_requests')]];
  const shown = ['balance', 'wallet', 'ninjatag'];
  for (const [key, label] of named) {
    if (raw[key] !== undefined && raw[key] !== null && typeof raw[key] !== 'object') {
      rows.push([label, key, key === 'key_kind' ? t('home.key_kind', { kind: humanise(raw[key]) }) : text(raw[key])]);
      shown.push(key);
    }
  }
  const parts = [rows.length ? fieldList(rows) : h('p', { class: 'hint', text: t('home.no_wallet_details') })];
  if (raw.sandbox === true) {
    parts.push(h('p', { class: 'hint small' }, badge('sandbox'), ' ', t('home.pretend_funds')));
    shown.push('sandbox');
  }
  parts.push(allFields(raw, shown));
  els.wallet.replaceChildren(...parts);
}

/** This account's records, last checked first. */
function loadRecent() {
  return latestRecent(
    () => api.records({ sort: 'last_checked', desc: true, pageSize: RECENT, utcOffsetMinutes: userOffsetMinutes() }),
    (page) => {
      recentRows = page.rows;
      els.recent.dataset.loaded = 'true';
      renderRecent();
    },
    (e) => {
      console.error('records failed', e);
      recentRows = [];
      els.recent.dataset.loaded = 'error';
      renderRecent();
    },
  );
}

/** What an item says beside its tid: the title, else the counterparty, else the amount. */
function label(r) {
  if (r.title) return r.title;
  if (r.counterparty) return r.counterparty;
  if (r.amount) return String(r.asset).toUpperCase() === 'BTC' ? btc(r.amount) : fmtAmount(r.amount, r.asset);
  return '';
}

/** "Paid · looked up 3 min ago · checked just now". */
function when(r, now) {
  const parts = [r.status === 'unknown' ? null : statusLabel(r.status), origin(r.origin, relative(r.firstSeenAt, now))];
  if (r.lastCheckedAt - r.firstSeenAt >= 60) parts.push(t('home.checked', { when: relative(r.lastCheckedAt, now) }));
  return parts.filter(Boolean).join(' · ');
}

let recentKey = null;
function renderRecent() {
  const items = recentRows;
  els.recentEmpty.hidden = items.length > 0;
  const now = Date.now();
  // Called on every read and every 30 s: rebuild only when something visible changed (keeps focus).
  const key = JSON.stringify(items.map((r) => [r.kind, r.tid, label(r), when(r, now)]));
  if (key === recentKey) return;
  recentKey = key;
  els.recent.replaceChildren(...items.map((r) => h('li', {},
    h('button', { type: 'button', class: 'recent-item', dataset: { kind: r.kind, tid: r.tid, testid: 'recent-item' },
      title: t('home.open_item', { kind: kindLabel(r.kind), tid: r.tid }) },
    h('span', { class: 'recent-kind', dataset: { kind: r.kind }, text: kindLabel(r.kind) }),
    h('code', { class: 'recent-tid', text: r.tid }),
    h('span', { class: 'recent-label', text: label(r) }),
    h('span', { class: 'recent-when', title: t('home.last_checked', { when: dateTimeText(r.lastCheckedAt) }), text: when(r, now) })))));
}

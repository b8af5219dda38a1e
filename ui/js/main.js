// Boot: read the language, mount the first screen, listen for changes, then read the state (one
// desk_state call); every other screen is loaded and mounted on its first visit.
// State flows down (every mounted view's idempotent update(state)); actions come up as DOM events:
//   desk:navigate {view, tid?}           show a view (and open a tid in it)
//   desk:refresh                          re-read status, settings and keys (one desk_state call)
// wallet://changed (something may have moved value) becomes state.walletVersion + 1, a second
// after the last one: the views showing balances read them again when it changes.
// ledger://changed (something was filed in the records) becomes state.ledgerVersion + 1 the
// same way: Records, Reports and Home's recent activity read again.
import { api } from './ipc.js';
import { on, SETTINGS_CHANGED, KEYS_CHANGED, SANDBOX_STARTED, WALLET_CHANGED, WATCH_UPDATE, WATCH_BUDGET, LEDGER_CHANGED, NAVIGATE } from './events.js';
import { $, $$ } from './dom.js';
import { importRecentOnce } from './recent.js';
import { finalWords, isActive } from './watches.js';
import { announce } from './announce.js';
import { rovingGroup, srOnly } from './components.js';
import { initTextSize } from './text-size.js';
import { loadLocale, t, translateStatic } from './i18n.js';
import './shortcuts.js'; // Ctrl+K or "/": the cursor into the current screen's lookup field
import * as banner from './views/banner.js';
import * as home from './views/home.js';

// Each screen's module. Only the first screen's is loaded with this one (it and what it imports
// are the page's start, preloaded by index.html); the others are loaded on their first visit.
const VIEWS = {
  home: async () => home,
  vouchers: () => import('./views/vouchers.js'),
  orders: () => import('./views/orders.js'),
  lightning: () => import('./views/lightning.js'),
  widget: () => import('./views/widget.js'),
  bridge: () => import('./views/bridge.js'),
  records: () => import('./views/records.js'),
  reports: () => import('./views/reports.js'),
  settings: () => import('./views/settings.js'),
};
const loaded = { home }; // name → module, once loaded
const loading = {}; // name → the promise of it
// A load that failed is tried again at the next visit.
const load = (name) => (loading[name] ??= VIEWS[name]().then((module) => (loaded[name] = module), (e) => {
  delete loading[name];
  throw e;
}));

const state = {
  status: null,
  settings: null,
  keys: null,
  keysError: null,
  watches: new Map(), // id → latest WatchUpdate
  budget: null, // latest watch://budget payload
  walletVersion: 0, // + 1 each time balances may have changed (wallet://changed)
  ledgerVersion: 0, // + 1 each time the records changed (ledger://changed)
  view: 'home',
};
const mounted = {};

function render() {
  for (const v of Object.values(mounted)) v.update?.(state);
  banner.update(state);
  const pending = [...state.watches.values()].filter(isActive).length;
  const count = $('#tab-home-count');
  count.hidden = pending === 0;
  if (count.dataset.n !== String(pending)) {
    count.dataset.n = String(pending);
    count.replaceChildren(String(pending), srOnly(` ${t('nav.being_watched')}`));
  }
}

// Several events in a row (a key forgotten, then the mode switched) start several reads: only the
// latest one's answers are kept, so a slower, older read never puts back a mode that has changed.
let refreshSeq = 0;

/** Take what desk_state read: status, settings, keys (or why they could not be read). */
function apply(read) {
  const before = JSON.stringify(state.status?.account ?? null);
  state.status = read.status;
  state.settings = read.settings;
  state.keys = read.keys ?? null;
  state.keysError = read.keysError ?? null;
  // Which mode and server the screens act for (first known, or switched).
  if (before !== JSON.stringify(state.status.account ?? null)) {
    document.dispatchEvent(new CustomEvent('desk:account-changed', { detail: state.status.account }));
  }
}

/** Read status, settings and keys again (one call), and the watches too when `watches`. */
async function refresh({ watches = false } = {}) {
  const seq = ++refreshSeq;
  let read;
  try {
    read = await api.deskState({ watches });
  } catch (e) {
    console.error('desk_state failed', e);
    return;
  }
  if (read.watches) takeWatches(read.watches); // merged by age: an older list loses nothing newer
  if (seq === refreshSeq) apply(read);
  render();
}

/** The newer of two updates of one watch (an event may overtake the list that was read). */
function newer(a, b) {
  if (!a) return b;
  if (a.final !== b.final) return a.final ? a : b;
  return (a.attempt ?? 0) > (b.attempt ?? 0) ? a : b;
}

function takeWatches(list) {
  state.watches = new Map(list.map((w) => [w.id, newer(state.watches.get(w.id), w)]));
}

// Many changes in a row are one re-read, `ms` after the last: state[counter] + 1.
const timers = {};
function bumpLater(counter, ms) {
  clearTimeout(timers[counter]);
  timers[counter] = setTimeout(() => {
    state[counter] += 1;
    render();
  }, ms);
}
// Several writes or paid payments in a row: a second after the last.
const walletChanged = () => bumpLater('walletVersion', 1000);
// A lookup job files one record after another: half a second after the last.
const ledgerChanged = () => bumpLater('ledgerVersion', 500);

// The top navigation is a tablist: one Tab stop; arrow keys, Home and End choose a screen and
// keep the focus on its tab; a click (or Enter / Space) also takes the focus to its heading.
const tabs = $$('#tab-list [role=tab]');
const tabGroup = rovingGroup($('#tab-list'), { items: () => tabs, select: (tab) => show(tab.dataset.view, null, { focus: false }) });

/** Focus the shown view's heading, so keyboard and screen-reader users land in it. */
function focusHeading() {
  const heading = $(`#view-${state.view} h1`);
  if (!heading) return;
  heading.tabIndex = -1;
  heading.focus({ preventScroll: true });
}

// Start-up mounts only the first screen; the others are loaded and mounted on their first visit
// (a few tens of milliseconds; mounting them all while idle cost 8 MiB of the page's memory for
// screens perhaps never opened). A view mounted late gets the current state and account at
// once, as if it had been there from the start.
let ctx = null;
function mountLoaded(name) {
  if (mounted[name] || !loaded[name] || !ctx) return;
  mounted[name] = loaded[name].mount($(`#view-${name}`), ctx);
  if (!state.status) return; // mounted before the first read: refresh() renders and says the account
  mounted[name].update?.(state);
  document.dispatchEvent(new CustomEvent('desk:account-changed', { detail: state.status.account }));
}

/** Mount a view, loading its module first if need be (resolves once it is mounted). */
async function ensureMounted(name) {
  if (mounted[name] || !VIEWS[name] || !ctx) return;
  if (!loaded[name]) await load(name);
  mountLoaded(name);
}

function reveal(view, tid, focus) {
  state.view = view;
  tabGroup.mark(tabs.find((t) => t.dataset.view === view), 'aria-selected');
  for (const section of $$('.view')) section.hidden = section.id !== `view-${view}`;
  if (tid) mounted[view]?.open?.(tid);
  if (focus) focusHeading();
}

// A mounted screen is shown at once, within the event that asked for it (a view's own handler of
// that event, such as Vouchers putting the cursor in its form, then has the last word). One not
// loaded yet is shown once it is, unless another navigation came in between.
let showSeq = 0;
function show(view, tid = null, { focus = true } = {}) {
  if (!VIEWS[view]) return Promise.resolve();
  const seq = ++showSeq;
  if (mounted[view]) return Promise.resolve(reveal(view, tid, focus));
  return ensureMounted(view)
    .then(() => seq === showSeq && reveal(view, tid, focus))
    .catch((e) => console.error(`the ${view} screen did not load`, e));
}

/** A watch update: keep it, and say so once when it has just turned final. */
function watchUpdated(w) {
  const before = state.watches.get(w.id);
  state.watches.set(w.id, w);
  if (w.final && before && !before.final) announce(finalWords(w));
}

// performance.mark()s name the boot's stages for the start-up benchmark (tests/e2e/bench_boot.py).
async function boot() {
  performance.mark('boot:modules');
  initTextSize();
  // The language first: every view is built in it (Settings reloads the page when it changes).
  const saved = await api.getSettings().catch(() => null);
  performance.mark('boot:settings');
  await loadLocale(saved?.language);
  translateStatic();
  performance.mark('boot:locale');
  for (const tab of tabs) tab.addEventListener('click', () => show(tab.dataset.view));
  // The skip link lands on the current screen's heading (the start of the main content).
  $('#skip-link').addEventListener('click', (e) => {
    e.preventDefault();
    focusHeading();
  });
  // Mounted before any listener on document sees the event (window's capture phase comes first),
  // so a view mounted by this very event also hears it (Vouchers opens its form on it). A view
  // not loaded yet holds the event back until it is mounted, then it is sent again.
  window.addEventListener('desk:navigate', (e) => {
    const name = e.detail?.view;
    if (!VIEWS[name] || mounted[name] || !ctx) return;
    if (loaded[name]) {
      mountLoaded(name);
      return;
    }
    e.stopImmediatePropagation();
    ensureMounted(name)
      .catch((err) => console.error(`the ${name} screen did not load`, err))
      .finally(() => document.dispatchEvent(new CustomEvent('desk:navigate', { detail: e.detail })));
  }, { capture: true });
  document.addEventListener('desk:navigate', (e) => show(e.detail.view, e.detail.tid));
  document.addEventListener('desk:refresh', () => refresh());

  banner.mount();
  ctx = { refresh, state };
  await ensureMounted(state.view);
  performance.mark('boot:mounted');
  // Listen first, then read: nothing sent in between is lost, and the reads run in parallel.
  await Promise.all([
    on(SETTINGS_CHANGED, () => refresh()),
    on(KEYS_CHANGED, () => refresh()),
    on(SANDBOX_STARTED, () => refresh({ watches: true })),
    on(WATCH_UPDATE, (w) => {
      watchUpdated(w);
      render();
    }),
    on(WATCH_BUDGET, (b) => {
      state.budget = b;
      render();
    }),
    on(WALLET_CHANGED, walletChanged),
    on(LEDGER_CHANGED, ledgerChanged),
    // the View menu and its shortcuts (src-tauri/src/desktop/menu.rs)
    on(NAVIGATE, (detail) => document.dispatchEvent(new CustomEvent('desk:navigate', { detail }))),
  ]);
  performance.mark('boot:listening');
  // The old recent-activity list goes into the records once (then Home reads them again).
  await Promise.all([refresh({ watches: true }), importRecentOnce().then((done) => done && ledgerChanged())]);
  performance.mark('boot:read');
  await show(state.view, null, { focus: false }); // at start-up focus stays where the window puts it
  document.body.dataset.ready = 'true';
  window.__TAURI__?.core?.invoke('ui_ready', { pageMs: performance.now() })?.catch(() => {}); // bench hook, not awaited
}

boot().catch((e) => {
  console.error(e);
  document.body.dataset.ready = 'error';
});

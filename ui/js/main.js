// Boot: read the current state with commands, mount the views, then listen for changes.
import { api } from './ipc.js';
import { on, SETTINGS_CHANGED, KEYS_CHANGED, SANDBOX_STARTED } from './events.js';
import { $$ } from './dom.js';
import * as banner from './views/banner.js';
import * as vouchers from './views/vouchers.js';
import * as settings from './views/settings.js';

const state = { status: null, settings: null, keys: null, keysError: null };
const views = [];

async function refresh() {
  const [status, cfg, keys] = await Promise.allSettled([api.appStatus(), api.getSettings(), api.keyStatus()]);
  if (status.status === 'fulfilled') state.status = status.value;
  if (cfg.status === 'fulfilled') state.settings = cfg.value;
  if (keys.status === 'fulfilled') {
    state.keys = keys.value;
    state.keysError = null;
  } else {
    state.keysError = keys.reason;
  }
  for (const v of views) v.update(state);
}

function show(view) {
  for (const tab of $$('.tab')) tab.setAttribute('aria-selected', String(tab.dataset.view === view));
  for (const section of $$('.view')) section.hidden = section.id !== `view-${view}`;
}

async function boot() {
  for (const tab of $$('.tab')) tab.addEventListener('click', () => show(tab.dataset.view));
  views.push(banner.mount(), vouchers.mount(), settings.mount({ refresh }));
  await refresh();
  await Promise.all([
    on(SETTINGS_CHANGED, refresh),
    on(KEYS_CHANGED, refresh),
    on(SANDBOX_STARTED, refresh),
  ]);
  document.body.dataset.ready = 'true';
}

boot().catch((e) => {
  console.error(e);
  document.body.dataset.ready = 'error';
});

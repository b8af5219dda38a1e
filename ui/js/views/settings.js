// Settings: mode switch, test connection, keys (masked only), the base URLs in effect
// (read-only: see index.html and src-tauri/src/settings.rs) and the timeout.
import { api } from '../ipc.js';
import { $, $$, fill, h } from '../dom.js';
import { rovingGroup } from '../components.js';
import { confirmDialog } from '../confirm.js';
import { errorBanner } from '../error-banner.js';
import { wireExternal } from '../links.js';
import * as desktopCard from './settings/desktop.js';

const KINDS = ['invoice', 'admin'];
const LABEL = { invoice: 'Invoice key', admin: 'Admin key' };
const ENV = { 'settings-api-url': 'NINJAPAY_API_URL', 'settings-prod-url': 'NINJAPAY_PROD_URL' };

// Key errors are shown on this page already: no "Open Settings" button in them.
const keysError = (err) => errorBanner($('#settings-keys-error'), err, { settings: false });

// The mode switch: a radio group (one Tab stop; the arrow keys move and choose, as a click does).
const modeRadios = () => $$('#settings-mode-group [role=radio]');
let modeGroup = null;
let desktop = null; // the Desktop card (./settings/desktop.js)

export function mount(_section, { refresh }) {
  desktop = desktopCard.mount(_section, { refresh });
  wireExternal($('#settings-dashboard-link'));
  const choose = async (btn) => {
    try {
      await api.setMode(btn.dataset.mode);
      $('#settings-connection-result').textContent = '';
    } catch (e) {
      keysError(e);
    }
    refresh();
  };
  modeGroup = rovingGroup($('#settings-mode-group'), { items: modeRadios, select: choose, upDown: true });
  for (const btn of modeRadios()) btn.addEventListener('click', () => choose(btn));

  $('#settings-test-connection').addEventListener('click', async (e) => {
    const out = $('#settings-connection-result');
    e.target.disabled = true;
    out.dataset.status = 'pending';
    out.textContent = 'Testing…';
    try {
      const r = await api.testConnection();
      out.dataset.status = r.status;
      out.textContent = `${r.status}: ${r.message}`;
    } catch (err) {
      out.dataset.status = 'error';
      out.textContent = `error: ${err.message}`;
    } finally {
      e.target.disabled = false;
    }
  });

  for (const kind of KINDS) {
    const row = $(`#settings-key-${kind}`);
    const input = $(`#settings-${kind}-input`);
    row.querySelector('form').addEventListener('submit', async (e) => {
      e.preventDefault();
      const key = input.value;
      if (!key.trim()) return;
      keysError(null);
      try {
        await api.saveKey(kind, key);
        input.value = '';
      } catch (err) {
        keysError(err);
      }
      refresh();
    });
    $(`#settings-${kind}-forget`).addEventListener('click', async () => {
      if (!(await confirmDialog({ title: `Forget the ${LABEL[kind]}?`, lines: ['It is removed from the system keychain. You can paste it again later.'], confirmLabel: 'Forget', danger: true }))) return;
      keysError(null);
      try {
        await api.forgetKey(kind);
      } catch (err) {
        keysError(err);
      }
      refresh();
    });
  }

  $('#settings-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const out = $('#settings-save-result');
    const timeout = $('#settings-timeout').value;
    try {
      // Only the timeout: the base URLs are not the page's to change.
      await api.updateSettings({ timeoutSecs: timeout ? Number(timeout) : null });
      out.dataset.status = 'ok';
      out.textContent = 'Saved.';
    } catch (err) {
      out.dataset.status = 'error';
      out.textContent = err.message;
    }
    refresh();
  });

  return { update };
}

/** Where a base URL in effect came from, in words. */
function source(url, env) {
  switch (url?.source) {
    case 'environment': return `from the ${env} environment variable`;
    case 'file': return 'from the settings file';
    default: return 'Ninjapay’s own';
  }
}

/** One URL in effect, read-only: {url, source, problem}. */
function showUrl(id, url) {
  const dd = $(`#${id}`);
  const key = JSON.stringify(url ?? null);
  if (dd.dataset.key === key) return;
  dd.dataset.key = key;
  dd.dataset.source = url?.source ?? '';
  fill(dd,
    h('code', { text: url?.url ?? '—' }), ' ',
    h('span', { class: 'hint-inline', text: `(${source(url, ENV[id])})` }),
    url?.problem ? h('div', { class: 'field-error', role: 'alert', text: url.problem }) : null);
}

let shownMode = null;

/** state: {status, settings, keys, keysError} — idempotent. */
export function update({ status, settings, keys, keysError: keysProblem }) {
  desktop?.update({ settings });
  const mode = status?.mode ?? 'sandbox';
  if (shownMode !== null && shownMode !== mode) {
    // a connection result belongs to the mode it was tested in
    const out = $('#settings-connection-result');
    out.textContent = '';
    delete out.dataset.status;
  }
  shownMode = mode;
  const chosen = modeRadios().find((btn) => btn.dataset.mode === mode);
  modeGroup?.mark(chosen, 'aria-checked');
  for (const btn of modeRadios()) btn.classList.toggle('active', btn === chosen);
  $('#settings-mode-hint').textContent = mode === 'sandbox'
    ? `Sandbox: a local stand-in for Ninjapay runs inside the app${status?.sandbox ? ` (${status.sandbox.apiUrl})` : ''}. Nothing you do moves real money.`
    : 'Live: requests go to Ninjapay with your keys. Real money moves.';

  keysError(keysProblem ?? null);
  for (const kind of KINDS) {
    const k = keys?.[kind];
    const masked = $(`#settings-${kind}-masked`);
    masked.textContent = k?.present ? k.masked : 'not saved';
    masked.dataset.present = String(!!k?.present);
    $(`#settings-${kind}-save .btn-label`).textContent = k?.present ? 'Replace' : 'Save';
    $(`#settings-${kind}-forget`).disabled = !k?.present;
  }

  if (settings) {
    const timeout = $('#settings-timeout');
    if (document.activeElement !== timeout) timeout.value = settings.timeoutSecs ?? '';
    showUrl('settings-api-url', settings.apiUrl);
    showUrl('settings-prod-url', settings.prodUrl);
    $('#settings-path').textContent = settings.path;
  }
}

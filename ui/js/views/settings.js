// Settings: the language, mode switch, test connection, keys (masked only), the base URLs in
// effect (read-only: see index.html and src-tauri/src/settings.rs) and the timeout.
import { api } from '../ipc.js';
import { $, $$, fill, h } from '../dom.js';
import { rovingGroup } from '../components.js';
import { confirmDialog } from '../confirm.js';
import { errorBanner } from '../error-banner.js';
import { wireExternal } from '../links.js';
import { t } from '../i18n.js';
import { languageCard } from './settings/language.js';
import * as desktopCard from './settings/desktop.js';

const KINDS = ['invoice', 'admin'];
const ENV = { 'settings-api-url': 'NINJAPAY_API_URL', 'settings-prod-url': 'NINJAPAY_PROD_URL' }; // i18n-ignore
let language = null;

// Key errors are shown on this page already: no "Open Settings" button in them. What the last
// save, forget or mode switch was refused for stays until the next try (the re-read that follows
// it must not wipe it); otherwise the keychain's own problem, if it has one, is shown.
let actionProblem = null;
let keychainProblem = null;
const showKeysError = () => errorBanner($('#settings-keys-error'), actionProblem ?? keychainProblem, { settings: false });
const keysError = (err) => {
  actionProblem = err;
  showKeysError();
};

// The mode switch: a radio group (one Tab stop; the arrow keys move and choose, as a click does).
const modeRadios = () => $$('#settings-mode-group [role=radio]');
let modeGroup = null;
let desktop = null; // the Desktop card (./settings/desktop.js)

export function mount(section, { refresh }) {
  language = languageCard();
  section.querySelector('h1').after(language.card);
  desktop = desktopCard.mount(section, { refresh });
  wireExternal($('#settings-dashboard-link'));
  const choose = async (btn) => {
    keysError(null);
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
    out.textContent = t('settings.testing');
    try {
      const r = await api.testConnection();
      out.dataset.status = r.status;
      out.textContent = t('settings.result', { status: r.status, message: r.message });
    } catch (err) {
      out.dataset.status = 'error';
      out.textContent = t('settings.error', { message: err.message });
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
      const asked = { title: t('settings.forget_title', { key: t(`settings.key.${kind}`) }), lines: [t('settings.forget_line')], confirmLabel: t('settings.forget'), danger: true };
      if (!(await confirmDialog(asked))) return;
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
      out.textContent = t('settings.saved');
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
    case 'environment': return t('settings.from_env', { env });
    case 'file': return t('settings.from_file');
    default: return t('settings.default_url');
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
  const hint = mode !== 'sandbox' ? t('settings.live_hint')
    : status?.sandbox ? t('settings.sandbox_hint_at', { url: status.sandbox.apiUrl }) : t('settings.sandbox_hint');
  $('#settings-mode-hint').textContent = hint;

  keychainProblem = keysProblem ?? null;
  showKeysError();
  for (const kind of KINDS) {
    const k = keys?.[kind];
    const masked = $(`#settings-${kind}-masked`);
    masked.textContent = k?.present ? k.masked : t('settings.not_saved');
    masked.dataset.present = String(!!k?.present);
    $(`#settings-${kind}-save .btn-label`).textContent = t(k?.present ? 'settings.replace' : 'settings.save');
    $(`#settings-${kind}-forget`).disabled = !k?.present;
  }

  if (settings) {
    language?.update(settings);
    const timeout = $('#settings-timeout');
    if (document.activeElement !== timeout) timeout.value = settings.timeoutSecs ?? '';
    showUrl('settings-api-url', settings.apiUrl);
    showUrl('settings-prod-url', settings.prodUrl);
    $('#settings-path').textContent = settings.path;
  }
}

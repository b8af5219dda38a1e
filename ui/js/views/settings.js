// Settings: mode switch, test connection, keys (masked only), URL overrides and timeout.
import { api } from '../ipc.js';
import { confirmDialog } from '../components.js';
import { $, showError } from '../dom.js';

const KINDS = ['invoice', 'admin'];
const LABEL = { invoice: 'Invoice key', admin: 'Admin key' };

export function mount(_section, { refresh }) {
  for (const btn of document.querySelectorAll('[data-mode]')) {
    btn.addEventListener('click', async () => {
      try {
        await api.setMode(btn.dataset.mode);
        $('#settings-connection-result').textContent = '';
      } catch (e) {
        showError($('#settings-keys-error'), e);
      }
      refresh();
    });
  }

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
      showError($('#settings-keys-error'), null);
      try {
        await api.saveKey(kind, key);
        input.value = '';
      } catch (err) {
        showError($('#settings-keys-error'), err);
      }
      refresh();
    });
    $(`#settings-${kind}-forget`).addEventListener('click', async () => {
      if (!(await confirmDialog({ title: `Forget the ${LABEL[kind]}?`, lines: ['It is removed from the system keychain. You can paste it again later.'], confirmLabel: 'Forget', danger: true }))) return;
      showError($('#settings-keys-error'), null);
      try {
        await api.forgetKey(kind);
      } catch (err) {
        showError($('#settings-keys-error'), err);
      }
      refresh();
    });
  }

  $('#settings-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const out = $('#settings-save-result');
    const timeout = $('#settings-timeout').value;
    try {
      await api.updateSettings({
        apiUrl: $('#settings-api-url').value,
        prodUrl: $('#settings-prod-url').value,
        timeoutSecs: timeout ? Number(timeout) : null,
      });
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

let shownMode = null;

/** state: {status, settings, keys, keysError} — idempotent. */
export function update({ status, settings, keys, keysError }) {
  const mode = status?.mode ?? 'sandbox';
  if (shownMode !== null && shownMode !== mode) {
    // a connection result belongs to the mode it was tested in
    const out = $('#settings-connection-result');
    out.textContent = '';
    delete out.dataset.status;
  }
  shownMode = mode;
  for (const btn of document.querySelectorAll('[data-mode]')) {
    const on = btn.dataset.mode === mode;
    btn.setAttribute('aria-checked', String(on));
    btn.classList.toggle('active', on);
  }
  $('#settings-mode-hint').textContent = mode === 'sandbox'
    ? `Sandbox: a local stand-in for Ninjapay runs inside the app${status?.sandbox ? ` (${status.sandbox.apiUrl})` : ''}. Nothing you do moves real money.`
    : 'Live: requests go to Ninjapay with your keys. Real money moves.';

  showError($('#settings-keys-error'), keysError ?? null);
  for (const kind of KINDS) {
    const k = keys?.[kind];
    const masked = $(`#settings-${kind}-masked`);
    masked.textContent = k?.present ? k.masked : 'not saved';
    masked.dataset.present = String(!!k?.present);
    $(`#settings-${kind}-save`).textContent = k?.present ? 'Replace' : 'Save';
    $(`#settings-${kind}-forget`).disabled = !k?.present;
  }

  if (settings) {
    const setIfIdle = (sel, v) => {
      const el = $(sel);
      if (document.activeElement !== el) el.value = v ?? '';
    };
    setIfIdle('#settings-api-url', settings.apiUrl);
    setIfIdle('#settings-prod-url', settings.prodUrl);
    setIfIdle('#settings-timeout', settings.timeoutSecs);
    $('#settings-path').textContent = settings.path;
    const env = [];
    if (settings.apiUrlEnv) env.push(`NINJAPAY_API_URL=${settings.apiUrlEnv}`);
    if (settings.prodUrlEnv) env.push(`NINJAPAY_PROD_URL=${settings.prodUrlEnv}`);
    const note = $('#settings-env-note');
    note.hidden = env.length === 0;
    note.textContent = env.length ? `The environment overrides the file in Live mode: ${env.join(', ')}` : '';
  }
}

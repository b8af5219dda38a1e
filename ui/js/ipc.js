// The one door to Rust: every command goes through invoke() here.
// Errors always come out as {code, message} (see src-tauri/src/error.rs).

const tauri = window.__TAURI__;

/** Normalise whatever a rejected invoke gives us into {code, message}. */
export function toError(e) {
  if (e && typeof e === 'object' && typeof e.code === 'string') {
    return { code: e.code, message: String(e.message ?? e.code) };
  }
  return { code: 'ipc', message: typeof e === 'string' ? e : String(e?.message ?? e) };
}

/** Call one of our commands. Resolves with its result or rejects with {code, message}. */
export async function invoke(cmd, args = {}) {
  if (!tauri?.core?.invoke) {
    throw { code: 'ipc', message: 'Not running inside Ninjapay Desk (no Tauri IPC).' };
  }
  try {
    return await tauri.core.invoke(cmd, args);
  } catch (e) {
    throw toError(e);
  }
}

/** Ask yes/no in a native dialog (dialog plugin); falls back to window.confirm. */
export async function ask(message, title = 'Ninjapay Desk') {
  if (tauri?.dialog?.ask) {
    return tauri.dialog.ask(message, { title, kind: 'warning' });
  }
  return window.confirm(message);
}

/** Copy text to the clipboard (clipboard-manager plugin). */
export async function copyText(text) {
  if (tauri?.clipboardManager?.writeText) {
    return tauri.clipboardManager.writeText(text);
  }
  return navigator.clipboard.writeText(text);
}

/** Open an https link on Ninjapay's own domains in the browser (opener plugin, scoped). */
export async function openUrl(url) {
  return tauri?.opener?.openUrl(url);
}

// Typed wrappers for the commands the first screen uses.
export const api = {
  appStatus: () => invoke('app_status'),
  getSettings: () => invoke('get_settings'),
  updateSettings: (patch) => invoke('update_settings', { patch }),
  setMode: (mode) => invoke('set_mode', { mode }),
  keyStatus: () => invoke('key_status'),
  saveKey: (kind, key) => invoke('save_key', { kind, key }),
  forgetKey: (kind) => invoke('forget_key', { kind }),
  testConnection: () => invoke('test_connection'),
  checkVoucher: (tid) => invoke('check_voucher', { tid }),
};

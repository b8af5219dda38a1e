// Mirrors the error codes of src-tauri/src/error.rs (the client's and the shell's): every
// `code` an `invoke` can reject with. A Rust test checks that CODES lists exactly those.

export const CODES = Object.freeze([
  'unauthorized', 'admin_key_required', 'forbidden', 'not_found', 'validation', 'rate_limited',
  'server', 'network', 'timeout', 'redirect', 'outcome_unknown', 'decode',
  'keychain_unavailable', 'key_missing', 'settings', 'sandbox', 'export', 'watcher_stopped',
  'other_account', 'link',
]);

/** Errors the user fixes in Settings (a key, the keychain): offer a way there. */
export const KEY_PROBLEMS = new Set(['unauthorized', 'admin_key_required', 'key_missing', 'keychain_unavailable', 'forbidden']);

/** The request was sent and no usable answer came back: it may have been carried out. */
export const isUnknownOutcome = (err) => err?.code === 'outcome_unknown';

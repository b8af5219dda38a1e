// Mirrors the error codes of src-tauri/src/error.rs (the client's and the shell's): every
// `code` an `invoke` can reject with. A Rust test checks that CODES lists exactly those.

export const CODES = Object.freeze([
  'unauthorized', 'admin_key_required', 'forbidden', 'not_found', 'validation', 'rate_limited',
  'server', 'network', 'timeout', 'redirect', 'outcome_unknown', 'decode',
  'keychain_unavailable', 'key_missing', 'settings', 'sandbox', 'export', 'watcher_stopped',
  'other_account', 'link', 'ledger',
]);

/** Errors the user fixes in Settings (a key, the keychain): offer a way there. */
export const KEY_PROBLEMS = new Set(['unauthorized', 'admin_key_required', 'key_missing', 'keychain_unavailable', 'forbidden']);

/** The request was sent and no usable answer came back: it may have been carried out. */
export const isUnknownOutcome = (err) => err?.code === 'outcome_unknown';

/** A user-facing sentence for an error {code, message}, keeping the server's own words. */
export function explain(err) {
  const m = err?.message ?? String(err);
  switch (err?.code) {
    case 'unauthorized': return `The key was refused. Check it in Settings. (${m})`;
    case 'admin_key_required': return `This needs the Admin key. Save it in Settings. (${m})`;
    case 'key_missing':
      return `No API key saved for Live mode. Save your Invoice key (and the Admin key to send money) in Settings, or switch to Sandbox. (${m})`;
    case 'forbidden': return `Ninjapay refused this: ${m}`;
    case 'not_found': return `Not found: ${m}`;
    case 'rate_limited': return `Too many requests for now. ${m}`;
    case 'network': case 'timeout': return `Ninjapay could not be reached: ${m}`;
    case 'server': return `Ninjapay had a problem: ${m}`;
    case 'redirect': return `Ninjapay's address answered with a redirect, which the app never follows (your key would go with it): ${m}`;
    default: return m;
  }
}

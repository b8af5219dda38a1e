// The old "Recent activity" list, which this page kept in localStorage before the records
// existed ([{kind, tid, label, action, mode, at}]). It is handed to Rust once, at start, and
// filed in the records under the account of its mode; then it is removed. Home's recent
// activity now comes from the records.
import { api } from './ipc.js';

const KEY = 'ninjapay-desk.recent';

/** Import the old list if there is one. Resolves true when something was imported now. */
export async function importRecentOnce() {
  let json = null;
  try {
    json = localStorage.getItem(KEY);
  } catch {
    return false; // storage disabled: nothing was kept
  }
  if (!json) return false;
  try {
    const imported = await api.importRecent(json);
    localStorage.removeItem(KEY); // imported now, or already before: either way it is in the records
    return imported;
  } catch (e) {
    // An unreadable list never will be: drop it. Anything else (the records file is not open)
    // may pass: keep it for the next start.
    if (e.code === 'validation') localStorage.removeItem(KEY);
    console.error('import_recent failed', e);
    return false;
  }
}

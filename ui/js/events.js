// Mirrors src-tauri/src/events.rs: every event name the shell emits, in one place.
// Read current state with a command first, then listen (earlier events are lost).

export const SETTINGS_CHANGED = 'settings://changed'; // {mode}
export const KEYS_CHANGED = 'keys://changed'; // {kind, present, masked}
export const SANDBOX_STARTED = 'sandbox://started'; // {apiUrl, prodUrl}
// Something may have moved value: read the balances again. No payload.
export const WALLET_CHANGED = 'wallet://changed';
// A watch changed: {id, kind, tid, account: {mode, apiUrl?, prodUrl?}, paused, status, rawStatus,
// attempt, startedAt, lastCheckedAt, nextCheckAt, final, error: {code, message, transient},
// delayed, amount, fiat, label, actions}.
// Load the current list with the `watch_list` command first.
export const WATCH_UPDATE = 'watch://update';
// The records (ledger) changed: Records and Reports read again. No payload.
export const LEDGER_CHANGED = 'ledger://changed';
// A batch of lookups moved on: {job, kind: 'add'|'refresh', done, total,
// result: {tid, outcome: 'added'|'updated'|'not_found'|'error', message}|null, finished, cancelled}.
export const LEDGER_PROGRESS = 'ledger://progress';
// Background checks delayed (or no longer) by the request budget: {delayed, reason, waiting, active}.
export const WATCH_BUDGET = 'watch://budget';
// A menu item or shortcut (View → Home … Settings) asks for a screen: {view}. main.js turns it
// into its own desk:navigate DOM event.
export const NAVIGATE = 'desk://navigate';

// Every event above arrives on this one Tauri event as {event, payload}: the page subscribes
// once (each subscription is an IPC request and a script run here) and hands each to its handlers.
export const CHANNEL = 'desk://event';

const handlers = new Map(); // event name → Set of handlers
let subscribed = null;

function dispatch({ event, payload } = {}) {
  for (const handler of handlers.get(event) ?? []) handler(payload);
}

/** Listen to a shell event; resolves (once the page is subscribed) to an unlisten function. */
export async function on(name, handler) {
  const ev = window.__TAURI__?.event;
  if (!ev) return () => {};
  if (!handlers.has(name)) handlers.set(name, new Set());
  const mine = (payload) => handler(payload);
  handlers.get(name).add(mine);
  subscribed ??= ev.listen(CHANNEL, (e) => dispatch(e.payload));
  await subscribed;
  return () => handlers.get(name).delete(mine);
}

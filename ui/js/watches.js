// The background watches in state.watches (watch://update), as the views see them. Pure: no DOM,
// no IPC (unit-tested in ui/tests/watches.test.mjs).

export const MODE_NAME = { sandbox: 'Sandbox', live: 'Live' };

/** Whether two accounts ({mode, apiUrl?, prodUrl?}) are the same server. */
export function sameAccount(a, b) {
  if (!a || !b || a.mode !== b.mode) return false;
  return a.mode !== 'live' || (a.apiUrl === b.apiUrl && a.prodUrl === b.prodUrl);
}

/** The later-started of two watches (the higher id when they started together). */
function newer(a, b) {
  const [x, y] = [a.startedAt ?? 0, b.startedAt ?? 0];
  return x !== y ? x > y : a.id > b.id;
}

/**
 * The watch of `kind` + `tid` for the account the app is in now (the newest, if several). A
 * watch of the other mode is about another server's record, so it is never shown as this one's.
 */
export function findWatch(state, kind, tid) {
  if (!state?.watches || tid === null || tid === undefined) return null;
  const account = state.status?.account;
  let best = null;
  for (const w of state.watches.values()) {
    if (w.kind !== kind || String(w.tid) !== String(tid)) continue;
    if (account && w.account && !sameAccount(w.account, account)) continue;
    if (!best || newer(w, best)) best = w;
  }
  return best;
}

/** A watch status as a badge status ("stillPending" → "still_pending"). */
export const watchTone = (status) => (status === 'stillPending' ? 'still_pending' : status);

/** Why a paused watch is not being checked, in words. */
export function pausedText(w) {
  const mode = MODE_NAME[w?.account?.mode] ?? 'the other';
  return `Paused — made in ${mode} mode; checked again when you switch back`;
}

/** Watches still running in this mode (a paused watch waits for the other mode). */
export const isActive = (w) => !w.final && !w.paused;

// Recent activity: the tids looked up or created lately, kept in localStorage (no secrets,
// no amounts beyond a short label), newest first. Each entry carries the mode it was made in
// (a Sandbox tid means nothing to the live server), and Home lists only the current mode's.
const KEY = 'ninjapay-desk.recent';
const MAX = 30;

export function recentList() {
  try {
    const list = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(list) ? list : [];
  } catch {
    return [];
  }
}

/**
 * Remember {kind, tid, label, action, mode} ('looked up', 'created', …; mode 'sandbox' or
 * 'live'); the same kind+tid in the same mode moves to the top. kind is one of: voucher,
 * order, payment, token, quote.
 */
export function remember({ kind, tid, label = '', action = 'looked up', mode = null }) {
  if (!kind || !tid) return recentList();
  const same = (r) => r.kind === kind && r.tid === String(tid) && (r.mode ?? null) === mode;
  const list = recentList().filter((r) => !same(r));
  list.unshift({ kind, tid: String(tid), label: String(label).slice(0, 120), action, mode, at: Date.now() });
  const trimmed = list.slice(0, MAX);
  try {
    localStorage.setItem(KEY, JSON.stringify(trimmed));
  } catch {
    // Storage full or disabled: recent activity is a convenience, not data.
  }
  return trimmed;
}

/** The entries made in `mode` (older entries without a mode belong to none). */
export function inMode(list, mode) {
  return (Array.isArray(list) ? list : []).filter((r) => r.mode === mode);
}

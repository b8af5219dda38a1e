// Recent activity: the tids looked up or created lately, kept in localStorage (no secrets,
// no amounts beyond a short label), newest first.
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
 * Remember {kind, tid, label, action} ('looked up' or 'created'); the same kind+tid moves to
 * the top. kind is one of: voucher, order, payment, token, quote.
 */
export function remember({ kind, tid, label = '', action = 'looked up' }) {
  if (!kind || !tid) return recentList();
  const list = recentList().filter((r) => !(r.kind === kind && r.tid === tid));
  list.unshift({ kind, tid: String(tid), label: String(label).slice(0, 120), action, at: Date.now() });
  const trimmed = list.slice(0, MAX);
  try {
    localStorage.setItem(KEY, JSON.stringify(trimmed));
  } catch {
    // Storage full or disabled: recent activity is a convenience, not data.
  }
  return trimmed;
}

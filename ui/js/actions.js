// Actions that go up to main.js as DOM events (see the top of main.js). One place for their
// shapes, so views don't build CustomEvents by hand.

/** Which view shows each kind of tid (recent activity, pending panel). */
export const VIEW_BY_KIND = { voucher: 'vouchers', order: 'orders', payment: 'lightning', token: 'widget', quote: 'bridge' };

/** Show a view, and open `tid` in it when given. */
export function navigate(view, tid = null) {
  document.dispatchEvent(new CustomEvent('desk:navigate', { detail: tid ? { view, tid } : { view } }));
}

/** Open a tid in the view for its kind. */
export function openKind(kind, tid) {
  navigate(VIEW_BY_KIND[kind] ?? 'home', tid);
}

/** Tell the enclosing view something happened inside one of its parts (bubbles up from `el`). */
export function emit(el, name, detail = {}) {
  el.dispatchEvent(new CustomEvent(name, { detail, bubbles: true }));
}

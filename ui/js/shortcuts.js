// Keyboard shortcuts for the whole window. Ctrl+K (⌘K), or "/" when not typing, puts the cursor
// in the current screen's lookup field: the input marked data-lookup (the tid of a batch, an
// order, a payment, a token or a quote; the records' search). Where a screen has several, the
// one on show is chosen (Lightning's only shows on its Check tab); with none on show (Home,
// Reports, Settings), the keys do nothing.

/** True for an element that takes typed text ("/" is a character there, not a shortcut). */
export function isTyping(el) {
  if (!el) return false;
  if (el.isContentEditable) return true;
  const tag = String(el.tagName ?? '').toLowerCase();
  if (tag === 'textarea' || tag === 'select') return true;
  if (tag !== 'input') return false;
  const type = String(el.type ?? 'text').toLowerCase();
  return !['button', 'submit', 'reset', 'checkbox', 'radio', 'range', 'color', 'file', 'image'].includes(type);
}

/** True when the keydown `e` asks for the lookup field: Ctrl+K / ⌘K, or "/" outside a text field. */
export function wantsLookup(e) {
  if (e.altKey || e.isComposing) return false;
  if ((e.ctrlKey || e.metaKey) && !e.shiftKey) return String(e.key).toLowerCase() === 'k';
  return e.key === '/' && !e.ctrlKey && !e.metaKey && !isTyping(e.target);
}

/**
 * The lookup field to go to: the first of `fields` (the current screen's, in page order) that is
 * shown and enabled, or null. `shown(el)` says whether it is on screen.
 */
export function pickLookup(fields, shown) {
  return [...fields].find((el) => !el.disabled && shown(el)) ?? null;
}

// Hidden by the `hidden` attribute or an ancestor's (a view, a tab panel, a closed card): no box.
const onScreen = (el) => el.getClientRects().length > 0;

/** Listen for the shortcut (once: importing this module does, see the end). */
export function initShortcuts() {
  document.addEventListener('keydown', (e) => {
    if (e.defaultPrevented || !wantsLookup(e)) return;
    // A confirmation is open: its buttons keep the focus.
    if (document.querySelector('dialog[open]')) return;
    const field = pickLookup(document.querySelectorAll('.view:not([hidden]) [data-lookup]'), onScreen);
    if (!field) return;
    e.preventDefault();
    field.focus();
    field.select?.();
  });
}

// main.js imports this module for its effect: the shortcut works from the start (not in tests).
if (globalThis.document) initShortcuts();

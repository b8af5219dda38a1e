// When a confirmation dialog's confirm button may act. Pure (no DOM), so `node --test` checks it:
// the dialog (confirm.js) feeds it the button's key and click events and obeys its answers.
//
// A press cannot be carried over by accident from the step before: nothing confirms in the first
// ARM_MS after the dialog appears, a held key's repeats never confirm, and a keyboard press
// counts only if its key went down on the button after arming (so Enter or Space held down since
// the previous screen can never complete a send).

/** How long after opening the confirm button ignores every press. */
export const ARM_MS = 400;

const ACTIVATING = new Set(['Enter', ' ', 'Spacebar']); // i18n-ignore

/**
 * A gate opened now. `now()` is a clock in ms (injectable for tests).
 * keydown/keyup take {key, repeat} and say whether to let the event through; click takes
 * {detail} (0 when the keyboard made the click) and says whether it confirms.
 */
export function confirmGate({ armMs = ARM_MS, now = () => Date.now() } = {}) {
  const openedAt = now();
  let pressed = null; // an activating key that went down on the button, armed and not repeated
  const armed = () => now() - openedAt >= armMs;
  return {
    armed,
    keydown({ key, repeat = false }) {
      if (!ACTIVATING.has(key)) return true;
      pressed = !repeat && armed() ? key : null;
      return pressed !== null;
    },
    keyup({ key }) {
      if (!ACTIVATING.has(key)) return true;
      return pressed === key;
    },
    click({ detail = 1 } = {}) {
      if (!armed()) return false;
      if (detail !== 0) return true; // a pointer press, after arming
      const ok = pressed !== null;
      pressed = null;
      return ok;
    },
  };
}

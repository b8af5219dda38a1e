// The mode banner ("Sandbox — no real money") and the mode pill in the top bar.
import { $ } from '../dom.js';

export function mount() {
  return { update };
}

/** state: {status} — idempotent. */
export function update({ status }) {
  const banner = $('#mode-banner');
  const pill = $('#mode-pill');
  const warning = $('#settings-warning');
  const mode = status?.mode ?? 'sandbox';
  document.body.dataset.mode = mode;
  banner.hidden = mode !== 'sandbox';
  banner.textContent = mode === 'sandbox' ? 'Sandbox — no real money' : '';
  pill.textContent = mode === 'sandbox' ? 'Sandbox' : 'Live';
  pill.className = `pill pill-${mode}`;
  warning.hidden = !status?.settingsWarning;
  warning.textContent = status?.settingsWarning ?? '';
}

// The mode banner ("Sandbox — no real money") and the mode pill in the top bar.
import { $ } from '../dom.js';
import { t } from '../i18n.js';
import { MODE_NAME } from '../watches.js';

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
  banner.textContent = mode === 'sandbox' ? t('common.sandbox_banner') : '';
  pill.textContent = mode === 'sandbox' ? MODE_NAME.sandbox : MODE_NAME.live;
  pill.className = `pill pill-${mode}`; // i18n-ignore
  warning.hidden = !status?.settingsWarning;
  warning.textContent = status?.settingsWarning ?? '';
}

// Settings → Desktop: keep watching in the tray when the window is closed, and start at login
// (src-tauri/src/desktop/). Each box is saved when it changes, through update_settings; the
// boxes show what the shell reports in effect (start at login: what the OS really has).
import { api } from '../../ipc.js';
import { h } from '../../dom.js';
import { t } from '../../i18n.js';

const FIELDS = [
  { key: 'closeToTray', id: 'settings-close-to-tray', label: 'desktop.settings.close_to_tray', hint: 'desktop.settings.close_to_tray_hint' },
  { key: 'startAtLogin', id: 'settings-start-at-login', label: 'desktop.settings.start_at_login', hint: 'desktop.settings.start_at_login_hint' },
];

/** Add the Desktop card to the Settings section; returns {update(state)}. */
export function mount(section, { refresh }) {
  const result = h('span', { class: 'result', role: 'status', id: 'settings-desktop-result', 'data-testid': 'settings-desktop-result' });
  const boxes = {};
  const rows = FIELDS.map((f) => {
    const box = h('input', { type: 'checkbox', id: f.id, 'data-testid': f.id, 'aria-describedby': `${f.id}-hint` });
    boxes[f.key] = box;
    box.addEventListener('change', async () => {
      box.disabled = true;
      try {
        await api.updateSettings({ [f.key]: box.checked });
        result.dataset.status = 'ok';
        result.textContent = t('desktop.settings.saved');
      } catch (err) {
        box.checked = !box.checked; // not saved: show what is in effect
        result.dataset.status = 'error';
        result.textContent = t('desktop.settings.failed', { message: err.message });
      } finally {
        box.disabled = false;
      }
      refresh();
    });
    return h('div', { class: 'field' },
      h('label', { for: f.id }, box, ' ', t(f.label)),
      h('p', { class: 'hint', id: `${f.id}-hint`, text: t(f.hint) }));
  });
  section.append(h('div', { class: 'card', id: 'settings-desktop', 'data-testid': 'settings-desktop', role: 'group', 'aria-labelledby': 'settings-desktop-title' },
    h('h2', { id: 'settings-desktop-title', text: t('desktop.settings.title') }), ...rows, result));

  /** state.settings: {closeToTray, startAtLogin, …} — idempotent. */
  function update({ settings }) {
    if (!settings) return;
    for (const f of FIELDS) {
      if (!boxes[f.key].disabled) boxes[f.key].checked = !!settings[f.key];
    }
  }
  return { update };
}

// Before anything is sent: in Live mode, a form whose endpoint needs the Admin key (the
// status's adminOnly list) says so, and links to Settings, when no Admin key is saved.
import { h } from './dom.js';
import { navigate } from './actions.js';
import { t } from './i18n.js';

/** True when `endpoint` needs the Admin key here and none is saved. */
export function needsAdminKey(state, endpoint) {
  const s = state?.status;
  return s?.mode === 'live' && (s.adminOnly ?? []).includes(endpoint) && !!state.keys && !state.keys.admin?.present;
}

/** The note for one form: {el, update(state)}. */
export function adminKeyNote(endpoint, id) {
  const el = h('p', { class: 'notice', id, hidden: true, dataset: { testid: id } },
    `${t('lightning.admin_note.text')} `,
    h('button', { type: 'button', class: 'link', onclick: () => navigate('settings') }, t('lightning.admin_note.open_settings')));
  return {
    el,
    update(state) {
      el.hidden = !needsAdminKey(state, endpoint);
    },
  };
}

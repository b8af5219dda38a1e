// The language picker on Settings: English (India), हिन्दी, or the system's language (the
// default). The choice is saved in the settings file; then the page loads again, so every view
// is built in the new language (main.js loads the catalogue before it mounts anything).
import { api } from '../../ipc.js';
import { h } from '../../dom.js';
import { LOCALES, t } from '../../i18n.js';
import { errorBanner, errorBox } from '../../error-banner.js';

export const SYSTEM = 'system';

/** The Language card; `reload` is injectable for tests. */
export function languageCard({ reload = () => location.reload() } = {}) {
  const select = h('select', { id: 'settings-language', name: 'language', dataset: { testid: 'settings-language' } },
    h('option', { value: SYSTEM }, t('settings.language.system')),
    // Each language named in itself, and marked as such for screen readers.
    ...Object.entries(LOCALES).map(([tag, name]) => h('option', { value: tag, lang: tag }, name)));
  const error = errorBox({ id: 'settings-language-error', testid: 'settings-language-error' });
  select.addEventListener('change', async () => {
    select.disabled = true;
    try {
      await api.updateSettings({ language: select.value });
      reload();
    } catch (e) {
      errorBanner(error, e, { settings: false, focus: true });
      select.disabled = false;
    }
  });
  const card = h('div', { class: 'card', id: 'settings-language-card' },
    h('h2', { id: 'settings-language-title', text: t('settings.language.title') }),
    h('div', { class: 'row' }, h('label', { for: select.id, text: t('settings.language.label') }), select),
    h('p', { class: 'hint', id: 'settings-language-hint', text: t('settings.language.hint') }),
    error);
  select.setAttribute('aria-describedby', 'settings-language-hint');
  return {
    card,
    /** Show the saved choice (null = the system's). */
    update(settings) {
      const want = settings?.language ?? SYSTEM;
      if (!select.disabled && select.value !== want) select.value = want;
    },
  };
}

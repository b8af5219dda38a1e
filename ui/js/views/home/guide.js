// The first-run guide on Home: two ways to begin — try the app in Sandbox (pretend money, no
// key), or connect a Ninjapay account (where the keys come from, what each allows, where they are
// kept) — and the words the screens use, each with its meaning (glossary.js). It shows until a
// key is saved or the user hides it; hiding it is remembered on this computer (localStorage:
// not a secret, only "hidden").
import { api } from '../../ipc.js';
import { h } from '../../dom.js';
import { t, tn } from '../../i18n.js';
import { busy } from '../../components.js';
import { errorBanner, errorBox } from '../../error-banner.js';
import { externalLink } from '../../links.js';
import { navigate } from '../../actions.js';
import { announce } from '../../announce.js';
import { TERMS, term } from '../../glossary.js';

export const DISMISSED_KEY = 'ninjapay-desk.guide-dismissed';
// The page Settings links to for creating keys.
const DASHBOARD = 'https://ninjapay.me/dashboard';

/**
 * Whether the guide shows: not once hidden, not while a key is saved, and not before the keys
 * are known (no flash at start-up) — unless the keychain could not be read: then it shows, as
 * Sandbox works without one.
 */
export function guideWanted({ keys = null, keysError = null } = {}, dismissed = false) {
  if (dismissed) return false;
  if (keys) return !keys.invoice?.present && !keys.admin?.present;
  return !!keysError;
}

const isDismissed = () => {
  try {
    return localStorage.getItem(DISMISSED_KEY) === 'true';
  } catch {
    return false;
  }
};

/** Build the guide (hidden) right after `anchor`; → {update(state)}. */
export function mountGuide(anchor) {
  const title = h('h2', { id: 'guide-title', text: t('guide.title') });
  const dismiss = h('button', { type: 'button', class: 'link', id: 'guide-dismiss', dataset: { testid: 'guide-dismiss' } }, t('guide.dismiss'));
  const error = errorBox({ id: 'guide-error', testid: 'guide-error' });

  // Try it in Sandbox: the switch while in Live, a word that it is on while in Sandbox.
  const trySandbox = h('button', { type: 'button', id: 'guide-try-sandbox', class: 'primary', hidden: true, dataset: { testid: 'guide-try-sandbox' } },
    t('guide.sandbox.switch'));
  const inSandbox = h('p', { id: 'guide-in-sandbox', class: 'guide-on', tabindex: '-1', hidden: true, dataset: { testid: 'guide-in-sandbox' } },
    t('guide.sandbox.here'));
  const sandboxPath = h('section', { class: 'guide-path', id: 'guide-sandbox', 'aria-labelledby': 'guide-sandbox-title' },
    h('h3', { id: 'guide-sandbox-title', text: t('guide.sandbox.title') }),
    h('p', { text: t('guide.sandbox.what') }),
    h('p', { text: t('guide.sandbox.moves') }),
    trySandbox, inSandbox);

  // Connect your account: where the keys are made, what each allows, where they are kept.
  const link = externalLink(DASHBOARD, t('guide.connect.link'), { id: 'guide-dashboard-link' });
  const keyItem = (kind) => h('li', {}, h('strong', { text: t(`guide.connect.${kind}_name`) }), ': ', t(`guide.connect.${kind}`));
  const openSettings = h('button', { type: 'button', id: 'guide-open-settings', dataset: { testid: 'guide-open-settings' },
    onclick: () => navigate('settings') }, t('guide.connect.open'));
  const connectPath = h('section', { class: 'guide-path', id: 'guide-connect', 'aria-labelledby': 'guide-connect-title' },
    h('h3', { id: 'guide-connect-title', text: t('guide.connect.title') }),
    h('p', {}, ...tn('guide.connect.where', { link })),
    h('ul', { class: 'guide-keys' }, keyItem('invoice'), keyItem('admin')),
    h('p', { text: t('guide.connect.keychain') }),
    openSettings);

  const words = h('section', { class: 'guide-words', 'aria-labelledby': 'guide-words-title' },
    h('h3', { id: 'guide-words-title', text: t('guide.words.title') }),
    h('p', { class: 'hint small', text: t('guide.words.hint') }),
    h('ul', { class: 'guide-word-list', dataset: { testid: 'guide-words' } }, ...TERMS.map((key) => h('li', {}, term(key)))));

  const el = h('section', { class: 'card guide', id: 'home-guide', 'aria-labelledby': 'guide-title', hidden: true, dataset: { testid: 'home-guide' } },
    h('div', { class: 'guide-head' }, title, dismiss),
    h('p', { class: 'hint', text: t('guide.intro') }),
    error,
    h('div', { class: 'guide-paths' }, sandboxPath, connectPath),
    words);
  anchor.after(el);

  let dismissed = isDismissed();
  let last = null;
  let switchedTo = null; // the mode just chosen here, until the state says so too

  trySandbox.addEventListener('click', () => busy(trySandbox, async () => {
    errorBanner(error, null);
    try {
      await api.setMode('sandbox');
    } catch (e) {
      errorBanner(error, e);
      return;
    }
    // The button goes (the mode is now Sandbox): the focus goes to the words that replace it.
    switchedTo = 'sandbox';
    document.dispatchEvent(new CustomEvent('desk:refresh'));
    show('sandbox');
    inSandbox.focus();
    announce(t('guide.sandbox.switched'));
  }));

  dismiss.addEventListener('click', () => {
    dismissed = true;
    try {
      localStorage.setItem(DISMISSED_KEY, 'true');
    } catch { /* not remembered: hidden for now all the same */ }
    update(last ?? {});
    // The focus was on the guide, which has gone: to the screen's heading.
    const heading = el.closest('.view')?.querySelector('h1');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus();
    }
    announce(t('guide.dismissed'));
  });

  function show(mode) {
    trySandbox.hidden = mode === 'sandbox';
    inSandbox.hidden = mode !== 'sandbox';
  }

  function update(state) {
    last = state;
    el.hidden = !guideWanted(state, dismissed);
    const mode = state.status?.mode ?? 'sandbox';
    if (mode === switchedTo) switchedTo = null;
    if (!trySandbox.disabled) show(switchedTo ?? mode);
  }

  return { el, update };
}

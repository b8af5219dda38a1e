// The one way a view shows a failure: in its banner, in words, with a way to Settings when a key
// is the problem; or beside the field a validation error names. A banner that appears is said
// once: by taking the focus (a screen reader reads what gets it), or else through the app's
// polite live region (announce.js) — so the banners themselves are not live regions.
import { h } from './dom.js';
import { explain, KEY_PROBLEMS, problemText } from './errors.js';
import { navigate } from './actions.js';
import { announce } from './announce.js';
import { fieldError } from './components.js';
import { t } from './i18n.js';

/** An empty, hidden banner for errorBanner(): `attrs` adds an id, a data-testid, … */
export function errorBox({ id = null, testid = null, ...attrs } = {}) {
  return h('div', { id, class: 'error', tabindex: '-1', hidden: true, dataset: testid ? { testid } : undefined, ...attrs });
}

/**
 * Show `err` ({code, message}) in `el`, or hide it when err is null. `text` replaces the
 * sentence; `settings: false` leaves out the way to Settings (on the Settings page itself);
 * `focus: true` moves the focus to it (else it is announced). Showing the same words again says
 * nothing new.
 */
export function errorBanner(el, err, { text = null, settings = true, settingsId = null, focus = false } = {}) {
  if (!err) {
    el.hidden = true;
    el.replaceChildren();
    delete el.dataset.code;
    delete el.dataset.said;
    return;
  }
  const words = text ?? explain(err);
  const fresh = el.hidden || el.dataset.said !== words;
  el.hidden = false;
  el.dataset.code = err.code ?? '';
  el.dataset.said = words;
  el.replaceChildren(h('span', { text: words }));
  if (settings && KEY_PROBLEMS.has(err.code)) {
    el.append(' ', h('button', {
      type: 'button', class: 'link', id: settingsId, dataset: { testid: settingsId ?? 'go-settings' },
      onclick: () => navigate('settings'),
    }, t('common.open_settings')));
  }
  if (focus) el.focus?.();
  else if (fresh) announce(words);
}

/**
 * A failed request: a `validation` error beside its field when it names one of `fields`
 * (API field name → input), else in `banner`. The focus goes to whichever shows it.
 */
export function showFailure(err, { banner, fields = {} }) {
  const input = err?.code === 'validation' && err.field ? fields[err.field] : null;
  if (input) {
    fieldError(input, problemText(err));
    input.focus();
    errorBanner(banner, null);
  } else {
    errorBanner(banner, err, { focus: true });
  }
}

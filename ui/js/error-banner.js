// The one way a view shows a failure: in its banner (role=alert), in words, with a way to
// Settings when a key is the problem; or beside the field a validation error names.
import { h } from './dom.js';
import { explain, KEY_PROBLEMS } from './errors.js';
import { navigate } from './actions.js';
import { fieldError } from './components.js';

/**
 * Show `err` ({code, message}) in `el`, or hide it when err is null. `text` replaces the
 * sentence; `settings: false` leaves out the way to Settings (on the Settings page itself).
 */
export function errorBanner(el, err, { text = null, settings = true, settingsId = null } = {}) {
  if (!err) {
    el.hidden = true;
    el.replaceChildren();
    delete el.dataset.code;
    return;
  }
  el.hidden = false;
  el.dataset.code = err.code ?? '';
  el.replaceChildren(h('span', { text: text ?? explain(err) }));
  if (settings && KEY_PROBLEMS.has(err.code)) {
    el.append(' ', h('button', {
      type: 'button', class: 'link', id: settingsId, dataset: { testid: settingsId ?? 'go-settings' },
      onclick: () => navigate('settings'),
    }, 'Open Settings'));
  }
}

/**
 * A failed request: a `validation` error beside its field when it names one of `fields`
 * (API field name → input), else in `banner`. The focus goes to whichever shows it.
 */
export function showFailure(err, { banner, fields = {} }) {
  const input = err?.code === 'validation' && err.field ? fields[err.field] : null;
  if (input) {
    fieldError(input, err.message);
    input.focus();
    errorBanner(banner, null);
  } else {
    errorBanner(banner, err);
    banner.focus?.();
  }
}

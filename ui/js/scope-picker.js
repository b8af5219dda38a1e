// Whose records a table or report covers: this account (the server the app talks to now, the
// default), every account of the current mode, or Sandbox and Live together — only when picked,
// so Sandbox figures never show among Live ones by accident.
import { h } from './dom.js';
import { t } from './i18n.js';
import { MODE_NAME } from './watches.js';

/**
 * scopePicker({id, onChange(scope)}) → {el, value() → 'account'|'mode'|'both', update(state)}.
 * Radios #{id}-account, #{id}-mode, #{id}-both.
 */
export function scopePicker({ id, onChange }) {
  const options = [['account', t('records.scope.account')], ['mode', t('records.scope.mode')], ['both', t('records.scope.both')]];
  const inputs = {};
  const labels = {};
  const el = h('fieldset', { class: 'scope', id, dataset: { testid: id } }, h('legend', { text: t('records.scope.legend') }),
    ...options.map(([value, words]) => {
      inputs[value] = h('input', { type: 'radio', name: id, value, id: `${id}-${value}`, checked: value === 'account' });
      labels[value] = h('span', { text: words });
      return h('label', { for: inputs[value].id }, inputs[value], labels[value]);
    }));
  el.addEventListener('change', () => onChange?.(value()));
  const value = () => Object.keys(inputs).find((k) => inputs[k].checked) ?? 'account';

  return {
    el,
    value,
    /** Name the options after the mode the app is in ("All Sandbox"). */
    update(state) {
      const mode = MODE_NAME[state.status?.mode];
      if (!mode) return;
      labels.account.textContent = t('records.scope.account_in', { mode });
      labels.mode.textContent = t('records.scope.mode_in', { mode });
      labels.both.textContent = t('records.scope.both_modes');
    },
  };
}

// Reports over a range of the user's days (redemptions, payouts, Lightning): from and to, the
// last `days` days at first, in front of the panel's own controls; the range goes into the
// report's parameters.
import { h } from '../../dom.js';
import { t } from '../../i18n.js';
import { addDays, isoDay, userOffsetMinutes } from '../../dates.js';
import { reportPanel } from './report-panel.js';

/**
 * rangedPanel({id, report, days, title, hint, controls, params: () => more params, render}, ctx)
 * → the panel (see reportPanel). Inputs #{id}-from and #{id}-to; ctx: {scope()}.
 */
export function rangedPanel({ id, report, days = 30, controls = [], params = () => ({}), ...rest }, ctx) {
  const today = isoDay();
  const from = h('input', { type: 'date', id: `${id}-from`, value: addDays(today, 1 - days), required: true, dataset: { testid: `${id}-from` } });
  const to = h('input', { type: 'date', id: `${id}-to`, value: today, required: true, dataset: { testid: `${id}-to` } });
  const panel = reportPanel({
    id,
    ...rest,
    controls: [h('label', { for: from.id, text: t('reports.from') }), from, h('label', { for: to.id, text: t('reports.to') }), to, ...controls],
    params: () => ({ report, scope: ctx.scope(), from: from.value, to: to.value, utcOffsetMinutes: userOffsetMinutes(), ...params() }),
  });
  for (const input of [from, to]) {
    input.addEventListener('change', () => { if (from.value && to.value) panel.load(); });
  }
  return panel;
}

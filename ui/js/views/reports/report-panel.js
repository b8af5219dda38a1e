// What every report panel shares: its controls, CSV and Excel exports of exactly what is shown,
// an error banner, and the body drawn from the report Rust computed (`report`). A panel reads
// its report when it is shown and out of date, or when its controls change.
import { api } from '../../ipc.js';
import { fill, h } from '../../dom.js';
import { t } from '../../i18n.js';
import { errorBanner } from '../../error-banner.js';
import { exportButtons } from '../../export-buttons.js';
import { latestOnly } from '../../latest.js';

/**
 * reportPanel({id, title, hint: string | [string|Node], controls: [Node], params: () => report params,
 *              render(report) → [Node]}) → {el, banner, load(), markStale(), loadIfStale()}.
 * The body #{id}-body carries data-state: loading | loaded | error.
 */
export function reportPanel({ id, title, hint, controls = [], params, render }) {
  const banner = h('div', { id: `${id}-error`, class: 'error', role: 'alert', hidden: true, dataset: { testid: `${id}-error` } });
  const body = h('div', { id: `${id}-body`, class: 'report-body', dataset: { testid: `${id}-body`, state: 'idle' } });
  const el = h('div', { class: 'card report', id },
    h('h2', { text: title }),
    hint ? h('p', { class: 'hint' }, hint) : null, // hint: text, or text and nodes (a glossary term)
    h('div', { class: 'row report-controls' }, ...controls),
    banner,
    body,
    exportButtons({ id: `${id}-export`, params, banner, label: t('reports.export_label', { title }) }));

  let stale = true;
  const latest = latestOnly();

  function load() {
    stale = false;
    body.dataset.state = 'loading';
    body.setAttribute('aria-busy', 'true');
    return latest(() => api.report(params()), (report) => {
      errorBanner(banner, null);
      fill(body, ...render(report));
      body.dataset.state = 'loaded';
      body.removeAttribute('aria-busy');
    }, (e) => {
      body.dataset.state = 'error';
      body.removeAttribute('aria-busy');
      errorBanner(banner, e);
    });
  }

  return {
    el,
    banner,
    load,
    markStale() { stale = true; },
    loadIfStale() { if (stale) load(); },
  };
}

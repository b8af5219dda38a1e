// "Export CSV" and "Export Excel" for a table or a report. Rust builds the file from the ledger
// itself (export_report: exact amounts, numbers as numbers and dates as dates in Excel) and
// writes it after the native save dialog; the note beside the buttons says where it went.
import { api } from './ipc.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { busy } from './components.js';
import { errorBanner } from './error-banner.js';

/**
 * exportButtons({id, params: () => export_report params, banner, label}) → element.
 * Buttons #{id}-csv and #{id}-xlsx; the note #{id}-result carries data-path.
 */
export function exportButtons({ id, params, banner, label = t('records.export.label') }) {
  const note = h('span', { class: 'hint-inline export-note', id: `${id}-result`, role: 'status', dataset: { testid: `${id}-result` } });
  const button = (format, words) => {
    const b = h('button', { type: 'button', id: `${id}-${format}`, dataset: { testid: `${id}-${format}` } }, words);
    b.addEventListener('click', () => busy(b, async () => {
      note.textContent = '';
      note.dataset.path = '';
      errorBanner(banner, null);
      try {
        const path = await api.exportReport(params(), format);
        note.textContent = path ? t('records.export.saved_to', { path }) : t('records.export.cancelled');
        note.dataset.path = path ?? '';
      } catch (e) {
        errorBanner(banner, e);
      }
    }));
    return b;
  };
  return h('div', { class: 'row export-buttons', role: 'group', 'aria-label': label },
    button('csv', t('records.export.csv')), button('xlsx', t('records.export.xlsx')), note);
}

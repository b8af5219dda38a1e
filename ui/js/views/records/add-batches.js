// Add batches by tid: how an accountant gets a merchant's voucher batches into the records.
// Paste the tids, or open a CSV (or text) file of them; each is looked up in the background
// through the request budget everything shares (so a long list takes a while, and never trips
// Ninjapay's lock-out), with a progress bar, Cancel, and each tid's result.
import { api } from '../../ipc.js';
import { h } from '../../dom.js';
import { t } from '../../i18n.js';
import { busy, fieldError } from '../../components.js';
import { errorBanner } from '../../error-banner.js';
import { explain } from '../../errors.js';
import { jobProgress } from '../../job-progress.js';
import { parseTids, tidsFromCsv } from '../../tids.js';

const count = (n) => t('records.add.tids', { count: n });

/** The card (a disclosure, closed until wanted): {el}. */
export function addBatches() {
  const tids = h('textarea', {
    id: 'records-add-tids', rows: '4', spellcheck: 'false', autocomplete: 'off', dataset: { testid: 'records-add-tids' },
    placeholder: '210N66027HB789\n128390A389H2920', 'aria-describedby': 'records-add-count', // i18n-ignore
  });
  const file = h('input', { id: 'records-add-file', type: 'file', accept: '.csv,.txt', class: 'sr-only', dataset: { testid: 'records-add-file' } });
  // The file input itself is hidden; its label is the button (and shows the focus for it).
  const fileLabel = h('label', { class: 'button-like' }, t('records.add.open_csv'), file);
  const counted = h('span', { id: 'records-add-count', class: 'hint-inline', 'aria-live': 'polite' });
  const start = h('button', { type: 'button', id: 'records-add-start', class: 'primary', dataset: { testid: 'records-add-start' } }, t('records.add.start'));
  const banner = h('div', { id: 'records-add-error', class: 'error', role: 'alert', hidden: true, dataset: { testid: 'records-add-error' } });
  const job = jobProgress({ id: 'records-add-job' });

  const el = h('details', { class: 'card add-batches', id: 'records-add', dataset: { testid: 'records-add' } },
    h('summary', { id: 'records-add-toggle' }, h('h2', { text: t('records.add.heading') })),
    h('p', { class: 'hint', text: t('records.add.hint') }),
    h('label', { for: tids.id, text: t('records.add.label') }), tids,
    h('div', { class: 'row' }, start, fileLabel, counted),
    banner, job.el);

  const shownCount = () => {
    const n = parseTids(tids.value).length;
    counted.textContent = n ? count(n) : '';
  };
  tids.addEventListener('input', () => {
    fieldError(tids, null);
    shownCount();
  });

  file.addEventListener('change', () => {
    const f = file.files?.[0];
    if (!f) return;
    const reader = new FileReader();
    reader.onload = () => {
      const text = String(reader.result ?? '');
      // A .txt is a plain list; a CSV's tids are its first column.
      const list = /\.txt$/i.test(f.name) ? parseTids(text) : tidsFromCsv(text);
      tids.value = list.join('\n');
      shownCount();
      counted.textContent = t('records.add.read_from', { count: list.length, file: f.name });
      file.value = ''; // the same file can be opened again
    };
    reader.onerror = () => errorBanner(banner, { code: 'file', message: t('records.add.read_failed', { file: f.name }) });
    reader.readAsText(f);
  });

  start.addEventListener('click', () => busy(start, async () => {
    errorBanner(banner, null);
    const list = parseTids(tids.value);
    if (!list.length) {
      fieldError(tids, t('records.add.need_one'));
      tids.focus();
      return;
    }
    try {
      // The button stays disabled until every lookup is done or cancelled.
      await job.run(() => api.addBatches(list));
    } catch (e) {
      if (e.code === 'validation') fieldError(tids, explain(e));
      else errorBanner(banner, e);
    }
  }));

  return { el };
}

// Pages of the Records table: previous, next, where you are, and how many rows a page holds.
import { h } from '../../dom.js';
import { t } from '../../i18n.js';
import { groupWestern } from '../../format.js';

const SIZES = [25, 50, 100, 200];

/** pagerBar({id, onPage(page), onSize(size)}) → {el, show({total, page, pageSize})}. */
export function pagerBar({ id, onPage, onSize }) {
  const prev = h('button', { type: 'button', id: `${id}-prev`, dataset: { testid: `${id}-prev` } }, t('records.pager.prev'));
  const next = h('button', { type: 'button', id: `${id}-next`, dataset: { testid: `${id}-next` } }, t('records.pager.next'));
  const where = h('span', { id: `${id}-where`, class: 'hint-inline' });
  const size = h('select', { id: `${id}-size`, 'aria-label': t('records.pager.size_label') },
    ...SIZES.map((n) => h('option', { value: String(n), selected: n === 50, text: t('records.pager.size', { count: n }) })));
  const el = h('nav', { class: 'row pager', 'aria-label': t('records.pager.nav') }, prev, where, next, size);
  let at = { total: 0, page: 0, pageSize: 50 };
  const pages = () => Math.max(1, Math.ceil(at.total / Math.max(at.pageSize, 1)));

  prev.addEventListener('click', () => onPage(at.page - 1));
  next.addEventListener('click', () => onPage(at.page + 1));
  size.addEventListener('change', () => onSize(Number(size.value)));

  return {
    el,
    size: () => Number(size.value),
    show(page) {
      at = page;
      prev.disabled = at.page <= 0;
      next.disabled = at.page + 1 >= pages();
      where.textContent = t('records.pager.where', { page: at.page + 1, pages: groupWestern(String(pages())) });
      el.hidden = at.total <= at.pageSize && at.page === 0;
    },
  };
}

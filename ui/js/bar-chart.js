// A bar chart drawn as inline SVG from data (no chart library): one labelled bar per value. It
// is role="img" with a one-sentence summary as its name; the numbers themselves must also be in
// a table beside it, which is what assistive technology reads.
import { t } from './i18n.js';

const SVG = 'http://www.w3.org/2000/svg';
const W = 720;
const H = 240;
const PAD = { top: 22, right: 8, bottom: 34, left: 8 };

function el(tag, attrs = {}, text = null) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== null) node.textContent = text;
  return node;
}

/**
 * barChart({id, bars: [{label, value: number, valueText, title}], summary}) → <svg>.
 * Each bar is a <rect class="bar"> with data-value and data-label, and a <title> tooltip.
 */
export function barChart({ id, bars, summary }) {
  const svg = el('svg', { id, class: 'bar-chart', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': summary });
  svg.dataset.testid = id;
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const base = PAD.top + plotH;
  const max = Math.max(0, ...bars.map((b) => b.value));
  const step = plotW / Math.max(bars.length, 1);
  const width = Math.max(2, step * 0.7);
  // Label every bar when they fit, else every n-th counting back from the latest (the table has them all).
  const every = Math.max(1, Math.ceil(bars.length / 12));
  const valueLabels = bars.length <= 16;

  svg.append(el('line', { class: 'axis', x1: PAD.left, x2: W - PAD.right, y1: base, y2: base }));
  // Too many bars to label each: a line at the tallest one says the scale.
  const top = bars.find((b) => b.value === max);
  if (!valueLabels && max > 0) {
    svg.append(el('line', { class: 'grid', x1: PAD.left, x2: W - PAD.right, y1: PAD.top, y2: PAD.top }),
      el('text', { class: 'bar-value', x: W - PAD.right, y: PAD.top - 5, 'text-anchor': 'end' }, `${top.valueText ?? max}`));
  }
  bars.forEach((b, i) => {
    const height = max > 0 ? (b.value / max) * plotH : 0;
    const x = PAD.left + i * step + (step - width) / 2;
    const rect = el('rect', { class: 'bar', x, y: base - height, width, height, 'data-value': b.value, 'data-label': b.label });
    rect.append(el('title', {}, b.title ?? `${b.label}: ${b.valueText ?? b.value}`));
    svg.append(rect);
    const cx = x + width / 2;
    if (valueLabels && b.value > 0) {
      svg.append(el('text', { class: 'bar-value', x: cx, y: base - height - 5, 'text-anchor': 'middle' }, b.valueText ?? String(b.value)));
    }
    if ((bars.length - 1 - i) % every === 0) {
      // A label at either edge is kept inside the picture.
      const anchor = cx < PAD.left + 30 ? 'start' : cx > W - PAD.right - 30 ? 'end' : 'middle';
      const lx = anchor === 'start' ? x : anchor === 'end' ? x + width : cx;
      svg.append(el('text', { class: 'bar-label', x: lx, y: base + 16, 'text-anchor': anchor }, b.label));
    }
  });
  if (max === 0) {
    svg.append(el('text', { class: 'bar-empty', x: W / 2, y: PAD.top + plotH / 2, 'text-anchor': 'middle' }, t('reports.chart_empty')));
  }
  return svg;
}

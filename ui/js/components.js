// Small building blocks shared by the views. Everything from the server is set as text
// (h() makes text nodes); QR codes are drawn with createElementNS from a path Rust computes.
import { api, copyText } from './ipc.js';
import { h } from './dom.js';
import { compareDecimal, humanise, statusTone, text, toDate } from './format.js';

const SVG = 'http://www.w3.org/2000/svg';

/** A button that copies `value` and says so for a moment. */
export function copyButton(value, label = 'Copy', attrs = {}) {
  const btn = h('button', { type: 'button', class: 'copy', title: `Copy ${label === 'Copy' ? '' : label}`.trim(), ...attrs }, label);
  btn.addEventListener('click', async () => {
    try {
      await copyText(String(value));
      flash(btn, 'Copied ✓');
    } catch {
      flash(btn, 'Copy failed');
    }
  });
  return btn;
}

function flash(btn, msg) {
  const old = btn.dataset.label ?? btn.textContent;
  btn.dataset.label = old;
  btn.textContent = msg;
  clearTimeout(btn._t);
  btn._t = setTimeout(() => { btn.textContent = old; }, 1500);
}

/** A QR code for `value` (an invoice, a URL). Drawn as SVG once Rust has encoded it. */
export function qrCode(value, { size = 180, label = 'QR code' } = {}) {
  const box = h('figure', { class: 'qr', dataset: { value: String(value) } });
  box.style.width = `${size}px`;
  box.style.height = `${size}px`;
  api.qrSvg(String(value)).then(({ size: n, path }) => {
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', `0 0 ${n} ${n}`);
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', label);
    svg.setAttribute('shape-rendering', 'crispEdges');
    const bg = document.createElementNS(SVG, 'rect');
    bg.setAttribute('width', String(n));
    bg.setAttribute('height', String(n));
    bg.setAttribute('fill', '#fff');
    const p = document.createElementNS(SVG, 'path');
    p.setAttribute('d', path);
    p.setAttribute('fill', '#000');
    svg.append(bg, p);
    box.replaceChildren(svg);
  }, (e) => {
    box.replaceChildren(h('figcaption', { class: 'error', text: `No QR code: ${e.message}` }));
  });
  return box;
}

/** A status badge: coloured and labelled (never colour alone). */
export function badge(status, label = null) {
  const tone = statusTone(status);
  return h('span', { class: `badge badge-${tone}`, dataset: { status: String(status ?? ''), tone } },
    label ?? (humanise(status) || '—'));
}

/**
 * A definition list of [label, fieldName, value] rows. `value` may be a string or a Node
 * (for badges, copy buttons). Each <dd> carries data-field for tests.
 */
export function fieldList(rows) {
  const dl = h('dl', { class: 'fields' });
  for (const [label, name, value] of rows) {
    dl.append(h('dt', { text: label }),
      h('dd', { dataset: { field: name } }, value instanceof Node ? value : text(value)));
  }
  return dl;
}

/**
 * "All fields": every key the server sent that the view does not already show, flattened
 * (a.b.c), in an expandable list, so nothing the server says is hidden.
 */
export function allFields(obj, shown = []) {
  const skip = new Set(shown);
  const rows = [];
  const walk = (v, path) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      for (const [k, x] of Object.entries(v)) walk(x, path ? `${path}.${k}` : k);
    } else if (!skip.has(path) && !skip.has(path.split('.')[0])) {
      rows.push([path, Array.isArray(v) ? JSON.stringify(v) : text(v)]);
    }
  };
  walk(obj ?? {}, '');
  const details = h('details', { class: 'all-fields', dataset: { testid: 'all-fields' } },
    h('summary', {}, `All fields (${rows.length} more)`));
  const dl = h('dl', { class: 'fields mono-values' });
  for (const [k, v] of rows) dl.append(h('dt', { text: k }), h('dd', { dataset: { field: k }, text: v }));
  details.append(rows.length ? dl : h('p', { class: 'hint', text: 'Nothing else was returned.' }));
  return details;
}

/**
 * A table whose columns sort on click (and Enter/Space: headers are buttons).
 * columns: [{key, label, value: row => sortable, render: row => string|Node,
 *            type: 'text'|'number'|'date'|'decimal'}] ('decimal': exact, for amounts)
 * Sorted elsewhere (a server's pages): `sort: {key, desc}` says how `rows` already are, and a
 * header click calls `onSort(key)` instead of sorting here. `rowAttrs(row)`: the row's attributes.
 */
export function sortableTable({ columns, rows, id, empty = 'Nothing to show.', sort = null, onSort = null, rowAttrs = null }) {
  const table = h('table', { class: 'table', id });
  const thead = h('thead');
  const tbody = h('tbody');
  let sortKey = sort?.key ?? null;
  let dir = sort?.desc ? -1 : 1;
  const headRow = h('tr');
  for (const col of columns) {
    const btn = h('button', { type: 'button', class: 'sort', dataset: { key: col.key } }, col.label);
    const th = h('th', { scope: 'col', dataset: { key: col.key } }, btn);
    btn.addEventListener('click', () => {
      if (onSort) {
        onSort(col.key);
        return;
      }
      dir = sortKey === col.key ? -dir : 1;
      sortKey = col.key;
      draw();
    });
    headRow.append(th);
  }
  thead.append(headRow);
  table.append(thead, tbody);

  const keyOf = (col, row) => {
    const v = col.value ? col.value(row) : row[col.key];
    if (col.type === 'number') { const n = Number(v); return Number.isFinite(n) ? n : -Infinity; }
    if (col.type === 'date') return toDate(v)?.getTime() ?? -Infinity;
    return text(v).toLowerCase();
  };
  function draw() {
    let list = rows;
    const col = onSort ? null : columns.find((c) => c.key === sortKey);
    if (col) {
      list = [...rows].sort((a, b) => {
        if (col.type === 'decimal') return compareDecimal(col.value ? col.value(a) : a[col.key], col.value ? col.value(b) : b[col.key]) * dir;
        const x = keyOf(col, a);
        const y = keyOf(col, b);
        return (x < y ? -1 : x > y ? 1 : 0) * dir;
      });
    }
    for (const th of headRow.children) {
      th.setAttribute('aria-sort', th.dataset.key === sortKey ? (dir > 0 ? 'ascending' : 'descending') : 'none');
    }
    tbody.replaceChildren(...list.map((row) => h('tr', rowAttrs?.(row) ?? {},
      columns.map((c) => {
        const v = c.render ? c.render(row) : text(c.value ? c.value(row) : row[c.key]);
        return h('td', { dataset: { key: c.key } }, v);
      }))));
    if (!list.length) tbody.append(h('tr', {}, h('td', { colspan: String(columns.length), class: 'hint', text: empty })));
  }
  draw();
  return table;
}

/** Run `fn` with `button` disabled (a sending button is never clickable twice in flight). */
export async function busy(button, fn) {
  if (button.disabled) return undefined;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    return await fn();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}

/** Mark a field invalid with a message beside it (or clear it when msg is null). */
export function fieldError(input, msg) {
  const id = `${input.id}-error`;
  let note = document.getElementById(id);
  if (!msg) {
    input.removeAttribute('aria-invalid');
    note?.remove();
    return;
  }
  if (!note) {
    note = h('div', { id, class: 'field-error', role: 'alert' });
    input.insertAdjacentElement('afterend', note);
  }
  input.setAttribute('aria-invalid', 'true');
  input.setAttribute('aria-describedby', id);
  note.textContent = msg;
}

/** Clear every field error inside `root`. */
export function clearFieldErrors(root) {
  for (const el of root.querySelectorAll('[aria-invalid]')) fieldError(el, null);
}

/** A labelled form row: label + control (+ optional hint). */
export function labelled(label, control, hint = null) {
  return h('div', { class: 'form-row' },
    h('label', { for: control.id, text: label }),
    h('div', { class: 'control' }, control, hint ? h('div', { class: 'hint', text: hint }) : null));
}

/** A one-line text input for codes, tids and amounts (no autocomplete, no spell check). */
export function textInput(id, attrs = {}) {
  return h('input', { id, name: id, type: 'text', autocomplete: 'off', spellcheck: 'false', ...attrs });
}

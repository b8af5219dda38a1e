// Small building blocks shared by the views. Everything from the server is set as text
// (h() makes text nodes); QR codes are drawn with createElementNS from a path Rust computes.
import { api, copyText } from './ipc.js';
import { h } from './dom.js';
import { announce } from './announce.js';
import { compareDecimal, humanise, statusTone, text, toDate } from './format.js';
import { has, t } from './i18n.js';

const SVG = 'http://www.w3.org/2000/svg';

/** Text only screen readers see (it completes a control's name: "Copy" + " order tid"). */
export const srOnly = (text) => h('span', { class: 'sr-only', text });

/**
 * A button whose visible `label` ("Copy", "Stop") is completed, for screen readers only, by
 * `context` ("order tid", "Lightning payment 2951…"): its accessible name starts with what it
 * shows (WCAG 2.5.3) and still says which one it is. No aria-label, no title.
 * Returns the button; `setContext(btn, text)` changes the hidden part later.
 */
export function namedButton(label, context = '', attrs = {}) {
  const btn = h('button', { type: 'button', ...attrs }, h('span', { class: 'btn-label', text: label }));
  setContext(btn, context);
  return btn;
}

/** Change the screen-reader-only end of a namedButton's name. */
export function setContext(btn, context) {
  let extra = btn.querySelector(':scope > .sr-only');
  if (!context) {
    extra?.remove();
    return;
  }
  if (!extra) btn.append(extra = srOnly(''));
  if (extra.textContent !== ` ${context}`) extra.textContent = ` ${context}`;
}

/**
 * A button that copies `value` and says so for a moment. It shows `label` ("Copy", "Copy link")
 * and is named "label context" ("Copy link for voucher AB12"): give each a context that tells it
 * from the other copy buttons on the screen.
 */
export function copyButton(value, label = null, { context = '', ...attrs } = {}) {
  const shown = label ?? t('common.copy');
  const btn = namedButton(shown, context, { class: 'copy', ...attrs });
  const what = `${shown} ${context}`.replace(t('common.copy'), '').trim(); // "link of voucher AB12"
  btn.addEventListener('click', async () => {
    try {
      await copyText(String(value));
      flash(btn, t('common.copied'));
      announce(what ? t('common.said_copied_what', { what }) : t('common.said_copied'));
    } catch {
      flash(btn, t('common.copy_failed'));
      announce(t('common.said_copy_failed'));
    }
  });
  return btn;
}

function flash(btn, msg) {
  const shown = btn.querySelector('.btn-label');
  const old = btn.dataset.label ?? shown.textContent;
  btn.dataset.label = old;
  shown.textContent = msg;
  clearTimeout(btn._t);
  btn._t = setTimeout(() => { shown.textContent = old; }, 1500);
}

/** A QR code for `value` (an invoice, a URL). Drawn as SVG once Rust has encoded it. */
export function qrCode(value, { size = 180, label = t('common.qr_code') } = {}) {
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
    box.replaceChildren(h('figcaption', { class: 'error', text: t('common.no_qr', { message: e.message }) }));
  });
  return box;
}

/** A status in words: the catalogue's (common.status.*) for the ones it knows, else humanised. */
export function statusLabel(status) {
  const key = `common.status.${String(status ?? '').replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase().replace(/[\s-]+/g, '_')}`;
  return has(key) ? t(key) : humanise(status);
}

/** A status badge: coloured and labelled (never colour alone). */
export function badge(status, label = null) {
  const tone = statusTone(status);
  return h('span', { class: `badge badge-${tone}`, dataset: { status: String(status ?? ''), tone } },
    label ?? (statusLabel(status) || '—'));
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
    h('summary', {}, t('common.all_fields', { count: rows.length })));
  const dl = h('dl', { class: 'fields mono-values' });
  for (const [k, v] of rows) dl.append(h('dt', { text: k }), h('dd', { dataset: { field: k }, text: v }));
  details.append(rows.length ? dl : h('p', { class: 'hint', text: t('common.nothing_else') }));
  return details;
}

/**
 * A table whose columns sort on click (and Enter/Space: headers are buttons).
 * columns: [{key, label, value: row => sortable, render: row => string|Node,
 *            type: 'text'|'number'|'date'|'decimal'}] ('decimal': exact, for amounts)
 * Sorted elsewhere (a server's pages): `sort: {key, desc}` says how `rows` already are, and a
 * header click calls `onSort(key)` instead of sorting here. `rowAttrs(row)`: the row's attributes.
 */
export function sortableTable({ columns, rows, id, empty = t('common.nothing_to_show'), sort = null, onSort = null, rowAttrs = null }) {
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

/** Add `id` to (or, with on = false, take it from) what `el` is described by (aria-describedby). */
export function describedBy(el, id, on = true) {
  const ids = new Set((el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean));
  if (on) ids.add(id);
  else ids.delete(id);
  if (ids.size) el.setAttribute('aria-describedby', [...ids].join(' '));
  else el.removeAttribute('aria-describedby');
}

/** Mark a field invalid with a message beside it (or clear it when msg is null). */
export function fieldError(input, msg) {
  const id = `${input.id}-error`;
  let note = document.getElementById(id);
  if (!msg) {
    input.removeAttribute('aria-invalid');
    describedBy(input, id, false);
    note?.remove();
    return;
  }
  if (!note) {
    note = h('div', { id, class: 'field-error', role: 'alert' });
    input.insertAdjacentElement('afterend', note);
  }
  input.setAttribute('aria-invalid', 'true');
  describedBy(input, id);
  note.textContent = msg;
}

/** Clear every field error inside `root`. */
export function clearFieldErrors(root) {
  for (const el of root.querySelectorAll('[aria-invalid]')) fieldError(el, null);
}

/** A labelled form row: label + control (+ optional hint, which also describes the control). */
export function labelled(label, control, hint = null) {
  const hintEl = hint ? h('div', { class: 'hint', id: control.id ? `${control.id}-hint` : null, text: hint }) : null;
  if (hintEl?.id) describedBy(control, hintEl.id);
  return h('div', { class: 'form-row' },
    h('label', { for: control.id, text: label }),
    h('div', { class: 'control' }, control, hintEl));
}

/** A one-line text input for codes, tids and amounts (no autocomplete, no spell check). */
export function textInput(id, attrs = {}) {
  return h('input', { id, name: id, type: 'text', autocomplete: 'off', spellcheck: 'false', ...attrs });
}

/**
 * One Tab stop for a group of buttons that are chosen one at a time — a tablist (Left/Right,
 * Home/End) or a radio group (all four arrows) — with the current one as the Tab stop. Moving
 * with the keys chooses what they land on (`select(item)`) and moves the focus there.
 *   const group = rovingGroup(tablist, { items: () => tabs, select: (tab) => show(tab) });
 *   group.mark(current, 'aria-selected');   // after every change, however it was made
 */
export function rovingGroup(container, { items, select, upDown = false }) {
  const NEXT = upDown ? ['ArrowRight', 'ArrowDown'] : ['ArrowRight']; // i18n-ignore
  const PREV = upDown ? ['ArrowLeft', 'ArrowUp'] : ['ArrowLeft']; // i18n-ignore
  container.addEventListener('keydown', (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const list = items().filter((x) => !x.disabled && !x.hidden);
    const at = list.indexOf(e.target.closest?.('button, [role=tab], [role=radio]')); // i18n-ignore
    if (at < 0 || !list.length) return;
    let to;
    if (NEXT.includes(e.key)) to = (at + 1) % list.length;
    else if (PREV.includes(e.key)) to = (at - 1 + list.length) % list.length;
    else if (e.key === 'Home') to = 0;
    else if (e.key === 'End') to = list.length - 1;
    else return;
    e.preventDefault();
    const item = list[to];
    item.focus();
    if (item !== list[at] || !item.matches('[aria-selected=true], [aria-checked=true]')) select(item);
  });
  return {
    /** Make `current` the chosen one (`attr`: aria-selected or aria-checked) and the Tab stop. */
    mark(current, attr) {
      for (const x of items()) {
        const on = x === current;
        if (x.getAttribute(attr) !== String(on)) x.setAttribute(attr, String(on));
        x.tabIndex = on ? 0 : -1;
      }
    },
  };
}

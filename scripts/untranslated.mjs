#!/usr/bin/env node
// Lists the strings in the page's code that look shown to users but do not come from the
// message catalogue (ui/i18n/*.json): string literals in ui/js that read like words, and text in
// ui/index.html without a data-i18n key. `node scripts/untranslated.mjs` prints them one per
// line (file:line  text) and exits 1 if there are any; ui/tests/i18n.test.mjs runs the same scan.
//
// It is a heuristic. A literal counts as words when it has a letter and a space, or starts with
// a capital, or is the value of a text-bearing attribute (text, title, aria-label, placeholder,
// label, alt). Literals that are code — selectors, classes, ids, test ids, event names,
// catalogue keys, imports — are recognised by what comes before them. A line ending in the
// comment `i18n-ignore` is skipped (for words that are not language: "BTC", "Ninjapay").
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..');

/** Every .js file under `dir`. */
function jsFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...jsFiles(path));
    else if (name.endsWith('.js')) out.push(path);
  }
  return out.sort();
}

/**
 * The string literals of a JavaScript source, skipping comments: [{line, text, before}], where
 * `before` is the code on the same line up to the literal. Template literals give their static
 * parts (a `${…}` hole becomes "{}").
 */
export function literals(src) {
  const found = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const stack = []; // brace depth of each open template hole
  let depth = 0;
  const push = (text, at, startLine) => found.push({ line: startLine, text, before: src.slice(src.lastIndexOf('\n', at - 1) + 1, at) });
  const readTemplate = (from) => {
    // from: index after the opening ` (or after the } closing a hole)
    let j = from;
    let text = '';
    const startLine = line;
    while (j < src.length) {
      const c = src[j];
      if (c === '\\') { text += src[j + 1] ?? ''; j += 2; continue; }
      if (c === '\n') { line += 1; lineStart = j + 1; }
      if (c === '`') { return { end: j + 1, text, startLine, hole: false }; }
      if (c === '$' && src[j + 1] === '{') { return { end: j + 2, text: `${text}{}`, startLine, hole: true }; }
      text += c;
      j += 1;
    }
    return { end: j, text, startLine, hole: false };
  };
  let tmpl = null; // the template being read across holes: {at, text, line}
  while (i < src.length) {
    const c = src[i];
    const next = src[i + 1];
    if (c === '\n') { line += 1; lineStart = i + 1; i += 1; continue; }
    if (c === '/' && next === '/') { while (i < src.length && src[i] !== '\n') i += 1; continue; }
    if (c === '/' && next === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end < 0 ? src.length : end + 2;
      for (let k = i; k < stop; k += 1) if (src[k] === '\n') { line += 1; lineStart = k + 1; }
      i = stop;
      continue;
    }
    if (c === "'" || c === '"') {
      let j = i + 1;
      let text = '';
      while (j < src.length && src[j] !== c && src[j] !== '\n') {
        if (src[j] === '\\') { text += src[j + 1]; j += 2; continue; }
        text += src[j];
        j += 1;
      }
      push(text, i, line);
      i = j + 1;
      continue;
    }
    if (c === '`') {
      const r = readTemplate(i + 1);
      if (r.hole) { tmpl = { at: i, text: r.text, line: r.startLine }; stack.push(depth); depth = 0; } else push(r.text, i, r.startLine);
      i = r.end;
      continue;
    }
    if (c === '{') { depth += 1; i += 1; continue; }
    if (c === '}') {
      if (depth === 0 && stack.length) {
        depth = stack.pop();
        const r = readTemplate(i + 1);
        if (tmpl) tmpl.text += r.text;
        if (r.hole) { stack.push(depth); depth = 0; } else if (tmpl) { push(tmpl.text, tmpl.at, tmpl.line); tmpl = null; }
        i = r.end;
        continue;
      }
      depth -= 1;
      i += 1;
      continue;
    }
    i += 1;
  }
  return found;
}

// Attributes whose value is read by people.
const TEXT_ATTR = /(?:^|[\s{,(])['"]?(text|title|aria-label|aria-description|placeholder|label|alt|empty|heading|again|retry|confirmLabel|message)['"]?\s*:\s*$/;
// What comes before a literal that is code, not words.
const CODE_BEFORE = [
  /(?:^|[\s{,(])['"]?(class|id|type|role|name|for|testid|field|kind|view|autocomplete|inputmode|pattern|href|rel|target|lang|dir|mode|status|code|tid|key|accept|method|download|src|data-[\w-]+|aria-[a-z]+(?<!label|description))['"]?\s*:\s*$/,
  /(?:\$|\$\$|querySelector|querySelectorAll|closest|matches|getElementById|getAttribute|setAttribute|removeAttribute|hasAttribute|toggleAttribute|addEventListener|removeEventListener|dispatchEvent|CustomEvent|createElement|invoke|listen|emit|on|call|import|from|require|startsWith|endsWith|includes|split|join|replace|padStart|toLocaleString|Intl\.\w+|console\.\w+|new Error|throw new \w+|t|has|term|localStorage\.\w+|classList\.\w+)\(\s*(?:[^()]*,\s*)?$/,
  /\bh\(\s*$/, // the tag name
  /(?:===|!==|==|!=|case)\s*$/, // comparisons with status words and codes
  /\bimport\b.*$/, /\bfrom\s*$/,
];
const KEY = /^[a-z0-9_]+(\.[a-z0-9_{}]+)+$/; // a catalogue key ("vouchers.create.title")
const NOT_WORDS = /^[\s\d.,:;%+\-–—×=()[\]{}/#@|*_~<>?!'"`$€₹…·•]*$/; // numbers and punctuation only

/** Does this literal look like words shown to a user? */
export function looksShown({ text, before }) {
  const s = text.trim();
  if (!s || NOT_WORDS.test(s) || KEY.test(s)) return false;
  if (!/[A-Za-z\u0900-\u097F]/.test(s)) return false;
  if (CODE_BEFORE.some((re) => re.test(before))) return false;
  if (/^[#.[:>*]/.test(s) || /^(https?:|lightning:|mailto:|\.\.?\/)/.test(s) || s.includes('=>')) return false;
  if (TEXT_ATTR.test(before)) return true;
  if (/^[a-z][\w-]*$/.test(s)) return false; // one lower-case word: a code, a status, a class
  if (/^[a-z][\w-]*( [a-z][\w-]*)*$/.test(s) && /(class|className)\s*[:=]\s*$/.test(before)) return false;
  return /\s/.test(s.replace(/\{\}/g, '')) || /^[A-Z\u0900-\u097F]/.test(s);
}

/** Text nodes and attributes in index.html that have no data-i18n key. */
function htmlFindings(path) {
  const out = [];
  const lines = readFileSync(path, 'utf8').split('\n');
  const body = lines.findIndex((l) => l.includes('<body'));
  lines.forEach((l, n) => {
    if (n < body || l.includes('i18n-ignore')) return;
    const stripped = l.replace(/<!--.*?-->/g, '');
    for (const m of stripped.matchAll(/>([^<>]*[A-Za-z][^<>]*)</g)) {
      const tag = stripped.slice(0, m.index + 1);
      const open = tag.slice(tag.lastIndexOf('<'));
      if (!/data-i18n=/.test(open) && !/^<\/?(code|script|style)/.test(open)) out.push({ line: n + 1, text: m[1].trim() });
    }
    // text that runs on from the previous line (a paragraph broken over lines)
    if (/^\s+[A-Za-z][^<>]*$/.test(stripped) && !/[=]"/.test(stripped)) out.push({ line: n + 1, text: stripped.trim() });
    for (const m of stripped.matchAll(/\s(aria-label|placeholder|title|alt)="([^"]*[A-Za-z][^"]*)"/g)) {
      if (!/data-i18n-attr=/.test(stripped)) out.push({ line: n + 1, text: `${m[1]}="${m[2]}"` });
    }
  });
  return out;
}

/** Every untranslated string: [{file, line, text}]. */
export function untranslated(root = ROOT) {
  const out = [];
  for (const file of jsFiles(join(root, 'ui', 'js'))) {
    const src = readFileSync(file, 'utf8');
    const lines = src.split('\n');
    for (const lit of literals(src)) {
      if (lines[lit.line - 1]?.includes('i18n-ignore')) continue;
      if (looksShown(lit)) out.push({ file: relative(root, file), line: lit.line, text: lit.text });
    }
  }
  for (const f of htmlFindings(join(root, 'ui', 'index.html'))) out.push({ file: 'ui/index.html', ...f });
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const only = process.argv.slice(2);
  const list = untranslated().filter((f) => !only.length || only.some((p) => f.file.includes(p)));
  for (const f of list) console.log(`${f.file}:${f.line}\t${f.text}`);
  console.error(`${list.length} untranslated string(s)`);
  process.exit(list.length ? 1 : 0);
}

// The message catalogues: the same keys in English (India) and Hindi, every key the code asks
// for exists, no words written into the code, and t() picks plural forms and placeholders.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { t, tn, useCatalogues, systemLocale, resolveLocale, interpolate } from '../js/i18n.js';
import { untranslated } from '../../scripts/untranslated.mjs';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..', '..');
const load = (tag) => JSON.parse(readFileSync(join(ROOT, 'ui', 'i18n', `${tag}.json`), 'utf8'));
const en = load('en-IN');
const hi = load('hi-IN');

const isPlural = (v) => v && typeof v === 'object' && typeof v.other === 'string';

/** key → message (a string, or a plural object) for every leaf. */
function leaves(node, prefix = '', out = new Map()) {
  for (const [k, v] of Object.entries(node)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string' || isPlural(v)) out.set(key, v);
    else if (v && typeof v === 'object') leaves(v, key, out);
    else out.set(key, v);
  }
  return out;
}
const placeholders = (m) => new Set([...(isPlural(m) ? Object.values(m).join(' ') : String(m)).matchAll(/\{(\w+)\}/g)].map((x) => x[1]));

const EN = leaves(en);
const HI = leaves(hi);

test('English and Hindi have exactly the same keys', () => {
  const missingInHindi = [...EN.keys()].filter((k) => !HI.has(k) && !k.startsWith('_meta'));
  const missingInEnglish = [...HI.keys()].filter((k) => !EN.has(k) && !k.startsWith('_meta'));
  assert.deepEqual(missingInHindi, [], 'keys missing in hi-IN.json');
  assert.deepEqual(missingInEnglish, [], 'keys missing in en-IN.json');
});

test('every message is text (or plural forms with "other") and keeps its placeholders', () => {
  const wrong = [];
  for (const [key, m] of EN) {
    const h = HI.get(key);
    if (key.startsWith('_meta') || h === undefined) continue;
    if (typeof m !== typeof h || (typeof m !== 'string' && !isPlural(m))) wrong.push(`${key}: not text`);
    else if (typeof h === 'string' && !h.trim()) wrong.push(`${key}: empty in Hindi`);
    else if ([...placeholders(m)].sort().join() !== [...placeholders(h)].sort().join()) wrong.push(`${key}: placeholders differ`);
  }
  assert.deepEqual(wrong, []);
});

function jsFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? jsFiles(path) : name.endsWith('.js') ? [path] : [];
  });
}

test('every key the page asks for is in the catalogue', () => {
  const asked = new Set();
  for (const file of jsFiles(join(ROOT, 'ui', 'js'))) {
    const code = readFileSync(file, 'utf8').replace(/^\s*\/\/.*$/gm, ''); // not the examples in comments
    for (const m of code.matchAll(/\bt\(\s*'([a-z0-9_]+(?:\.[a-z0-9_]+)+)'/g)) asked.add(m[1]);
  }
  const html = readFileSync(join(ROOT, 'ui', 'index.html'), 'utf8');
  for (const m of html.matchAll(/data-i18n="([^"]+)"/g)) asked.add(m[1]);
  for (const m of html.matchAll(/data-i18n-attr="([^"]+)"/g)) {
    for (const pair of m[1].split(';')) asked.add(pair.split(':')[1].trim());
  }
  const missing = [...asked].filter((k) => !EN.has(k));
  assert.deepEqual(missing, [], 'keys used in ui/ but missing in en-IN.json');
});

test('no words are written into the page code (node scripts/untranslated.mjs lists them)', () => {
  const list = untranslated().map((f) => `${f.file}:${f.line} ${f.text}`);
  assert.deepEqual(list, []);
});

test('t() picks plural forms by language, fills placeholders and falls back to English', () => {
  const english = { n: { sats: { one: '{count} sat', other: '{count} sats' }, only: 'English only' } };
  const hindi = { n: { sats: { one: '{count} सैट', other: '{count} सैट्स' } } };
  useCatalogues('en-IN', english, english);
  assert.equal(t('n.sats', { count: 1 }), '1 sat');
  assert.equal(t('n.sats', { count: 2 }), '2 sats');
  assert.equal(t('n.sats', { count: 0 }), '0 sats');
  useCatalogues('hi-IN', hindi, english);
  assert.equal(t('n.sats', { count: 0 }), '0 सैट', 'Hindi: 0 takes the "one" form');
  assert.equal(t('n.sats', { count: 5 }), '5 सैट्स');
  assert.equal(t('n.only'), 'English only');
  assert.equal(t('n.nowhere'), 'n.nowhere', 'a missing key shows itself, never blank');
  assert.equal(interpolate('{a} and {b}', { a: 1 }), '1 and {b}');
  useCatalogues('en-IN', en, en);
});

test('tn() puts nodes where each language puts their placeholder, and never reads a value as one', () => {
  const node = { nodeType: 1, name: 'tid' };
  const english = { x: { hint: 'Enter the {tid} of a payment for {amount}.', codes: { one: '{count} code: {list}', other: '{count} codes: {list}' } } };
  const hindi = { x: { hint: '{amount} के भुगतान की {tid} डालें।' } };
  useCatalogues('en-IN', english, english);
  assert.deepEqual(tn('x.hint', { tid: node, amount: '0.1 BTC' }), ['Enter the ', node, ' of a payment for 0.1 BTC.']);
  assert.deepEqual(tn('x.codes', { count: 2, list: node }), ['2 codes: ', node], 'plural forms too');
  // Typed text that looks like a placeholder stays text.
  assert.deepEqual(tn('x.hint', { tid: node, amount: '{tid}' }), ['Enter the ', node, ' of a payment for {tid}.']);
  assert.deepEqual(tn('x.hint', { tid: node }), ['Enter the ', node, ' of a payment for {amount}.'], 'a missing value stays visible');
  useCatalogues('hi-IN', hindi, english);
  assert.deepEqual(tn('x.hint', { tid: node, amount: '0.1 BTC' }), ['0.1 BTC के भुगतान की ', node, ' डालें।']);
  useCatalogues('en-IN', en, en);
});

test('the language follows the system unless one is chosen', () => {
  assert.equal(systemLocale(['hi-IN', 'en-US']), 'hi-IN');
  assert.equal(systemLocale(['hi']), 'hi-IN');
  assert.equal(systemLocale(['en-US']), 'en-IN');
  assert.equal(systemLocale(['ta-IN']), 'en-IN');
  assert.equal(resolveLocale('hi-IN', ['en-US']), 'hi-IN');
  assert.equal(resolveLocale(null, ['hi-IN']), 'hi-IN');
  assert.equal(resolveLocale('fr-FR', ['en-GB']), 'en-IN');
});

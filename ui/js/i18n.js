// Every word the page shows comes from a message catalogue: ui/i18n/<locale>.json, one per
// language, the same keys in each (ui/tests/i18n.test.mjs checks; scripts/untranslated.mjs
// lists strings still written into the code). The Rust shell reads the same files for the tray,
// the menus and notifications, so a word has one home.
//
//   t('vouchers.create.title')                      → "Create a voucher batch"
//   t('common.codes', { count: 3 })                  → "3 codes" (plural forms by Intl.PluralRules)
//   t('home.paid', { amount: btc('0.1') })          → "Paid 0.10000000 BTC" ({name} placeholders)
//
// A message is a string, or for plurals an object of Intl.PluralRules categories
// ({"one": "…", "other": "…"}; Hindi's "one" also covers 0). Amounts keep Latin digits in both
// languages: numbers are formatted by format.js, never by the catalogue.

// Each language named in itself, as language pickers do.
export const LOCALES = Object.freeze({ 'en-IN': 'English (India)', 'hi-IN': 'हिन्दी (Hindi)' }); // i18n-ignore
export const DEFAULT_LOCALE = 'en-IN';

let current = DEFAULT_LOCALE;
let primary = {};
let english = {};
let plurals = new Intl.PluralRules(DEFAULT_LOCALE);

/** The language the page speaks now ("en-IN" or "hi-IN"). */
export const locale = () => current;

/** The supported locale closest to the system's languages (Hindi if any is Hindi). */
export function systemLocale(languages = globalThis.navigator?.languages ?? []) {
  for (const l of languages) {
    const tag = String(l).toLowerCase();
    if (tag === 'hi' || tag.startsWith('hi-')) return 'hi-IN';
    if (tag === 'en' || tag.startsWith('en-')) return 'en-IN';
  }
  return DEFAULT_LOCALE;
}

/** A saved choice ("en-IN", "hi-IN") or null/"system" → the locale to use. */
export function resolveLocale(choice, languages) {
  return Object.hasOwn(LOCALES, choice ?? '') ? choice : systemLocale(languages);
}

/** Use these catalogues (tests, and loadLocale once fetched). */
export function useCatalogues(tag, catalogue, fallback = catalogue) {
  current = Object.hasOwn(LOCALES, tag) ? tag : DEFAULT_LOCALE;
  primary = catalogue ?? {};
  english = fallback ?? {};
  plurals = new Intl.PluralRules(current);
  if (globalThis.document?.documentElement) document.documentElement.lang = current;
}

async function fetchCatalogue(tag) {
  const res = await fetch(new URL(`../i18n/${tag}.json`, import.meta.url));
  if (!res.ok) throw new Error(`catalogue ${tag}: ${res.status}`);
  return res.json();
}

/** Fetch and use the catalogue for a saved choice (English is always there as the fallback). */
export async function loadLocale(choice) {
  const tag = resolveLocale(choice);
  const [en, other] = await Promise.all([
    fetchCatalogue(DEFAULT_LOCALE),
    tag === DEFAULT_LOCALE ? null : fetchCatalogue(tag).catch((e) => {
      console.error(e);
      return null;
    }),
  ]);
  useCatalogues(other ? tag : DEFAULT_LOCALE, other ?? en, en);
  return current;
}

function lookup(catalogue, key) {
  let node = catalogue;
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, part)) return undefined;
    node = node[part];
  }
  return node;
}

const isPlural = (m) => m !== null && typeof m === 'object' && typeof m.other === 'string';

function pick(message, vars, rules) {
  if (!isPlural(message)) return typeof message === 'string' ? message : undefined;
  const n = Number(vars?.count);
  const exact = Number.isFinite(n) ? message[`=${n}`] : undefined;
  return exact ?? message[rules.select(Number.isFinite(n) ? n : 0)] ?? message.other;
}

/** Fill {name} placeholders; a missing value stays visible as {name}. */
export function interpolate(text, vars = {}) {
  return text.replace(/\{(\w+)\}/g, (whole, name) => (vars[name] === undefined || vars[name] === null ? whole : String(vars[name])));
}

/** The message `key` in the current language (English if it is missing there; the key itself if
 *  it is missing everywhere, so a gap is visible, never blank). */
export function t(key, vars) {
  let text = pick(lookup(primary, key), vars, plurals);
  if (text === undefined) text = pick(lookup(english, key), vars, new Intl.PluralRules(DEFAULT_LOCALE));
  if (text === undefined) return key;
  return vars ? interpolate(text, vars) : text;
}

const isNode = (v) => v !== null && typeof v === 'object' && typeof v.nodeType === 'number';

/**
 * `key` as children for h(): tn('bridge.intro', { upi: term('upi_id'), n: 3 }) → [text, node,
 * text]. A value that is a DOM node (a glossary term, a link, a copy button) goes wherever the
 * language puts its {placeholder}; other values fill in as text. The message is split before
 * anything is filled in, so nothing a user typed is ever read as a placeholder.
 */
export function tn(key, vars = {}) {
  const message = pick(lookup(primary, key), vars, plurals) ?? pick(lookup(english, key), vars, new Intl.PluralRules(DEFAULT_LOCALE)) ?? key;
  const out = [];
  for (const part of message.split(/(\{\w+\})/)) {
    if (!part) continue;
    const name = /^\{(\w+)\}$/.exec(part)?.[1];
    const value = name && vars[name] !== undefined && vars[name] !== null ? vars[name] : part;
    const piece = isNode(value) ? value : String(value);
    if (typeof piece === 'string' && typeof out.at(-1) === 'string') out[out.length - 1] += piece;
    else out.push(piece);
  }
  return out;
}

/** True when `key` has a message (in the current language or English). */
export const has = (key) => lookup(primary, key) !== undefined || lookup(english, key) !== undefined;

/**
 * Translate the static page: `data-i18n="key"` sets the text, `data-i18n-attr="attr:key; …"`
 * sets attributes (aria-label, placeholder, title).
 */
export function translateStatic(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of el.dataset.i18nAttr.split(';')) {
      const [attr, key] = pair.split(':').map((s) => s.trim());
      if (attr && key) el.setAttribute(attr, t(key));
    }
  }
}

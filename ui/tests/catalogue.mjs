// Tests run without a page: load a catalogue from ui/i18n/ the way loadLocale() would, so t()
// speaks that language (English is the fallback, as in the app).
//   import { useLocale } from './catalogue.mjs';
//   useLocale('en-IN');
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useCatalogues } from '../js/i18n.js';

const DIR = join(fileURLToPath(import.meta.url), '..', '..', 'i18n');
const read = (tag) => JSON.parse(readFileSync(join(DIR, `${tag}.json`), 'utf8'));

/** Speak `tag` ("en-IN", "hi-IN") from now on. */
export function useLocale(tag) {
  useCatalogues(tag, read(tag), read('en-IN'));
}

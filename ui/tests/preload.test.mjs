// index.html preloads exactly the modules the page's start needs: main.js and what it imports
// statically (the first screen). A module missing from the list is discovered late, one import
// level at a time; one too many is fetched and parsed at start for a screen not yet shown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const UI = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Every module `file` imports statically, transitively (import() calls are not followed). */
function staticGraph(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const src = readFileSync(file, 'utf8');
  for (const m of src.matchAll(/^\s*(?:import|export)\s+(?:[^'";]*?\sfrom\s*)?['"](\.{1,2}\/[^'"]+)['"]/gm)) {
    staticGraph(resolve(dirname(file), m[1]), seen);
  }
  return seen;
}

test('index.html preloads main.js\'s static imports, and nothing else', () => {
  const html = readFileSync(join(UI, 'index.html'), 'utf8');
  const preloaded = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]).sort();
  const main = join(UI, 'js', 'main.js');
  const needed = [...staticGraph(main)].filter((f) => f !== main).map((f) => relative(UI, f)).sort();
  assert.deepEqual(preloaded, needed);
});

test('the screens other than Home are not in the start', () => {
  const start = [...staticGraph(join(UI, 'js', 'main.js'))].map((f) => relative(UI, f));
  for (const view of ['vouchers', 'orders', 'lightning', 'widget', 'bridge', 'records', 'reports', 'settings']) {
    assert.ok(!start.includes(`js/views/${view}.js`), `${view}.js is loaded at start`);
  }
  assert.ok(start.includes('js/views/home.js'));
});

// spliced(): a catalogue message with nodes put where its {placeholders} are, in the order the
// language wants them, and nothing a user typed ever read as a placeholder.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { spliced } from '../js/spliced.js';

test('nodes go where the message puts them, text around them stays text', () => {
  const tid = { node: 'tid' };
  const copy = { node: 'copy' };
  assert.deepEqual(spliced('Batch {tid} {copy} · 2 each', { tid, copy }), ['Batch ', tid, ' ', copy, ' · 2 each']);
  // Hindi puts the title before the code: the same nodes, another order.
  const code = { node: 'code' };
  assert.deepEqual(spliced('“{title}” का कोड {code}', { code, title: 'Diwali' }), ['“', 'Diwali', '” का कोड ', code]);
});

test('a placeholder with no node stays visible; a value is never read as a placeholder', () => {
  assert.deepEqual(spliced('{a} and {b}', { a: 'x' }), ['x', ' and {b}']);
  assert.deepEqual(spliced('Code {code} of “{title}”', { code: 'C1', title: '{code}' }), ['Code ', 'C1', ' of “', '{code}', '”']);
  assert.deepEqual(spliced('no placeholders'), ['no placeholders']);
});

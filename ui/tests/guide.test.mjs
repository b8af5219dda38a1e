// Unit tests for the first-run guide's rules (ui/js/views/home/guide.js) and where a glossary
// tooltip goes (ui/js/glossary.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { placeTip } from '../js/glossary.js';

// guide.js reaches Tauri through ipc.js, which reads `window` when loaded.
globalThis.window ??= {};
const { guideWanted } = await import('../js/views/home/guide.js');

test('the guide shows until a key is saved or it is hidden, and not before the keys are known', () => {
  const none = { invoice: { present: false }, admin: { present: false } };
  assert.equal(guideWanted({ keys: none }), true);
  assert.equal(guideWanted({ keys: none }, true), false, 'hidden by the user');
  assert.equal(guideWanted({ keys: { ...none, invoice: { present: true, masked: '…0001' } } }), false);
  assert.equal(guideWanted({ keys: { ...none, admin: { present: true, masked: '…0002' } } }), false);
  assert.equal(guideWanted({ keys: null }), false, 'not known yet: no flash at start-up');
  assert.equal(guideWanted({}), false);
  assert.equal(guideWanted({ keys: null, keysError: { code: 'keychain_unavailable' } }), true, 'Sandbox needs no keychain');
});

test('a tooltip stays inside the window', () => {
  const view = { width: 1024, height: 700 };
  const tip = { width: 320, height: 144 };
  const word = (left, top, width = 40, height = 18) => ({ left, top, right: left + width, bottom: top + height });
  // Room on the right and below: under the word, from its left edge.
  assert.deepEqual(placeTip(word(100, 200), view, tip), { left: 100, top: 218, bottom: 500, width: 320, up: false });
  // Near the right edge: moved left so its right side is 8 px inside.
  assert.equal(placeTip(word(980, 200), view, tip).left, 1024 - 8 - 320);
  // Near the bottom: over the word.
  const low = placeTip(word(100, 640), view, tip);
  assert.equal(low.up, true);
  assert.equal(low.bottom, 60);
  // A window narrower than the tooltip: as wide as the window allows, 8 px from each side.
  const narrow = placeTip(word(200, 100), { width: 300, height: 700 }, tip);
  assert.deepEqual([narrow.left, narrow.width], [8, 284]);
  // A word scrolled partly out on the left: the tooltip still starts inside.
  assert.equal(placeTip(word(-30, 100), view, tip).left, 8);
});

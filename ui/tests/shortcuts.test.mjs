// Unit tests for ui/js/shortcuts.js: Ctrl+K / "/" put the cursor in the lookup field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isTyping, pickLookup, wantsLookup } from '../js/shortcuts.js';

const key = (k, extra = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, target: { tagName: 'BODY' }, ...extra });
const input = (type = 'text') => ({ tagName: 'INPUT', type });

test('Ctrl+K and ⌘K ask for the lookup field, wherever the focus is', () => {
  assert.equal(wantsLookup(key('k', { ctrlKey: true })), true);
  assert.equal(wantsLookup(key('K', { ctrlKey: true })), true); // Caps Lock
  assert.equal(wantsLookup(key('k', { metaKey: true })), true);
  assert.equal(wantsLookup(key('k', { ctrlKey: true, target: input() })), true);
  assert.equal(wantsLookup(key('k')), false, 'a plain k is typing');
  assert.equal(wantsLookup(key('k', { ctrlKey: true, shiftKey: true })), false);
  assert.equal(wantsLookup(key('k', { ctrlKey: true, altKey: true })), false);
  assert.equal(wantsLookup(key('=', { ctrlKey: true })), false, 'text size keys are not ours');
});

test('"/" asks for it only when not typing in a field', () => {
  assert.equal(wantsLookup(key('/')), true);
  assert.equal(wantsLookup(key('/', { target: { tagName: 'BUTTON' } })), true);
  assert.equal(wantsLookup(key('/', { target: input('checkbox') })), true);
  for (const target of [input(), input('search'), input('number'), { tagName: 'TEXTAREA' }, { tagName: 'SELECT' }, { tagName: 'DIV', isContentEditable: true }]) {
    assert.equal(wantsLookup(key('/', { target })), false, `typing in ${target.tagName} ${target.type ?? ''}`);
  }
  assert.equal(wantsLookup(key('/', { ctrlKey: true })), false);
  assert.equal(wantsLookup(key('/', { isComposing: true })), false, 'an input method is composing');
});

test('isTyping: text fields, not buttons', () => {
  assert.equal(isTyping(null), false);
  assert.equal(isTyping(input('date')), true);
  assert.equal(isTyping(input('submit')), false);
  assert.equal(isTyping({ tagName: 'A' }), false);
});

test('the lookup field is the first one on show and enabled; none: null', () => {
  const check = { id: 'ln-check-tid', shown: false };
  const orders = { id: 'order-tid', shown: true };
  const off = { id: 'x', shown: true, disabled: true };
  const shown = (el) => el.shown;
  assert.equal(pickLookup([check, orders], shown), orders, "Lightning's Check tab is hidden: the next one");
  assert.equal(pickLookup([{ ...check, shown: true }, orders], shown).id, 'ln-check-tid');
  assert.equal(pickLookup([off, orders], shown), orders);
  assert.equal(pickLookup([check], shown), null);
  assert.equal(pickLookup([], shown), null);
});

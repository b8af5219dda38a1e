// Unit tests for ui/js/confirm-gate.js: `node --test ui/tests/`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ARM_MS, confirmGate } from '../js/confirm-gate.js';

/** A gate on a clock the test moves by hand. */
function gateAt(start = 1000) {
  let now = start;
  const gate = confirmGate({ now: () => now });
  return { gate, wait: (ms) => { now += ms; } };
}

test('nothing confirms during the first moments after the dialog opens', () => {
  const { gate, wait } = gateAt();
  assert.equal(ARM_MS, 400);
  assert.equal(gate.armed(), false);
  assert.equal(gate.click({ detail: 1 }), false, 'a mouse click at once is ignored');
  wait(ARM_MS - 1);
  assert.equal(gate.click({ detail: 1 }), false, 'still ignored just before');
  assert.equal(gate.keydown({ key: 'Enter', repeat: false }), false, 'so is a key');
  assert.equal(gate.click({ detail: 0 }), false);
  wait(1);
  assert.equal(gate.armed(), true);
  assert.equal(gate.click({ detail: 1 }), true, 'a click once armed confirms');
});

test('Enter held down from the step before never confirms', () => {
  const { gate, wait } = gateAt();
  // The key went down before the dialog: only its repeats reach the button.
  for (let i = 0; i < 30; i++) {
    wait(40);
    assert.equal(gate.keydown({ key: 'Enter', repeat: true }), false, `repeat ${i}`);
    assert.equal(gate.click({ detail: 0 }), false, 'the click a repeat would make');
  }
  assert.equal(gate.armed(), true);
  // Released and pressed again, deliberately: that confirms.
  assert.equal(gate.keyup({ key: 'Enter' }), false);
  assert.equal(gate.keydown({ key: 'Enter', repeat: false }), true);
  assert.equal(gate.click({ detail: 0 }), true);
});

test('Space held from before is not a press: its key up alone does nothing', () => {
  const { gate, wait } = gateAt();
  wait(ARM_MS + 100);
  assert.equal(gate.keyup({ key: ' ' }), false, 'no key down was seen here');
  assert.equal(gate.click({ detail: 0 }), false);
  assert.equal(gate.keydown({ key: ' ', repeat: false }), true);
  assert.equal(gate.keyup({ key: ' ' }), true);
  assert.equal(gate.click({ detail: 0 }), true);
  assert.equal(gate.click({ detail: 0 }), false, 'one press, one confirmation');
});

test('a key pressed before arming does not count once armed', () => {
  const { gate, wait } = gateAt();
  wait(100);
  assert.equal(gate.keydown({ key: 'Enter', repeat: false }), false);
  wait(ARM_MS);
  assert.equal(gate.click({ detail: 0 }), false, 'its click arrives late: still not a fresh press');
  assert.equal(gate.keydown({ key: 'Enter', repeat: true }), false, 'nor its repeats');
  assert.equal(gate.click({ detail: 0 }), false);
});

test('other keys pass through untouched', () => {
  const { gate } = gateAt();
  assert.equal(gate.keydown({ key: 'Tab', repeat: false }), true);
  assert.equal(gate.keydown({ key: 'Escape', repeat: true }), true);
  assert.equal(gate.keyup({ key: 'Tab' }), true);
});

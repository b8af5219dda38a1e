// Unit tests for ui/js/i18n-nodes.js: a message with elements in it, in the translator's order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tn } from '../js/i18n-nodes.js';
import { useCatalogues } from '../js/i18n.js';

test('nodes go where each language puts their placeholder; words are filled as text', () => {
  const node = { nodeType: 1, name: 'tid' };
  const en = { x: { hint: 'Enter the {tid} of a payment for {amount}.' } };
  const hi = { x: { hint: '{amount} के भुगतान की {tid} डालें।' } };
  useCatalogues('en-IN', en, en);
  assert.deepEqual(tn('x.hint', { tid: node, amount: '0.1 BTC' }), ['Enter the ', node, ' of a payment for 0.1 BTC.']);
  useCatalogues('hi-IN', hi, en);
  assert.deepEqual(tn('x.hint', { tid: node, amount: '0.1 BTC' }), ['0.1 BTC के भुगतान की ', node, ' डालें।']);
  useCatalogues('en-IN', {}, {});
});

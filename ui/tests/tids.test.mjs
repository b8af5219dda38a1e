// Unit tests for ui/js/tids.js: `node --test ui/tests/`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstColumn, looksLikeTid, parseTids, tidsFromCsv } from '../js/tids.js';

test('pasted tids: lines, commas, semicolons, tabs and spaces; each once, in order', () => {
  assert.deepEqual(parseTids('210N66027HB789\n  128390A389H2920 ,, X1;X2\tX1\r\n'), ['210N66027HB789', '128390A389H2920', 'X1', 'X2']);
  assert.deepEqual(parseTids(''), []);
  assert.deepEqual(parseTids(null), []);
});

test('a tid has letters and digits, at least one digit', () => {
  assert.ok(looksLikeTid('210N66027HB789'));
  assert.ok(looksLikeTid('21066027789'));
  assert.ok(!looksLikeTid('tid'));
  assert.ok(!looksLikeTid('batch_tid'));
  assert.ok(!looksLikeTid('Batch tid'));
  assert.ok(!looksLikeTid(''));
});

test('the first column of a CSV, quoted cells included', () => {
  assert.deepEqual(firstColumn('a,b\r\n"c,d",e\n"say ""hi""\nthere",x\nlast'), ['a', 'c,d', 'say "hi"\nthere', 'last']);
  assert.deepEqual(firstColumn('\uFEFFtid\nT1\n\nT2\n'), ['tid', 'T1', '', 'T2']);
  assert.deepEqual(firstColumn('T1;other\nT2\tmore'), ['T1', 'T2']);
});

test('a CSV of tids: the header that is not a tid is skipped, empty rows dropped, each tid once', () => {
  assert.deepEqual(tidsFromCsv('batch_tid,title\r\nB1,"x, y"\r\nB1,z\r\nB2,w\r\n'), ['B1', 'B2']);
  assert.deepEqual(tidsFromCsv('210N66027HB789\n128390A389H2920\n'), ['210N66027HB789', '128390A389H2920']);
  assert.deepEqual(tidsFromCsv('"tid"\n"A1"\n\n'), ['A1']);
  assert.deepEqual(tidsFromCsv(''), []);
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { neutraliseCell, restoreCell } from './csv-formula.js';

describe('CSV cells', () => {
  it('quotes every cell a spreadsheet would run as a formula, and only those', () => {
    for (const cell of ['=1+1', '+1', '-2', '@SUM(A1)', '\tx', '\rx', "'=x"]) assert.equal(neutraliseCell(cell), `'${cell}`);
    for (const cell of ['plain', '19.99', '', "it's", 'a=b']) assert.equal(neutraliseCell(cell), cell);
  });

  it('restores what it quoted, exactly', () => {
    for (const cell of ['=1+1', "'=x", "''-3", 'plain', "'plain"]) assert.equal(restoreCell(neutraliseCell(cell)), cell);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HttpError } from './errors.js';
import { assertInStock, stockShortage } from './stock.js';

describe('stockShortage', () => {
  it('lets through what the stock holds, up to the last unit', () => {
    assert.equal(stockShortage('Mug', 1, 5), null);
    assert.equal(stockShortage('Mug', 5, 5), null);
  });

  it('says how many are left when more are wanted', () => {
    assert.deepEqual(stockShortage('Mug', 6, 5), { available: 5, detail: 'only 5 of “Mug” left' });
    assert.deepEqual(stockShortage('Mug', 2, 1), { available: 1, detail: 'only 1 of “Mug” left' });
  });

  it('says out of stock when none is left, and never counts below zero', () => {
    assert.deepEqual(stockShortage('Mug', 1, 0), { available: 0, detail: '“Mug” is out of stock' });
    assert.deepEqual(stockShortage('Mug', 1, -3), { available: 0, detail: '“Mug” is out of stock' });
  });
});

describe('assertInStock', () => {
  it('throws a 409 naming the shortage, with what is available and the extra fields for machines', () => {
    assert.doesNotThrow(() => assertInStock('Mug', 3, 3));
    assert.throws(
      () => assertInStock('Mug', 4, 3, { product_id: 'p1' }),
      (err: unknown) =>
        err instanceof HttpError &&
        err.status === 409 &&
        err.detail === 'only 3 of “Mug” left' &&
        err.extra?.available === 3 &&
        err.extra?.product_id === 'p1',
    );
  });
});

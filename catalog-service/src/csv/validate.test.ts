import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { importRefusal, validateCsv, validateCsvRow } from './validate.js';

describe('validateCsvRow', () => {
  const good = { sku: 'mug-1', name: ' Mug ', price: '4.5', stock: '12' };

  it('reads a full row by the API rules: SKU upper-cased, money in cents, lists split on |', () => {
    const result = validateCsvRow({
      ...good,
      description: 'A mug',
      is_active: 'FALSE',
      is_featured: 'yes',
      tags: 'Kitchen | mugs||kitchen',
      categories: 'Kitchen|cups',
      image_url: '/images/x',
    });
    assert.deepEqual(result, {
      product: {
        sku: 'MUG-1',
        name: 'Mug',
        price: 450,
        stock: 12,
        description: 'A mug',
        is_active: false,
        is_featured: true,
        tags: ['kitchen', 'mugs'],
        categories: ['kitchen', 'cups'],
        image_url: '/images/x',
      },
    });
  });

  it('leaves out what the file does not say: absent columns and empty flags', () => {
    assert.deepEqual(validateCsvRow({ ...good, is_active: '', tags: '', image_url: '' }), {
      product: {
        sku: 'MUG-1',
        name: 'Mug',
        price: 450,
        stock: 12,
        description: undefined,
        is_active: undefined,
        is_featured: undefined,
        tags: [],
        categories: undefined,
        image_url: null,
      },
    });
  });

  it('names every bad field of a row', () => {
    const result = validateCsvRow({
      sku: 'bad sku!',
      name: '',
      price: '1.999',
      stock: '2.5',
      is_active: 'maybe',
      image_url: 'javascript:alert(1)',
    });
    assert.ok('errors' in result);
    assert.deepEqual(result.errors.map((e) => e.field).sort(), ['image_url', 'is_active', 'name', 'price', 'sku', 'stock']);
    assert.deepEqual(
      result.errors.find((e) => e.field === 'stock'),
      { field: 'stock', message: 'must be a whole number' },
    );
    assert.deepEqual(
      result.errors.find((e) => e.field === 'is_active'),
      { field: 'is_active', message: 'must be true or false' },
    );
  });

  it('says a missing price or stock is required, and refuses negative stock', () => {
    const missing = validateCsvRow({ sku: 'A', name: 'B', price: ' ', stock: '' });
    assert.deepEqual('errors' in missing && missing.errors, [
      { field: 'stock', message: 'is required' },
      { field: 'price', message: 'is required' },
    ]);
    const negative = validateCsvRow({ ...good, stock: '-1' });
    assert.deepEqual('errors' in negative && negative.errors, [{ field: 'stock', message: 'must not be negative' }]);
  });
});

describe('validateCsv', () => {
  it('checks every row, and refuses a SKU the file already used', () => {
    const { products, errors } = validateCsv([
      { line: 2, cells: { sku: 'a-1', name: 'A', price: '1', stock: '1' } },
      { line: 3, cells: { sku: 'b-1', name: 'B', price: 'free', stock: '1' } },
      { line: 5, cells: { sku: 'A-1', name: 'A again', price: '1', stock: '1' } },
    ]);
    assert.deepEqual(
      products.map((p) => [p.line, p.product.sku]),
      [[2, 'A-1']],
    );
    assert.deepEqual(errors, [
      { line: 3, field: 'price', message: 'must be an amount such as 19.99 (at most two decimals, not negative)' },
      { line: 5, field: 'sku', message: 'A-1 is already on line 2' },
    ]);
  });

  it('counts bad rows, not errors, in the refusal', () => {
    const refusal = importRefusal([
      { line: 3, field: 'price', message: 'x' },
      { line: 3, field: 'stock', message: 'y' },
      { line: 9, field: 'sku', message: 'z' },
    ]);
    assert.equal(refusal.status, 422);
    assert.equal(refusal.detail, '2 rows have errors; nothing was imported');
    assert.equal(importRefusal([{ line: 4, field: 'name', message: 'x' }]).detail, '1 row has errors; nothing was imported');
    assert.equal(importRefusal([{ line: 1, field: 'sku', message: 'x' }]).detail, 'the header row has errors; nothing was imported');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProductRow } from '../db.js';
import { csvHeader, productsToCsv } from './export.js';
import { readCsv } from './read.js';

describe('productsToCsv', () => {
  it('quotes commas, quotes and newlines, and reads back to the same cells', () => {
    const product = {
      sku: 'Q-1',
      name: 'Mug, "large"',
      description: 'line one\nline two, with comma',
      price: '19.99',
      stock: 3,
      is_active: true,
      is_featured: false,
      tags: ['a', 'b'],
      image_url: null,
    } as unknown as ProductRow;
    const text = csvHeader() + productsToCsv([{ product, categorySlugs: ['kitchen', 'mugs'] }]);
    assert.equal(
      text,
      'sku,name,description,price,stock,is_active,is_featured,tags,categories,image_url\n' +
        'Q-1,"Mug, ""large""","line one\nline two, with comma",19.99,3,true,false,a|b,kitchen|mugs,\n',
    );
    const { rows } = readCsv(text);
    assert.deepEqual(rows[0]!.cells, {
      sku: 'Q-1',
      name: 'Mug, "large"',
      description: 'line one\nline two, with comma',
      price: '19.99',
      stock: '3',
      is_active: 'true',
      is_featured: 'false',
      tags: 'a|b',
      categories: 'kitchen|mugs',
      image_url: '',
    });
  });
});

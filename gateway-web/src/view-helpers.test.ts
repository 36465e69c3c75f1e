import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bytes, countOf, pageWindow, price, thumb, withQuery } from './view-helpers.js';

describe('view helpers', () => {
  it('formats money, counts and sizes', () => {
    assert.equal(price('1299.5'), '$1,299.50');
    assert.equal(price('0.10'), '$0.10');
    // Past 2^53 a float would round the cents away; the string is formatted exactly.
    assert.equal(price('90071992547409.93'), '$90,071,992,547,409.93');
    assert.equal(countOf(1, 'product', 'products'), '1 product');
    assert.equal(countOf(10_000, 'product', 'products', true), '10,000+ products');
    assert.equal(bytes(2048), '2.0 KB');
    assert.equal(bytes(3 * 1024 * 1024), '3.0 MB');
  });

  it('asks for the thumbnail of the catalog’s own images only', () => {
    assert.equal(thumb('/images/abc'), '/images/abc?size=thumb');
    assert.equal(thumb('https://cdn.example/x.png'), 'https://cdn.example/x.png');
    assert.equal(thumb(null), '/static/img/placeholder.svg');
  });

  it('builds listing links and page windows', () => {
    assert.equal(withQuery('/products', { q: 'mug', page: 3, in_stock: '1' }, { sort: 'name' }), '/products?q=mug&in_stock=1&sort=name');
    assert.deepEqual(pageWindow(6, 20), [1, null, 4, 5, 6, 7, 8, null, 20]);
  });
});

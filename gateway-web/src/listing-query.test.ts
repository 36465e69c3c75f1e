import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { catalogParams, isNarrowed, linkQuery, parseListing, sortsFor } from './listing-query.js';

/** The object without its undefined fields. */
const defined = (o: object) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

describe('listing address', () => {
  it('reads every filter, and drops what it cannot read', () => {
    const f = parseListing({
      q: ' lamp ',
      category: 'decor',
      min_price: '10',
      in_stock: '1',
      tags: 'Ceramic , bedside,',
      sort: 'price_desc',
      page: '3',
      page_size: '48',
    });
    assert.deepEqual(defined(f), {
      q: 'lamp',
      category: 'decor',
      min_price: '10',
      in_stock: true,
      tags: 'ceramic, bedside',
      sort: 'price_desc',
      page: 3,
      page_size: 48,
    });
    const odd = parseListing({ sort: 'sideways', page: '-2', page_size: '1000', in_stock: 'maybe', q: ['a', 'b'] });
    assert.deepEqual(defined(odd), { in_stock: false, sort: 'newest', page: 1, page_size: 24 });
  });

  it('sorts by relevance by default only when searching', () => {
    assert.equal(parseListing({ q: 'mug' }).sort, 'relevance');
    assert.equal(parseListing({}).sort, 'newest');
    assert.equal(parseListing({ sort: 'relevance' }).sort, 'newest');
    assert.deepEqual(
      sortsFor({}).map((s) => s.value),
      ['newest', 'price_asc', 'price_desc', 'name', 'rating'],
    );
    assert.equal(sortsFor({ q: 'mug' })[0]!.value, 'relevance');
  });

  it('asks the catalog for the page, with facets when asked', () => {
    const f = parseListing({ q: 'mug', in_stock: 'on', tags: 'a, b' });
    assert.equal(
      catalogParams(f, { facets: true }).toString(),
      'q=mug&in_stock=true&tags=a%2Cb&sort=relevance&page=1&page_size=24&facets=categories',
    );
    assert.equal(catalogParams(parseListing({}), { facets: false }).toString(), 'sort=newest&page=1&page_size=24');
  });

  it('leaves defaults out of links and knows when the listing is narrowed', () => {
    assert.deepEqual(
      Object.entries(linkQuery(parseListing({ q: 'mug', sort: 'relevance', page_size: '24', page: '2' }))).filter(([, v]) => v),
      [['q', 'mug']],
    );
    assert.equal(linkQuery(parseListing({ sort: 'name', page_size: '96' })).page_size, '96');
    assert.equal(isNarrowed(parseListing({ category: 'x' })), false);
    assert.equal(isNarrowed(parseListing({ category: 'x', max_price: '5' })), true);
  });
});

// /api reviews through the gateway and the real services: a shopper buys a product, it is delivered,
// and only then may they review it; the rating reaches the catalog and its listing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type GatewayStack, startGatewayStack } from '../../testing.js';
import { adminToken, call, deliver, newShopper, pendingOrder } from './test-client.js';

let stack: GatewayStack;
let admin = '';
let buyer: { id: string; email: string; token: string };
let productId = '';

before(async () => {
  stack = await startGatewayStack();
  admin = await adminToken(stack.url);
  buyer = await newShopper(stack.url);
  const order = await pendingOrder(stack.url, admin, buyer);
  productId = order.productId;
  // Not yet delivered: the buyer may not review it.
  const early = await call(stack.url, 'POST', `/api/products/${productId}/reviews`, {
    token: buyer.token,
    body: { rating: 5, title: 'Early' },
  });
  assert.equal(early.status, 403);
  await deliver(stack.url, admin, buyer, order.orderId);
});

after(async () => {
  await stack.stop();
});

const reviewsOf = (id: string, query = '', token?: string) => call(stack.url, 'GET', `/api/products/${id}/reviews${query}`, { token });

describe('/api/products/:id/reviews', () => {
  let reviewId = '';

  it('lets the buyer of a delivered order review it (201), once (409), and refuses anyone else', async () => {
    const body = { rating: 4, title: 'Boils fast', body: 'A litre in three minutes.' };
    assert.equal((await call(stack.url, 'POST', `/api/products/${productId}/reviews`, { body })).status, 401);
    const stranger = await newShopper(stack.url);
    const refused = await call(stack.url, 'POST', `/api/products/${productId}/reviews`, { token: stranger.token, body });
    assert.equal(refused.status, 403);
    assert.match(refused.body.detail, /delivered/);
    const created = await call(stack.url, 'POST', `/api/products/${productId}/reviews`, { token: buyer.token, body });
    assert.equal(created.status, 201);
    assert.equal(created.body.author_name, 'Sam S.');
    reviewId = created.body.id;
    assert.equal((await call(stack.url, 'POST', `/api/products/${productId}/reviews`, { token: buyer.token, body })).status, 409);
    const bad = await call(stack.url, 'POST', `/api/products/${productId}/reviews`, { token: buyer.token, body: { rating: 7, title: '' } });
    assert.equal(bad.status, 422);
    assert.equal(
      (await call(stack.url, 'POST', '/api/products/00000000-0000-4000-8000-000000000000/reviews', { token: buyer.token, body })).status,
      404,
    );
  });

  it('lists it with the summary, and the product carries the rating in the catalog', async () => {
    const list = await reviewsOf(productId);
    assert.equal(list.status, 200);
    assert.deepEqual(
      list.body.items.map((r: { id: string }) => r.id),
      [reviewId],
    );
    assert.deepEqual(list.body.summary, { average: '4.0', count: 1, distribution: { 1: 0, 2: 0, 3: 0, 4: 1, 5: 0 } });
    assert.deepEqual((await call(stack.url, 'GET', `/api/products/${productId}`)).body.rating, { average: '4.0', count: 1 });
    const mine = await call(stack.url, 'GET', `/api/products/${productId}/reviews/mine`, { token: buyer.token });
    assert.equal(mine.status, 200);
    assert.equal(mine.body.review.id, reviewId);
    assert.equal(mine.headers.get('cache-control'), 'no-store', 'a shopper’s own answer is never cached');
  });

  it('lets only the author change or delete it: another shopper gets 403', async () => {
    const other = await newShopper(stack.url);
    assert.equal((await call(stack.url, 'PATCH', `/api/reviews/${reviewId}`, { token: other.token, body: { rating: 1 } })).status, 403);
    assert.equal((await call(stack.url, 'DELETE', `/api/reviews/${reviewId}`, { token: other.token })).status, 403);
    const edited = await call(stack.url, 'PATCH', `/api/reviews/${reviewId}`, { token: buyer.token, body: { rating: 5 } });
    assert.equal(edited.status, 200);
    assert.equal(edited.body.rating, 5);
    assert.deepEqual((await call(stack.url, 'GET', `/api/products/${productId}`)).body.rating, { average: '5.0', count: 1 });
  });

  it('lets an admin hide it (gone from the list and the rating) and show it again; a shopper may not', async () => {
    assert.equal((await call(stack.url, 'POST', `/api/admin/reviews/${reviewId}/hide`, { token: buyer.token })).status, 403);
    const hidden = await call(stack.url, 'POST', `/api/admin/reviews/${reviewId}/hide`, { token: admin });
    assert.equal(hidden.status, 200);
    assert.equal(hidden.body.is_hidden, true);
    const list = await reviewsOf(productId);
    assert.deepEqual(list.body.items, []);
    assert.equal(list.body.summary.average, null);
    assert.deepEqual((await call(stack.url, 'GET', `/api/products/${productId}`)).body.rating, { average: null, count: 0 });
    assert.equal((await reviewsOf(productId, '?include_hidden=true', admin)).body.items[0].is_hidden, true);
    assert.equal((await reviewsOf(productId, '?include_hidden=true', buyer.token)).status, 403);
    assert.equal((await call(stack.url, 'POST', `/api/admin/reviews/${reviewId}/unhide`, { token: admin })).body.is_hidden, false);
    assert.equal((await reviewsOf(productId)).body.summary.count, 1);
  });

  it('sorts the listing by rating: the best average first, products without reviews after', async () => {
    const listing = await call(stack.url, 'GET', '/api/products?sort=rating&page_size=100');
    assert.equal(listing.status, 200);
    assert.equal(listing.body.items[0].id, productId);
    assert.deepEqual(listing.body.items[0].rating, { average: '5.0', count: 1 });
    assert.ok(listing.body.items.slice(1).every((p: { rating: { count: number } }) => p.rating.count === 0));
  });

  it('lets the author delete it', async () => {
    assert.equal((await call(stack.url, 'DELETE', `/api/reviews/${reviewId}`, { token: buyer.token })).status, 204);
    assert.equal((await reviewsOf(productId)).body.total, 0);
  });
});

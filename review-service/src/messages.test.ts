// The ratings review-service sends catalog-service through its outbox: delivered at once, again
// when the catalog was down, and never undone by an older message that arrives late.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createServiceClient } from '@dm/common/http-client';
import { createOutbox } from '@dm/common/outbox';
import { silentLogger } from '@dm/common/testing';
import { sql } from 'kysely';
import { messageHandlers, TOPICS } from './messages.js';
import { createReview } from './review-changes.js';
import { person, type ReviewStack, startStack } from './test-support.js';

let s: ReviewStack;
before(async () => {
  s = await startStack('reviews_outbox');
});
after(async () => {
  await s.close();
});

const messagesOf = (productId: string) =>
  s.db
    .selectFrom('outbox')
    .select(['id', 'payload', 'delivered_at', 'attempts'])
    .where('topic', '=', TOPICS.productRating)
    .where(sql<string>`payload->>'product_id'`, '=', productId)
    .orderBy('created_at')
    .execute();

async function buyerOf(productId: string) {
  const buyer = person();
  await s.order(buyer, productId);
  return buyer;
}

describe('the product-rating message', () => {
  it('reaches the catalog with the review: the product shows its average and count', async () => {
    const product = await s.product();
    assert.deepEqual(await s.catalogRating(product.id), { average: null, count: 0 });
    await s.write(await buyerOf(product.id), product.id, { rating: 4, title: 'Good' });
    await s.write(await buyerOf(product.id), product.id, { rating: 5, title: 'Great' });
    const shown = await s.catalog('GET', `/products/${product.id}`);
    assert.deepEqual(shown.body.rating, { average: '4.5', count: 2 });
    const messages = await messagesOf(product.id);
    assert.deepEqual(
      messages.map((m) => [m.payload, m.delivered_at !== null]),
      [
        [{ product_id: product.id, count: 1, sum: 4, version: 1 }, true],
        [{ product_id: product.id, count: 2, sum: 9, version: 2 }, true],
      ],
    );
  });

  it('is kept while the catalog is down and delivered by the loop once it is back', async () => {
    const product = await s.product();
    // An outbox whose catalog cannot be reached, over the same table: what a send during an outage meets.
    const down = createOutbox({
      db: s.db,
      logger: silentLogger,
      handlers: messageHandlers({ catalog: createServiceClient('catalog', 'http://127.0.0.1:9'), serviceToken: s.deps.serviceToken }),
    });
    const offline = { ...s.deps, outbox: down };
    const buyer = await buyerOf(product.id);
    await createReview(offline, { id: buyer.id, role: 'user', name: 'Sam Shopper', token: '', iat: 0, exp: 0 }, product.id, {
      rating: 2,
      title: 'Late',
    });
    const [waiting] = await messagesOf(product.id);
    assert.equal(waiting?.delivered_at, null);
    assert.equal(waiting?.attempts, 1);
    assert.deepEqual(await s.catalogRating(product.id), { average: null, count: 0 });

    // The catalog is back: the service's own outbox delivers what waits.
    await s.deps.outbox.deliver(waiting!.id);
    assert.deepEqual(await s.catalogRating(product.id), { average: '2.0', count: 1 });
    assert.notEqual((await messagesOf(product.id))[0]?.delivered_at, null);
  });

  it('never lets an older rating replace a newer one, whatever order the messages arrive in', async () => {
    const product = await s.product();
    const buyers = [await buyerOf(product.id), await buyerOf(product.id), await buyerOf(product.id)];
    const ids: string[] = [];
    for (const [i, rating] of [1, 5, 5].entries()) {
      ids.push((await s.write(buyers[i]!, product.id, { rating, title: `R${i}` })).body.id);
    }
    await s.api('POST', `/admin/reviews/${ids[0]}/hide`, undefined, person('admin').headers);
    assert.deepEqual(await s.catalogRating(product.id), { average: '5.0', count: 2 });

    // At least once means perhaps again, and late: every message delivered again, newest first.
    const messages = await messagesOf(product.id);
    assert.equal(messages.length, 4);
    await s.db
      .updateTable('outbox')
      .set({ delivered_at: null })
      .where(
        'id',
        'in',
        messages.map((m) => m.id),
      )
      .execute();
    for (const message of [...messages].reverse()) {
      await s.deps.outbox.deliver(message.id);
      assert.deepEqual(await s.catalogRating(product.id), { average: '5.0', count: 2 });
    }
    assert.ok((await messagesOf(product.id)).every((m) => m.delivered_at !== null));
  });
});

// A vendor's one reply to a review of their product, against the real catalog-service (which shop
// sells the product: the vendor's shop and its product are rows in the catalog's own tables).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { silentLogger, startTestServer, testApi } from '@dm/common/testing';
import { createApp } from '../app.js';
import { ALREADY_REPLIED, NOT_THE_SELLER } from '../review-changes.js';
import { reviewDependencies } from '../services.js';
import { jwt, type Person, person, type ReviewStack, startStack } from '../test-support.js';

let s: ReviewStack;
before(async () => {
  s = await startStack('reviews_replies');
});
after(async () => {
  await s.close();
});

/** A vendor, a product of their shop and a delivered buyer's review of it. */
async function reviewedByBuyer() {
  const vendor = await s.vendor();
  const product = await s.productOf(vendor);
  const buyer = person();
  await s.order(buyer, product.id);
  const res = await s.write(buyer, product.id, { rating: 3, title: 'Fine', body: 'Could be quieter.' });
  assert.equal(res.status, 201);
  return { vendor, product, buyer, reviewId: res.body.id as string };
}

const reply = (who: Person | null, reviewId: string, body: unknown = { body: 'Thank you for the kind words.' }) =>
  s.api('POST', `/reviews/${reviewId}/reply`, body, who?.headers);

const replyInDb = async (reviewId: string) =>
  (await s.db.selectFrom('reviews').select(['vendor_reply', 'vendor_reply_at']).where('id', '=', reviewId).executeTakeFirstOrThrow())
    .vendor_reply;

describe('POST /reviews/:id/reply', () => {
  it('lets the vendor who sells the product reply once (201), shown in the list; a second reply is a 409 and keeps the first', async () => {
    const { vendor, product, reviewId } = await reviewedByBuyer();
    const started = Date.now();
    const res = await reply(vendor, reviewId, { body: '  We have fixed the switch: write to us for a new one.  ' });
    assert.equal(res.status, 201);
    assert.equal(res.body.id, reviewId);
    assert.equal(res.body.vendor_reply, 'We have fixed the switch: write to us for a new one.');
    assert.ok(Date.parse(res.body.vendor_reply_at) >= started - 1000);
    assert.equal(res.body.title, 'Fine', 'the review itself is unchanged');

    const list = await s.api('GET', `/products/${product.id}/reviews`);
    assert.equal(list.body.items[0].vendor_reply, 'We have fixed the switch: write to us for a new one.');
    assert.equal(list.body.items[0].vendor_reply_at, res.body.vendor_reply_at);
    assert.deepEqual(list.body.summary.distribution, { 1: 0, 2: 0, 3: 1, 4: 0, 5: 0 }, 'a reply changes no figure');

    const again = await reply(vendor, reviewId, { body: 'Second thoughts.' });
    assert.equal(again.status, 409);
    assert.deepEqual(again.body, { detail: ALREADY_REPLIED });
    assert.equal(await replyInDb(reviewId), 'We have fixed the switch: write to us for a new one.');
  });

  it('makes one reply of two sent at once', async () => {
    const { vendor, reviewId } = await reviewedByBuyer();
    const both = await Promise.all([reply(vendor, reviewId, { body: 'One' }), reply(vendor, reviewId, { body: 'Two' })]);
    assert.deepEqual(both.map((r) => r.status).sort(), [201, 409]);
    const winner = both.find((r) => r.status === 201)!.body.vendor_reply;
    assert.equal(await replyInDb(reviewId), winner);
  });

  it('refuses another vendor, a shopper (the author too) and an admin with 403, and nobody with 401; nothing is written', async () => {
    const { buyer, reviewId } = await reviewedByBuyer();
    const otherVendor = await s.vendor();
    await s.productOf(otherVendor);
    for (const who of [otherVendor, buyer, person(), person('admin')]) {
      const res = await reply(who, reviewId);
      assert.equal(res.status, 403);
      assert.deepEqual(res.body, { detail: NOT_THE_SELLER });
    }
    assert.equal((await reply(null, reviewId)).status, 401);
    assert.equal(await replyInDb(reviewId), null);
  });

  it('refuses every vendor on a review of the house’s own product (it has no vendor)', async () => {
    const product = await s.product();
    const buyer = person();
    await s.order(buyer, product.id);
    const reviewId = (await s.write(buyer, product.id)).body.id;
    const vendor = await s.vendor();
    await s.productOf(vendor);
    assert.equal((await reply(vendor, reviewId)).status, 403);
  });

  it('answers 422 naming the body when it is missing, empty, blank, not text or over 2,000 characters; 2,000 is fine', async () => {
    const { vendor, reviewId } = await reviewedByBuyer();
    for (const body of [{}, { body: '' }, { body: ' \n\t ' }, { body: 12 }, { body: 'x'.repeat(2001) }]) {
      const res = await reply(vendor, reviewId, body);
      assert.equal(res.status, 422, JSON.stringify(body).slice(0, 40));
      assert.equal(typeof res.body.detail, 'string');
      assert.deepEqual(
        res.body.errors.map((e: { field: string }) => e.field),
        ['body'],
      );
    }
    assert.match((await reply(vendor, reviewId, { body: 'x'.repeat(2001) })).body.errors[0].message, /at most 2000 characters/);
    assert.equal(await replyInDb(reviewId), null);
    assert.equal((await reply(vendor, reviewId, { body: 'y'.repeat(2000) })).status, 201);
  });

  it('keeps markup as the text it is typed as', async () => {
    const { vendor, reviewId } = await reviewedByBuyer();
    const body = '<script>alert(1)</script> & "thanks"';
    assert.equal((await reply(vendor, reviewId, { body })).body.vendor_reply, body);
  });

  it('answers 404 for an unknown review, an id that is not one, and a hidden review; shown again, it may be answered', async () => {
    const { vendor, reviewId } = await reviewedByBuyer();
    assert.equal((await reply(vendor, randomUUID())).status, 404);
    assert.equal((await reply(vendor, 'nope')).status, 404);
    const admin = person('admin');
    assert.equal((await s.api('POST', `/admin/reviews/${reviewId}/hide`, undefined, admin.headers)).status, 200);
    const hidden = await reply(vendor, reviewId);
    assert.equal(hidden.status, 404);
    assert.deepEqual(hidden.body, { detail: 'review not found' });
    assert.equal(await replyInDb(reviewId), null);
    assert.equal((await s.api('POST', `/admin/reviews/${reviewId}/unhide`, undefined, admin.headers)).status, 200);
    assert.equal((await reply(vendor, reviewId)).status, 201);
  });

  it('lets the vendor reply to a review of a product they took off sale (the catalog still says whose it is)', async () => {
    const { vendor, product, reviewId } = await reviewedByBuyer();
    await s.catalogDb.updateTable('products').set({ is_active: false }).where('id', '=', product.id).execute();
    assert.equal((await reply(vendor, reviewId)).status, 201);
  });

  it('answers 503 when catalog-service cannot be asked whose product it is', async () => {
    const { vendor, reviewId } = await reviewedByBuyer();
    const nowhere = 'http://127.0.0.1:9';
    const deps = reviewDependencies(s.db, jwt, silentLogger, { ORDER_URL: nowhere, CATALOG_URL: nowhere });
    const server = await startTestServer(createApp({ ...deps, jwt }));
    try {
      const res = await testApi(server.url)('POST', `/reviews/${reviewId}/reply`, { body: 'Hello' }, vendor.headers);
      assert.equal(res.status, 503);
      assert.equal(typeof res.body.detail, 'string');
    } finally {
      await deps.outbox.stop();
      await server.close();
    }
    assert.equal(await replyInDb(reviewId), null);
  });
});

describe('DELETE /admin/reviews/:id/reply', () => {
  it('lets an admin remove a reply (the vendor may then answer again); anyone else is refused', async () => {
    const { vendor, reviewId } = await reviewedByBuyer();
    assert.equal((await reply(vendor, reviewId, { body: 'Rude words' })).status, 201);
    for (const who of [vendor, person()]) {
      assert.equal((await s.api('DELETE', `/admin/reviews/${reviewId}/reply`, undefined, who.headers)).status, 403);
    }
    const admin = person('admin');
    const removed = await s.api('DELETE', `/admin/reviews/${reviewId}/reply`, undefined, admin.headers);
    assert.equal(removed.status, 200);
    assert.equal(removed.body.vendor_reply, null);
    assert.equal(removed.body.vendor_reply_at, null);
    assert.equal(await replyInDb(reviewId), null);
    assert.equal((await s.api('DELETE', `/admin/reviews/${randomUUID()}/reply`, undefined, admin.headers)).status, 404);
    assert.equal((await reply(vendor, reviewId, { body: 'Sorry: we will do better.' })).status, 201);
  });
});

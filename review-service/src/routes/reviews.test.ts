// Who may write, edit and delete a review, against the real order-service (who bought what) and the
// real catalog-service (which products exist).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { ALREADY_REVIEWED, NOT_A_BUYER } from '../review-changes.js';
import { asService, person, type ReviewStack, startStack } from '../test-support.js';

let s: ReviewStack;
before(async () => {
  s = await startStack('reviews_routes');
});
after(async () => {
  await s.close();
});

/** A product and a buyer whose order of it was delivered. */
async function deliveredBuyer(name?: string) {
  const product = await s.product();
  const buyer = person('user', name);
  await s.order(buyer, product.id, 'delivered');
  return { product, buyer };
}

describe('POST /products/:id/reviews: who may review', () => {
  it('answers 401 without a token and with a service token', async () => {
    const { product } = await deliveredBuyer();
    const body = { rating: 5, title: 'Nice' };
    assert.equal((await s.api('POST', `/products/${product.id}/reviews`, body)).status, 401);
    assert.equal((await s.api('POST', `/products/${product.id}/reviews`, body, asService('order-service'))).status, 401);
  });

  it('answers 403 to someone who never bought it, and to a buyer whose order is pending, paid, shipped or cancelled', async () => {
    const product = await s.product();
    const stranger = person();
    const never = await s.write(stranger, product.id);
    assert.equal(never.status, 403);
    assert.deepEqual(never.body, { detail: NOT_A_BUYER });
    for (const status of ['pending', 'paid', 'processing', 'shipped', 'cancelled'] as const) {
      const buyer = person();
      await s.order(buyer, product.id, status);
      const res = await s.write(buyer, product.id);
      assert.equal(res.status, 403, status);
    }
    // A delivered order of another product does not count either.
    const other = await deliveredBuyer();
    assert.equal((await s.write(other.buyer, product.id)).status, 403);
    assert.equal((await s.db.selectFrom('reviews').select('id').where('product_id', '=', product.id).execute()).length, 0);
  });

  it('lets a buyer of a delivered order review it once (201); a second review is a 409', async () => {
    const { product, buyer } = await deliveredBuyer('Sam Shopper');
    const res = await s.write(buyer, product.id, { rating: 4, title: '  Bright and quiet ', body: 'Lights the desk.' });
    assert.equal(res.status, 201);
    assert.deepEqual(Object.keys(res.body).sort(), [
      'author_name',
      'body',
      'created_at',
      'id',
      'is_hidden',
      'product_id',
      'rating',
      'title',
      'updated_at',
      'vendor_reply',
      'vendor_reply_at',
    ]);
    assert.equal(res.body.product_id, product.id);
    assert.equal(res.body.rating, 4);
    assert.equal(res.body.title, 'Bright and quiet');
    assert.equal(res.body.author_name, 'Sam S.', 'the first name and an initial, never the whole name');
    assert.equal(res.body.is_hidden, false);
    assert.equal(res.body.vendor_reply, null);
    assert.ok(!JSON.stringify(res.body).includes(buyer.id), 'the author’s id is not shown');

    const again = await s.write(buyer, product.id, { rating: 1, title: 'Changed my mind' });
    assert.equal(again.status, 409);
    assert.deepEqual(again.body, { detail: ALREADY_REVIEWED });
    // Two at once: the unique index lets one through.
    const twin = await deliveredBuyer();
    const both = await Promise.all([s.write(twin.buyer, twin.product.id), s.write(twin.buyer, twin.product.id)]);
    assert.deepEqual(both.map((r) => r.status).sort(), [201, 409]);
  });

  it('answers 404 for an unknown or inactive product, or an id that is not one, before asking about orders', async () => {
    const buyer = person();
    const unknown = randomUUID();
    await s.order(buyer, unknown, 'delivered');
    const res = await s.write(buyer, unknown);
    assert.equal(res.status, 404);
    assert.deepEqual(res.body, { detail: 'product not found' });
    const retired = await s.product({ is_active: false });
    await s.order(buyer, retired.id, 'delivered');
    assert.equal((await s.write(buyer, retired.id)).status, 404);
    assert.equal((await s.write(buyer, 'not-a-product')).status, 404);
  });

  it('answers 422 naming each bad field: stars from 1 to 5, a title of 1-120 characters, a body of at most 4000', async () => {
    const { product, buyer } = await deliveredBuyer();
    const cases: [object, string][] = [
      [{ rating: 0, title: 'x' }, 'rating'],
      [{ rating: 6, title: 'x' }, 'rating'],
      [{ rating: 4.5, title: 'x' }, 'rating'],
      [{ rating: '5', title: 'x' }, 'rating'],
      [{ title: 'x' }, 'rating'],
      [{ rating: 5, title: '   ' }, 'title'],
      [{ rating: 5 }, 'title'],
      [{ rating: 5, title: 'x'.repeat(121) }, 'title'],
      [{ rating: 5, title: 'x', body: 'y'.repeat(4001) }, 'body'],
      [{ rating: 5, title: 'x', body: 12 }, 'body'],
    ];
    for (const [body, field] of cases) {
      const res = await s.write(buyer, product.id, body);
      assert.equal(res.status, 422, JSON.stringify(body).slice(0, 80));
      assert.deepEqual(
        res.body.errors.map((e: { field: string }) => e.field),
        [field],
        JSON.stringify(body).slice(0, 80),
      );
    }
    const longest = await s.write(buyer, product.id, { rating: 5, title: 't'.repeat(120), body: 'b'.repeat(4000) });
    assert.equal(longest.status, 201);
  });

  it('keeps markup as the text it is typed as (pages escape it)', async () => {
    const { product, buyer } = await deliveredBuyer();
    const title = '<script>alert(1)</script> & "quotes"';
    const res = await s.write(buyer, product.id, { rating: 3, title, body: '<b>bold</b>' });
    assert.equal(res.status, 201);
    const list = await s.api('GET', `/products/${product.id}/reviews`);
    assert.equal(list.body.items[0].title, title);
    assert.equal(list.body.items[0].body, '<b>bold</b>');
  });
});

describe('PATCH and DELETE /reviews/:id: the author only', () => {
  it('lets the author edit the stars, the title and the body; the summary follows', async () => {
    const { product, buyer } = await deliveredBuyer();
    const created = (await s.write(buyer, product.id, { rating: 2, title: 'Meh', body: 'Flickers.' })).body;
    const edited = await s.api('PATCH', `/reviews/${created.id}`, { rating: 4, body: 'Fixed by a new bulb.' }, buyer.headers);
    assert.equal(edited.status, 200);
    assert.equal(edited.body.rating, 4);
    assert.equal(edited.body.title, 'Meh');
    assert.equal(edited.body.body, 'Fixed by a new bulb.');
    assert.ok(edited.body.updated_at > created.updated_at);
    const list = await s.api('GET', `/products/${product.id}/reviews`);
    assert.deepEqual(list.body.summary, { average: '4.0', count: 1, distribution: { 1: 0, 2: 0, 3: 0, 4: 1, 5: 0 } });
    assert.deepEqual(await s.catalogRating(product.id), { average: '4.0', count: 1 });

    const empty = await s.api('PATCH', `/reviews/${created.id}`, {}, buyer.headers);
    assert.equal(empty.status, 422);
    const bad = await s.api('PATCH', `/reviews/${created.id}`, { rating: 9 }, buyer.headers);
    assert.equal(bad.status, 422);
    assert.equal(bad.body.errors[0].field, 'rating');
  });

  it('refuses another user, the vendor who sells it, another vendor and an admin with 403 (reviews are public, so there is nothing to hide by a 404), and changes nothing', async () => {
    const seller = await s.vendor();
    const product = await s.productOf(seller);
    const buyer = person();
    await s.order(buyer, product.id);
    const created = (await s.write(buyer, product.id, { rating: 5, title: 'Mine' })).body;
    for (const who of [person(), seller, person('vendor'), person('admin')]) {
      const edit = await s.api('PATCH', `/reviews/${created.id}`, { rating: 1 }, who.headers);
      assert.equal(edit.status, 403);
      assert.deepEqual(edit.body, { detail: 'only its author may change a review' });
      assert.equal((await s.api('DELETE', `/reviews/${created.id}`, undefined, who.headers)).status, 403);
    }
    assert.equal((await s.api('PATCH', `/reviews/${created.id}`, { rating: 1 })).status, 401);
    assert.equal((await s.api('DELETE', `/reviews/${created.id}`)).status, 401);
    const list = await s.api('GET', `/products/${product.id}/reviews`);
    assert.equal(list.body.items[0].rating, 5);
    assert.equal(list.body.summary.count, 1);
  });

  it('answers 404 to anyone but the author for a hidden review, and lets the author still edit and delete it', async () => {
    const seller = await s.vendor();
    const product = await s.productOf(seller);
    const buyer = person();
    await s.order(buyer, product.id);
    const created = (await s.write(buyer, product.id, { rating: 1, title: 'Awful' })).body;
    assert.equal((await s.api('POST', `/admin/reviews/${created.id}/hide`, undefined, person('admin').headers)).status, 200);
    for (const who of [person(), seller]) {
      assert.equal((await s.api('PATCH', `/reviews/${created.id}`, { rating: 5 }, who.headers)).status, 404);
      assert.equal((await s.api('DELETE', `/reviews/${created.id}`, undefined, who.headers)).status, 404);
    }
    const edited = await s.api('PATCH', `/reviews/${created.id}`, { rating: 2 }, buyer.headers);
    assert.equal(edited.status, 200);
    assert.equal(edited.body.is_hidden, true);
    assert.equal((await s.api('DELETE', `/reviews/${created.id}`, undefined, buyer.headers)).status, 204);
  });

  it('answers 404 for an unknown review and for an id that is not one', async () => {
    const who = person();
    for (const id of [randomUUID(), 'nope']) {
      assert.equal((await s.api('PATCH', `/reviews/${id}`, { rating: 3 }, who.headers)).status, 404);
      assert.equal((await s.api('DELETE', `/reviews/${id}`, undefined, who.headers)).status, 404);
    }
  });

  it('lets the author delete it: gone from the list and the figures, and they may write another', async () => {
    const { product, buyer } = await deliveredBuyer();
    const other = person();
    await s.order(other, product.id);
    await s.write(other, product.id, { rating: 2, title: 'Stays' });
    const created = (await s.write(buyer, product.id, { rating: 5, title: 'Going' })).body;
    assert.equal((await s.api('DELETE', `/reviews/${created.id}`, undefined, buyer.headers)).status, 204);
    const list = await s.api('GET', `/products/${product.id}/reviews`);
    assert.deepEqual(
      list.body.items.map((r: { title: string }) => r.title),
      ['Stays'],
    );
    assert.deepEqual(list.body.summary, { average: '2.0', count: 1, distribution: { 1: 0, 2: 1, 3: 0, 4: 0, 5: 0 } });
    assert.deepEqual(await s.catalogRating(product.id), { average: '2.0', count: 1 });
    assert.equal((await s.api('DELETE', `/reviews/${created.id}`, undefined, buyer.headers)).status, 404);
    assert.equal((await s.write(buyer, product.id, { rating: 4, title: 'Back' })).status, 201);
  });
});

describe('GET /products/:id/reviews/mine', () => {
  it('says whether the caller may write a review, and shows theirs once written', async () => {
    const product = await s.product();
    const stranger = person();
    const pending = person();
    await s.order(pending, product.id, 'shipped');
    const buyer = person();
    await s.order(buyer, product.id);
    const mine = (who: { headers: Record<string, string> }) => s.api('GET', `/products/${product.id}/reviews/mine`, undefined, who.headers);
    assert.deepEqual((await mine(stranger)).body, { review: null, can_review: false, reason: 'not_delivered' });
    assert.deepEqual((await mine(pending)).body, { review: null, can_review: false, reason: 'not_delivered' });
    assert.deepEqual((await mine(buyer)).body, { review: null, can_review: true, reason: null });
    const created = (await s.write(buyer, product.id)).body;
    assert.deepEqual((await mine(buyer)).body, { review: created, can_review: false, reason: 'reviewed' });
    assert.equal((await s.api('GET', `/products/${product.id}/reviews/mine`)).status, 401);
  });
});

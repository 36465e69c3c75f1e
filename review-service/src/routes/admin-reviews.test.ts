// A product's list of reviews, its figures, and an admin hiding and showing a review again.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { type Person, person, type ReviewStack, startStack } from '../test-support.js';

let s: ReviewStack;
before(async () => {
  s = await startStack('reviews_admin');
});
after(async () => {
  await s.close();
});

/** A product with one review by a delivered buyer for each of `ratings`, written in that order. */
async function reviewed(ratings: number[]) {
  const product = await s.product();
  const authors: Person[] = [];
  const ids: string[] = [];
  for (const [i, rating] of ratings.entries()) {
    const buyer = person('user', `Buyer ${i + 1}`);
    await s.order(buyer, product.id);
    const res = await s.write(buyer, product.id, { rating, title: `Review ${i + 1}` });
    assert.equal(res.status, 201);
    authors.push(buyer);
    ids.push(res.body.id);
  }
  return { product, authors, ids };
}

const list = (productId: string, query = '', headers?: Record<string, string>) =>
  s.api('GET', `/products/${productId}/reviews${query}`, undefined, headers);

describe('GET /products/:id/reviews', () => {
  it('lists the newest first, a page at a time, with the exact average and the distribution of every visible review', async () => {
    const { product } = await reviewed([5, 4, 4, 3, 5, 1, 5]);
    const first = await list(product.id, '?page_size=3');
    assert.equal(first.status, 200);
    assert.deepEqual(
      first.body.items.map((r: { title: string }) => r.title),
      ['Review 7', 'Review 6', 'Review 5'],
    );
    assert.equal(first.body.total, 7);
    assert.equal(first.body.page, 1);
    assert.equal(first.body.page_size, 3);
    assert.equal(first.body.has_next, true);
    // 27 stars in 7 reviews: 3.857… is 3.9.
    assert.deepEqual(first.body.summary, { average: '3.9', count: 7, distribution: { 1: 1, 2: 0, 3: 1, 4: 2, 5: 3 } });
    const last = await list(product.id, '?page=3&page_size=3');
    assert.deepEqual(
      last.body.items.map((r: { title: string }) => r.title),
      ['Review 1'],
    );
    assert.equal(last.body.has_next, false);
    assert.deepEqual(last.body.summary, first.body.summary);
    assert.equal((await list(product.id)).body.page_size, 10);
  });

  it('gives a product without reviews an empty page, and refuses a bad page with 422 and a bad id with 404', async () => {
    const none = await list(randomUUID());
    assert.deepEqual(none.body, {
      items: [],
      total: 0,
      page: 1,
      page_size: 10,
      has_next: false,
      summary: { average: null, count: 0, distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } },
    });
    for (const query of ['?page=0', '?page_size=51', '?page_size=x', '?include_hidden=maybe']) {
      assert.equal((await list(randomUUID(), query)).status, 422, query);
    }
    assert.equal((await list('not-an-id')).status, 404);
  });
});

describe('POST /admin/reviews/:id/hide and /unhide', () => {
  it('hides a review from the list and the average, and shows it again', async () => {
    const { product, authors, ids } = await reviewed([5, 1, 4]);
    const admin = person('admin');
    const before = (await list(product.id)).body.summary;
    assert.deepEqual(before, { average: '3.3', count: 3, distribution: { 1: 1, 2: 0, 3: 0, 4: 1, 5: 1 } });
    assert.deepEqual(await s.catalogRating(product.id), { average: '3.3', count: 3 });

    const hidden = await s.api('POST', `/admin/reviews/${ids[1]}/hide`, undefined, admin.headers);
    assert.equal(hidden.status, 200);
    assert.equal(hidden.body.is_hidden, true);
    const after = (await list(product.id)).body;
    assert.deepEqual(
      after.items.map((r: { id: string }) => r.id),
      [ids[2], ids[0]],
    );
    assert.equal(after.total, 2);
    assert.deepEqual(after.summary, { average: '4.5', count: 2, distribution: { 1: 0, 2: 0, 3: 0, 4: 1, 5: 1 } });
    assert.deepEqual(await s.catalogRating(product.id), { average: '4.5', count: 2 });
    // Hiding twice changes nothing, and tells the catalog nothing new.
    const outboxBefore = await s.db.selectFrom('outbox').select('id').execute();
    assert.equal((await s.api('POST', `/admin/reviews/${ids[1]}/hide`, undefined, admin.headers)).body.is_hidden, true);
    assert.equal((await s.db.selectFrom('outbox').select('id').execute()).length, outboxBefore.length);

    // The admin's view lists it, marked; its author still sees it as theirs.
    const all = (await list(product.id, '?include_hidden=true', admin.headers)).body;
    assert.deepEqual(
      all.items.map((r: { id: string; is_hidden: boolean }) => [r.id, r.is_hidden]),
      [
        [ids[2], false],
        [ids[1], true],
        [ids[0], false],
      ],
    );
    assert.equal(all.total, 3);
    assert.deepEqual(all.summary, after.summary, 'hidden reviews count in no average, whoever asks');
    const mine = await s.api('GET', `/products/${product.id}/reviews/mine`, undefined, authors[1]!.headers);
    assert.equal(mine.body.review.is_hidden, true);
    // Its author may still edit it (it stays hidden); to anyone else a hidden review does not exist.
    const edited = await s.api('PATCH', `/reviews/${ids[1]}`, { rating: 2 }, authors[1]!.headers);
    assert.equal(edited.status, 200);
    assert.equal(edited.body.is_hidden, true);
    assert.deepEqual((await list(product.id)).body.summary, after.summary);
    assert.equal((await s.api('PATCH', `/reviews/${ids[1]}`, { rating: 5 }, authors[0]!.headers)).status, 404);

    const shown = await s.api('POST', `/admin/reviews/${ids[1]}/unhide`, undefined, admin.headers);
    assert.equal(shown.status, 200);
    assert.equal(shown.body.is_hidden, false);
    assert.deepEqual((await list(product.id)).body.summary, { average: '3.7', count: 3, distribution: { 1: 0, 2: 1, 3: 0, 4: 1, 5: 1 } });
    assert.deepEqual(await s.catalogRating(product.id), { average: '3.7', count: 3 });
  });

  it('is for admins: 401 without a token, 403 for a shopper (its own author too); 404 for an unknown review', async () => {
    const { product, authors, ids } = await reviewed([4]);
    const path = `/admin/reviews/${ids[0]}/hide`;
    assert.equal((await s.api('POST', path)).status, 401);
    assert.equal((await s.api('POST', path, undefined, authors[0]!.headers)).status, 403);
    assert.equal((await s.api('POST', path, undefined, person().headers)).status, 403);
    assert.equal((await list(product.id, '?include_hidden=true')).status, 401);
    assert.equal((await list(product.id, '?include_hidden=true', person().headers)).status, 403);
    const admin = person('admin');
    assert.equal((await s.api('POST', `/admin/reviews/${randomUUID()}/hide`, undefined, admin.headers)).status, 404);
    assert.equal((await s.api('POST', '/admin/reviews/nope/unhide', undefined, admin.headers)).status, 404);
    assert.equal((await list(product.id)).body.summary.count, 1);
  });
});

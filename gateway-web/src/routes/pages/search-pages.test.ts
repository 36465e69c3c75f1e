// The search as a shopper meets it on the results page (a "Did you mean", popular products instead
// of an empty page) and the admin's synonyms at /admin/search, against the real services.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADMIN, flashAfter, type GatewayStack, startGatewayStack, TestBrowser } from '../../testing.js';

let stack: GatewayStack;
let admin: TestBrowser;
let shopper: TestBrowser;
const ids: Record<string, string> = {};

async function product(sku: string, name: string, rating?: string) {
  const row = await stack.catalogDb.db
    .insertInto('products')
    .values({
      sku,
      slug: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
      name,
      description: 'For testing.',
      price: '20.00',
      stock: 5,
      rating_average: rating ?? null,
      rating_count: rating ? 3 : 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  ids[sku] = row.id;
}

before(async () => {
  stack = await startGatewayStack();
  admin = new TestBrowser(stack.url);
  await admin.login(ADMIN.email, ADMIN.password);
  shopper = new TestBrowser(stack.url);
  await shopper.get('/register');
  await shopper.post('/register', {
    full_name: 'Sam Shopper',
    email: 'sam@example.com',
    password: 'sam-password',
    password_confirm: 'sam-password',
  });
  await product('SRP-1', 'Lavender Pillow Mist', '4.8');
  await product('SRP-2', 'Walnut Chessboard');
});

after(async () => {
  await stack.stop();
});

describe('the results page', () => {
  it('finds through a typo and offers the corrected words as a link', async () => {
    const page = await shopper.get('/products?q=lavendar');
    assert.equal(page.status, 200);
    assert.match(page.html, /Lavender Pillow Mist/);
    assert.match(page.html, /Did you mean <a href="\/products\?q=lavender"><strong>lavender<\/strong><\/a>\?/);
    assert.doesNotMatch((await shopper.get('/products?q=lavender')).html, /Did you mean/);
  });

  it('says so when the products found match only some of the words', async () => {
    const page = await shopper.get('/products?q=lavender%20zzyzx');
    assert.match(page.html, /No products match/);
    assert.match(page.html, /Nothing matches every word of “lavender zzyzx”: these products match “lavender”/);
    assert.match(page.html, /Lavender Pillow Mist/);
  });

  it('shows popular products, saying so, when a search finds nothing', async () => {
    const page = await shopper.get('/products?q=zzyzx');
    assert.equal(page.status, 200);
    assert.match(page.html, /No products match/);
    assert.match(page.html, /Nothing matched “zzyzx”, so here are the shop’s best-rated products instead/);
    assert.match(page.html, /Lavender Pillow Mist/);
  });
});

describe('/admin/search', () => {
  it('is the admin’s: a visitor signs in first, a shopper gets a 403, a form without its token too', async () => {
    assert.equal((await new TestBrowser(stack.url).get('/admin/search')).status, 302);
    assert.equal((await shopper.get('/admin/search')).status, 403);
    assert.equal((await shopper.post('/admin/search/synonyms', { term: 'sneaky', synonym: 'chess' })).status, 403);
    await admin.get('/admin/search');
    assert.equal((await admin.post('/admin/search/synonyms', { _csrf: '', term: 'sneaky', synonym: 'chess' })).status, 403);
  });

  it('adds a synonym the search follows, explains a refusal, and removes it', async () => {
    assert.doesNotMatch((await shopper.get('/products?q=draughtsboard')).html, /Walnut Chessboard<\/a>/);
    await admin.get('/admin/search');
    const added = await admin.post('/admin/search/synonyms', { term: 'Draughtsboard', synonym: 'chessboard' });
    assert.match(await flashAfter(admin, added), /A search for “draughtsboard” now also finds “chessboard”/);
    const listed = await admin.get('/admin/search');
    assert.match(listed.html, /<td><a href="\/products\?q=draughtsboard">draughtsboard<\/a><\/td>\s*<td>chessboard<\/td>/);
    assert.match((await shopper.get('/products?q=draughtsboard')).html, /Walnut Chessboard/);

    const again = await admin.post('/admin/search/synonyms', { term: 'draughtsboard', synonym: 'chessboard' });
    assert.equal(again.status, 409);
    assert.match(again.html, /already finds/);
    const bad = await admin.post('/admin/search/synonyms', { term: 'x;y', synonym: '' });
    assert.equal(bad.status, 422);
    assert.match(bad.html, /is-invalid/);

    const id = /action="\/admin\/search\/synonyms\/([0-9a-f-]+)\/delete"/.exec((await admin.get('/admin/search')).html)![1];
    const removed = await admin.post(`/admin/search/synonyms/${id}/delete`, {});
    assert.match(await flashAfter(admin, removed), /The synonym was removed/);
    assert.doesNotMatch((await admin.get('/admin/search')).html, /draughtsboard<\/a>/);
  });
});

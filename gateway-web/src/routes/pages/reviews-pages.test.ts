// The reviews of a product page, as a browser without JavaScript uses them: the summary and the
// list, the form for a buyer whose order was delivered (with CSRF), editing and deleting one's own,
// an admin hiding one, the vendor's reply under a review of their product, the stars on the product
// card, and the page without review-service.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createJwt } from '@dm/common/jwt';
import { silentLogger, startTestServer } from '@dm/common/testing';
import { createApp as createReviewApp } from '@dm/review-service/app';
import { reviewDependencies } from '@dm/review-service/services';
import { ADMIN, type GatewayStack, startGatewayStack, TestBrowser } from '../../testing.js';
import { adminToken, call, deliver, newShopper, pendingOrder } from '../api/test-client.js';

let stack: GatewayStack;
let buyer: Awaited<ReturnType<typeof newShopper>>;
let product: { id: string; slug: string; name: string };
let page = '';

before(async () => {
  stack = await startGatewayStack();
  const admin = await adminToken(stack.url);
  buyer = await newShopper(stack.url);
  const order = await pendingOrder(stack.url, admin, buyer);
  await deliver(stack.url, admin, buyer, order.orderId);
  product = (await call(stack.url, 'GET', `/api/products/${order.productId}`)).body;
  page = `/products/${product.slug}`;
});

after(async () => {
  await stack.stop();
});

async function signedIn(email: string, password: string): Promise<TestBrowser> {
  const browser = new TestBrowser(stack.url);
  await browser.login(email, password);
  return browser;
}

const reviewIdIn = (html: string) => /action="[^"]*\/reviews\/([0-9a-f-]{36})\/delete"/.exec(html)?.[1];

describe('the reviews of a product page', () => {
  it('shows a guest that there are none yet, and where to sign in to write one', async () => {
    const res = await new TestBrowser(stack.url).get(page);
    assert.equal(res.status, 200);
    assert.match(res.html, /<section class="reviews" id="reviews"/);
    assert.match(res.html, /No reviews yet\./);
    assert.match(res.html, /href="\/login\?next=%2Fproducts%2F[^"]+%23reviews">Sign in<\/a> to review/);
    assert.doesNotMatch(res.html, /Write a review/);
  });

  it('tells a signed-in shopper who has not received the product why they cannot review it', async () => {
    const stranger = await newShopper(stack.url);
    const res = await (await signedIn(stranger.email, stranger.password)).get(page);
    assert.match(res.html, /Only shoppers whose order of this product has been delivered can review it\./);
    assert.doesNotMatch(res.html, /Write a review/);
  });

  it('lets the buyer write one: a refusal keeps what was typed, then the review shows escaped, with the average and the bars', async () => {
    const browser = await signedIn(buyer.email, buyer.password);
    const form = await browser.get(page);
    assert.match(form.html, /Write a review/);
    assert.match(form.html, /<legend[^>]*>Your rating<\/legend>/);

    const tooLong = await browser.post(`${page}/reviews`, {
      product_id: product.id,
      rating: '4',
      title: 't'.repeat(121),
      body: 'Kept as typed',
    });
    assert.equal(tooLong.status, 422);
    assert.match(tooLong.html, /must be at most 120 characters/);
    assert.match(tooLong.html, />Kept as typed<\/textarea>/);
    assert.match(tooLong.html, /value="4" checked/);

    const posted = await browser.post(`${page}/reviews`, {
      product_id: product.id,
      rating: '4',
      title: '<b>Sturdy</b> & quiet',
      body: '<script>alert(1)</script>\r\n\r\nSecond paragraph.',
    });
    assert.equal(posted.status, 302);
    assert.equal(posted.location, `${page}#reviews`);
    const shown = await browser.get(page);
    assert.match(shown.html, /Thank you: your review is posted\./);
    assert.match(shown.html, /&lt;b&gt;Sturdy&lt;\/b&gt; &amp; quiet/);
    assert.match(shown.html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.doesNotMatch(shown.html, /<b>Sturdy<\/b>|<script>alert/);
    assert.match(shown.html, /<p>Second paragraph\.<\/p>/);
    assert.match(shown.html, /class="reviews-average-number">4\.0</);
    assert.match(shown.html, /aria-label="Rated 4\.0 out of 5"/);
    assert.match(shown.html, />1 review</);
    assert.match(
      shown.html,
      /4 stars<\/span>\s*<span class="rating-bar" aria-hidden="true"><span class="rating-bar-fill" style="width: 100%">/,
    );
    assert.match(shown.html, /By Sam S\. \(you\)/);
    assert.match(shown.html, /Your review/);

    // A second one is refused, and said so.
    const again = await browser.post(`${page}/reviews`, { product_id: product.id, rating: '1', title: 'Again' });
    assert.equal(again.status, 302);
    assert.match((await browser.get(page)).html, /You have reviewed this product already/);
  });

  it('shows the stars and the count on the product card of the listing', async () => {
    const listing = await new TestBrowser(stack.url).get('/products?sort=rating');
    assert.equal(listing.status, 200);
    assert.match(listing.html, /<option value="rating" selected>Top rated<\/option>/);
    const card = listing.html.slice(listing.html.indexOf(`href="/products/${product.slug}"`));
    assert.match(
      card.slice(0, 2000),
      /class="product-card-rating"><span class="stars stars-sm" role="img" aria-label="Rated 4\.0 out of 5">/,
    );
    assert.match(card.slice(0, 2000), /\(1<span class="visually-hidden"> review<\/span>\)/);
  });

  it('lets the author edit and delete it, and no one without the CSRF token', async () => {
    const browser = await signedIn(buyer.email, buyer.password);
    const id = reviewIdIn((await browser.get(page)).html);
    assert.ok(id, 'the page offers the author the delete form');
    const forged = await browser.post(`${page}/reviews/${id}/edit`, { _csrf: '', rating: '1', title: 'Forged' });
    assert.equal(forged.status, 403);
    const edited = await browser.post(`${page}/reviews/${id}/edit`, { rating: '2', title: 'Sturdy, but loud', body: '' });
    assert.equal(edited.status, 302);
    const shown = await browser.get(page);
    assert.match(shown.html, /Your review is updated\./);
    assert.match(shown.html, /Sturdy, but loud/);
    assert.match(shown.html, /class="reviews-average-number">2\.0</);
    assert.match(shown.html, /· edited/);

    // Someone else cannot, even with the form's address.
    const other = await newShopper(stack.url);
    const intruder = await signedIn(other.email, other.password);
    await intruder.get(page);
    assert.equal((await intruder.post(`${page}/reviews/${id}/delete`, {})).status, 302);
    assert.match((await intruder.get(page)).html, /Only its author may change a review\./);
    assert.match((await intruder.get(page)).html, /Sturdy, but loud/);
  });

  it('lets an admin hide a review from the product page and show it again', async () => {
    const admin = await signedIn(ADMIN.email, ADMIN.password);
    const before = await admin.get(page);
    const id = /action="[^"]*\/reviews\/([0-9a-f-]{36})\/hide"/.exec(before.html)?.[1];
    assert.ok(id, 'the admin has a Hide button');
    assert.equal((await admin.post(`${page}/reviews/${id}/hide`, {})).status, 302);
    const hidden = await admin.get(page);
    assert.match(hidden.html, /The review is hidden/);
    assert.match(hidden.html, /<span class="badge text-bg-secondary">Hidden<\/span>/);
    assert.match(hidden.html, /Show again/);
    const guest = await new TestBrowser(stack.url).get(page);
    assert.doesNotMatch(guest.html, /Sturdy, but loud/);
    assert.match(guest.html, /No reviews yet\./);
    // A shopper cannot use the admin's form.
    const shopper = await signedIn(buyer.email, buyer.password);
    await shopper.get(page);
    assert.equal((await shopper.post(`${page}/reviews/${id}/unhide`, {})).status, 403);
    assert.equal((await admin.post(`${page}/reviews/${id}/unhide`, {})).status, 302);
    assert.match((await new TestBrowser(stack.url).get(page)).html, /Sturdy, but loud/);
  });

  it('lets the author delete it', async () => {
    const browser = await signedIn(buyer.email, buyer.password);
    const id = reviewIdIn((await browser.get(page)).html);
    assert.equal((await browser.post(`${page}/reviews/${id}/delete`, {})).status, 302);
    const shown = await browser.get(page);
    assert.match(shown.html, /Your review is deleted\./);
    assert.match(shown.html, /No reviews yet\./);
    assert.match(shown.html, /Write a review/);
  });

  it('still shows the product when review-service cannot be reached, and says reviews are unavailable', async () => {
    const gateway = await stack.startGateway({ reviewUrl: 'http://127.0.0.1:9' });
    const res = await new TestBrowser(gateway.url).get(page);
    assert.equal(res.status, 200);
    assert.match(res.html, new RegExp(product.name));
    assert.match(res.html, /Reviews are unavailable right now\./);
    assert.equal((await call(gateway.url, 'GET', `/api/products/${product.id}/reviews`)).status, 503);
  });

  it('still shows the product when review-service refuses the visitor’s token (one that expired on its way there)', async () => {
    // A review-service that knows another secret: it answers the public list, and 401 to the token.
    const other = createJwt('another-review-secret-at-least-32-characters');
    const nowhere = 'http://127.0.0.1:9';
    const deps = reviewDependencies(stack.reviewsDb.db, other, silentLogger, { ORDER_URL: nowhere, CATALOG_URL: nowhere });
    const reviews = await startTestServer(createReviewApp({ ...deps, jwt: other }));
    try {
      const gateway = await stack.startGateway({ reviewUrl: reviews.url });
      const browser = new TestBrowser(gateway.url);
      await browser.login(buyer.email, buyer.password);
      const res = await browser.get(page);
      assert.equal(res.status, 200);
      assert.match(res.html, new RegExp(product.name));
      assert.match(res.html, /We cannot tell right now whether you can review this product\./);
    } finally {
      await reviews.close();
    }
  });
});

describe('a vendor’s reply under a review of their product', () => {
  let admin = '';
  let vendor: Awaited<ReturnType<typeof newShopper>>;
  let sold = { id: '', slug: '' };
  let soldPage = '';
  let reviewId = '';
  let vendorToken = '';

  /** A shopper who applied to sell and whom the admin approved: the shop opens, the role follows. */
  async function openShop(shopName: string) {
    const seller = await newShopper(stack.url);
    const applied = await call(stack.url, 'POST', '/api/vendors/apply', {
      token: seller.token,
      body: {
        shop_name: shopName,
        description: 'Kettles and lamps, quietly.',
        contact_email: 'hello@shop.example',
        payout_reference: 'IBAN TEST 0000',
      },
    });
    assert.equal(applied.status, 201, applied.text);
    const approved = await call(stack.url, 'POST', `/api/admin/vendor-applications/${applied.body.id}/approve`, { token: admin });
    assert.equal(approved.status, 200, approved.text);
    return seller;
  }

  before(async () => {
    admin = await adminToken(stack.url);
    vendor = await openShop('Lumen & Co');
    const shopper = await newShopper(stack.url);
    const order = await pendingOrder(stack.url, admin, shopper);
    // The product the buyer ordered becomes the shop's (set-up: the catalog's own column).
    await stack.catalogDb.db.updateTable('products').set({ vendor_id: vendor.id }).where('id', '=', order.productId).execute();
    await deliver(stack.url, admin, shopper, order.orderId);
    sold = (await call(stack.url, 'GET', `/api/products/${order.productId}`)).body;
    soldPage = `/products/${sold.slug}`;
    const review = await call(stack.url, 'POST', `/api/products/${sold.id}/reviews`, {
      token: shopper.token,
      body: { rating: 3, title: 'Too loud' },
    });
    assert.equal(review.status, 201, review.text);
    reviewId = review.body.id;
    // The role is in the token: a token of the vendor's from before the promotion is a shopper's.
    vendorToken = (await call(stack.url, 'POST', '/api/auth/login', { body: { email: vendor.email, password: vendor.password } })).body
      .access_token;
  });

  it('offers the vendor a Reply form (not a shopper, another vendor or a guest); a refusal keeps what was typed; the reply shows escaped, from the shop, once', async () => {
    const browser = await signedIn(vendor.email, vendor.password);
    const form = await browser.get(soldPage);
    assert.equal(form.status, 200);
    assert.match(form.html, new RegExp(`action="${soldPage}/reviews/${reviewId}/reply"`));
    assert.match(form.html, /<summary class="review-edit-summary">Reply<span class="visually-hidden"> to the review “Too loud”/);

    const others = [await signedIn(buyer.email, buyer.password), new TestBrowser(stack.url)];
    const otherVendor = await openShop('Other Goods');
    others.push(await signedIn(otherVendor.email, otherVendor.password));
    for (const other of others) assert.doesNotMatch((await other.get(soldPage)).html, /\/reply"/);
    // Another vendor who posts the form anyway is told no.
    const intruder = others[2]!;
    assert.equal((await intruder.post(`${soldPage}/reviews/${reviewId}/reply`, { body: 'Buy mine instead' })).status, 302);
    assert.match((await intruder.get(soldPage)).html, /Only the shop that sells this product may reply to its reviews\./);

    const forged = await browser.post(`${soldPage}/reviews/${reviewId}/reply`, { _csrf: '', body: 'Forged' });
    assert.equal(forged.status, 403);
    const empty = await browser.post(`${soldPage}/reviews/${reviewId}/reply`, { body: '   ' });
    assert.equal(empty.status, 422);
    assert.match(empty.html, /<details class="review-edit review-reply-form" open>/);
    assert.match(empty.html, /is required/);
    const tooLong = await browser.post(`${soldPage}/reviews/${reviewId}/reply`, { body: `Kept as typed ${'x'.repeat(2000)}` });
    assert.equal(tooLong.status, 422);
    assert.match(tooLong.html, /must be at most 2000 characters/);
    assert.match(tooLong.html, />Kept as typed x+<\/textarea>/);

    const posted = await browser.post(`${soldPage}/reviews/${reviewId}/reply`, {
      body: '<script>alert(1)</script> Sorry: a quieter one ships now.',
    });
    assert.equal(posted.status, 302);
    assert.equal(posted.location, `${soldPage}#reviews`);
    const shown = await browser.get(soldPage);
    assert.match(shown.html, /Your reply is posted under the review\./);
    assert.match(shown.html, /Reply from Lumen &amp; Co on <time datetime="[^"]+">/);
    assert.match(shown.html, /&lt;script&gt;alert\(1\)&lt;\/script&gt; Sorry: a quieter one ships now\./);
    assert.doesNotMatch(shown.html, /<script>alert/);
    assert.doesNotMatch(shown.html, /\/reply"/, 'no second reply is offered');
    assert.match((await new TestBrowser(stack.url).get(soldPage)).html, /Reply from Lumen &amp; Co/);

    const again = await browser.post(`${soldPage}/reviews/${reviewId}/reply`, { body: 'Second thoughts' });
    assert.equal(again.status, 302);
    const later = await browser.get(soldPage);
    assert.match(later.html, /This review has a reply already\./);
    assert.doesNotMatch(later.html, /Second thoughts/);
  });

  it('takes a reply through the API too (the vendor’s token), and lets an admin remove one from the page', async () => {
    const api = await call(stack.url, 'POST', `/api/reviews/${reviewId}/reply`, { token: vendorToken, body: { body: 'Twice?' } });
    assert.equal(api.status, 409);
    const list = await call(stack.url, 'GET', `/api/products/${sold.id}/reviews`);
    assert.match(list.body.items[0].vendor_reply, /Sorry: a quieter one ships now\./);

    const adminBrowser = await signedIn(ADMIN.email, ADMIN.password);
    await adminBrowser.get(soldPage);
    assert.equal((await adminBrowser.post(`${soldPage}/reviews/${reviewId}/remove-reply`, {})).status, 302);
    const removed = await adminBrowser.get(soldPage);
    assert.match(removed.html, /The reply is removed\./);
    assert.doesNotMatch(removed.html, /Reply from Lumen/);
    const fresh = await call(stack.url, 'POST', `/api/reviews/${reviewId}/reply`, { token: vendorToken, body: { body: 'Sorry.' } });
    assert.equal(fresh.status, 201);
    assert.equal(fresh.body.vendor_reply, 'Sorry.');
  });
});

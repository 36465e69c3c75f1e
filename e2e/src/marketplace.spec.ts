// The marketplace end to end, in five steps that share one scene: a shopper applies to sell and
// the admin approves; the new vendor adds a product with an image; another shopper buys it, the
// vendor ships it, the admin marks it delivered; the buyer reviews it and its card shows the stars.
// Access tokens live seconds in the e2e stack: each step signs in afresh rather than keep one.
import { expect, type Page, test } from '@playwright/test';
import { ADMIN, apiToken, newShopper, signInWithToken } from './accounts.js';
import { pngBytes, uniqueSuffix } from './files.js';
import { shoot } from './screenshots.js';
import { adminToken, placePaidOrder, putInCart } from './shop-api.js';

test.describe.configure({ mode: 'serial' });

const suffix = uniqueSuffix();
const shopName = `Fern and Loom ${suffix}`;
const productName = `Linen Napkins ${suffix}`;
let seller: { email: string; password: string };
let productSlug = '';
let orderId = '';
let buyer: { email: string; password: string };

async function signedIn(page: Page, baseURL: string, email: string, password: string) {
  await signInWithToken(page.context(), baseURL, await apiToken(page.request, email, password));
}

test('a shopper applies to sell, and the admin approves', async ({ page, browser, baseURL, request }) => {
  seller = await newShopper(request, 'seller');
  await signedIn(page, baseURL!, seller.email, seller.password);
  await page.goto('/sell');
  await page.getByLabel('Shop name').fill(shopName);
  await page.getByLabel('What you sell').fill('Hand-woven linen for the kitchen and the table.');
  await page.getByLabel('Contact email').fill('hello@fernandloom.example');
  await page.getByLabel('Payout reference').fill('IBAN DE89 3704 0044 0532 0130 00');
  await page.getByRole('button', { name: 'Send application' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'is waiting for a decision' })).toBeVisible();

  const admin = await browser.newPage({ baseURL });
  await signedIn(admin, baseURL!, ADMIN.email, ADMIN.password);
  await admin.goto('/admin/vendors');
  await admin
    .getByRole('article', { name: `Application of ${shopName}` })
    .getByRole('button', { name: 'Approve' })
    .click();
  await expect(admin.getByRole('status').filter({ hasText: `“${shopName}” is open` })).toBeVisible();
  await admin.close();
});

test('the new vendor adds a product with an image', async ({ page, baseURL }) => {
  // Approval ended the applicant's sessions: this sign-in carries the role vendor.
  await signedIn(page, baseURL!, seller.email, seller.password);
  await page.goto('/vendor/products');
  await page.getByRole('link', { name: 'New product' }).click();
  await page.getByLabel('Name').fill(productName);
  await page.getByLabel('Description').fill('Stonewashed linen, four to a set.');
  await page.getByLabel('SKU').fill(`FERN-${suffix}`);
  await page.getByLabel('Price ($)').fill('24.00');
  await page.getByLabel('Stock').fill('6');
  await page.getByRole('button', { name: 'Create product' }).click();
  await expect(page.getByRole('status').filter({ hasText: `“${productName}” was created` })).toBeVisible();
  await page
    .getByLabel(/Add images/)
    .setInputFiles({ name: 'napkins.png', mimeType: 'image/png', buffer: pngBytes(120, 120, [120, 160, 110]) });
  await page.getByRole('button', { name: 'Upload' }).click();
  await expect(page.getByRole('status').filter({ hasText: '1 image was added.' })).toBeVisible();
  await shoot(page, 'vendor-product');
});

test('shoppers see who sells it, on its card and its page', async ({ browser, baseURL }) => {
  const shopper = await browser.newPage({ baseURL });
  await shopper.goto(`/products?q=${encodeURIComponent(productName)}`);
  const card = shopper.locator('.product-card').filter({ hasText: productName });
  await expect(card).toContainText(`Sold by ${shopName}`);
  await card.click();
  productSlug = new URL(shopper.url()).pathname.split('/').pop()!;
  await expect(shopper.locator('.product-vendor')).toHaveText(`Sold by ${shopName}`);
  await shopper.close();
});

test('another shopper buys it, the vendor ships it with a tracking number, and the admin marks it delivered', async ({
  page,
  baseURL,
  request,
}) => {
  const shopper = await newShopper(request, 'buyer');
  buyer = shopper;
  const product = (await (await request.get(`/api/products/${productSlug}`)).json()) as { id: string };
  await putInCart(request, shopper.token, product.id);
  orderId = await placePaidOrder(request, shopper.token);

  await signedIn(page, baseURL!, seller.email, seller.password);
  await page.goto('/vendor/orders');
  const order = page.getByRole('article', { name: new RegExp(`Order ${orderId.slice(0, 8)}`, 'i') });
  await expect(order).toContainText(productName);
  await order.getByLabel('Tracking number').fill('1Z 999 AA1 0123 4567');
  await order.getByRole('button', { name: 'Mark shipped' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'tracking number 1Z 999 AA1 0123 4567' })).toBeVisible();
  await shoot(page, 'vendor-orders');

  // Every item is the vendor's, so the order is shipped; the back office confirms the delivery.
  const buyerToken = await apiToken(request, buyer.email, buyer.password);
  const shipped = await request.get(`/api/orders/${orderId}`, { headers: { authorization: `Bearer ${buyerToken}` } });
  expect(((await shipped.json()) as { status: string }).status).toBe('shipped');
  const delivered = await request.patch(`/api/orders/${orderId}/status`, {
    headers: { authorization: `Bearer ${await adminToken()}` },
    data: { status: 'delivered' },
  });
  expect(delivered.status(), await delivered.text()).toBe(200);
});

test('the buyer reviews it, and its card shows the stars', async ({ page, baseURL }) => {
  await signedIn(page, baseURL!, buyer.email, buyer.password);
  await page.goto(`/products/${productSlug}`);
  const reviews = page.getByRole('region', { name: 'Reviews', exact: true });
  await reviews.getByRole('radio', { name: '5 stars' }).check();
  await reviews.getByLabel('Title').fill('Soft after one wash');
  await reviews.getByRole('button', { name: 'Post review' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Thank you: your review is posted.' })).toBeVisible();

  // The rating reaches the catalog through review-service's outbox; the listing's cache lives 2 s.
  const card = page.locator('.product-card').filter({ hasText: productName });
  await expect(async () => {
    await page.goto(`/products?q=${encodeURIComponent(productName)}`);
    await expect(card.getByRole('img', { name: 'Rated 5.0 out of 5' })).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 10_000 });
  await expect(card).toContainText(`Sold by ${shopName}`);
  await shoot(page, 'marketplace-card');
});

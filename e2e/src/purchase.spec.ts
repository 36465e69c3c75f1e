// The purchase, in three parts that each set their own scene: a guest fills a cart and registering
// carries it to the checkout; a shopper is declined, then pays; an admin ships a paid order and its
// shopper follows it. Screenshots purchase-1 … purchase-6 keep the story for a human look.
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { adminState, newShopper, signInWithToken, uniqueEmail } from './accounts.js';
import { SHOTS } from './screenshots.js';
import { ADDRESS, demoProduct, placePaidOrder, putInCart } from './shop-api.js';

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `purchase-${name}.png`), fullPage: true });

/** Adds the first in-stock product of a listing page to the cart; answers its name. */
async function addFromListing(page: Page, listing: string, skip: string[] = []): Promise<string> {
  await page.goto(listing);
  const cards = page.locator('.product-card').filter({ hasNot: page.getByText('Sold out') });
  const names = (await cards.locator('.product-card-title').allTextContents()).map((n) => n.trim());
  const index = names.findIndex((n) => !skip.includes(n));
  if (index < 0) throw new Error(`no product to add on ${listing}`);
  await cards.nth(index).click();
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Added “${names[index]}” to your cart.` })).toBeVisible();
  return names[index]!;
}

async function fillCard(page: Page, number: string) {
  await page.getByLabel('Card number').fill(number);
  await page.getByLabel('Month').fill('12');
  await page.getByLabel('Year').fill(String(new Date().getFullYear() + 2));
  await page.getByLabel('CVC').fill('123');
}

test('a guest fills a cart, and registering carries it to the checkout', async ({ page }) => {
  // Two products, cheapest first so the order stays small.
  const first = await addFromListing(page, '/products?sort=price_asc&min_price=5&in_stock=1');
  const second = await addFromListing(page, '/products?sort=price_asc&min_price=20&in_stock=1', [first]);
  await expect(page.getByRole('link', { name: /Cart, 2 items/ })).toBeVisible();
  await shot(page, '1-guest-cart');

  await page.getByRole('main').getByRole('link', { name: 'Create an account' }).click();
  await page.getByLabel('Full name').fill('Casey Buyer');
  await page.getByLabel('Email').fill(uniqueEmail('buyer'));
  await page.getByLabel('Password', { exact: true }).fill('casey-password');
  await page.getByLabel('Repeat password').fill('casey-password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('status')).toContainText('We added the items you picked to your cart.');
  await expect(page).toHaveURL(/\/checkout$/);
  const summary = page.getByRole('complementary', { name: 'Order summary' });
  await expect(summary).toContainText(first);
  await expect(summary).toContainText(second);
});

test('a shopper is declined, pays with another card, and finds the order paid', async ({ page, context, request, baseURL }) => {
  const shopper = await newShopper(request, 'buyer');
  await putInCart(request, shopper.token, (await demoProduct(request)).id);
  await signInWithToken(context, baseURL!, shopper.token);

  await page.goto('/checkout');
  await page.getByLabel('Full name').fill(ADDRESS.full_name);
  await page.getByLabel('Address', { exact: true }).fill(ADDRESS.line1);
  await page.getByLabel('City').fill(ADDRESS.city);
  await page.getByLabel('Postal code').fill(ADDRESS.postal_code);
  await page.getByLabel('Country').fill(ADDRESS.country);
  await page.getByLabel('Phone').fill(ADDRESS.phone);
  await fillCard(page, '4000 0000 0000 0002');
  await shot(page, '2-checkout');
  await page.getByRole('button', { name: /^Pay \$/ }).click();
  await expect(page.getByRole('alert')).toContainText('Your card was declined.');
  await shot(page, '3-declined');

  // The retry with the good card pays the order.
  await fillCard(page, '4242 4242 4242 4242');
  await page.getByRole('button', { name: /^Pay \$/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Your payment went through' })).toBeVisible();
  await expect(page.getByText('Paid', { exact: true }).first()).toBeVisible();
  const orderId = page.url().split('/').pop()!;
  // The cart was emptied when the order was made.
  await expect(page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Cart', exact: true })).toBeVisible();

  await page.getByRole('link', { name: 'Orders', exact: true }).first().click();
  const row = page.getByRole('link', { name: new RegExp(`Order ${orderId.slice(0, 8).toUpperCase()}`) });
  await expect(row).toContainText('Paid');
  await shot(page, '4-orders');

  // The mails the events made: the confirmation and the declined payment, each sent once.
  const ref = orderId.slice(0, 8).toUpperCase();
  await expect(async () => {
    await page.goto('/account/notifications');
    await expect(page.getByText(new RegExp(`Your order ${ref} is confirmed`))).toHaveCount(1);
    await expect(page.getByText(new RegExp(`Your payment for order ${ref} did not go through`))).toHaveCount(1);
  }).toPass({ timeout: 20_000 });
  await shot(page, '5-notifications');
});

test('an admin ships a paid order, and its shopper sees the status and its history', async ({
  page,
  context,
  browser,
  request,
  baseURL,
}) => {
  const shopper = await newShopper(request, 'buyer');
  await putInCart(request, shopper.token, (await demoProduct(request)).id);
  const orderId = await placePaidOrder(request, shopper.token);

  const admin = await browser.newContext({ baseURL, storageState: await adminState(request, baseURL!) });
  const adminPage = await admin.newPage();
  await adminPage.goto('/admin/orders?status=paid');
  await adminPage.getByRole('link', { name: orderId.slice(0, 8).toUpperCase() }).click();
  await adminPage.getByRole('button', { name: 'Mark as processing' }).click();
  await expect(adminPage.getByRole('status')).toContainText('The order is now processing.');
  await adminPage.getByRole('button', { name: 'Mark as shipped' }).click();
  await expect(adminPage.getByRole('status')).toContainText('The order is now shipped.');
  await adminPage.screenshot({ path: path.join(SHOTS, 'purchase-5-admin-order.png'), fullPage: true });
  await admin.close();

  await signInWithToken(context, baseURL!, shopper.token);
  await page.goto(`/orders/${orderId}`);
  await expect(page.locator('.order-layout')).toContainText('Shipped');
  const history = page.getByRole('region', { name: 'Status history' }).or(page.locator('.timeline'));
  await expect(history.first()).toContainText('Awaiting payment');
  await expect(history.first()).toContainText('Paid');
  await expect(history.first()).toContainText('Shipped');
  await shot(page, '6-order-shipped');
});

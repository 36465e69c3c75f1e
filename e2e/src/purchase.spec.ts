// The whole purchase: a guest fills a cart, registers (the cart comes along), checks out, is
// declined, pays, and follows the order while an admin ships it.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page, test } from '@playwright/test';
import { ADMIN_STATE, uniqueEmail } from './accounts.js';

const SHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-results', 'screenshots');
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `purchase-${name}.png`), fullPage: true });

/** Adds the first in-stock product of a listing page to the cart; answers its name. */
async function addFromListing(page: Page, listing: string, skip: string[] = []): Promise<string> {
  await page.goto(listing);
  const cards = page.locator('.product-card').filter({ hasNot: page.getByText('Sold out') });
  const count = await cards.count();
  for (let i = 0; i < count; i++) {
    const name = (await cards.nth(i).locator('.product-card-title').textContent())!.trim();
    if (skip.includes(name)) continue;
    await cards.nth(i).click();
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await expect(page.getByRole('status').filter({ hasText: `Added “${name}” to your cart.` })).toBeVisible();
    return name;
  }
  throw new Error(`no product to add on ${listing}`);
}

async function fillCard(page: Page, number: string) {
  await page.getByLabel('Card number').fill(number);
  await page.getByLabel('Month').fill('12');
  await page.getByLabel('Year').fill(String(new Date().getFullYear() + 2));
  await page.getByLabel('CVC').fill('123');
}

test('a guest buys two products, pays after a decline, and sees the order shipped', async ({ page, browser, baseURL }) => {
  // A guest fills a cart: two products, cheapest first so the order stays small.
  const first = await addFromListing(page, '/products?sort=price_asc&min_price=5&in_stock=1');
  const second = await addFromListing(page, '/products?sort=price_asc&min_price=20&in_stock=1', [first]);
  await expect(page.getByRole('link', { name: /Cart, 2 items/ })).toBeVisible();
  await shot(page, '1-guest-cart');

  // Registering carries the cart over.
  await page.getByRole('main').getByRole('link', { name: 'Create an account' }).click();
  const email = uniqueEmail('buyer');
  await page.getByLabel('Full name').fill('Casey Buyer');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill('casey-password');
  await page.getByLabel('Repeat password').fill('casey-password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('status')).toContainText('We added the items you picked to your cart.');
  await expect(page).toHaveURL(/\/checkout$/);

  // Checkout: address, then a declined card.
  await expect(page.getByRole('complementary', { name: 'Order summary' })).toContainText(first);
  await expect(page.getByRole('complementary', { name: 'Order summary' })).toContainText(second);
  await page.getByLabel('Full name').fill('Casey Buyer');
  await page.getByLabel('Address', { exact: true }).fill('221B Baker Street');
  await page.getByLabel('City').fill('London');
  await page.getByLabel('Postal code').fill('NW1 6XE');
  await page.getByLabel('Country').fill('United Kingdom');
  await page.getByLabel('Phone').fill('+44 20 7224 3688');
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
  const orderUrl = page.url();
  const orderId = orderUrl.split('/').pop()!;
  // The cart was emptied when the order was made.
  await expect(page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Cart', exact: true })).toBeVisible();

  await page.getByRole('link', { name: 'Orders', exact: true }).first().click();
  const row = page.getByRole('link', { name: new RegExp(`Order ${orderId.slice(0, 8).toUpperCase()}`) });
  await expect(row).toContainText('Paid');
  await shot(page, '4-orders');

  // An admin ships it from /admin/orders.
  const admin = await browser.newContext({ baseURL, storageState: ADMIN_STATE });
  const adminPage = await admin.newPage();
  await adminPage.goto('/admin/orders?status=paid');
  await adminPage.getByRole('link', { name: orderId.slice(0, 8).toUpperCase() }).click();
  await adminPage.getByRole('button', { name: 'Mark as processing' }).click();
  await expect(adminPage.getByRole('status')).toContainText('The order is now processing.');
  await adminPage.getByRole('button', { name: 'Mark as shipped' }).click();
  await expect(adminPage.getByRole('status')).toContainText('The order is now shipped.');
  await adminPage.screenshot({ path: path.join(SHOTS, 'purchase-5-admin-order.png'), fullPage: true });
  await admin.close();

  // The shopper sees the new status and its history.
  await page.goto(orderUrl);
  await expect(page.locator('.order-layout')).toContainText('Shipped');
  const history = page.getByRole('region', { name: 'Status history' }).or(page.locator('.timeline'));
  await expect(history.first()).toContainText('Awaiting payment');
  await expect(history.first()).toContainText('Paid');
  await expect(history.first()).toContainText('Shipped');
  await shot(page, '6-order-shipped');
});

import { expect, test } from '@playwright/test';
import { ADMIN_STATE } from './accounts.js';
import { pngBytes, uniqueSuffix } from './files.js';
import { shoot } from './screenshots.js';

test('a shopper searches with a typo, narrows by category and price, and opens a product’s gallery', async ({ page, browser, baseURL }) => {
  // An admin first puts a product with two pictures in Audio, priced below every demo audio product.
  const suffix = uniqueSuffix();
  const name = `Driftwood Headphones Stand ${suffix}`;
  const admin = await browser.newContext({ storageState: ADMIN_STATE, baseURL });
  const adminPage = await admin.newPage();
  await adminPage.goto('/admin/products/new');
  await adminPage.getByLabel('Name').fill(name);
  await adminPage.getByLabel('Description').fill('A sculpted driftwood stand that keeps headphones off the desk.');
  await adminPage.getByLabel('SKU').fill(`E2E-STAND-${suffix}`);
  await adminPage.getByLabel('Price ($)').fill('14.50');
  await adminPage.getByLabel('Stock').fill('9');
  await adminPage.getByRole('group', { name: 'Categories' }).getByLabel('Audio', { exact: true }).check();
  await adminPage.getByRole('button', { name: 'Create product' }).click();
  await adminPage.getByLabel(/Add images/).setInputFiles([
    { name: 'stand-front.png', mimeType: 'image/png', buffer: pngBytes(240, 240, [150, 100, 60]) },
    { name: 'stand-side.png', mimeType: 'image/png', buffer: pngBytes(240, 180, [60, 110, 160]) },
  ]);
  await adminPage.getByRole('button', { name: 'Upload' }).click();
  await expect(adminPage.getByRole('status').filter({ hasText: '2 images were added.' })).toBeVisible();
  await admin.close();

  // The shopper types with a typo: suggestions appear under the box and the arrow keys move through them.
  await page.goto('/');
  const search = page.getByRole('combobox', { name: 'Search products' });
  await search.fill('hedphones');
  const suggestions = page.getByRole('listbox', { name: 'Product suggestions' });
  await expect(suggestions).toBeVisible();
  await expect(suggestions.getByRole('option', { name: /Headphones/ }).first()).toBeVisible();
  await expect(search).toHaveAttribute('aria-expanded', 'true');
  await search.press('ArrowDown');
  await expect(suggestions.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  await shoot(page, 'search-suggestions');
  await search.press('Escape');
  await expect(suggestions).toBeHidden();
  await search.press('Enter');

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Results for “hedphones”');
  await expect(page.getByRole('heading', { name, level: 3 })).toBeVisible();

  // Narrow down: the department, then its Audio category, each with its count for this search.
  const filters = page.getByRole('complementary', { name: 'Filters' });
  await filters.getByRole('link', { name: /^Electronics \d+$/ }).click();
  await expect(page).toHaveURL(/q=hedphones.*category=electronics/);
  await filters.getByRole('link', { name: /^Audio \d+$/ }).click();
  await expect(page).toHaveURL(/category=audio/);
  await expect(page.getByRole('navigation', { name: 'breadcrumb' })).toContainText('Electronics');
  await page.getByLabel('Minimum price').fill('10');
  await page.getByLabel('Maximum price').fill('20');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/q=hedphones.*category=audio.*min_price=10.*max_price=20/);
  await expect(page.getByRole('list', { name: 'Filters in use' })).toContainText('$10 – $20');
  const prices = (await page.locator('.product-card .price').allTextContents()).map((t) => Number(t.replace(/[$,]/g, '')));
  expect(prices.every((p) => p >= 10 && p <= 20)).toBe(true);

  // The product: its main picture large, the other as a thumbnail that takes its place.
  await page.getByRole('heading', { name, level: 3 }).click();
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  const main = page.locator('.product-main-image');
  await expect(main).toBeVisible();
  await expect(main).toHaveAttribute('alt', name);
  const thumbs = page.getByRole('list', { name: `Images of ${name}` });
  await expect(thumbs.getByRole('link')).toHaveCount(2);
  const first = await main.getAttribute('src');
  await thumbs.getByRole('link', { name: 'Image 2 of 2' }).click();
  await expect(thumbs.getByRole('link', { name: 'Image 2 of 2' })).toHaveAttribute('aria-current', 'true');
  await expect(main).not.toHaveAttribute('src', first!);
  await expect(page).toHaveURL(/\?image=/);
  await expect(page.getByRole('heading', { name: 'Related products' })).toBeVisible();

  await shoot(page, 'product-gallery');
});

import { expect, test } from '@playwright/test';
import { adminState } from './accounts.js';
import { pngBytes, uniqueSuffix } from './files.js';
import { shoot } from './screenshots.js';
import { categoryBySlug, createProduct, type Product } from './shop-api.js';

/** A stand for headphones in Audio, priced below every demo audio product. */
async function headphoneStand(request: Parameters<typeof createProduct>[0]): Promise<Product> {
  const suffix = uniqueSuffix();
  return createProduct(request, {
    sku: `E2E-STAND-${suffix}`,
    name: `Driftwood Headphones Stand ${suffix}`,
    description: 'A sculpted driftwood stand that keeps headphones off the desk.',
    price: '14.50',
    stock: 9,
    category_ids: [(await categoryBySlug(request, 'audio')).id],
  });
}

test('a shopper searches with a typo, and narrows down by category and price', async ({ page, request }) => {
  const { name } = await headphoneStand(request);

  // Suggestions appear under the box and the arrow keys move through them.
  await page.goto('/');
  const search = page.getByRole('combobox', { name: 'Search products' });
  await search.fill('hedphones');
  const suggestions = page.getByRole('listbox', { name: 'Product suggestions' });
  await expect(suggestions).toBeVisible();
  await expect(suggestions.getByRole('option', { name: /Headphones/ }).first()).toBeVisible();
  await expect(search).toHaveAttribute('aria-expanded', 'true');
  await search.press('ArrowDown');
  await expect(suggestions.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  // The list sits under the header: the top of the page shows it, a full-page picture would add nothing.
  await shoot(page, 'search-suggestions', { fullPage: false });
  await search.press('Escape');
  await expect(suggestions).toBeHidden();
  await search.press('Enter');

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Results for “hedphones”');
  await expect(page.getByRole('heading', { name, level: 3 })).toBeVisible();

  // The department, then its Audio category, each with its count for this search.
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

  await page.getByRole('heading', { name, level: 3 }).click();
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
});

test('a product’s gallery shows its main picture large, and a thumbnail takes its place', async ({ page, browser, request, baseURL }) => {
  const { id, slug, name } = await headphoneStand(request);
  const admin = await browser.newContext({ storageState: await adminState(request, baseURL!), baseURL });
  const adminPage = await admin.newPage();
  await adminPage.goto(`/admin/products/${id}/edit`);
  await adminPage.getByLabel(/Add images/).setInputFiles([
    { name: 'stand-front.png', mimeType: 'image/png', buffer: pngBytes(240, 240, [150, 100, 60]) },
    { name: 'stand-side.png', mimeType: 'image/png', buffer: pngBytes(240, 180, [60, 110, 160]) },
  ]);
  await adminPage.getByRole('button', { name: 'Upload' }).click();
  await expect(adminPage.getByRole('status').filter({ hasText: '2 images were added.' })).toBeVisible();
  await admin.close();

  await page.goto(`/products/${slug}`);
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

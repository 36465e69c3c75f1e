import { expect, test } from '@playwright/test';

test.use({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });

test('without JavaScript, on a phone, a shopper searches, filters, sorts and opens a product', async ({ page }) => {
  await page.goto('/');
  // A plain search box: no combobox without the script.
  const search = page.getByRole('searchbox', { name: 'Search products' });
  await search.fill('headphones');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Results for “headphones”');

  // The filters fold away on a phone and open with a tap.
  const minimum = page.getByLabel('Minimum price');
  await expect(minimum).toBeHidden();
  await page.getByText('Filters', { exact: true }).click();
  await minimum.fill('100');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/q=headphones.*min_price=100/);

  // Sorting takes the Update button the script would hide.
  await page.getByLabel('Sort by').selectOption('price_desc');
  await page.getByRole('button', { name: 'Update' }).click();
  await expect(page).toHaveURL(/min_price=100.*sort=price_desc/);
  const prices = (await page.locator('.product-card .price').allTextContents()).map((t) => Number(t.replace(/[$,]/g, '')));
  expect(prices.length).toBeGreaterThan(0);
  expect(prices).toEqual([...prices].sort((a, b) => b - a));
  expect(prices.every((p) => p >= 100)).toBe(true);

  await page.getByRole('article').first().click();
  await expect(page.locator('.product-main-image')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add to cart' })).toBeVisible();
});

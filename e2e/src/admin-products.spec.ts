import { expect, test } from '@playwright/test';
import { ownAdminSession } from './accounts.js';
import { createProduct } from './shop-api.js';

test.use({ storageState: ownAdminSession });

test('an admin creates a product with a category and finds it in the shop', async ({ page }) => {
  const suffix = `${Date.now()}`.slice(-6);
  const name = `Walnut Desk Organizer ${suffix}`;

  await page.goto('/admin');
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await page.getByRole('link', { name: 'Add a product' }).click();

  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Description').fill('Solid walnut tray with three compartments for pens, cards and cables.');
  await page.getByLabel('SKU').fill(`HOME-ORG-${suffix}`);
  await page.getByLabel('Price ($)').fill('42.50');
  await page.getByLabel('Stock').fill('15');
  await page.getByLabel('Tags').fill('desk, walnut');
  // The first child category of the demo catalog (the second box: the first is its parent).
  const category = page.getByRole('group', { name: 'Categories' }).getByRole('checkbox').nth(1);
  const categoryName = await category.evaluate((el) => (el as HTMLInputElement).labels?.[0]?.textContent?.trim() ?? '');
  await category.check();
  await page.getByRole('button', { name: 'Create product' }).click();

  // A new product opens on its own page, where its images and stock are managed.
  await expect(page.getByRole('status').filter({ hasText: `“${name}” was created` })).toBeVisible();
  await expect(page.getByRole('heading', { name: `Edit “${name}”` })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Images' })).toBeVisible();

  // The storefront: the category page lists it, and its own page shows it.
  await page.goto('/');
  // The search box is a combobox with suggestions; its button still runs a full search.
  await page.getByRole('combobox', { name: 'Search products' }).fill(name);
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('heading', { name, level: 3 })).toBeVisible();
  await page.getByRole('heading', { name, level: 3 }).click();
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  await expect(page.locator('.product-price')).toHaveText('$42.50');
  await expect(page.locator('.product-facts')).toContainText(categoryName);
  await page.locator('.product-facts').getByRole('link', { name: categoryName }).click();
  await expect(page.getByRole('heading', { name, level: 3 })).toBeVisible();
});

test('an admin hides a product and it leaves the storefront', async ({ page, browser, baseURL, request }) => {
  const suffix = `${Date.now()}`.slice(-6);
  const name = `Enamel Camp Mug ${suffix}`;
  await createProduct(request, { sku: `OUT-MUG-${suffix}`, name, price: '12.00', stock: 4 });

  await page.goto('/admin');
  await page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: 'Products' }).click();
  await page.getByRole('searchbox', { name: 'Search by name or SKU' }).fill(`OUT-MUG-${suffix}`);
  await page.getByRole('button', { name: 'Filter' }).click();
  await page.getByRole('button', { name: `Deactivate ${name}` }).click();
  await expect(page.getByRole('status').filter({ hasText: 'hidden from the shop' })).toBeVisible();

  const shopper = await browser.newPage({ baseURL });
  await shopper.goto(`/products?q=${encodeURIComponent(name)}`);
  await expect(shopper.getByRole('heading', { name: 'No products match' })).toBeVisible();
  await shopper.close();
});

// The pages a person sees, at a laptop's and a phone's width: nothing spills sideways, nothing
// serious for accessibility, and a screenshot of each in test-results/screenshots for a human look.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { ADMIN_STATE } from './accounts.js';

const SHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-results', 'screenshots');
const VIEWPORTS = [
  { name: 'laptop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
];

async function firstProductPath(page: Page): Promise<string> {
  await page.goto('/products');
  return (await page.locator('.product-card-link').first().getAttribute('href'))!;
}

async function check(page: Page, url: string, name: string) {
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    const response = await page.goto(url);
    expect(response?.ok(), `${url} answers`).toBe(true);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${name} at ${viewport.width}px spills sideways by ${overflow}px`).toBeLessThanOrEqual(0);
    // Lazy images below the fold would be blank in a full-page picture: load them all first.
    await page.evaluate(() =>
      document.querySelectorAll('img').forEach((img) => {
        img.loading = 'eager';
      }),
    );
    await page.waitForFunction(() => [...document.images].every((img) => img.complete));
    await page.screenshot({ path: path.join(SHOTS, `${name}-${viewport.name}.png`), fullPage: true });
  }
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')})`,
    ),
    name,
  ).toEqual([]);
}

test.describe('shop pages', () => {
  test('home, listing, category, search, product, sign-in and register', async ({ page }) => {
    const product = await firstProductPath(page);
    await check(page, '/', 'home');
    await check(page, '/products', 'products');
    // A department's page: breadcrumbs, its categories as chips, the filters with counts.
    const department = (await page.getByRole('navigation', { name: 'Categories' }).getByRole('link').nth(1).getAttribute('href'))!;
    await check(page, department, 'category');
    await check(page, '/products?q=hedphones&min_price=10&in_stock=1', 'search');
    await check(page, product, 'product');
    await check(page, '/login', 'login');
    await check(page, '/register', 'register');
  });
});

test.describe('admin pages', () => {
  test.use({ storageState: ADMIN_STATE });
  test('dashboard, product list, product form, categories, import and orders', async ({ page }) => {
    await check(page, '/admin', 'admin-dashboard');
    await check(page, '/admin/products', 'admin-products');
    const edit = (await page.locator('a[href$="/edit"]').first().getAttribute('href'))!;
    await check(page, '/admin/products/new', 'admin-product-form');
    await check(page, edit, 'admin-product-edit');
    await check(page, '/admin/categories', 'admin-categories');
    const category = (await page.locator('.category-row a[href$="/edit"]').first().getAttribute('href'))!;
    await check(page, category, 'admin-category-form');
    await check(page, '/admin/products/import', 'admin-import');
    await check(page, '/admin/orders', 'admin-orders');
  });

  test('cart, checkout and orders of a signed-in shopper', async ({ page }) => {
    const product = await firstProductPath(page);
    await page.goto(product);
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await check(page, '/cart', 'cart');
    await check(page, '/checkout', 'checkout');
    await check(page, '/orders', 'orders');
    // Leave the shared admin's cart as it was.
    await page.goto('/cart');
    await page
      .getByRole('button', { name: /^Remove/ })
      .first()
      .click();
  });
});

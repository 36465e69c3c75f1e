// Browsing the storefront. Other journeys add products while these run, so every assertion here is
// about products only this file can see: a department of the demo catalog no other journey adds to
// (checked against the API's own answer), or products this file makes with a tag of its own.
import { expect, type Page, test } from '@playwright/test';
import { uniqueSuffix } from './files.js';
import { createProduct, removeProducts } from './shop-api.js';

/** Demo departments no other journey puts products in (they use Electronics, or no category). */
const BOOKS = 'Books';
const SPORTS = 'Sports & Outdoors';

const categoryNav = (page: Page) => page.getByRole('navigation', { name: 'Categories' });
const cardTitles = async (page: Page) => (await page.locator('.product-card-title').allTextContents()).map((t) => t.trim());
const cardPrices = async (page: Page) =>
  (await page.locator('.product-card .price').allTextContents()).map((t) => Number(t.replace(/[$,]/g, '')));

test('a shopper browses from the home page to a product', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Featured' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'New arrivals' })).toBeVisible();
  await categoryNav(page).getByRole('link', { name: BOOKS, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(BOOKS);

  const card = page.getByRole('article').first();
  const productName = (await card.getByRole('heading').textContent())!.trim();
  await card.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(productName);
  await expect(page.locator('.product-price')).toHaveText(/^\$[\d,]+\.\d{2}$/);
  await expect(page.getByRole('img', { name: productName })).toBeVisible();
});

test('filters and sorting compose in the address and survive a reload', async ({ page, request }) => {
  await page.goto('/');
  await categoryNav(page).getByRole('link', { name: SPORTS, exact: true }).click();
  const category = new URL(page.url()).searchParams.get('category')!;
  await page.getByLabel('Minimum price').fill('50');
  await page.getByLabel('Maximum price').fill('500');
  await page.getByLabel('In stock only').check();
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/category=.*min_price=50.*max_price=500.*in_stock=1/);
  // Choosing a sort applies it at once, keeping the filters.
  await page.getByLabel('Sort by').selectOption('price_asc');
  await expect(page).toHaveURL(/category=.*min_price=50.*max_price=500.*in_stock=1.*sort=price_asc/);

  const shown = { titles: await cardTitles(page), prices: await cardPrices(page) };
  expect(shown.prices.length).toBeGreaterThan(0);
  expect(shown.prices).toEqual([...shown.prices].sort((a, b) => a - b));
  expect(shown.prices.every((p) => p >= 50 && p <= 500)).toBe(true);
  // The page shows exactly what the API answers for the same filters.
  const api = await request.get(`/api/products?category=${category}&min_price=50&max_price=500&in_stock=true&sort=price_asc&page_size=48`);
  const expected = ((await api.json()) as { items: { name: string }[] }).items.map((p) => p.name);
  expect(shown.titles).toEqual(expected);

  await page.reload();
  await expect(page.getByLabel('Minimum price')).toHaveValue('50');
  await expect(page.getByLabel('Maximum price')).toHaveValue('500');
  await expect(page.getByLabel('In stock only')).toBeChecked();
  await expect(page.getByLabel('Sort by')).toHaveValue('price_asc');
  expect({ titles: await cardTitles(page), prices: await cardPrices(page) }).toEqual(shown);
});

test('the search box finds products by name', async ({ page }) => {
  await page.goto(`/products?category=${encodeURIComponent(BOOKS.toLowerCase())}`);
  const name = (await page.getByRole('article').first().getByRole('heading').textContent())!.trim();
  const word = name.split(/[^A-Za-z]+/).reduce((a, b) => (b.length > a.length ? b : a));
  await page.getByRole('combobox', { name: 'Search products' }).fill(word.toLowerCase());
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Results for “${word.toLowerCase()}”`);
  await expect(page.getByRole('heading', { name, level: 3 })).toBeVisible();
});

const fixtureName = (tag: string, i: number) => `Paging Fixture ${tag} ${String(i).padStart(2, '0')}`;

test('paging through a listing shows each product once, in order', async ({ page, request }) => {
  // One more than a page of products nobody else makes (their own tag), priced apart so a price
  // sort has one order; out of stock, so journeys that buy the cheapest product never pick them.
  const tag = `paging${uniqueSuffix()}`;
  const made = await Promise.all(
    Array.from({ length: 25 }, (_, i) =>
      createProduct(request, { sku: `E2E-PAGE-${tag}-${i}`, name: fixtureName(tag, i), price: `${900 + i}.00`, stock: 0, tags: [tag] }),
    ),
  );
  try {
    await page.goto(`/products?tags=${tag}&sort=price_asc`);
    const seen: string[] = [];
    for (;;) {
      seen.push(...(await cardTitles(page)));
      const next = page.getByRole('link', { name: 'Next' });
      if ((await next.count()) === 0 || (await next.getAttribute('aria-disabled')) === 'true') break;
      await next.click();
    }
    await expect(page.locator('.listing-head p')).toHaveText('25 products');
    expect(seen).toEqual(made.map((_, i) => fixtureName(tag, i)));
  } finally {
    await removeProducts(
      request,
      made.map((p) => p.id),
    );
  }
});

test('an unknown page gets the shop’s own 404', async ({ page }) => {
  const response = await page.goto('/products/this-does-not-exist');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('link', { name: 'Go to the home page' })).toBeVisible();
});

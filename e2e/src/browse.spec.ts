import { expect, test } from '@playwright/test';

test('a shopper browses from the home page to a product', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Featured' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'New arrivals' })).toBeVisible();
  const firstCategory = page.getByRole('navigation', { name: 'Categories' }).getByRole('link').nth(1);
  const categoryName = (await firstCategory.textContent())!.trim();
  await firstCategory.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(categoryName);

  const card = page.getByRole('article').first();
  const productName = (await card.getByRole('heading').textContent())!.trim();
  await card.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(productName);
  await expect(page.locator('.product-price')).toHaveText(/^\$[\d,]+\.\d{2}$/);
  await expect(page.getByRole('img', { name: productName })).toBeVisible();
});

test('filters and sorting compose in the address and survive a reload', async ({ page }) => {
  await page.goto('/products');
  await page.getByLabel('Minimum price').fill('50');
  await page.getByLabel('Maximum price').fill('500');
  await page.getByLabel('In stock only').check();
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/min_price=50.*max_price=500.*in_stock=1/);
  // Choosing a sort applies it at once, keeping the filters.
  await page.getByLabel('Sort by').selectOption('price_asc');
  await expect(page).toHaveURL(/min_price=50.*max_price=500.*in_stock=1.*sort=price_asc/);

  const prices = async () => (await page.locator('.product-card .price').allTextContents()).map((t) => Number(t.replace(/[$,]/g, '')));
  const shown = await prices();
  expect(shown.length).toBeGreaterThan(0);
  expect(shown).toEqual([...shown].sort((a, b) => a - b));
  expect(shown.every((p) => p >= 50 && p <= 500)).toBe(true);
  await page.reload();
  expect(await prices()).toEqual(shown);
});

test('the search box finds products by name', async ({ page }) => {
  await page.goto('/products');
  const name = (await page.getByRole('article').first().getByRole('heading').textContent())!.trim();
  const word = name.split(' ').find((w) => w.length > 3) ?? name;
  await page.getByRole('combobox', { name: 'Search products' }).fill(word.toLowerCase());
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Results for “${word.toLowerCase()}”`);
  await expect(page.getByRole('heading', { name, level: 3 })).toBeVisible();
});

// Price floors of 50 keep out the cheaper products other journeys create while these run.
test('paging through the catalog shows each product once', async ({ page }) => {
  await page.goto('/products?min_price=50&sort=price_asc');
  const seen: string[] = [];
  for (;;) {
    seen.push(...(await page.locator('.product-card-title').allTextContents()));
    const next = page.getByRole('link', { name: 'Next' });
    if ((await next.count()) === 0 || (await next.getAttribute('aria-disabled')) === 'true') break;
    await next.click();
  }
  const total = Number((await page.locator('.listing-head p').textContent())!.match(/\d+/)![0]);
  expect(seen.length).toBe(total);
  expect(new Set(seen).size).toBe(seen.length);
});

test('an unknown page gets the shop’s own 404', async ({ page }) => {
  const response = await page.goto('/products/this-does-not-exist');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('link', { name: 'Go to the home page' })).toBeVisible();
});

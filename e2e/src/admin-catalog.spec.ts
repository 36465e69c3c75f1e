// The admin's catalog tools: CSV import, image upload, bulk actions. Each test makes its own
// products (through the import, or the API where the import is not what it tests).
import { type Browser, expect, test } from '@playwright/test';
import { ownAdminSession } from './accounts.js';
import { pngBytes, uniqueSuffix } from './files.js';
import { shoot } from './screenshots.js';
import { createProduct } from './shop-api.js';

test.use({ storageState: ownAdminSession });

/** A shopper in a browser of their own: not signed in (an admin could still open a hidden product). */
async function shopperPage(browser: Browser, baseURL: string | undefined) {
  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  return { page: await context.newPage(), close: () => context.close() };
}

test('an admin imports a CSV: a bad row stops the whole file and is named, the fixed file goes in whole', async ({
  page,
  browser,
  baseURL,
}) => {
  const suffix = uniqueSuffix();
  const csv = (rugPrice: string) =>
    [
      'sku,name,description,price,stock,tags',
      `E2E-LAMP-${suffix},Tidewater Lamp ${suffix},"A brass lamp with a linen shade, for a reading corner.",42.00,5,lamp|brass`,
      `E2E-RUG-${suffix},Tidewater Rug ${suffix},A flat-woven cotton rug in sea colours.,${rugPrice},3,rug|cotton`,
    ].join('\n');

  await page.goto('/admin/products');
  await page.getByText('Import products from a CSV file').click();
  await page
    .getByLabel('CSV file (at most 5 MB)')
    .setInputFiles({ name: 'tidewater.csv', mimeType: 'text/csv', buffer: Buffer.from(csv('cheap')) });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('nothing was imported');
  const problem = page.getByRole('table').getByRole('row').nth(1);
  await expect(problem.getByRole('cell').nth(0)).toHaveText('3');
  await expect(problem.getByRole('cell').nth(1)).toHaveText('price');
  await shoot(page, 'admin-import-refused');

  await page
    .getByLabel('CSV file (at most 5 MB)')
    .setInputFiles({ name: 'tidewater.csv', mimeType: 'text/csv', buffer: Buffer.from(csv('58.00')) });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported “tidewater.csv”: 2 created, 0 updated, 0 unchanged.' })).toBeVisible();

  const shopper = await shopperPage(browser, baseURL);
  await shopper.page.goto(`/products?q=${encodeURIComponent(`Tidewater ${suffix}`)}`);
  await expect(shopper.page.getByRole('heading', { level: 3 })).toHaveCount(2);
  await shopper.close();
});

test('an admin uploads a picture: it becomes the main image, and the shop shows it', async ({ page, browser, baseURL, request }) => {
  const suffix = uniqueSuffix();
  const lamp = await createProduct(request, { sku: `E2E-LAMP-${suffix}`, name: `Tidewater Lamp ${suffix}`, price: '42.00', stock: 5 });

  await page.goto(`/admin/products/${lamp.id}/edit`);
  await page
    .getByLabel(/Add images/)
    .setInputFiles({ name: 'lamp.png', mimeType: 'image/png', buffer: pngBytes(200, 200, [200, 150, 40]) });
  await page.getByRole('button', { name: 'Upload' }).click();
  await expect(page.getByRole('status').filter({ hasText: '1 image was added.' })).toBeVisible();
  const images = page.getByRole('region', { name: /Images/ });
  await expect(images.getByText('Main', { exact: true })).toBeVisible();
  await expect(images.getByText('200 × 200 px · PNG')).toBeVisible();
  await shoot(page, 'admin-product-images');

  const shopper = await shopperPage(browser, baseURL);
  await shopper.page.goto(`/products?q=${encodeURIComponent(lamp.name)}`);
  const card = shopper.page.getByRole('img', { name: lamp.name });
  await expect(card).toHaveAttribute('src', /^\/images\/[0-9a-f-]+\?size=thumb$/);
  await expect(card).toHaveJSProperty('complete', true);
  expect(await card.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await shopper.close();
});

test('an admin ticks two products and hides both with one action; they leave the shop', async ({ page, browser, baseURL, request }) => {
  const suffix = uniqueSuffix();
  const [lamp, rug] = await Promise.all([
    createProduct(request, { sku: `E2E-LAMP-${suffix}`, name: `Tidewater Lamp ${suffix}`, price: '42.00', stock: 5 }),
    createProduct(request, { sku: `E2E-RUG-${suffix}`, name: `Tidewater Rug ${suffix}`, price: '58.00', stock: 3 }),
  ]);
  const shopper = await shopperPage(browser, baseURL);
  const search = `/products?q=${encodeURIComponent(`Tidewater ${suffix}`)}`;
  await shopper.page.goto(search);
  await expect(shopper.page.getByRole('heading', { level: 3 })).toHaveCount(2);

  await page.goto(search.replace('/products', '/admin/products'));
  await page.getByRole('checkbox', { name: `Tick ${lamp!.name}` }).check();
  await page.getByRole('checkbox', { name: `Tick ${rug!.name}` }).check();
  await expect(page.getByText('With the 2 ticked products:')).toBeVisible();
  await page.getByLabel('Action').selectOption('deactivate');
  await page.getByRole('button', { name: 'Apply to ticked' }).click();
  await expect(page.getByRole('status').filter({ hasText: '2 products are hidden from the shop.' })).toBeVisible();
  await expect(page.getByRole('cell', { name: /Hidden/ })).toHaveCount(2);

  await shopper.page.goto(search);
  await expect(shopper.page.getByRole('heading', { name: 'No products match' })).toBeVisible();
  const gone = await shopper.page.goto(`/products/${lamp!.slug}`);
  expect(gone?.status()).toBe(404);
  await shopper.close();
});

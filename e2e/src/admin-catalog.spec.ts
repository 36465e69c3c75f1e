import { expect, test } from '@playwright/test';
import { ADMIN_STATE } from './accounts.js';
import { pngBytes, uniqueSuffix } from './files.js';
import { shoot } from './screenshots.js';

test.use({ storageState: ADMIN_STATE });

test('an admin imports a CSV, uploads an image, and bulk-deactivates two products that then leave the shop', async ({
  page,
  browser,
  baseURL,
}) => {
  const suffix = uniqueSuffix();
  const lamp = `Tidewater Lamp ${suffix}`;
  const rug = `Tidewater Rug ${suffix}`;
  const csv = (rugPrice: string) =>
    [
      'sku,name,description,price,stock,tags',
      `E2E-LAMP-${suffix},${lamp},"A brass lamp with a linen shade, for a reading corner.",42.00,5,lamp|brass`,
      `E2E-RUG-${suffix},${rug},A flat-woven cotton rug in sea colours.,${rugPrice},3,rug|cotton`,
    ].join('\n');

  // A file with one bad row: nothing is imported, and the line is named.
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

  // Fixed, it goes in whole.
  await page
    .getByLabel('CSV file (at most 5 MB)')
    .setInputFiles({ name: 'tidewater.csv', mimeType: 'text/csv', buffer: Buffer.from(csv('58.00')) });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported “tidewater.csv”: 2 created, 0 updated, 0 unchanged.' })).toBeVisible();

  // A picture for the lamp: it becomes the main image, and the shop shows it.
  await page.getByRole('searchbox', { name: 'Search by name or SKU' }).fill(`Tidewater ${suffix}`);
  await page.getByRole('button', { name: 'Filter' }).click();
  await page.getByRole('link', { name: lamp, exact: true }).click();
  await page
    .getByLabel(/Add images/)
    .setInputFiles({ name: 'lamp.png', mimeType: 'image/png', buffer: pngBytes(200, 200, [200, 150, 40]) });
  await page.getByRole('button', { name: 'Upload' }).click();
  await expect(page.getByRole('status').filter({ hasText: '1 image was added.' })).toBeVisible();
  const images = page.getByRole('region', { name: /Images/ });
  await expect(images.getByText('Main', { exact: true })).toBeVisible();
  await expect(images.getByText('200 × 200 px · PNG')).toBeVisible();
  await shoot(page, 'admin-product-images');

  // A shopper in a browser of their own: not signed in (an admin could still open a hidden product).
  const shopperContext = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const shopper = await shopperContext.newPage();
  await shopper.goto(`/products?q=${encodeURIComponent(`Tidewater ${suffix}`)}`);
  await expect(shopper.getByRole('heading', { level: 3 })).toHaveCount(2);
  const card = shopper.getByRole('img', { name: lamp });
  await expect(card).toHaveAttribute('src', /^\/images\/[0-9a-f-]+\?size=thumb$/);
  await expect(card).toHaveJSProperty('complete', true);
  expect(await card.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

  // Both ticked in the list, one action hides them.
  await page.goto(`/admin/products?q=${encodeURIComponent(`Tidewater ${suffix}`)}`);
  await page.getByRole('checkbox', { name: `Tick ${lamp}` }).check();
  await page.getByRole('checkbox', { name: `Tick ${rug}` }).check();
  await expect(page.getByText('With the 2 ticked products:')).toBeVisible();
  await page.getByLabel('Action').selectOption('deactivate');
  await page.getByRole('button', { name: 'Apply to ticked' }).click();
  await expect(page.getByRole('status').filter({ hasText: '2 products are hidden from the shop.' })).toBeVisible();
  await expect(page.getByRole('cell', { name: /Hidden/ })).toHaveCount(2);

  // The shop no longer has them.
  await shopper.goto(`/products?q=${encodeURIComponent(`Tidewater ${suffix}`)}`);
  await expect(shopper.getByRole('heading', { name: 'No products match' })).toBeVisible();
  const gone = await shopper.goto(`/products/tidewater-lamp-${suffix}`);
  expect(gone?.status()).toBe(404);
  await shopperContext.close();
});

// The API docs: linked from the shop's footer, rendered by Swagger UI under the shop's CSP, one
// block per documented operation, and "Try it out" calls the API for real.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';

const SHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-results', 'screenshots');

test('the API docs render every documented operation and try one out', async ({ page, request }) => {
  const problems: string[] = [];
  // A CSP violation shows up as a console error; so would a script that failed to load.
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));

  const document = (await (await request.get('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
  const operations = Object.values(document.paths).reduce((n, item) => n + Object.keys(item).length, 0);

  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/docs');
  await expect(page.getByRole('heading', { level: 1, name: 'API documentation' })).toBeVisible();
  // The shop's footer, on every page, leads here.
  await expect(page.getByRole('contentinfo').getByRole('link', { name: 'API for developers' })).toHaveAttribute('href', '/docs');
  await expect(page.locator('.swagger-ui .opblock')).toHaveCount(operations);
  await expect(page.locator('.opblock-summary-path', { hasText: '/api/payments/process' })).toBeVisible();
  await page.screenshot({ path: path.join(SHOTS, 'docs-laptop.png'), fullPage: true });

  const categories = page.locator('#operations-Catalog-getApiCategories');
  await categories.locator('.opblock-summary').click();
  await categories.getByRole('button', { name: 'Try it out' }).click();
  await categories.getByRole('button', { name: 'Execute' }).click();
  await expect(categories.locator('.live-responses-table tbody .response-col_status')).toHaveText('200');
  expect(problems).toEqual([]);
});

// The API docs: linked from the shop's footer, rendered by Swagger UI under the shop's CSP, one
// block per documented operation, and "Try it out" calls the API for real.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page, test } from '@playwright/test';

// Swagger UI parses a 1.3 MB bundle and lays out every operation (about 90): on this 2-core machine
// either test takes about 25 s alone, so these two get 90 s rather than the suite's 60.
test.describe.configure({ timeout: 90_000 });

const SHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-results', 'screenshots');

/** Collects console errors: a CSP violation shows up as one, and so would a script that failed to load. */
function problemsOf(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}

test('the API docs render every documented operation, linked from the footer', async ({ page, request }) => {
  const problems = problemsOf(page);
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
  expect(problems).toEqual([]);
});

test('"Try it out" in the API docs calls the API for real', async ({ page }) => {
  const problems = problemsOf(page);
  await page.goto('/docs');
  const categories = page.locator('#operations-Catalog-getApiCategories');
  await categories.locator('.opblock-summary').click();
  await categories.getByRole('button', { name: 'Try it out' }).click();
  await categories.getByRole('button', { name: 'Execute' }).click();
  await expect(categories.locator('.live-responses-table tbody .response-col_status')).toHaveText('200');
  expect(problems).toEqual([]);
});

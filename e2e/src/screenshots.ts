import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';

export const SHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-results', 'screenshots');

const VIEWPORTS = [
  { name: 'laptop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
];

/**
 * A full-page picture of the page as it is now, at a laptop's and a phone's width, for a human
 * look in test-results/screenshots; the page goes back to its own size afterwards.
 */
export async function shoot(page: Page, name: string): Promise<void> {
  const size = page.viewportSize();
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    await page.evaluate(() => {
      document.querySelectorAll('img').forEach((img) => {
        img.loading = 'eager';
      });
      window.scrollTo(0, 0);
    });
    await page.waitForFunction(() => [...document.images].every((img) => img.complete));
    await page.screenshot({ path: path.join(SHOTS, `${name}-${viewport.name}.png`), fullPage: true });
  }
  if (size) await page.setViewportSize(size);
}

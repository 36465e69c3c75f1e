import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';

export const SHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-results', 'screenshots');

/** The widths every page is looked at: a laptop's and a phone's. */
export const VIEWPORTS = [
  { name: 'laptop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/** Loads the lazy images too (they would be blank in a full-page picture) and waits until all are in. */
export async function loadAllImages(page: Page): Promise<void> {
  await page.evaluate(() => {
    document.querySelectorAll('img').forEach((img) => {
      img.loading = 'eager';
    });
    window.scrollTo(0, 0);
  });
  await page.waitForFunction(() => [...document.images].every((img) => img.complete));
}

/**
 * A picture of the page as it is now (the whole page unless told otherwise), at a laptop's and a
 * phone's width, for a human look in test-results/screenshots; the page goes back to its own size.
 */
export async function shoot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  const size = page.viewportSize();
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    await loadAllImages(page);
    await page.screenshot({ path: path.join(SHOTS, `${name}-${viewport.name}.png`), fullPage: options.fullPage ?? true });
  }
  if (size) await page.setViewportSize(size);
}

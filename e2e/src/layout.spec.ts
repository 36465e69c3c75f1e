// The pages a person sees, at a laptop's and a phone's width: nothing spills sideways, nothing
// serious for accessibility, and a screenshot of each in test-results/screenshots for a human look.
// One test per page and width, so each stays short and a failure names its page.
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { newShopper, ownAdminSession, signInWithToken } from './accounts.js';
import { loadAllImages, SHOTS, VIEWPORTS } from './screenshots.js';
import { type Category, categories, demoProduct, putInCart } from './shop-api.js';

/** The first department of the category tree. */
async function department(request: APIRequestContext): Promise<Category> {
  const found = (await categories(request)).find((c) => c.parent_id === null);
  if (!found) throw new Error('the catalog has no department');
  return found;
}

interface ShopPage {
  name: string;
  /** the address, or how to find it with one cheap API call */
  path: string | ((request: APIRequestContext) => Promise<string>);
}

const SHOP_PAGES: ShopPage[] = [
  { name: 'home', path: '/' },
  { name: 'products', path: '/products' },
  // A department's page: breadcrumbs, its categories as chips, the filters with counts.
  { name: 'category', path: async (request) => `/products?category=${(await department(request)).slug}` },
  { name: 'search', path: '/products?q=hedphones&min_price=10&in_stock=1' },
  { name: 'product', path: async (request) => `/products/${(await demoProduct(request)).slug}` },
  { name: 'login', path: '/login' },
  { name: 'register', path: '/register' },
  { name: 'forgot-password', path: '/forgot-password' },
  // The form as a mailed link opens it (a made-up token is only refused once the form is sent).
  { name: 'reset-password', path: '/reset-password?token=a-link-from-a-mail' },
  { name: 'dev-mail', path: '/dev/mail' },
];

const ADMIN_PAGES: ShopPage[] = [
  { name: 'admin-dashboard', path: '/admin' },
  { name: 'admin-products', path: '/admin/products' },
  { name: 'admin-product-form', path: '/admin/products/new' },
  { name: 'admin-product-edit', path: async (request) => `/admin/products/${(await demoProduct(request)).id}/edit` },
  { name: 'admin-categories', path: '/admin/categories' },
  { name: 'admin-category-form', path: async (request) => `/admin/categories/${(await department(request)).id}/edit` },
  { name: 'admin-import', path: '/admin/products/import' },
  { name: 'admin-orders', path: '/admin/orders' },
  { name: 'admin-users', path: '/admin/users' },
  { name: 'admin-events', path: '/admin/events' },
];

const SHOPPER_PAGES: ShopPage[] = [
  { name: 'cart', path: '/cart' },
  { name: 'checkout', path: '/checkout' },
  { name: 'orders', path: '/orders' },
  { name: 'notifications', path: '/account/notifications' },
];

async function check(page: Page, request: APIRequestContext, { name, path: where }: ShopPage, width: string): Promise<void> {
  const url = typeof where === 'string' ? where : await where(request);
  const response = await page.goto(url);
  expect(response?.status(), `${url} answers`).toBe(200);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${name} at the ${width}'s width spills sideways by ${overflow}px`).toBeLessThanOrEqual(0);
  await loadAllImages(page);
  await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: true });
  // Legacy mode runs axe in the page itself: these pages have no frames, so the default's extra
  // blank page (to merge the results of frames) would only cost a second per test.
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).setLegacyMode(true).analyze();
  const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const where3 = (v: (typeof serious)[number]) =>
    v.nodes
      .map((n) => n.target.join(' '))
      .slice(0, 3)
      .join(', ');
  expect(
    serious.map((v) => `${v.id}: ${v.help} (${where3(v)})`),
    `${name} at the ${width}'s width`,
  ).toEqual([]);
}

for (const viewport of VIEWPORTS) {
  test.describe(`at a ${viewport.name}'s width`, () => {
    test.use({ viewport: { width: viewport.width, height: viewport.height } });

    for (const shopPage of SHOP_PAGES) {
      test(`shop page: ${shopPage.name}`, async ({ page, request }) => {
        await check(page, request, shopPage, viewport.name);
      });
    }

    test.describe('as the admin', () => {
      test.use({ storageState: ownAdminSession });
      for (const adminPage of ADMIN_PAGES) {
        test(`admin page: ${adminPage.name}`, async ({ page, request }) => {
          await check(page, request, adminPage, viewport.name);
        });
      }
    });

    // A shopper of their own with one product in the cart: nobody else's cart is touched.
    for (const shopperPage of SHOPPER_PAGES) {
      test(`signed-in shopper's page: ${shopperPage.name}`, async ({ page, request, context, baseURL }) => {
        const shopper = await newShopper(request, 'layout');
        await putInCart(request, shopper.token, (await demoProduct(request)).id);
        await signInWithToken(context, baseURL!, shopper.token);
        await check(page, request, shopperPage, viewport.name);
      });
    }
  });
}

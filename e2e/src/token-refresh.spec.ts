// OWASP ASVS 5.0 V7.3: a shopper stays signed in across an access-token expiry. The e2e stack runs
// with ACCESS_TOKEN_TTL_MINUTES=0.1 (6 s; see scripts/src/test.ts), so a test can outlive a token.
import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import { newShopper } from './accounts.js';

const accessCookie = async (context: BrowserContext) => (await context.cookies()).find((c) => c.name === 'access_token')?.value ?? '';

/** When the access token in the browser expires (its `exp`, read from the cookie's JWT). */
async function expiry(context: BrowserContext): Promise<number> {
  const payload = (await accessCookie(context)).split('.')[1] ?? '';
  return (JSON.parse(Buffer.from(payload, 'base64url').toString()) as { exp: number }).exp * 1000;
}

/** Signs in through the form, as a shopper does: both cookies come from the gateway. */
async function signIn(page: Page, email: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: /Sam/ })).toBeVisible();
}

/** Waits, by the clock the token states, until the access token has expired (with a deadline). */
async function untilExpired(context: BrowserContext) {
  const at = await expiry(context);
  await expect.poll(() => Date.now() > at + 1000, { timeout: 14_000, intervals: [250] }).toBe(true);
}

test('V7.3.1 a shopper stays signed in on pages across an access-token expiry', async ({ page, context, request }) => {
  const shopper = await newShopper(request, 'expiry');
  await signIn(page, shopper.email, shopper.password);
  const first = await accessCookie(context);
  await untilExpired(context);
  await page.goto('/orders');
  await expect(page).toHaveURL(/\/orders$/);
  await expect(page.getByRole('heading', { name: 'Your orders' })).toBeVisible();
  expect(await accessCookie(context), 'a new access token').not.toBe(first);
});

test('V7.3.1 the browser’s API calls stay signed in across an access-token expiry', async ({ page, context, request }) => {
  const shopper = await newShopper(request, 'expiry-api');
  await signIn(page, shopper.email, shopper.password);
  await untilExpired(context);
  const me = await page.evaluate(async () => {
    const res = await fetch('/api/auth/me');
    return { status: res.status, body: (await res.json()) as { email?: string } };
  });
  expect(me.status).toBe(200);
  expect(me.body.email).toBe(shopper.email);
});

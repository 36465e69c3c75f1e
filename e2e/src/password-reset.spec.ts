import { type Browser, expect, type Page, test } from '@playwright/test';
import { apiToken, newShopper, signInWithToken } from './accounts.js';

const accountNav = (page: Page) => page.getByRole('navigation', { name: 'Account' });

/** A browser of its own, signed in with a session of its own (its cookies are not the test page's). */
async function secondBrowser(browser: Browser, baseURL: string, token: string) {
  const context = await browser.newContext({ baseURL });
  await signInWithToken(context, baseURL, token);
  return { context, page: await context.newPage() };
}

test('forgot password → mail → reset → sign in with the new password', async ({ page, request }) => {
  const shopper = await newShopper(request, 'forgetful');
  await page.goto('/login');
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await page.getByLabel('Email').fill(shopper.email);
  await page.getByRole('button', { name: 'Send the link' }).click();
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();

  // No SMTP_URL under test: the message is in the development mailbox, which the page points to.
  await page.getByRole('link', { name: 'development mailbox' }).click();
  await page.getByRole('link', { name: new RegExp(`Reset your Digital Marketplace password[\\s\\S]*To ${shopper.email}`) }).click();
  await expect(page.getByText(`Hello ${shopper.name},`)).toBeVisible();
  await page.getByRole('link', { name: /\/reset-password\?token=/ }).click();

  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  await page.getByLabel('New password', { exact: true }).fill('brand-new-password-7');
  await page.getByLabel('Repeat the new password').fill('brand-new-password-7');
  await page.getByRole('button', { name: 'Set the new password' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('status').filter({ hasText: 'Your password is changed' })).toBeVisible();

  await page.getByLabel('Email').fill(shopper.email);
  await page.getByLabel('Password').fill('brand-new-password-7');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(accountNav(page).getByRole('link', { name: /Sam/ })).toBeVisible();
});

test('a password change signs out a second browser within seconds, and not the one that changed it', async ({
  page,
  request,
  browser,
  baseURL,
}) => {
  const shopper = await newShopper(request, 'two-browsers');
  await signInWithToken(page.context(), baseURL!, shopper.token);
  // Its refresh cookie too: it would outlive the access token's 6 s here unless the session ends.
  const other = await secondBrowser(browser, baseURL!, await apiToken(request, shopper.email, shopper.password));
  try {
    await other.page.goto('/orders');
    await expect(other.page.getByRole('heading', { name: 'Your orders' })).toBeVisible();

    await page.goto('/account/password');
    await page.getByLabel('Current password').fill(shopper.password);
    await page.getByLabel('New password', { exact: true }).fill('changed-password-8');
    await page.getByLabel('Repeat the new password').fill('changed-password-8');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByRole('status').filter({ hasText: /password/i })).toBeVisible();

    // The other browser's next page finds its session over: sent to sign in (within the 5 s the
    // revocation may take to reach every service).
    await expect(async () => {
      await other.page.goto('/orders');
      await expect(other.page).toHaveURL(/\/login\?next=%2Forders$/, { timeout: 500 });
    }).toPass({ timeout: 10_000 });
    await page.goto('/orders');
    await expect(page.getByRole('heading', { name: 'Your orders' })).toBeVisible();
  } finally {
    await other.context.close();
  }
});

import { expect, type Page, test } from '@playwright/test';
import { ADMIN, newShopper, signInWithToken, uniqueEmail } from './accounts.js';

const accountNav = (page: Page) => page.getByRole('navigation', { name: 'Account' });

test('a shopper registers and is signed in at once', async ({ page }) => {
  await page.goto('/');
  await accountNav(page).getByRole('link', { name: 'Register' }).click();
  await page.getByLabel('Full name').fill('Robin Shopper');
  await page.getByLabel('Email').fill(uniqueEmail('shopper'));
  await page.getByLabel('Password', { exact: true }).fill('robin-password');
  await page.getByLabel('Repeat password').fill('robin-password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Welcome, Robin Shopper' })).toBeVisible();
  await expect(accountNav(page).getByRole('link', { name: /Robin/ })).toBeVisible();
});

test('a shopper signs out and in again, and cannot open /admin', async ({ page, context, request, baseURL }) => {
  const shopper = await newShopper(request);
  await signInWithToken(context, baseURL!, shopper.token);
  await page.goto('/');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(accountNav(page).getByRole('link', { name: 'Sign in' })).toBeVisible();

  await accountNav(page).getByRole('link', { name: 'Sign in' }).click();
  await page.getByLabel('Email').fill(shopper.email);
  await page.getByLabel('Password').fill(shopper.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(accountNav(page).getByRole('link', { name: /Sam/ })).toBeVisible();
  await expect(accountNav(page).getByRole('link', { name: 'Admin' })).toHaveCount(0);

  const response = await page.goto('/admin');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: 'You cannot open this page' })).toBeVisible();
});

test('a wrong password is refused with a message', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Incorrect email or password.');
});

test('a guest at /admin is sent to sign in and brought back', async ({ page }) => {
  await page.goto('/admin/products');
  await expect(page).toHaveURL(/\/login\?next=%2Fadmin%2Fproducts$/);
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/admin\/products$/);
  await expect(page.getByRole('heading', { name: /^Products/ })).toBeVisible();
});

test('a form posted without its CSRF token is refused', async ({ page }) => {
  await page.goto('/login');
  await page.locator('input[name="_csrf"]').evaluate((input) => input.remove());
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/login') && r.request().method() === 'POST'),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ]);
  expect(response.status()).toBe(403);
  await expect(page.getByRole('heading', { name: 'This form has expired' })).toBeVisible();
  await page.goto('/');
  await expect(accountNav(page).getByRole('link', { name: 'Sign in' })).toBeVisible();
});

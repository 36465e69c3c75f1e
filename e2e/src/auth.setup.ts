import { expect, test as setup } from '@playwright/test';
import { ADMIN } from './accounts.js';

// Each admin journey signs in with a session of its own (ownAdminSession): a shared refresh token
// would be spent by one journey and then revoke the others'. What is left to check first is that
// the admin can sign in through the form at all.
setup('the admin signs in through the form', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Admin' })).toBeVisible();
});

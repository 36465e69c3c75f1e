import { expect, test as setup } from '@playwright/test';
import { ADMIN, ADMIN_STATE } from './accounts.js';

setup('the admin signs in once for the admin journeys', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Admin' })).toBeVisible();
  await page.context().storageState({ path: ADMIN_STATE });
});

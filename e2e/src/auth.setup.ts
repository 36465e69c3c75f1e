import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test as setup } from '@playwright/test';
import { ADMIN, ADMIN_STATE } from './accounts.js';

setup('the admin signs in once for the admin journeys', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Admin' })).toBeVisible();
  // Only the sign-in token is shared: each journey gets a session of its own, as separate browsers
  // would (journeys run in parallel and would otherwise overwrite each other's flash messages).
  const state = await page.context().storageState();
  state.cookies = state.cookies.filter((c) => c.name === 'access_token');
  await mkdir(path.dirname(ADMIN_STATE), { recursive: true });
  await writeFile(ADMIN_STATE, JSON.stringify(state));
});

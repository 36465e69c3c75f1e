import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type APIRequestContext, type BrowserContext, expect } from '@playwright/test';

/** The admin `npm test` seeds (the demo defaults unless overridden). */
export const ADMIN = {
  email: process.env.ADMIN_EMAIL ?? 'admin@example.com',
  password: process.env.ADMIN_PASSWORD ?? 'admin123',
};

const here = path.dirname(fileURLToPath(import.meta.url));
/** Browser state of a signed-in admin, written by auth.setup. */
export const ADMIN_STATE = path.resolve(here, '..', '..', 'test-results', '.auth', 'admin.json');

/** An email no earlier run has used. */
export function uniqueEmail(label: string): string {
  return `${label}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
}

/** Signs in through the JSON API: answers the access token, for API calls or a browser's cookie. */
export async function apiToken(request: APIRequestContext, email: string, password: string): Promise<string> {
  const login = await request.post('/api/auth/login', { data: { email, password } });
  expect(login.status(), `sign-in of ${email}`).toBe(200);
  return ((await login.json()) as { access_token: string }).access_token;
}

/**
 * A shopper of their own, registered through the API (no form to fill, so it costs one request
 * and one password hash): journeys that only need someone signed in never share a cart.
 */
export async function newShopper(
  request: APIRequestContext,
  label = 'shopper',
): Promise<{ email: string; password: string; name: string; token: string }> {
  const email = uniqueEmail(label);
  const password = `${label}-password`;
  const name = 'Sam Shopper';
  const created = await request.post('/api/auth/register', { data: { email, password, full_name: name } });
  expect(created.status(), `registration of ${email}`).toBe(201);
  return { email, password, name, token: await apiToken(request, email, password) };
}

/** Signs a browser context in with a token, as the sign-in form's cookie would. */
export async function signInWithToken(context: BrowserContext, baseURL: string, token: string): Promise<void> {
  await context.addCookies([{ name: 'access_token', value: token, url: baseURL, httpOnly: true, sameSite: 'Lax' }]);
}

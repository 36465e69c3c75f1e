import { type APIRequestContext, type BrowserContext, expect, type PlaywrightWorkerArgs } from '@playwright/test';

/** The admin `npm test` seeds (the demo defaults unless overridden). */
export const ADMIN = {
  email: process.env.ADMIN_EMAIL ?? 'admin@example.com',
  password: process.env.ADMIN_PASSWORD ?? 'admin123',
};

/** An email no earlier run has used. */
export function uniqueEmail(label: string): string {
  return `${label}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
}

// The refresh token that came with each access token, so a browser signed in with the access token
// gets its refresh cookie too and outlives the short access-token lifetime of the e2e stack.
const refreshOf = new Map<string, string>();

/** Signs in through the JSON API: answers the access token, for API calls or a browser's cookie. */
/**
 * What a browser sends with a form or fetch of the shop's own: a request context that may carry a
 * shopper's cookie must say where it comes from, or the API refuses its writes (cross-site check).
 */
const SAME_ORIGIN = { origin: new URL(process.env.BASE_URL ?? 'http://localhost:8000').origin };

export async function apiToken(request: APIRequestContext, email: string, password: string): Promise<string> {
  const login = await request.post('/api/auth/login', { data: { email, password }, headers: SAME_ORIGIN });
  expect(login.status(), `sign-in of ${email}`).toBe(200);
  const pair = (await login.json()) as { access_token: string; refresh_token: string };
  refreshOf.set(pair.access_token, pair.refresh_token);
  return pair.access_token;
}

/** The cookies the sign-in form sets, for a token pair: the refresh cookie only goes to /auth/refresh. */
function authCookies(baseURL: string, token: string) {
  const { hostname } = new URL(baseURL);
  const cookie = { domain: hostname, expires: -1, httpOnly: true, secure: false, sameSite: 'Lax' as const };
  const refresh = refreshOf.get(token);
  return [
    { ...cookie, name: 'access_token', value: token, path: '/' },
    ...(refresh ? [{ ...cookie, name: 'refresh_token', value: refresh, path: '/auth/refresh' }] : []),
  ];
}

/**
 * A browser state signed in as the admin, with a session of its own: journeys run in parallel,
 * and a shared refresh token would be spent by one and then revoke the others' (reuse detection).
 */
export async function adminState(request: APIRequestContext, baseURL: string) {
  return { cookies: authCookies(baseURL, await apiToken(request, ADMIN.email, ADMIN.password)), origins: [] };
}

/** `test.use({ storageState: ownAdminSession })`: every test of the file signed in as the admin, with its own session. */
export async function ownAdminSession(
  { playwright, baseURL }: Pick<PlaywrightWorkerArgs, 'playwright'> & { baseURL: string | undefined },
  use: (state: Awaited<ReturnType<typeof adminState>>) => Promise<void>,
): Promise<void> {
  const request = await playwright.request.newContext({ baseURL });
  await use(await adminState(request, baseURL!));
  await request.dispose();
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
  const created = await request.post('/api/auth/register', { data: { email, password, full_name: name }, headers: SAME_ORIGIN });
  expect(created.status(), `registration of ${email}`).toBe(201);
  return { email, password, name, token: await apiToken(request, email, password) };
}

/** Signs a browser context in with a token, as the sign-in form's cookie would. */
export async function signInWithToken(context: BrowserContext, baseURL: string, token: string): Promise<void> {
  await context.addCookies(authCookies(baseURL, token));
}

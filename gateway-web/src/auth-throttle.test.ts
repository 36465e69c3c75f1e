// Sign-in throttling as a browser and an API client meet it: OWASP ASVS 5.0 V6.3.1.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, newShopper } from './routes/api/test-client.js';
import { type GatewayStack, startGatewayStack, TestBrowser } from './testing.js';

let stack: GatewayStack;

before(async () => {
  stack = await startGatewayStack();
});

after(async () => {
  await stack.stop();
});

const apiLogin = (base: string, email: string, password: string) => call(base, 'POST', '/api/auth/login', { body: { email, password } });

describe('V6.3.1 per client address (AUTH_RATE_LIMIT_PER_MINUTE)', () => {
  it('V6.3.1 counts failed sign-ins on /login and /api/auth/login together, then answers 429 with Retry-After', async () => {
    const { url } = await stack.startGateway({ authRateLimitPerMinute: 3 });
    const browser = new TestBrowser(url);
    await browser.get('/login');
    assert.equal((await browser.post('/login', { email: 'a@example.com', password: 'wrong-1' })).status, 401);
    assert.equal((await browser.post('/login', { email: 'b@example.com', password: 'wrong-2' })).status, 401);
    assert.equal((await apiLogin(url, 'c@example.com', 'wrong-3')).status, 401);
    const api = await apiLogin(url, 'd@example.com', 'wrong-4');
    assert.equal(api.status, 429);
    assert.ok(Number(api.headers.get('retry-after')) > 0);
    assert.match(api.body.detail, /too many attempts/);
    const page = await browser.post('/login', { email: 'e@example.com', password: 'wrong-5' });
    assert.equal(page.status, 429);
    assert.match(page.html, /too many attempts from your network/i);
  });

  it('does not count successful sign-ins, but counts every registration', async () => {
    const { url } = await stack.startGateway({ authRateLimitPerMinute: 3 });
    const shopper = await newShopper(stack.url);
    for (let i = 0; i < 5; i++) assert.equal((await apiLogin(url, shopper.email, 'shopper-password-1')).status, 200);
    const register = (i: number) =>
      call(url, 'POST', '/api/auth/register', {
        body: { email: `flood-${i}-${Date.now()}@example.com`, password: 'a-long-own-password', full_name: 'F' },
      });
    assert.deepEqual(
      [(await register(1)).status, (await register(2)).status, (await register(3)).status, (await register(4)).status],
      [201, 201, 201, 429],
    );
  });
});

describe('V6.3.1 per account, through the gateway', () => {
  it('V6.3.1 20 wrong passwords: the API and the page both answer 429 with Retry-After and say how long to wait', async () => {
    const shopper = await newShopper(stack.url);
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof apiLogin>> | undefined;
    for (let i = 0; i < 20; i++) {
      last = await apiLogin(stack.url, shopper.email, `wrong-${i}`);
      statuses.push(last.status);
    }
    assert.deepEqual(statuses, [...Array(5).fill(401), ...Array(15).fill(429)]);
    assert.ok(Number(last!.headers.get('retry-after')) > 0, `Retry-After: ${last!.headers.get('retry-after')}`);
    assert.match(last!.body.detail, /try again in \d+ seconds/);

    const browser = new TestBrowser(stack.url);
    await browser.get('/login');
    const page = await browser.post('/login', { email: shopper.email, password: 'shopper-password-1' });
    assert.equal(page.status, 429);
    assert.match(page.html, /too many failed sign-ins for this account/);
  });
});

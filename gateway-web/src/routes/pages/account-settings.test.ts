// The account pages (OWASP ASVS 5.0 V6 authentication, V7 sessions): details, password, devices.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { callJson } from '@dm/common/testing';
import { type GatewayStack, startGatewayStack, TestBrowser } from '../../testing.js';

let stack: GatewayStack;
let counter = 0;

before(async () => {
  stack = await startGatewayStack();
});

after(async () => {
  await stack.stop();
});

async function shopper(password = 'first-password-1') {
  const email = `acct${++counter}-${process.pid}@example.com`;
  const res = await callJson(`${stack.url}/api/auth/register`, 'POST', { body: { email, password, full_name: 'Pat' } });
  assert.equal(res.status, 201, res.text);
  return { email, password };
}

const signedIn = (email: string, password: string) => TestBrowser.signedIn(stack.url, email, password);

/** Asks until `ok` holds or the deadline passes. */
async function within(ms: number, what: string, ok: () => Promise<boolean>) {
  const deadline = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > deadline) assert.fail(`${what}: not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const signedOut = async (browser: TestBrowser) => (await browser.get('/orders')).location?.startsWith('/login') === true;

describe('account pages', () => {
  it('V6.2.2 /account/password changes the password and signs out the other browser within 5 s', async () => {
    const pat = await shopper();
    const here = await signedIn(pat.email, pat.password);
    const other = await signedIn(pat.email, pat.password);
    await here.get('/account/password');
    const wrong = await here.post('/account/password', {
      current_password: 'not-it-at-all',
      new_password: 'second-password-2',
      new_password_confirm: 'second-password-2',
    });
    assert.equal(wrong.status, 403);
    assert.match(wrong.html, /current password is not right/);
    const changed = await here.post('/account/password', {
      current_password: pat.password,
      new_password: 'second-password-2',
      new_password_confirm: 'second-password-2',
    });
    assert.equal(changed.location, '/account');
    await within(5000, 'the other browser signed out', () => signedOut(other));
    assert.equal(await signedOut(here), false, 'the browser that changed it stays signed in');
  });

  it('V6.2.3 /account edits the name, and the email only with the current password', async () => {
    const pat = await shopper();
    const browser = await signedIn(pat.email, pat.password);
    await browser.get('/account');
    const renamed = await browser.post('/account', { full_name: 'Patricia', email: pat.email });
    assert.equal(renamed.location, '/account');
    assert.match((await browser.get('/account')).html, /value="Patricia"/);
    const noPassword = await browser.post('/account', { full_name: 'Patricia', email: `new-${pat.email}` });
    assert.equal(noPassword.status, 403);
    assert.match(noPassword.html, /current password is not right/);
    const moved = await browser.post('/account', { full_name: 'Patricia', email: `new-${pat.email}`, current_password: pat.password });
    assert.equal(moved.location, '/account');
    assert.match((await browser.get('/account')).html, new RegExp(`value="new-${pat.email}"`));
  });

  it('V7.5.2 /account/devices lists the devices, signs one out, and signs out everywhere', async () => {
    const pat = await shopper();
    const laptop = await signedIn(pat.email, pat.password);
    const phone = await signedIn(pat.email, pat.password);
    const page = await laptop.get('/account/devices');
    assert.match(page.html, /This device/);
    const other = /action="\/account\/devices\/([0-9a-f-]{36})\/sign-out"/.exec(page.html)?.[1];
    assert.ok(other, 'the other device has a sign-out button');
    const out = await laptop.post(`/account/devices/${other}/sign-out`, {});
    assert.equal(out.location, '/account/devices');
    await within(5000, 'the phone signed out', () => signedOut(phone));
    await laptop.get('/account/devices');
    const all = await laptop.post('/account/devices/sign-out-all', {});
    assert.equal(all.location, '/login');
    assert.ok(await signedOut(laptop));
  });
});

// Forgot password → mail → reset, through the gateway's pages and API against the real services
// (OWASP ASVS 5.0 V6.4), and the development mailbox that shows the mail.
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

async function shopper() {
  const email = `reset${++counter}-${process.pid}@example.com`;
  const res = await callJson(`${stack.url}/api/auth/register`, 'POST', {
    body: { email, password: 'first-password-1', full_name: 'Quinn <b>Q</b>' },
  });
  assert.equal(res.status, 201, res.text);
  return { email, refresh: res.body.refresh_token as string };
}

const SUBJECT = 'Reset your Digital Marketplace password';
const tokenIn = (text: string) => /reset-password\?token=([\w-]+)/.exec(text)?.[1] ?? '';

describe('password reset pages', () => {
  it('V6.4.1 /forgot-password says the same for every address; the mail is in /dev/mail; its link sets a new password and ends every session', async () => {
    const quinn = await shopper();
    const browser = new TestBrowser(stack.url);
    const login = await browser.get('/login');
    assert.match(login.html, /href="\/forgot-password"/, 'the sign-in page links to the reset');
    await browser.get('/forgot-password');
    const unknown = await browser.post('/forgot-password', { email: 'nobody-here@example.com' });
    const known = await browser.post('/forgot-password', { email: quinn.email });
    assert.equal(known.status, 200);
    assert.equal(
      unknown.html.replace('nobody-here@example.com', quinn.email),
      known.html,
      'the same page for a known and an unknown address',
    );
    assert.match(known.html, /Check your email/);

    await stack.mailbox.waitFor(quinn.email, SUBJECT);
    const inbox = await browser.get('/dev/mail');
    assert.equal(inbox.headers.get('cache-control'), 'no-store');
    const id = new RegExp(`href="/dev/mail/([\\w-]+)"[\\s\\S]*?To ${quinn.email.replace('.', '\\.')}`).exec(inbox.html)?.[1];
    assert.ok(id, 'the mailbox lists the message');
    const message = await browser.get(`/dev/mail/${id}`);
    assert.match(message.html, /Hello Quinn &lt;b&gt;Q&lt;\/b&gt;,/, 'the name is text, never markup');
    const token = tokenIn(message.html);
    assert.ok(token, 'the message shows the link');

    const form = await browser.get(`/reset-password?token=${token}`);
    assert.match(form.html, new RegExp(`name="token" value="${token}"`));
    const mismatch = await browser.post('/reset-password', { token, new_password: 'second-password-2', new_password_confirm: 'other' });
    assert.equal(mismatch.status, 422);
    const done = await browser.post('/reset-password', {
      token,
      new_password: 'second-password-2',
      new_password_confirm: 'second-password-2',
    });
    assert.equal(done.location, '/login');
    assert.match((await browser.get('/login')).html, /Your password is changed/);
    const reused = await browser.post('/reset-password', {
      token,
      new_password: 'third-password-3',
      new_password_confirm: 'third-password-3',
    });
    assert.equal(reused.status, 400);
    assert.match(reused.html, /invalid, was already used or has expired/);

    const refreshed = await callJson(`${stack.url}/api/auth/refresh`, 'POST', { body: { refresh_token: quinn.refresh } });
    assert.equal(refreshed.status, 401, 'the sessions from before the reset are over');
    await browser.get('/login');
    assert.equal((await browser.post('/login', { email: quinn.email, password: 'second-password-2' })).status, 302);
  });

  it('V6.4.1 the API: forgot-password answers 202 for any address, reset-password 204 with the mailed token', async () => {
    const quinn = await shopper();
    const known = await callJson(`${stack.url}/api/auth/forgot-password`, 'POST', { body: { email: quinn.email } });
    const unknown = await callJson(`${stack.url}/api/auth/forgot-password`, 'POST', { body: { email: 'ghost@example.com' } });
    assert.equal(known.status, 202);
    assert.deepEqual(known.body, unknown.body);
    const mail = await stack.mailbox.waitFor(quinn.email, SUBJECT);
    const reset = await callJson(`${stack.url}/api/auth/reset-password`, 'POST', {
      body: { token: tokenIn(mail.text), new_password: 'second-password-2' },
    });
    assert.equal(reset.status, 204);
    const login = await callJson(`${stack.url}/api/auth/login`, 'POST', { body: { email: quinn.email, password: 'second-password-2' } });
    assert.equal(login.status, 200);
  });

  it('a reset page without a token, and a mailbox message that does not exist, say so', async () => {
    const browser = new TestBrowser(stack.url);
    const bare = await browser.get('/reset-password');
    assert.equal(bare.status, 400);
    assert.match(bare.html, /Ask for a new link/);
    assert.equal((await browser.get('/dev/mail/no-such-message')).status, 404);
  });
});

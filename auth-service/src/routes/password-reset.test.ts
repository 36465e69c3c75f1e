// Password reset by email, as OWASP ASVS 5.0 V6.4 asks: a single-use, short-lived link whose
// token is stored only as a hash, the same answer for every address, and every session ended.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createJwt } from '@dm/common/jwt';
import { listMail } from '@dm/common/mailbox';
import { createMailer } from '@dm/common/mailer';
import { eventually, silentLogger, type TestApi, testApi } from '@dm/common/testing';
import { type ReceivedMail, testSmtpServer } from '@dm/common/testing-smtp';
import { sql } from 'kysely';
import { type AuthTestService, startAuthTestService, TEST_PUBLIC_URL } from '../test-support.js';

const jwt = createJwt('test-secret-that-is-at-least-32-characters-long');
let server: AuthTestService;
let api: TestApi;
let counter = 0;

before(async () => {
  server = await startAuthTestService('auth_reset', jwt, { lockoutThreshold: 3 });
  api = testApi(server.url);
});

after(async () => {
  await server.close();
});

const RESET_SUBJECT = 'Reset your Digital Marketplace password';

async function newAccount() {
  const email = `r${++counter}-${process.pid}@example.com`;
  const res = await api('POST', '/auth/register', { email, password: 'first-password-1', full_name: `Robin ${counter}` });
  assert.equal(res.status, 201, res.text);
  return { email, id: res.body.id as string, access: res.body.access_token as string, refresh: res.body.refresh_token as string };
}

/** The token of the reset link mailed to `email` (waits for the mail). */
async function mailedToken(email: string): Promise<string> {
  const mail = await server.mailbox.waitFor(email, RESET_SUBJECT);
  const link = /(https?:\/\/\S+\/reset-password\?token=\S+)/.exec(mail.text)?.[1];
  assert.ok(link, `the mail holds a reset link: ${mail.text}`);
  assert.ok(
    link.startsWith(`${TEST_PUBLIC_URL}/reset-password?token=`),
    'the link points at the shop (PUBLIC_URL), never at a caller-given host',
  );
  return new URL(link).searchParams.get('token') ?? '';
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('V6.4 password reset', () => {
  it('V6.4.1 a reset request answers 202 with the same words whether or not the account exists; only a real account gets mail', async () => {
    const account = await newAccount();
    const unknown = `nobody-${process.pid}@example.com`;
    const forUnknown = await api('POST', '/auth/forgot-password', { email: unknown });
    const forKnown = await api('POST', '/auth/forgot-password', { email: account.email.toUpperCase() });
    assert.equal(forUnknown.status, 202);
    assert.equal(forKnown.status, 202);
    assert.deepEqual(forUnknown.body, forKnown.body);
    assert.equal(forKnown.headers.get('cache-control'), 'no-store');
    await mailedToken(account.email);
    const all = await listMail(server.mailbox.dataDir);
    assert.ok(!all.some((m) => m.to.includes(unknown)), 'no mail to an address without an account');
  });

  it('V6.4.2 the token is 256 random bits kept only as a SHA-256 hash, and the link works once', async () => {
    const account = await newAccount();
    await api('POST', '/auth/forgot-password', { email: account.email });
    const token = await mailedToken(account.email);
    assert.match(token, /^[A-Za-z0-9_-]{43}$/);
    const stored = await server.database.db.selectFrom('password_resets').select('hash').where('user_id', '=', account.id).execute();
    assert.equal(stored.length, 1);
    assert.deepEqual(stored[0]?.hash, createHash('sha256').update(token).digest());

    assert.equal((await api('POST', '/auth/reset-password', { token, new_password: 'second-password-2' })).status, 204);
    const again = await api('POST', '/auth/reset-password', { token, new_password: 'third-password-3' });
    assert.equal(again.status, 400);
    assert.match(again.body.detail, /invalid, was already used or has expired/);
    assert.equal((await api('POST', '/auth/login', { email: account.email, password: 'second-password-2' })).status, 200);
    assert.equal((await api('POST', '/auth/login', { email: account.email, password: 'first-password-1' })).status, 401);
  });

  it('V6.4.2 a link older than 30 minutes is refused', async () => {
    const account = await newAccount();
    await api('POST', '/auth/forgot-password', { email: account.email });
    const token = await mailedToken(account.email);
    const row = await server.database.db
      .selectFrom('password_resets')
      .select(sql<number>`round(extract(epoch from expires_at - created_at))::int`.as('seconds'))
      .where('user_id', '=', account.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.seconds, 30 * 60);
    await server.database.db
      .updateTable('password_resets')
      .set({ expires_at: sql<Date>`now() - interval '1 second'` })
      .where('user_id', '=', account.id)
      .execute();
    assert.equal((await api('POST', '/auth/reset-password', { token, new_password: 'second-password-2' })).status, 400);
    assert.equal((await api('POST', '/auth/login', { email: account.email, password: 'first-password-1' })).status, 200);
  });

  it('V7.4.3 a reset ends every session: refresh tokens at once, access tokens on their next check', async () => {
    const account = await newAccount();
    const other = await api('POST', '/auth/login', { email: account.email, password: 'first-password-1' });
    await api('POST', '/auth/forgot-password', { email: account.email });
    const token = await mailedToken(account.email);
    assert.equal((await api('POST', '/auth/reset-password', { token, new_password: 'second-password-2' })).status, 204);
    for (const refresh of [account.refresh, other.body.refresh_token]) {
      assert.equal((await api('POST', '/auth/refresh', { refresh_token: refresh })).status, 401);
    }
    for (const access of [account.access, other.body.access_token]) {
      assert.equal((await api('GET', '/auth/me', undefined, bearer(access))).status, 401);
    }
  });

  it('V6.2.4 a common password is refused on reset, and the link stays usable', async () => {
    const account = await newAccount();
    await api('POST', '/auth/forgot-password', { email: account.email });
    const token = await mailedToken(account.email);
    const common = await api('POST', '/auth/reset-password', { token, new_password: 'password123' });
    assert.equal(common.status, 422);
    assert.equal(common.body.errors[0].field, 'new_password');
    assert.equal((await api('POST', '/auth/reset-password', { token, new_password: 'xyzzy-plover-77' })).status, 204);
  });

  it('V6.3.1 a reset lifts a sign-in lockout, and one address gets at most one mail a minute', async () => {
    const account = await newAccount();
    for (let i = 0; i < 3; i++) await api('POST', '/auth/login', { email: account.email, password: 'wrong-password' });
    assert.equal((await api('POST', '/auth/login', { email: account.email, password: 'first-password-1' })).status, 429);
    await api('POST', '/auth/forgot-password', { email: account.email });
    const token = await mailedToken(account.email);
    await api('POST', '/auth/forgot-password', { email: account.email });
    const links = await server.database.db.selectFrom('password_resets').select('hash').where('user_id', '=', account.id).execute();
    assert.equal(links.length, 1, 'the second request within a minute makes no new link and sends no mail');
    assert.equal((await api('POST', '/auth/reset-password', { token, new_password: 'second-password-2' })).status, 204);
    assert.equal((await api('POST', '/auth/login', { email: account.email, password: 'second-password-2' })).status, 200);
  });

  it('V6.4.1 a disabled account gets no mail; V16.2.1 a reset is in the audit log', async () => {
    const disabled = await newAccount();
    await server.database.db.updateTable('users').set({ is_active: false }).where('id', '=', disabled.id).execute();
    const active = await newAccount();
    await api('POST', '/auth/forgot-password', { email: disabled.email });
    await api('POST', '/auth/forgot-password', { email: active.email });
    const token = await mailedToken(active.email);
    assert.ok(!(await listMail(server.mailbox.dataDir)).some((m) => m.to.includes(disabled.email)));
    await api('POST', '/auth/reset-password', { token, new_password: 'second-password-2' });
    const events = await server.database.db.selectFrom('audit_events').selectAll().where('subject_id', '=', active.id).execute();
    assert.deepEqual(
      events.map((e) => [e.action, e.actor_id]),
      [['password.reset', active.id]],
    );
  });

  it('V6.4.1 a bad request is a 422, an unknown token a 400', async () => {
    assert.equal((await api('POST', '/auth/forgot-password', { email: 'not-an-email' })).status, 422);
    assert.equal((await api('POST', '/auth/reset-password', { token: 'made-up', new_password: 'second-password-2' })).status, 400);
    assert.equal((await api('POST', '/auth/reset-password', { new_password: 'second-password-2' })).status, 422);
  });
});

describe('V6.4 reset mail through a real SMTP server', () => {
  it('V6.4.1 with SMTP_URL set, the reset mail is delivered by SMTP to the account holder', async () => {
    const received: ReceivedMail[] = [];
    const smtp = testSmtpServer((mail) => received.push(mail));
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as { port: number }).port;
    const mailer = createMailer(
      { NODE_ENV: 'production', SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'Shop <shop@example.com>', DATA_DIR: '/nonexistent' },
      silentLogger,
    );
    const viaSmtp = await startAuthTestService('auth_reset_smtp', jwt, { mailer });
    try {
      const email = `smtp-${process.pid}@example.com`;
      const call = testApi(viaSmtp.url);
      assert.equal((await call('POST', '/auth/register', { email, password: 'first-password-1', full_name: 'Sam' })).status, 201);
      assert.equal((await call('POST', '/auth/forgot-password', { email })).status, 202);
      await eventually(async () => received.length > 0, 'the SMTP server receives the mail', 5000);
      assert.equal(received.length, 1, 'one message reached the SMTP server');
      assert.deepEqual(received[0]?.to, [email]);
      assert.match(received[0]?.data ?? '', /Subject: Reset your Digital Marketplace password/);
      assert.match(received[0]?.data ?? '', /reset-password\?token=/);
    } finally {
      await viaSmtp.close();
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  });
});

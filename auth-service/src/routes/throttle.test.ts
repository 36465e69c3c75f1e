// Sign-in throttling per account, and the password rules: OWASP ASVS 5.0 V6.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createJwt } from '@dm/common/jwt';
import { sql } from 'kysely';
import { commonPasswords } from '../password-rules.js';
import { type AuthTestService, startAuthTestService } from '../test-support.js';

let server: AuthTestService;

before(async () => {
  const jwt = createJwt('test-secret-that-is-at-least-32-characters-long');
  server = await startAuthTestService('throttle', jwt, { lockoutThreshold: 5 });
});

after(async () => {
  await server.close();
});

async function post(path: string, body: unknown) {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    body: (await res.json()) as { detail: string; errors?: { field: string }[] },
  };
}

let accounts = 0;
async function account() {
  accounts += 1;
  const user = { email: `throttled-${accounts}@example.com`, password: `a-long-own-password-${accounts}`, full_name: 'T' };
  assert.equal((await post('/auth/register', user)).status, 201);
  return user;
}

const login = (email: string, password: string) => post('/auth/login', { email, password });

describe('V6.3.1 sign-in throttling per account', () => {
  it('V6.3.1 20 wrong passwords: 401 five times, then 429 with Retry-After and a clear message, even for the right one', async () => {
    const user = await account();
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof login>> | undefined;
    for (let i = 0; i < 20; i++) {
      last = await login(user.email, `wrong-${i}`);
      statuses.push(last.status);
    }
    assert.deepEqual(statuses, [...Array(5).fill(401), ...Array(15).fill(429)]);
    assert.ok(Number(last!.retryAfter) > 0 && Number(last!.retryAfter) <= 30, `Retry-After: ${last!.retryAfter}`);
    assert.match(last!.body.detail, /too many failed sign-ins for this account: try again in \d+ seconds/);
    assert.equal((await login(user.email, user.password)).status, 429, 'the right password waits too');
  });

  it('V6.3.1 the wait doubles with each failure after a lock ends, and a success starts afresh', async () => {
    const user = await account();
    for (let i = 0; i < 5; i++) await login(user.email, 'wrong');
    const expire = () =>
      server.database.db.updateTable('login_failures').set({ locked_until: sql<Date>`now() - interval '1 second'` }).execute();
    await expire();
    assert.equal((await login(user.email, 'wrong')).status, 401);
    const second = await login(user.email, 'wrong');
    assert.equal(second.status, 429);
    assert.ok(Number(second.retryAfter) > 30 && Number(second.retryAfter) <= 60, `Retry-After: ${second.retryAfter}`);
    await expire();
    assert.equal((await login(user.email, user.password)).status, 200);
    for (let i = 0; i < 4; i++) assert.equal((await login(user.email, 'wrong')).status, 401);
    assert.equal((await login(user.email, user.password)).status, 200);
  });

  it('V6.3.8 an unknown email gets the same answers as a wrong password, lockout included', async () => {
    const user = await account();
    const known: unknown[] = [];
    const unknown: unknown[] = [];
    for (let i = 0; i < 7; i++) {
      const a = await login(user.email, 'wrong');
      const b = await login('nobody-here@example.com', 'wrong');
      known.push([a.status, a.body.detail.replace(/\d+/g, 'N')]);
      unknown.push([b.status, b.body.detail.replace(/\d+/g, 'N')]);
    }
    assert.deepEqual(unknown, known);
  });

  it('V6.3.8 an unknown email takes as long as a wrong password (a dummy hash is checked)', async () => {
    const timed = async (email: string) => {
      const start = performance.now();
      assert.equal((await login(email, 'wrong')).status, 401);
      return performance.now() - start;
    };
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i++) {
      const user = await account();
      for (let j = 0; j < 3; j++) {
        known.push(await timed(user.email));
        unknown.push(await timed(`nobody-${i}@example.com`));
      }
    }
    // Without the dummy hash an unknown email answers in about a twentieth of the time.
    assert.ok(median(unknown) > 0.4 * median(known), `unknown ${median(unknown)} ms, known ${median(known)} ms`);
  });
});

describe('V6.2 password rules', () => {
  const register = (password: string) =>
    post('/auth/register', { email: `rules-${password.length}-${Math.random()}@example.com`, password, full_name: 'R' });

  it('V6.2.1 V6.2.9 takes 8 to 128 characters', async () => {
    assert.equal((await register('Seven7!')).status, 422);
    assert.equal((await register(`x${'unguessable'.repeat(12)}`.slice(0, 129))).status, 422);
    assert.equal((await register(`y${'unguessable'.repeat(12)}`.slice(0, 128))).status, 201);
    assert.equal((await register('8chars-x')).status, 201);
  });

  it('V6.2.4 refuses a common password, whatever its case, naming the field', async () => {
    for (const password of ['password123', 'Password123', 'qwertyuiop', 'iloveyou2']) {
      const res = await register(password);
      assert.equal(res.status, 422, password);
      assert.deepEqual(
        res.body.errors?.map((e) => e.field),
        ['password'],
      );
      assert.match(res.body.detail, /most common passwords/);
    }
  });

  it('V6.2.4 checks against a bundled list of over 100,000 common passwords', () => {
    assert.ok(commonPasswords().size > 100_000, `${commonPasswords().size} passwords`);
  });
});

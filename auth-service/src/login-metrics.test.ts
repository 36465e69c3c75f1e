// logins_total: what an operator watches for password guessing and lockouts.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createJwt } from '@dm/common/jwt';
import { scrapeMetric } from '@dm/common/testing';
import { type AuthTestService, startAuthTestService } from './test-support.js';

let server: AuthTestService;

before(async () => {
  server = await startAuthTestService('login_metrics', createJwt('test-secret-that-is-at-least-32-characters-long'), {
    lockoutThreshold: 2,
  });
});

after(async () => {
  await server.close();
});

const post = (path: string, body: unknown) =>
  fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(
    (res) => res.status,
  );

const logins = async () => {
  const outcome = async (name: string) => scrapeMetric(server.url, 'logins_total', { outcome: name, service: 'auth-service' });
  return { success: await outcome('success'), failure: await outcome('failure'), locked: await outcome('locked') };
};

describe('logins_total', () => {
  it('counts a success, each failure, and each attempt refused while the account is locked', async () => {
    const user = { email: 'counted@example.com', password: 'a-long-own-password-1', full_name: 'Counted' };
    assert.equal(await post('/auth/register', user), 201);
    const start = await logins();
    assert.deepEqual(start, { success: 0, failure: 0, locked: 0 }, 'every outcome is there from the start, at 0');

    assert.equal(await post('/auth/login', { email: user.email, password: user.password }), 200);
    assert.equal(await post('/auth/login', { email: user.email, password: 'wrong-password' }), 401);
    assert.deepEqual(await logins(), { success: 1, failure: 1, locked: 0 });

    assert.equal(await post('/auth/login', { email: 'nobody@example.com', password: 'wrong-password' }), 401);
    assert.equal(await post('/auth/login', { email: user.email, password: 'wrong-again' }), 401);
    assert.equal(await post('/auth/login', { email: user.email, password: user.password }), 429, 'two failures lock the account');
    assert.deepEqual(await logins(), { success: 1, failure: 3, locked: 1 });
  });
});

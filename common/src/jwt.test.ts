import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import jsonwebtoken from 'jsonwebtoken';
import { createJwt, serviceTokens } from './jwt.js';

const SECRET = 'unit-test-secret-of-at-least-32-characters';
const jwt = createJwt(SECRET);

describe('jwt', () => {
  it('signs and verifies sub, role, iss, aud and exp', () => {
    const claims = jwt.verify(jwt.sign({ sub: 'u1', role: 'admin', email: 'a@b.c' }, 60));
    assert.equal(claims.sub, 'u1');
    assert.equal(claims.role, 'admin');
    assert.ok(claims.exp > Date.now() / 1000);
    const decoded = jsonwebtoken.decode(jwt.sign({ sub: 'u1', role: 'user' }, 60), { complete: true })!;
    assert.equal(decoded.header.alg, 'HS256');
    assert.equal((decoded.payload as { iss: string }).iss, 'digital-marketplace');
    assert.equal((decoded.payload as { aud: string }).aud, 'digital-marketplace');
  });

  it('refuses other algorithms, issuers, audiences, secrets and expired tokens', () => {
    const none = jsonwebtoken.sign({ role: 'admin' }, '', {
      algorithm: 'none',
      subject: 'x',
      issuer: 'digital-marketplace',
      audience: 'digital-marketplace',
    });
    assert.throws(() => jwt.verify(none));
    const hs512 = jsonwebtoken.sign({ role: 'admin' }, SECRET, {
      algorithm: 'HS512',
      subject: 'x',
      issuer: 'digital-marketplace',
      audience: 'digital-marketplace',
    });
    assert.throws(() => jwt.verify(hs512));
    const otherIss = jsonwebtoken.sign({ role: 'admin' }, SECRET, { subject: 'x', issuer: 'elsewhere', audience: 'digital-marketplace' });
    assert.throws(() => jwt.verify(otherIss));
    const otherAud = jsonwebtoken.sign({ role: 'admin' }, SECRET, { subject: 'x', issuer: 'digital-marketplace', audience: 'other' });
    assert.throws(() => jwt.verify(otherAud));
    assert.throws(() => createJwt('another-secret-of-at-least-32-characters!').verify(jwt.sign({ sub: 'x', role: 'user' }, 60)));
    assert.throws(() => jwt.verify(jwt.sign({ sub: 'x', role: 'user' }, -1)));
  });

  it('refuses a token whose role is not one we know', () => {
    const odd = jsonwebtoken.sign({ role: 'root' }, SECRET, {
      subject: 'x',
      issuer: 'digital-marketplace',
      audience: 'digital-marketplace',
    });
    assert.throws(() => jwt.verify(odd), /malformed/);
  });

  it('reuses a service token until shortly before it expires', () => {
    const next = serviceTokens(jwt, 'order-service');
    const first = next();
    assert.equal(next(), first);
    const claims = jwt.verify(first);
    assert.equal(claims.role, 'service');
    assert.equal(claims.sub, 'order-service');
    assert.ok(claims.scope?.includes('catalog-service:reservations'));
  });

  it('V9.2.3 keeps the audiences apart: a service token is not a user token, nor the other way round', () => {
    const serviceAud = jsonwebtoken.decode(jwt.signService('cart-service', 60)) as { aud: string; scope: string[] };
    assert.equal(serviceAud.aud, 'digital-marketplace/internal');
    assert.deepEqual(serviceAud.scope, ['auth-service:sessions', 'catalog-service:products']);
    const fakeService = jsonwebtoken.sign({ role: 'service', scope: [] }, SECRET, {
      subject: 'x',
      issuer: 'digital-marketplace',
      audience: 'digital-marketplace',
    });
    assert.throws(() => jwt.verify(fakeService), /audience/);
    const fakeUser = jsonwebtoken.sign({ role: 'admin' }, SECRET, {
      subject: 'x',
      issuer: 'digital-marketplace',
      audience: 'digital-marketplace/internal',
    });
    assert.throws(() => jwt.verify(fakeUser), /audience/);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { baseEnv, ConfigError, DEMO_VALUES, databaseUrlFor, loadConfig, portVar } from './config.js';

const shape = { ...baseEnv, PORT: portVar(8001), ADMIN_PASSWORD: z.string().default(DEMO_VALUES.ADMIN_PASSWORD) };

describe('config', () => {
  it('fills defaults and coerces numbers', () => {
    const config = loadConfig(shape, { PORT: '9000' });
    assert.equal(config.PORT, 9000);
    assert.equal(config.NODE_ENV, 'development');
    assert.ok(Object.isFrozen(config));
  });

  it('names the bad variable', () => {
    assert.throws(
      () => loadConfig(shape, { PORT: 'eighty' }),
      (err: Error) => err instanceof ConfigError && /PORT/.test(err.message),
    );
    assert.throws(() => loadConfig(shape, { JWT_SECRET: 'short' }), /JWT_SECRET: must be at least 32 characters/);
  });

  it('listens on loopback unless HOST says otherwise, and names a HOST that is not an address', () => {
    assert.equal(loadConfig(shape, {}).HOST, '127.0.0.1');
    assert.equal(loadConfig(shape, { HOST: '0.0.0.0' }).HOST, '0.0.0.0');
    assert.equal(loadConfig(shape, { HOST: '::' }).HOST, '::');
    assert.throws(() => loadConfig(shape, { HOST: 'every interface' }), /HOST: must be an IP address/);
  });

  it('refuses demo secrets in production, naming each', () => {
    assert.throws(
      () => loadConfig(shape, { NODE_ENV: 'production' }),
      (err: Error) => /JWT_SECRET/.test(err.message) && /ADMIN_PASSWORD/.test(err.message),
    );
    const ok = loadConfig(shape, { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), ADMIN_PASSWORD: 'a-real-password' });
    assert.equal(ok.NODE_ENV, 'production');
  });

  it('finds a service database: its own URL, else DATABASE_URL’s server, else the embedded one', () => {
    assert.equal(databaseUrlFor('auth', { AUTH_DATABASE_URL: 'postgres://a@h:1/x' }), 'postgres://a@h:1/x');
    assert.equal(databaseUrlFor('auth', { DATABASE_URL: 'postgres://u:p@db:5432/postgres' }), 'postgres://u:p@db:5432/auth');
    assert.equal(databaseUrlFor('catalog', {}), 'postgres://postgres:postgres@127.0.0.1:55432/catalog');
  });

  it('refuses to start in production without a database URL rather than reach for the embedded default', () => {
    assert.throws(() => databaseUrlFor('orders', { NODE_ENV: 'production' }), {
      name: 'ConfigError',
      message: /ORDERS_DATABASE_URL: required when NODE_ENV=production/,
    });
    assert.equal(databaseUrlFor('orders', { NODE_ENV: 'production', DATABASE_URL: 'postgres://u@db/x' }), 'postgres://u@db/orders');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '@dm/common/config';
import { loadPaymentConfig, paymentEnv } from './config.js';

describe('loadPaymentConfig', () => {
  it('defaults to port 8005, order-service on 8004, no random declines, and the payments database', () => {
    const config = loadPaymentConfig({});
    assert.equal(config.PORT, 8005);
    assert.equal(config.ORDER_URL, 'http://127.0.0.1:8004');
    assert.equal(config.PAYMENT_FAILURE_RATE, 0);
    assert.match(config.databaseUrl, /\/payments$/);
    assert.ok(Object.isFrozen(config));
  });

  it('takes its own database URL, the order URL and a failure rate from the environment', () => {
    const config = loadPaymentConfig({
      PAYMENTS_DATABASE_URL: 'postgres://u:p@db:5432/shop_payments',
      ORDER_URL: 'http://order-service:8004',
      PAYMENT_FAILURE_RATE: '0.25',
    });
    assert.equal(config.databaseUrl, 'postgres://u:p@db:5432/shop_payments');
    assert.equal(config.ORDER_URL, 'http://order-service:8004');
    assert.equal(config.PAYMENT_FAILURE_RATE, 0.25);
    assert.equal(loadPaymentConfig({ PAYMENT_FAILURE_RATE: '1' }).PAYMENT_FAILURE_RATE, 1);
  });

  it('names a failure rate outside 0..1 or not a number, and a bad order URL', () => {
    for (const [name, value] of [
      ['PAYMENT_FAILURE_RATE', '1.5'],
      ['PAYMENT_FAILURE_RATE', '-0.1'],
      ['PAYMENT_FAILURE_RATE', 'often'],
      ['ORDER_URL', 'order-service'],
    ] as const) {
      assert.throws(
        () => loadPaymentConfig({ [name]: value }),
        (err: unknown) => {
          assert.ok(err instanceof ConfigError);
          assert.match(err.message, new RegExp(`${name}: `));
          return true;
        },
        `${name}=${value}`,
      );
    }
  });

  it('exports the variables it reads, for the docker-compose check', () => {
    for (const name of ['PORT', 'PAYMENTS_DATABASE_URL', 'ORDER_URL', 'PAYMENT_FAILURE_RATE', 'JWT_SECRET']) {
      assert.ok(name in paymentEnv, name);
    }
  });
});

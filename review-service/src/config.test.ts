import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '@dm/common/config';
import { loadReviewConfig } from './config.js';

describe('loadReviewConfig', () => {
  it('defaults to port 8007, the local order and catalog services, and the reviews database', () => {
    const config = loadReviewConfig({});
    assert.equal(config.PORT, 8007);
    assert.equal(config.ORDER_URL, 'http://127.0.0.1:8004');
    assert.equal(config.CATALOG_URL, 'http://127.0.0.1:8002');
    assert.match(config.databaseUrl, /\/reviews$/);
    assert.ok(Object.isFrozen(config));
  });

  it('takes its own database URL and its neighbours from the environment, and names a bad one', () => {
    const config = loadReviewConfig({
      REVIEWS_DATABASE_URL: 'postgres://u:p@db:5432/shop_reviews',
      ORDER_URL: 'http://order-service:8004',
    });
    assert.equal(config.databaseUrl, 'postgres://u:p@db:5432/shop_reviews');
    assert.equal(config.ORDER_URL, 'http://order-service:8004');
    assert.throws(
      () => loadReviewConfig({ CATALOG_URL: 'catalog' }),
      (err: unknown) => err instanceof ConfigError && /CATALOG_URL: must be a URL/.test(err.message),
    );
  });
});

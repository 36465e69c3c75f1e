import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '@dm/common/config';
import { loadCartConfig } from './config.js';

describe('loadCartConfig', () => {
  it('defaults to port 8003, the local catalog, 50 lines of at most 99, and the cart database', () => {
    const config = loadCartConfig({});
    assert.equal(config.PORT, 8003);
    assert.equal(config.CATALOG_URL, 'http://127.0.0.1:8002');
    assert.equal(config.CART_MAX_LINES, 50);
    assert.equal(config.CART_MAX_QUANTITY, 99);
    assert.match(config.databaseUrl, /\/cart$/);
    assert.ok(Object.isFrozen(config));
  });

  it('takes its own database URL, the catalog and the limits from the environment', () => {
    const config = loadCartConfig({
      CART_DATABASE_URL: 'postgres://u:p@db:5432/shop_cart',
      CATALOG_URL: 'http://catalog-service:8002',
      CART_MAX_LINES: '20',
      CART_MAX_QUANTITY: '5',
    });
    assert.equal(config.databaseUrl, 'postgres://u:p@db:5432/shop_cart');
    assert.equal(config.CATALOG_URL, 'http://catalog-service:8002');
    assert.equal(config.CART_MAX_LINES, 20);
    assert.equal(config.CART_MAX_QUANTITY, 5);
  });

  it('names each bad variable', () => {
    assert.throws(
      () => loadCartConfig({ CATALOG_URL: 'not a url', CART_MAX_LINES: '101', CART_MAX_QUANTITY: '0' }),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.match(err.message, /CATALOG_URL: must be a URL/);
        assert.match(err.message, /CART_MAX_LINES: must be at most 100/);
        assert.match(err.message, /CART_MAX_QUANTITY: must be 1 or more/);
        return true;
      },
    );
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '@dm/common/config';
import { loadCatalogConfig } from './config.js';

describe('loadCatalogConfig', () => {
  it('defaults to port 8002, no demo seed, and the catalog database of the embedded server', () => {
    const config = loadCatalogConfig({});
    assert.equal(config.PORT, 8002);
    assert.equal(config.SEED_DEMO_CATALOG, false);
    assert.match(config.databaseUrl, /\/catalog$/);
  });

  it('takes its own database URL and the seed switch from the environment', () => {
    const config = loadCatalogConfig({ CATALOG_DATABASE_URL: 'postgres://u:p@db:5432/shop_catalog', SEED_DEMO_CATALOG: 'true' });
    assert.equal(config.databaseUrl, 'postgres://u:p@db:5432/shop_catalog');
    assert.equal(config.SEED_DEMO_CATALOG, true);
    assert.ok(Object.isFrozen(config));
  });

  it('names the bad variable', () => {
    assert.throws(
      () => loadCatalogConfig({ SEED_DEMO_CATALOG: 'maybe' }),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.match(err.message, /SEED_DEMO_CATALOG: must be true or false/);
        return true;
      },
    );
  });
});

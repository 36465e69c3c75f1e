// The stock events the catalog's trigger writes (migration 2026_12_01_0101_stock_events): read
// back with the contract's own reader, so the SQL-built envelope cannot drift from EventEnvelope.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, type TestDatabase } from '@dm/common/testing';
import { type DomainEvent, readEvent } from '@dm/contracts/events';
import { migrationFolder } from '@dm/migrations/folders';
import type { Database } from '../db.js';
import { addProduct } from '../test-support.js';

let database: TestDatabase<Database>;

before(async () => {
  database = await createTestDatabase<Database>('stock_events', migrationFolder('catalog'));
});

after(() => database.drop());

/** The stock events written for one product, oldest first, as a consumer would read them. */
async function eventsOf(productId: string): Promise<DomainEvent[]> {
  const rows = await database.db
    .selectFrom('outbox')
    .select(['payload', 'topic'])
    .where('topic', '=', 'event')
    .orderBy('created_at')
    .execute();
  return rows
    .map((r) => readEvent(r.payload))
    .filter((e): e is DomainEvent => e !== undefined)
    .filter((e) => (e.payload as { product_id?: string }).product_id === productId);
}

const setStock = (id: string, stock: number) => database.db.updateTable('products').set({ stock }).where('id', '=', id).execute();

describe('stock events', () => {
  it('tells when the stock falls below 5 and when it rises back, once per crossing', async () => {
    const p = await addProduct(database.db, { stock: 10 });
    await setStock(p.id, 6);
    assert.deepEqual(await eventsOf(p.id), [], 'above the line: nothing to tell');
    await setStock(p.id, 3);
    await setStock(p.id, 1);
    await setStock(p.id, 8);
    const events = await eventsOf(p.id);
    assert.deepEqual(
      events.map((e) => [e.type, (e.payload as { stock: number }).stock]),
      [
        ['product.stock_low', 3],
        ['product.restocked', 8],
      ],
    );
    const low = events[0];
    assert.equal(low?.source, 'catalog-service');
    assert.equal(low?.version, 1);
    assert.deepEqual(low?.payload, { product_id: p.id, sku: p.sku, name: p.name, stock: 3, vendor_id: null });
    assert.ok(Math.abs(Date.parse(low?.occurred_at ?? '') - Date.now()) < 60_000);
  });

  it('tells of an active product added below the line, not of an inactive one', async () => {
    const low = await addProduct(database.db, { stock: 2 });
    const hidden = await addProduct(database.db, { stock: 1, is_active: false });
    assert.deepEqual(
      (await eventsOf(low.id)).map((e) => e.type),
      ['product.stock_low'],
    );
    assert.deepEqual(await eventsOf(hidden.id), []);
  });
});

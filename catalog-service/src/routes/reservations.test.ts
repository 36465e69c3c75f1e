import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { addProduct, as, type Harness, startCatalog } from '../test-support.js';

let h: Harness;
before(async () => {
  h = await startCatalog('catalog_reservations');
});
after(async () => {
  await h.close();
});

const stockOf = async (id: string) =>
  (await h.db.selectFrom('products').select('stock').where('id', '=', id).executeTakeFirstOrThrow()).stock;
const reserve = (order_id: string, items: { product_id: string; quantity: number }[]) =>
  h.api('POST', '/internal/reservations', { order_id, items }, as.service);

describe('stock reservations', () => {
  it('takes the stock of every line, and a replay answers the same without taking it twice', async () => {
    const a = await addProduct(h.db, { name: 'Res Lamp', stock: 5 });
    const b = await addProduct(h.db, { name: 'Res Chair', stock: 2 });
    const order = randomUUID();
    const first = await reserve(order, [
      { product_id: a.id, quantity: 2 },
      { product_id: b.id, quantity: 2 },
    ]);
    assert.equal(first.status, 201);
    assert.equal(first.body.status, 'reserved');
    const again = await reserve(order, [
      { product_id: a.id, quantity: 2 },
      { product_id: b.id, quantity: 2 },
    ]);
    assert.equal(again.status, 200);
    assert.deepEqual(again.body, first.body);
    assert.equal(await stockOf(a.id), 3);
    assert.equal(await stockOf(b.id), 0);
  });

  it('answers the product as it sold it, and a repeat after a price change answers the first prices', async () => {
    const vendorId = randomUUID();
    await h.db
      .insertInto('vendors')
      .values({
        id: vendorId,
        slug: `res-shop-${vendorId.slice(0, 8)}`,
        name: 'Res Shop',
        contact_email: 'res@example.com',
        payout_reference: 'DE00',
      })
      .execute();
    const a = await addProduct(h.db, { name: 'Res Priced Lamp', price: '19.99', stock: 5, vendor_id: vendorId });
    const b = await addProduct(h.db, { name: 'Res House Mug', price: '4.50', stock: 5 });
    const order = randomUUID();
    const lines = [
      { product_id: b.id, quantity: 1 },
      { product_id: a.id, quantity: 2 },
    ];
    const first = await reserve(order, lines);
    assert.equal(first.status, 201);
    const byProduct = new Map(first.body.items.map((i: { product_id: string }) => [i.product_id, i]));
    assert.deepEqual(byProduct.get(a.id), {
      product_id: a.id,
      quantity: 2,
      sku: a.sku,
      name: 'Res Priced Lamp',
      unit_price: '19.99',
      vendor_id: vendorId,
      vendor_name: 'Res Shop',
    });
    assert.deepEqual(byProduct.get(b.id), {
      product_id: b.id,
      quantity: 1,
      sku: b.sku,
      name: 'Res House Mug',
      unit_price: '4.50',
      vendor_id: null,
      vendor_name: null,
    });
    await h.db.updateTable('products').set({ price: '25.00', name: 'Res Renamed Lamp' }).where('id', '=', a.id).execute();
    const again = await reserve(order, lines);
    assert.equal(again.status, 200);
    assert.deepEqual(again.body, first.body);
    assert.deepEqual((await h.api('GET', `/internal/reservations/${order}`, undefined, as.service)).body, first.body);
  });

  it('takes nothing when one line is short, and names the product and how many are left', async () => {
    const a = await addProduct(h.db, { name: 'Res Mug', stock: 10 });
    const b = await addProduct(h.db, { name: 'Res Pan', stock: 1 });
    const res = await reserve(randomUUID(), [
      { product_id: a.id, quantity: 3 },
      { product_id: b.id, quantity: 2 },
    ]);
    assert.equal(res.status, 409);
    assert.equal(res.body.detail, 'only 1 of “Res Pan” left');
    assert.equal(res.body.product_id, b.id);
    assert.equal(res.body.available, 1);
    assert.equal(await stockOf(a.id), 10, 'all lines or none');
  });

  it('refuses an inactive product as unavailable', async () => {
    const p = await addProduct(h.db, { name: 'Res Gone', stock: 4, is_active: false });
    const res = await reserve(randomUUID(), [{ product_id: p.id, quantity: 1 }]);
    assert.equal(res.status, 409);
    assert.match(res.body.detail, /no longer available/);
    assert.equal(res.body.available, 0);
  });

  it('never takes stock below zero: 20 orders race for the last 5 units', async () => {
    const p = await addProduct(h.db, { name: 'Res Hot Item', stock: 5 });
    const results = await Promise.all(Array.from({ length: 20 }, () => reserve(randomUUID(), [{ product_id: p.id, quantity: 1 }])));
    assert.equal(results.filter((r) => r.status === 201).length, 5);
    assert.equal(results.filter((r) => r.status === 409).length, 15);
    assert.equal(await stockOf(p.id), 0);
    const held = await h.db
      .selectFrom('stock_reservations')
      .select((eb) => eb.fn.sum<number>('quantity').as('n'))
      .where('product_id', '=', p.id)
      .executeTakeFirstOrThrow();
    assert.equal(Number(held.n), 5);
  });

  it('releases once, however often it is asked, and a released order cannot reserve again', async () => {
    const p = await addProduct(h.db, { name: 'Res Kettle', stock: 3 });
    const order = randomUUID();
    await reserve(order, [{ product_id: p.id, quantity: 2 }]);
    const releases = await Promise.all([1, 2, 3].map(() => h.api('POST', `/internal/reservations/${order}/release`, {}, as.service)));
    assert.deepEqual(
      releases.map((r) => r.status),
      [200, 200, 200],
    );
    assert.equal(releases.filter((r) => r.body.released_now).length, 1);
    assert.equal(await stockOf(p.id), 3);
    assert.equal((await h.api('GET', `/internal/reservations/${order}`, undefined, as.service)).body.status, 'released');
    const again = await reserve(order, [{ product_id: p.id, quantity: 2 }]);
    assert.equal(again.status, 409);
    assert.equal(await stockOf(p.id), 3);
  });

  it('releasing an unknown order changes nothing', async () => {
    const res = await h.api('POST', `/internal/reservations/${randomUUID()}/release`, {}, as.service);
    assert.equal(res.status, 200);
    assert.equal(res.body.status, 'none');
    assert.equal(res.body.released_now, false);
  });

  it('is for services only, and checks its input', async () => {
    const p = await addProduct(h.db, { name: 'Res Guarded', stock: 3 });
    const body = { order_id: randomUUID(), items: [{ product_id: p.id, quantity: 1 }] };
    assert.equal((await h.api('POST', '/internal/reservations', body)).status, 401);
    assert.equal((await h.api('POST', '/internal/reservations', body, as.user)).status, 403);
    assert.equal((await h.api('POST', '/internal/reservations', body, as.admin)).status, 403);
    assert.equal((await reserve('not-a-uuid', body.items)).status, 422);
    assert.equal((await reserve(randomUUID(), [{ product_id: p.id, quantity: 0 }])).status, 422);
    assert.equal((await reserve(randomUUID(), [])).status, 422);
    assert.equal((await h.api('POST', '/internal/reservations/nope/release', {}, as.service)).status, 422);
    assert.equal(await stockOf(p.id), 3);
  });
});

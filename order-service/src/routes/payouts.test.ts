// The vendors' money as the admin and the vendor see it: payouts only of what can no longer be
// refunded, never more, one at a time; and the dashboard's figures, day by day.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { newShopper, type Shop, type Shopper, startShop } from '../test-support.js';

let shop: Shop;
const admin = newShopper('admin');

before(async () => {
  shop = await startShop('orders_payouts');
});

after(async () => {
  await shop.close();
});

/** A paid order of `quantity` of a vendor's product at `price`. */
async function sale(vendor: Shopper, price: string, quantity = 1, name = `Item of ${vendor.id.slice(0, 6)}`) {
  const product = await shop.product({ name, price, vendor_id: vendor.id, stock: 100 });
  const buyer = newShopper();
  await shop.fill(buyer, [{ product_id: product.id, quantity }]);
  const order = (await shop.checkout(buyer)).body as { id: string; total: string };
  assert.equal((await shop.pay(order)).status, 200);
  return { order, buyer, product };
}

const accountOf = async (vendorId: string) => {
  const res = await shop.orders('GET', '/admin/payouts?page_size=100', undefined, admin.headers);
  assert.equal(res.status, 200);
  return res.body.items.find((a: { vendor_id: string }) => a.vendor_id === vendorId);
};

const payout = (vendor_id: string, amount: unknown, who = admin) =>
  shop.orders('POST', '/admin/payouts', { vendor_id, amount }, who.headers);

describe('payouts', () => {
  it('pays out only what can no longer be refunded, never more, and lowers the balance', async () => {
    const vendor = await shop.vendor('Payout Pottery');
    const { order } = await sale(vendor, '80.00'); // net 72.00
    let account = await accountOf(vendor.id);
    assert.deepEqual([account.vendor_name, account.balance, account.available], ['Payout Pottery', '72.00', '0.00']);
    // Still cancellable, so still the buyer's money if they ask.
    const held = await payout(vendor.id, '1.00');
    assert.equal(held.status, 422);
    assert.equal(held.body.errors[0].field, 'amount');

    assert.equal((await shop.orders('PATCH', `/orders/${order.id}/status`, { status: 'processing' }, admin.headers)).status, 200);
    account = await accountOf(vendor.id);
    assert.deepEqual([account.balance, account.available, account.commission], ['72.00', '72.00', '8.00']);

    for (const bad of ['72.01', '0', '0.00', '-5', 'abc', 10.001]) assert.equal((await payout(vendor.id, bad)).status, 422, String(bad));
    assert.equal((await payout('not-a-uuid', '1.00')).status, 422);
    const paid = await payout(vendor.id, 50.5);
    assert.equal(paid.status, 201);
    assert.deepEqual(
      [paid.body.entry.kind, paid.body.entry.net, paid.body.account.balance, paid.body.account.available, paid.body.account.paid_out],
      ['payout', '-50.50', '21.50', '21.50', '50.50'],
    );
    const ledger = await shop.orders('GET', '/vendor/ledger', undefined, vendor.headers);
    assert.deepEqual([ledger.body.items[0].kind, ledger.body.balance], ['payout', '21.50']);
    assert.equal((await payout(vendor.id, '21.51')).status, 422);
    assert.equal((await payout(vendor.id, '21.50')).status, 201);
    assert.deepEqual([(await accountOf(vendor.id)).balance, (await accountOf(vendor.id)).available], ['0.00', '0.00']);

    // Recorded in the audit log, through the outbox, as an admin's change.
    const audit = await shop.db
      .selectFrom('outbox')
      .select('payload')
      .where('topic', '=', 'audit-events')
      .where(sql<string>`payload->'events'->0->>'subject_id'`, '=', vendor.id)
      .orderBy('created_at')
      .execute();
    assert.equal(audit.length, 2);
    const event = (audit[0]!.payload as { events: { action: string; actor_id: string; before: unknown; after: unknown }[] }).events[0]!;
    assert.deepEqual(
      [event.action, event.actor_id, event.before, event.after],
      ['vendor.payout_recorded', admin.id, { balance: '72.00' }, { balance: '21.50', paid_out: '50.50' }],
    );
  });

  it('lets one of two payouts of the whole balance through at once', async () => {
    const vendor = await shop.vendor('Race Rugs');
    const { order } = await sale(vendor, '30.00');
    await shop.orders('PATCH', `/orders/${order.id}/status`, { status: 'processing' }, admin.headers);
    const results = await Promise.all([payout(vendor.id, '27.00'), payout(vendor.id, '27.00'), payout(vendor.id, '27.00')]);
    assert.deepEqual(results.map((r) => r.status).sort(), [201, 422, 422]);
    assert.equal((await accountOf(vendor.id)).balance, '0.00');
  });

  it('is for admins only', async () => {
    const vendor = await shop.vendor('Guarded Goods');
    for (const who of [newShopper(), vendor]) {
      assert.equal((await shop.orders('GET', '/admin/payouts', undefined, who.headers)).status, 403);
      assert.equal((await payout(vendor.id, '1.00', who)).status, 403);
    }
    assert.equal((await shop.orders('GET', '/admin/payouts')).status, 401);
    assert.equal((await shop.orders('GET', '/admin/payouts?page_size=0', undefined, admin.headers)).status, 422);
  });
});

describe('the vendor dashboard', () => {
  it('counts the sales not reversed by the day they were paid, every one of 30 days, with the top products and the balance', async () => {
    const vendor = await shop.vendor('Dashboard Dyes');
    await sale(vendor, '10.00', 3, 'Indigo'); // net 27.00
    await sale(vendor, '25.00', 1, 'Madder'); // net 22.50
    const { order: old } = await sale(vendor, '4.00', 5, 'Weld'); // paid "three days ago": net 18.00
    const { order: refunded, buyer } = await sale(vendor, '99.00', 9, 'Cochineal');
    await shop.orders('POST', `/orders/${refunded.id}/cancel`, undefined, buyer.headers);
    const threeDaysAgo = new Date(Date.now() - 3 * 86_400_000);
    await shop.db.updateTable('sales_ledger').set({ created_at: threeDaysAgo }).where('order_id', '=', old.id).execute();

    const res = await shop.orders('GET', '/vendor/dashboard', undefined, vendor.headers);
    assert.equal(res.status, 200);
    const d = res.body;
    const today = new Date().toISOString().slice(0, 10);
    const then = threeDaysAgo.toISOString().slice(0, 10);
    assert.equal(d.daily.length, 30);
    assert.equal(d.daily.at(-1).date, today);
    assert.equal(d.daily[0].date, new Date(Date.now() - 29 * 86_400_000).toISOString().slice(0, 10));
    assert.deepEqual(
      d.daily
        .filter((day: { units: number }) => day.units > 0)
        .map((day: { date: string; gross: string; net: string; units: number }) => [day.date, day.gross, day.net, day.units]),
      [
        [then, '20.00', '18.00', 5],
        [today, '55.00', '49.50', 4],
      ],
    );
    assert.ok(d.daily.every((day: { gross: string }) => /^\d+\.\d{2}$/.test(day.gross)));

    // Weeks start on Monday (UTC); the sale of three days ago counts if it fell in this week or month.
    const now = new Date();
    const monday = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - ((now.getUTCDay() + 6) % 7));
    const firstOfMonth = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
    const expected = (since: number) =>
      threeDaysAgo.getTime() >= since ? { gross: '75.00', net: '67.50', units: 9 } : { gross: '55.00', net: '49.50', units: 4 };
    assert.deepEqual(d.this_week, expected(monday));
    assert.deepEqual(d.this_month, expected(firstOfMonth));

    assert.deepEqual(
      d.top_products.map((p: { name: string; units: number; gross: string }) => [p.name, p.units, p.gross]),
      [
        ['Weld', 5, '20.00'],
        ['Indigo', 3, '30.00'],
        ['Madder', 1, '25.00'],
      ],
    );
    assert.deepEqual([d.balance, d.available, d.orders_to_ship], ['67.50', '0.00', 3]);
    assert.equal((await shop.orders('GET', '/vendor/dashboard', undefined, newShopper().headers)).status, 403);
    const empty = await shop.orders('GET', '/vendor/dashboard', undefined, newShopper('vendor').headers);
    assert.deepEqual([empty.status, empty.body.balance, empty.body.daily.length, empty.body.top_products], [200, '0.00', 30, []]);
  });
});

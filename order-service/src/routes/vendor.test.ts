// Orders across vendors: each item keeps its shop, each shop sees and ships only its own items,
// the order moves on through the state machine as they ship, and the sales ledger follows the
// order's money (sale when paid, reversal when a paid order is cancelled), once per item.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { ledger } from '../ledger.js';
import { newShopper, type Shop, type Shopper, service, startShop } from '../test-support.js';

let shop: Shop;
let fern: Shopper & { name: string };
let oak: Shopper & { name: string };

before(async () => {
  shop = await startShop('orders_vendor');
  fern = await shop.vendor('Fern & Loom');
  oak = await shop.vendor('Oak Works');
});

after(async () => {
  await shop.close();
});

/** An order of a Fern & Loom item, an Oak Works item and a house item; paid unless told otherwise. */
async function mixedOrder(options: { pay?: boolean } = {}) {
  const tag = randomUUID().slice(0, 6);
  const napkins = await shop.product({ name: `Linen napkins ${tag}`, price: '19.99', vendor_id: fern.id });
  const board = await shop.product({ name: `Oak board ${tag}`, price: '35.50', vendor_id: oak.id });
  const mug = await shop.product({ name: `House mug ${tag}`, price: '8.00' });
  const buyer = newShopper();
  await shop.fill(buyer, [
    { product_id: napkins.id, quantity: 2 },
    { product_id: board.id, quantity: 1 },
    { product_id: mug.id, quantity: 3 },
  ]);
  const placed = await shop.checkout(buyer);
  assert.equal(placed.status, 201, JSON.stringify(placed.body));
  const order = placed.body as { id: string; total: string };
  if (options.pay !== false) assert.equal((await shop.pay(order)).status, 200);
  return { order, buyer, napkins, board, mug };
}

const ledgerOf = (orderId: string) =>
  shop.db
    .selectFrom('sales_ledger')
    .select(['vendor_id', 'kind', 'product_id', 'gross', 'commission', 'net'])
    .where('order_id', '=', orderId)
    .orderBy('kind', 'desc')
    .orderBy('gross', 'desc')
    .execute();

describe('checkout keeps each item’s shop', () => {
  it('stores the vendor of every item (null for the house’s own) and shows it on the order', async () => {
    const { order, buyer, napkins, board, mug } = await mixedOrder({ pay: false });
    const read = await shop.orders('GET', `/orders/${order.id}`, undefined, buyer.headers);
    const byProduct = new Map(read.body.items.map((i: { product_id: string }) => [i.product_id, i]));
    assert.deepEqual(
      [napkins.id, board.id, mug.id].map((id) => {
        const item = byProduct.get(id) as { vendor_id: string | null; vendor_name: string | null; shipped_at: null };
        return [item.vendor_id, item.vendor_name, item.shipped_at];
      }),
      [
        [fern.id, 'Fern & Loom', null],
        [oak.id, 'Oak Works', null],
        [null, null, null],
      ],
    );
  });

  it('refuses a line whose seller is suspended, saying why', async () => {
    const napkins = await shop.product({ name: 'Linen napkins', price: '12.00', vendor_id: fern.id });
    const buyer = newShopper();
    await shop.fill(buyer, [{ product_id: napkins.id, quantity: 1 }]);
    // What the catalog's suspension does to the vendor's products.
    await shop.catalogDb.updateTable('products').set({ is_active: false, held_by_suspension: true }).where('id', '=', napkins.id).execute();
    const res = await shop.checkout(buyer);
    assert.equal(res.status, 409);
    assert.equal(
      res.body.detail,
      '“Linen napkins” cannot be ordered: its seller, Fern & Loom, is not selling at the moment. Remove it from your cart.',
    );
    assert.equal(res.body.product_id, napkins.id);
    const cart = await shop.cart('GET', '/cart', undefined, buyer.headers);
    assert.equal(cart.body.items[0].unavailable_reason, 'its seller, Fern & Loom, is not selling at the moment');
  });
});

describe('a vendor’s orders: their own items only', () => {
  it('shows the vendor their items, the address and the state; never the buyer’s email, payment, other shops’ items or totals', async () => {
    const { order, napkins } = await mixedOrder();
    const list = await shop.orders('GET', '/vendor/orders?page_size=100', undefined, fern.headers);
    assert.equal(list.status, 200);
    const mine = list.body.items.find((o: { id: string }) => o.id === order.id);
    assert.ok(mine, 'the paid order is listed');
    assert.deepEqual(
      mine.items.map((i: { product_id: string; quantity: number; line_total: string }) => [i.product_id, i.quantity, i.line_total]),
      [[napkins.id, 2, '39.98']],
    );
    assert.equal(mine.items_total, '39.98');
    assert.equal(mine.status, 'paid');
    assert.equal(mine.shipping_address.full_name, 'Ada Lovelace');
    assert.deepEqual([mine.shipped, mine.can_ship], [false, true]);
    const text = JSON.stringify(mine);
    for (const secret of ['customer_email', 'payment_id', 'user_id', '"total"', 'subtotal', 'Oak board', 'House mug', '@example.com']) {
      assert.ok(!text.includes(secret), `the vendor's view holds ${secret}`);
    }
    const one = await shop.orders('GET', `/vendor/orders/${order.id}`, undefined, fern.headers);
    assert.deepEqual(one.body, mine);
    assert.equal(list.body.page, 1);
    assert.equal(typeof list.body.has_next, 'boolean');
  });

  it('shows no order before it is paid, and a paid order cancelled since as cancelled', async () => {
    const { order: unpaid } = await mixedOrder({ pay: false });
    assert.equal((await shop.orders('GET', `/vendor/orders/${unpaid.id}`, undefined, fern.headers)).status, 404);
    const { order, buyer } = await mixedOrder();
    assert.equal((await shop.orders('POST', `/orders/${order.id}/cancel`, undefined, buyer.headers)).status, 200);
    const seen = await shop.orders('GET', `/vendor/orders/${order.id}`, undefined, fern.headers);
    assert.deepEqual([seen.body.status, seen.body.can_ship], ['cancelled', false]);
    const filtered = await shop.orders('GET', '/vendor/orders?status=cancelled&page_size=100', undefined, fern.headers);
    assert.ok(filtered.body.items.some((o: { id: string }) => o.id === order.id));
    assert.ok(filtered.body.items.every((o: { status: string }) => o.status === 'cancelled'));
  });

  it('answers vendors only: another vendor’s order is not found, a shopper and an admin are refused', async () => {
    const { order } = await mixedOrder();
    const onlyFern = await shop.product({ name: 'Fern only', price: '5.00', vendor_id: fern.id });
    const buyer = newShopper();
    await shop.fill(buyer, [{ product_id: onlyFern.id, quantity: 1 }]);
    const fernsOrder = (await shop.checkout(buyer)).body;
    await shop.pay(fernsOrder);
    const shopper = newShopper();
    const admin = newShopper('admin');
    const stranger = newShopper('vendor');

    assert.equal((await shop.orders('GET', '/vendor/orders')).status, 401);
    for (const who of [shopper, admin, buyer]) {
      assert.equal((await shop.orders('GET', '/vendor/orders', undefined, who.headers)).status, 403);
      assert.equal((await shop.orders('GET', `/vendor/orders/${order.id}`, undefined, who.headers)).status, 403);
      const ship = await shop.orders('POST', `/vendor/orders/${order.id}/ship`, { tracking_number: 'X1' }, who.headers);
      assert.equal(ship.status, 403);
    }
    assert.equal((await shop.orders('GET', '/vendor/orders', undefined, service)).status, 401);
    // Oak Works has no item in Fern's own order; a vendor without sales has no order at all.
    assert.equal((await shop.orders('GET', `/vendor/orders/${fernsOrder.id}`, undefined, oak.headers)).status, 404);
    assert.equal((await shop.orders('POST', `/vendor/orders/${fernsOrder.id}/ship`, { tracking_number: 'X1' }, oak.headers)).status, 404);
    assert.equal((await shop.orders('GET', `/vendor/orders/${order.id}`, undefined, stranger.headers)).status, 404);
    assert.equal((await shop.orders('GET', `/vendor/orders/${randomUUID()}`, undefined, fern.headers)).status, 404);
    assert.equal((await shop.orders('GET', '/vendor/orders/not-a-uuid', undefined, fern.headers)).status, 404);
    const strangers = await shop.orders('GET', '/vendor/orders', undefined, stranger.headers);
    assert.deepEqual([strangers.status, strangers.body.total], [200, 0]);
    const oaks = await shop.orders('GET', '/vendor/orders?page_size=100', undefined, oak.headers);
    assert.ok(!oaks.body.items.some((o: { id: string }) => o.id === fernsOrder.id));
    assert.equal((await shop.orders('GET', '/vendor/orders?page=0', undefined, fern.headers)).status, 422);
    assert.equal((await shop.orders('GET', '/vendor/orders?status=pending', undefined, fern.headers)).status, 422);
  });
});

describe('shipping per item', () => {
  it('moves the order to processing at the first shipment and to shipped at the last; the house ships its own through the admin', async () => {
    const { order, buyer } = await mixedOrder();
    const admin = newShopper('admin');
    const first = await shop.orders('POST', `/vendor/orders/${order.id}/ship`, { tracking_number: ' 1Z 999-AA1 ' }, fern.headers);
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.deepEqual([first.body.status, first.body.shipped, first.body.can_ship], ['processing', true, false]);
    assert.equal(first.body.items[0].tracking_number, '1Z 999-AA1');
    assert.ok(first.body.items[0].shipped_at);

    // The same shipment again is answered as it is; another tracking number is a conflict.
    const again = await shop.orders('POST', `/vendor/orders/${order.id}/ship`, { tracking_number: '1Z 999-AA1' }, fern.headers);
    assert.deepEqual([again.status, again.body.status], [200, 'processing']);
    const other = await shop.orders('POST', `/vendor/orders/${order.id}/ship`, { tracking_number: 'ZZ1' }, fern.headers);
    assert.equal(other.status, 409);
    assert.match(other.body.detail, /shipped already, with tracking number 1Z 999-AA1/);

    const second = await shop.orders('POST', `/vendor/orders/${order.id}/ship`, { tracking_number: 'OAK-7' }, oak.headers);
    assert.equal(second.body.status, 'processing', 'the house’s mug has not left yet');
    // The buyer can no longer cancel an order on its way.
    assert.equal((await shop.orders('POST', `/orders/${order.id}/cancel`, undefined, buyer.headers)).status, 409);

    const shipped = await shop.orders('PATCH', `/orders/${order.id}/status`, { status: 'shipped' }, admin.headers);
    assert.equal(shipped.status, 200);
    const items = shipped.body.items as { vendor_id: string | null; shipped_at: string | null; tracking_number: string | null }[];
    assert.ok(items.every((i) => i.shipped_at !== null));
    assert.deepEqual(items.map((i) => i.tracking_number).sort(), ['1Z 999-AA1', 'OAK-7', null]);
    const events = shipped.body.events.map((e: { from_status: string; to_status: string; actor: string }) => [
      e.from_status,
      e.to_status,
      e.actor,
    ]);
    assert.deepEqual(events, [
      [null, 'pending', buyer.id],
      ['pending', 'paid', 'payment-service'],
      ['paid', 'processing', fern.id],
      ['processing', 'shipped', admin.id],
    ]);
    const late = await shop.orders('POST', `/vendor/orders/${order.id}/ship`, { tracking_number: 'LATE-1' }, oak.headers);
    assert.equal(late.status, 409);
  });

  it('ships the order when the last vendor ships, if the house has nothing in it', async () => {
    const a = await shop.product({ name: 'Fern apron', price: '10.00', vendor_id: fern.id });
    const b = await shop.product({ name: 'Oak spoon', price: '4.00', vendor_id: oak.id });
    const buyer = newShopper();
    await shop.fill(buyer, [
      { product_id: a.id, quantity: 1 },
      { product_id: b.id, quantity: 1 },
    ]);
    const order = (await shop.checkout(buyer)).body;
    await shop.pay(order);
    await shop.orders('POST', `/vendor/orders/${order.id}/ship`, { tracking_number: 'F-1' }, fern.headers);
    const last = await shop.orders('POST', `/vendor/orders/${order.id}/ship`, { tracking_number: 'O-1' }, oak.headers);
    assert.deepEqual([last.status, last.body.status], [200, 'shipped']);
    const buyerView = await shop.orders('GET', `/orders/${order.id}`, undefined, buyer.headers);
    assert.equal(buyerView.body.status, 'shipped');
    assert.deepEqual(
      buyerView.body.events.slice(-2).map((e: { to_status: string; reason: string }) => [e.to_status, e.reason]),
      [
        ['processing', 'items shipped by Test vendor'],
        ['shipped', 'the last items shipped, by Test vendor'],
      ],
    );
  });

  it('refuses to ship a cancelled order, and a bad tracking number', async () => {
    const { order, buyer } = await mixedOrder();
    for (const bad of [
      {},
      { tracking_number: '' },
      { tracking_number: 'x'.repeat(65) },
      { tracking_number: 'AB<script>' },
      { tracking_number: 7 },
    ]) {
      const res = await shop.orders('POST', `/vendor/orders/${order.id}/ship`, bad, fern.headers);
      assert.equal(res.status, 422, JSON.stringify(bad));
      assert.equal(res.body.errors[0].field, 'tracking_number');
    }
    await shop.orders('POST', `/orders/${order.id}/cancel`, undefined, buyer.headers);
    const res = await shop.orders('POST', `/vendor/orders/${order.id}/ship`, { tracking_number: 'C-1' }, fern.headers);
    assert.equal(res.status, 409);
    assert.equal(res.body.detail, 'a cancelled order cannot be shipped');
  });
});

describe('the sales ledger', () => {
  it('enters a sale per item when the order is paid: 10 % commission on vendors’ items, none on the house’s', async () => {
    const { order, napkins, board, mug } = await mixedOrder();
    const entries = await ledgerOf(order.id);
    assert.deepEqual(entries, [
      { vendor_id: fern.id, kind: 'sale', product_id: napkins.id, gross: '39.98', commission: '4.00', net: '35.98' },
      { vendor_id: oak.id, kind: 'sale', product_id: board.id, gross: '35.50', commission: '3.55', net: '31.95' },
      { vendor_id: null, kind: 'sale', product_id: mug.id, gross: '24.00', commission: '0.00', net: '24.00' },
    ]);
    // Told of another payment it is refused; the sales, entered again, are there once.
    const again = await shop.orders(
      'POST',
      `/internal/orders/${order.id}/paid`,
      { payment_id: randomUUID(), amount: order.total },
      service,
    );
    assert.equal(again.status, 409);
    await shop.db.transaction().execute((trx) => ledger.recordSales(trx, order.id, 100_000, 'test'));
    assert.equal((await ledgerOf(order.id)).length, 3);
  });

  it('reverses each sale exactly when a paid order is cancelled, once, and enters nothing for an unpaid one', async () => {
    const { order, buyer } = await mixedOrder();
    assert.equal((await shop.orders('POST', `/orders/${order.id}/cancel`, undefined, buyer.headers)).status, 200);
    assert.equal((await shop.orders('POST', `/orders/${order.id}/cancel`, undefined, buyer.headers)).status, 200);
    await shop.db.transaction().execute((trx) => ledger.reverseSales(trx, order.id, 'test', 'again'));
    const entries = await ledgerOf(order.id);
    assert.equal(entries.length, 6);
    const sums = await shop.db
      .selectFrom('sales_ledger')
      .select([sql<string>`sum(gross)`.as('gross'), sql<string>`sum(commission)`.as('commission'), sql<string>`sum(net)`.as('net')])
      .where('order_id', '=', order.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(sums, { gross: '0.00', commission: '0.00', net: '0.00' });

    const { order: unpaid, buyer: other } = await mixedOrder({ pay: false });
    await shop.orders('POST', `/orders/${unpaid.id}/cancel`, undefined, other.headers);
    assert.deepEqual(await ledgerOf(unpaid.id), []);
  });

  it('shows a vendor their entries, newest first, with the balance; others are refused', async () => {
    const vendor = await shop.vendor('Ledger Lane');
    const vase = await shop.product({ name: 'Ledger vase', price: '50.00', vendor_id: vendor.id });
    const buyer = newShopper();
    await shop.fill(buyer, [{ product_id: vase.id, quantity: 1 }]);
    const kept = (await shop.checkout(buyer)).body;
    await shop.pay(kept);
    await shop.fill(buyer, [{ product_id: vase.id, quantity: 2 }]);
    const refunded = (await shop.checkout(buyer)).body;
    await shop.pay(refunded);
    await shop.orders('POST', `/orders/${refunded.id}/cancel`, undefined, buyer.headers);

    const res = await shop.orders('GET', '/vendor/ledger', undefined, vendor.headers);
    assert.equal(res.status, 200);
    assert.deepEqual(
      res.body.items.map((e: { kind: string; order_id: string; quantity: number; gross: string; commission: string; net: string }) => [
        e.kind,
        e.order_id,
        e.quantity,
        e.gross,
        e.commission,
        e.net,
      ]),
      [
        ['reversal', refunded.id, 2, '-100.00', '-10.00', '-90.00'],
        ['sale', refunded.id, 2, '100.00', '10.00', '90.00'],
        ['sale', kept.id, 1, '50.00', '5.00', '45.00'],
      ],
    );
    assert.equal(res.body.items[0].product_name, 'Ledger vase');
    assert.deepEqual([res.body.total, res.body.balance, res.body.available], [3, '45.00', '0.00']);
    assert.equal((await shop.orders('GET', '/vendor/ledger', undefined, newShopper().headers)).status, 403);
    assert.equal((await shop.orders('GET', '/vendor/ledger', undefined, newShopper('admin').headers)).status, 403);
    const paged = await shop.orders('GET', '/vendor/ledger?page=2&page_size=2', undefined, vendor.headers);
    assert.deepEqual([paged.body.items.length, paged.body.has_next], [1, false]);
  });
});

// The money reconciles: after many orders mixing three vendors' items and the house's, some
// cancelled before payment, some refunded after it, some shipped, and payouts along the way, the
// vendors' nets plus the platform's commission plus the house's own sales equal exactly the line
// totals of the orders paid and kept; and no balance is ever below zero. Integers only.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { parseMoney } from '@dm/common/money';
import { seededRandom } from '@dm/common/seeded-random';
import { newShopper, type Shop, type Shopper, service, startShop } from './test-support.js';

const SEED = Number(process.env.RECONCILIATION_SEED ?? 20_261_130);
const ORDERS = 24;
const RATE_PPM = 100_000n; // the test shop's PLATFORM_COMMISSION_RATE, 0.10

/** A signed decimal string in cents, as a bigint. */
const cents = (money: string): bigint => {
  const negative = money.startsWith('-');
  const value = parseMoney(negative ? money.slice(1) : money);
  assert.notEqual(value, null, `not money: ${money}`);
  return negative ? -BigInt(value!) : BigInt(value!);
};

let shop: Shop;
const admin = newShopper('admin');

before(async () => {
  shop = await startShop('orders_reconcile');
});

after(async () => {
  await shop.close();
});

interface Product {
  id: string;
  priceCents: bigint;
  vendorId: string | null;
}

async function allLedgerEntries(vendor: Shopper) {
  const entries: { kind: string; gross: string; commission: string; net: string }[] = [];
  let balance = '';
  let available = '';
  for (let page = 1; ; page++) {
    const res = await shop.orders('GET', `/vendor/ledger?page=${page}&page_size=100`, undefined, vendor.headers);
    assert.equal(res.status, 200);
    entries.push(...res.body.items);
    ({ balance, available } = res.body);
    if (!res.body.has_next) break;
  }
  return { entries, balance: cents(balance), available: cents(available) };
}

describe('the money reconciles', () => {
  it(`after ${ORDERS} random orders (seed ${SEED}): vendors’ nets + commission + the house’s sales = the paid and kept line totals`, async () => {
    const random = seededRandom(SEED);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const vendors = [await shop.vendor('Reconcile Ash'), await shop.vendor('Reconcile Birch'), await shop.vendor('Reconcile Cedar')];
    // Prices whose 10 % is not a whole cent, so the rounding is exercised on every line.
    const prices = ['19.99', '0.05', '7.15', '33.33', '12.45', '0.99', '104.95', '2.25'];
    const products: Product[] = [];
    for (const owner of [...vendors.map((v) => v.id), null, null]) {
      for (let i = 0; i < 2; i++) {
        const price = pick(prices);
        const made = await shop.product({
          name: `Reconcile ${products.length}`,
          price,
          stock: 1000,
          ...(owner ? { vendor_id: owner } : {}),
        });
        products.push({ id: made.id, priceCents: cents(price), vendorId: owner });
      }
    }

    // What the test itself knows of every kept line: its vendor (null: the house) and its total.
    const kept = new Map<string, { vendorId: string | null; total: bigint }[]>();
    const paidOut = new Map<string, bigint>(vendors.map((v) => [v.id, 0n]));
    const fates = { cancelledUnpaid: 0, refunded: 0, shipped: 0, kept: 0, payouts: 0 };

    for (let n = 0; n < ORDERS; n++) {
      const buyer = newShopper();
      const lines = [...products]
        .sort(() => random() - 0.5)
        .slice(0, 1 + Math.floor(random() * 4))
        .map((p) => ({ product: p, quantity: 1 + Math.floor(random() * 3) }));
      await shop.fill(
        buyer,
        lines.map((l) => ({ product_id: l.product.id, quantity: l.quantity })),
      );
      const placed = await shop.checkout(buyer);
      assert.equal(placed.status, 201, JSON.stringify(placed.body));
      const order = placed.body as { id: string; total: string };
      const roll = random();
      if (roll < 0.15) {
        assert.equal((await shop.orders('POST', `/orders/${order.id}/cancel`, undefined, buyer.headers)).status, 200);
        fates.cancelledUnpaid++;
        continue;
      }
      const payment = { payment_id: randomUUID(), amount: order.total };
      assert.equal((await shop.orders('POST', `/internal/orders/${order.id}/paid`, payment, service)).status, 200);
      // The payment told twice (a redelivery) changes nothing.
      if (random() < 0.3) assert.equal((await shop.orders('POST', `/internal/orders/${order.id}/paid`, payment, service)).status, 200);
      if (roll < 0.35) {
        const who = random() < 0.5 ? buyer : admin;
        assert.equal((await shop.orders('POST', `/orders/${order.id}/cancel`, undefined, who.headers)).status, 200);
        if (random() < 0.3) assert.equal((await shop.orders('POST', `/orders/${order.id}/cancel`, undefined, who.headers)).status, 200);
        fates.refunded++;
        continue;
      }
      kept.set(
        order.id,
        lines.map((l) => ({ vendorId: l.product.vendorId, total: l.product.priceCents * BigInt(l.quantity) })),
      );
      fates.kept++;
      if (roll < 0.7) {
        // Shipped by its vendors: it can no longer be refunded, so their share of it may be paid out.
        for (const vendor of vendors) {
          if (lines.some((l) => l.product.vendorId === vendor.id)) {
            const res = await shop.orders('POST', `/vendor/orders/${order.id}/ship`, { tracking_number: `T-${n}` }, vendor.headers);
            assert.equal(res.status, 200, JSON.stringify(res.body));
          }
        }
        fates.shipped++;
        // Now and then one of its vendors is paid part of what may be paid out.
        const sellers = vendors.filter((v) => lines.some((l) => l.product.vendorId === v.id));
        if (sellers.length > 0 && random() < 0.6) {
          const vendor = pick(sellers);
          const { available } = await allLedgerEntries(vendor);
          const amount = 1n + BigInt(Math.floor(random() * Number(available)));
          const body = { vendor_id: vendor.id, amount: `${amount / 100n}.${String(amount % 100n).padStart(2, '0')}` };
          const res = await shop.orders('POST', '/admin/payouts', body, admin.headers);
          assert.equal(res.status, 201, JSON.stringify(res.body));
          paidOut.set(vendor.id, paidOut.get(vendor.id)! + amount);
          fates.payouts++;
        }
      }
    }
    // The draw made each kind of order, or the test proves less than it says.
    for (const [fate, count] of Object.entries(fates)) assert.ok(count > 0, `no order was ${fate} (seed ${SEED})`);

    const keptLines = [...kept.values()].flat();
    const keptTotal = keptLines.reduce((sum, l) => sum + l.total, 0n);
    const payouts = await shop.orders('GET', '/admin/payouts?page_size=100', undefined, admin.headers);
    assert.equal(payouts.status, 200);

    let vendorsNet = 0n;
    let commission = 0n;
    for (const vendor of vendors) {
      const { entries, balance, available } = await allLedgerEntries(vendor);
      const sales = entries.filter((e) => e.kind !== 'payout');
      const net = sales.reduce((sum, e) => sum + cents(e.net), 0n);
      const fee = sales.reduce((sum, e) => sum + cents(e.commission), 0n);
      const theirs = keptLines.filter((l) => l.vendorId === vendor.id);
      // Each vendor's own share and the commission on it add up to their kept lines exactly, and
      // the commission is each line's 10 %, rounded half up to the cent.
      assert.equal(
        net + fee,
        theirs.reduce((sum, l) => sum + l.total, 0n),
        `vendor ${vendor.name}`,
      );
      assert.equal(
        fee,
        theirs.reduce((sum, l) => sum + (l.total * RATE_PPM + 500_000n) / 1_000_000n, 0n),
      );
      const payoutsMade = -entries.filter((e) => e.kind === 'payout').reduce((sum, e) => sum + cents(e.net), 0n);
      assert.equal(payoutsMade, paidOut.get(vendor.id));
      assert.equal(balance, net - payoutsMade);
      assert.ok(balance >= 0n && available >= 0n && available <= balance, `${vendor.name}: balance ${balance}, available ${available}`);
      const account = payouts.body.items.find((a: { vendor_id: string }) => a.vendor_id === vendor.id);
      assert.deepEqual([cents(account.balance), cents(account.available), cents(account.commission)], [balance, available, fee]);
      vendorsNet += net;
      commission += fee;
    }
    const house = keptLines.filter((l) => l.vendorId === null).reduce((sum, l) => sum + l.total, 0n);
    assert.equal(cents(payouts.body.house_sales), house);
    assert.equal(cents(payouts.body.commission_total), commission);
    assert.equal(vendorsNet + commission + cents(payouts.body.house_sales), keptTotal);
  });
});

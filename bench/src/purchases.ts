import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { TEST_ADDRESS, TEST_CARD } from '@dm/common/testing';
import { machineBusyMs } from './cpu.js';
import type { BenchShop } from './shop.js';

type Call = BenchShop['call'];

/** One shopper's whole purchase through the public API: add to cart, place the order, pay it. */
export async function purchase(call: Call, token: string, productId: string): Promise<boolean> {
  const added = await call('POST', '/api/cart/items', { token, body: { product_id: productId, quantity: 1 } });
  if (added.status !== 200) return false;
  const order = await call('POST', '/api/orders', { token, key: randomUUID(), body: { shipping_address: TEST_ADDRESS } });
  if (order.status !== 201) return false;
  const paid = await call('POST', '/api/payments', { token, key: randomUUID(), body: { order_id: order.body.id, card: TEST_CARD } });
  return paid.status === 201 && paid.body.status === 'succeeded';
}

export interface PurchaseRun {
  completed: number;
  failed: number;
  seconds: number;
  /** sorted, milliseconds */
  latencies: number[];
  /**
   * The machine's CPU per paid order, in ms, all cores and processes together (the stack, its
   * database, the shoppers' client): two cores allow at most 2,000 / this paid orders a second.
   * Undefined off Linux.
   */
  cpuMsPerOrder?: number;
}

/**
 * Every shopper buys again as soon as their last purchase is paid, until the time is up; through
 * the stack's gateway, or through another one (`call`).
 */
export async function purchaseLoad(
  shop: BenchShop,
  tokens: string[],
  productId: string,
  seconds: number,
  call: Call = shop.call,
): Promise<PurchaseRun> {
  const latencies: number[] = [];
  let failed = 0;
  const deadline = Date.now() + seconds * 1000;
  const started = performance.now();
  const busyBefore = machineBusyMs();
  await Promise.all(
    tokens.map(async (token) => {
      while (Date.now() < deadline) {
        const t0 = performance.now();
        if (await purchase(call, token, productId)) latencies.push(performance.now() - t0);
        else failed++;
      }
    }),
  );
  const busy = machineBusyMs();
  return {
    completed: latencies.length,
    failed,
    seconds: (performance.now() - started) / 1000,
    latencies: latencies.sort((a, b) => a - b),
    ...(busy !== undefined &&
      busyBefore !== undefined &&
      latencies.length > 0 && { cpuMsPerOrder: (busy - busyBefore) / latencies.length }),
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** After a run: every unit that left stock belongs to an order, and every completed purchase is paid. */
export async function verifyPurchases(shop: BenchShop, productId: string, initialStock: number, completed: number) {
  const product = await shop.call('GET', `/api/products/${productId}`);
  const orders = await shop.call('GET', '/api/orders?scope=all&page_size=1', { token: shop.adminToken });
  const paid = await shop.call('GET', '/api/orders?scope=all&status=paid&page_size=1', { token: shop.adminToken });
  const sold = initialStock - (product.body.stock as number);
  return {
    sold,
    orders: orders.body.total as number,
    paid: paid.body.total as number,
    ok: sold === orders.body.total && paid.body.total >= completed,
  };
}

/** A run's CPU per paid order, and the rate it allows on this machine's cores, for a report line. */
export function cpuPerOrder(run: PurchaseRun, cores = availableParallelism()): string {
  if (run.cpuMsPerOrder === undefined) return 'not measured (no /proc/stat)';
  return `${run.cpuMsPerOrder.toFixed(1)} ms (all processes; ${cores} cores allow at most ${Math.floor((cores * 1000) / run.cpuMsPerOrder)} paid orders/s)`;
}

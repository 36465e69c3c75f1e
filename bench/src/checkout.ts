// `npm run bench:checkout -- [--shoppers 20] [--seconds 10]`: how long one checkout (order +
// payment) takes through the gateway, and how many paid orders per second the whole stack
// completes with N shoppers at once; then checks that stock, orders and payments agree.
import { parseArgs } from 'node:util';
import { cpuPerOrder, percentile, purchase, purchaseLoad, verifyPurchases } from './purchases.js';
import { startBenchShop } from './shop.js';

const { values } = parseArgs({ options: { shoppers: { type: 'string', default: '20' }, seconds: { type: 'string', default: '10' } } });
const SHOPPERS = Number(values.shoppers);
const SECONDS = Number(values.seconds);
const STOCK = 1_000_000;

const shop = await startBenchShop();
const product = await shop.call('POST', '/api/products', {
  token: shop.adminToken,
  body: { sku: `BENCH-${Date.now()}`, name: 'Bench Widget', price: '9.99', stock: STOCK },
});
const productId = product.body.id as string;
const tokens = (await shop.shoppers(SHOPPERS)).map((s) => s.token);

// Warm-up, then one shopper alone: the latency of a single checkout on an idle stack.
let alone = 0;
for (let i = 0; i < 20; i++) if (await purchase(shop.call, tokens[0]!, productId)) alone++;
const single: number[] = [];
for (let i = 0; i < 50; i++) {
  const t0 = performance.now();
  if (await purchase(shop.call, tokens[0]!, productId)) alone++;
  single.push(performance.now() - t0);
}
single.sort((a, b) => a - b);

const run = await purchaseLoad(shop, tokens, productId, SECONDS);
const check = await verifyPurchases(shop, productId, STOCK, run.completed + alone);

console.log(`
checkout bench: ${SHOPPERS} shoppers for ${SECONDS} s (production mode)
  one checkout alone (add to cart + order + payment): p50 ${percentile(single, 50).toFixed(1)} ms, p95 ${percentile(single, 95).toFixed(1)} ms
  with ${SHOPPERS} shoppers: ${run.completed} paid orders in ${run.seconds.toFixed(1)} s = ${(run.completed / run.seconds).toFixed(1)} paid orders/s
    per checkout: p50 ${percentile(run.latencies, 50).toFixed(1)} ms, p95 ${percentile(run.latencies, 95).toFixed(1)} ms, p99 ${percentile(run.latencies, 99).toFixed(1)} ms; failed ${run.failed}
    machine CPU per paid order: ${cpuPerOrder(run)}
  consistency: units sold ${check.sold}, orders ${check.orders}, paid ${check.paid}: ${check.ok ? 'OK, stock, orders and payments agree' : 'MISMATCH'}
`);
await shop.stop();
process.exit(check.ok ? 0 : 1);

// What traces cost on a hot path: GET /api/products/:id through the gateway, its read cache off
// (gateway → catalog-service → PostgreSQL), with tracing off, then on (every request sampled,
// spans exported over OTLP/HTTP to an in-memory receiver), then on with one trace in ten sampled,
// then on with none sampled.
// One stack per mode, the same load on each.
//   node bench/dist/tracing-cost.js [--seconds 10] [--connections 50] [--rounds 1]
import { parseArgs } from 'node:util';
import { dropDatabase } from '@dm/common/db';
import { startOtlpReceiver } from '@dm/common/otlp-receiver';
import autocannon from 'autocannon';
import { processCpuSeconds } from './cpu.js';
import { startBenchShop } from './shop.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    rounds: { type: 'string', default: '1' },
  },
});

const receiver = await startOtlpReceiver();
const MODES: { name: string; env: NodeJS.ProcessEnv }[] = [
  { name: 'off', env: {} },
  { name: 'on, all sampled', env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint } },
  {
    name: 'on, 10 % sampled',
    env: {
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '0.1',
    },
  },
  // Every trace dropped by the sampler: what the instrumentations cost before any span is recorded.
  { name: 'on, none sampled', env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_TRACES_SAMPLER: 'always_off' } },
];

const rows: Record<string, string | number>[] = [];

/** Waits until no span has come for longer than a batch waits (5 s), so each count is whole. */
async function quiet(): Promise<void> {
  let seen: number;
  do {
    seen = receiver.spans.length;
    await new Promise((resolve) => setTimeout(resolve, 5500));
  } while (receiver.spans.length !== seen);
}
for (let round = 1; round <= Number(values.rounds); round++) {
  for (const mode of MODES) {
    const shop = await startBenchShop({ ...mode.env, CATALOG_CACHE_SECONDS: '0' });
    try {
      const product = await shop.call('POST', '/api/products', {
        token: shop.adminToken,
        body: { sku: `TRACE-${round}-${rows.length}`, name: 'Traced Widget', price: '9.99', stock: 100 },
      });
      // Uncached (CATALOG_CACHE_SECONDS=0), every request crosses a hop and runs a query.
      const scenarios = [{ name: 'GET /api/products/:id', url: `/api/products/${product.body.id}`, headers: {} }];
      for (const scenario of scenarios) {
        const url = `${shop.stack.gatewayUrl}${scenario.url}`;
        await autocannon({ url, headers: scenario.headers, connections: 10, duration: 1 }); // warm-up: pools, JIT
        if (mode.env.OTEL_EXPORTER_OTLP_ENDPOINT) await quiet();
        receiver.spans.length = 0;
        const pids = shop.stack.services.map((service) => service.child.pid!);
        // Per request, CPU time is a figure a busy machine disturbs much less than the throughput.
        const cpuBefore = processCpuSeconds(pids);
        const result = await autocannon({
          url,
          headers: scenario.headers,
          connections: Number(values.connections),
          duration: Number(values.seconds),
        });
        const cpu = processCpuSeconds(pids) - cpuBefore;
        if (mode.env.OTEL_EXPORTER_OTLP_ENDPOINT) await quiet();
        rows.push({
          round,
          mode: mode.name,
          scenario: scenario.name,
          'req/s': Math.round(result.requests.average),
          'p50 ms': result.latency.p50,
          'p99 ms': result.latency.p99,
          non2xx: result.non2xx + result.errors,
          'stack CPU µs/request': Math.round((cpu / result.requests.total) * 1e6),
          // fewer than a sampled request makes means the batch queue overflowed and dropped some
          'spans/request': (receiver.spans.length / result.requests.total).toFixed(2),
        });
        console.log(JSON.stringify(rows.at(-1)));
      }
    } finally {
      await shop.stop();
      // On a given server (DATABASE_URL) the stack's databases would outlive it.
      if (process.env.DATABASE_URL) for (const service of shop.stack.services) await dropDatabase(service.databaseUrl);
    }
    receiver.spans.length = 0;
  }
}
console.table(rows);
await receiver.close();
process.exit(0);

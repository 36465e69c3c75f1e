// Issue 11: PostgreSQL restarted under a checkout load, three times. No service dies, every request
// gets an answer (a 503 while the database is gone, never a dropped connection), and checkouts
// work again within seconds of its return. The test runs a PostgreSQL of its own, to stop it.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePortBlock } from './free-port.js';
import { type EmbeddedServer, startEmbeddedPostgres } from './postgres.js';
import { failures, purchasesMore, type ShopUnderTest, startShopUnderTest } from './resilience-kit.js';

let scratch: string;
let pgPort: number;
let postgres: EmbeddedServer | undefined;
let shop: ShopUnderTest;
const deaths: string[] = [];
let tokens: string[] = [];

const startPostgres = async () => {
  postgres = await startEmbeddedPostgres({ dataDir: path.join(scratch, 'pg'), port: pgPort, ephemeral: true });
};

before(async () => {
  scratch = mkdtempSync(path.join(tmpdir(), 'dm-db-restart-'));
  // Below the ephemeral ports: PostgreSQL comes back on this port after each restart.
  pgPort = await freePortBlock(1);
  await startPostgres();
  shop = await startShopUnderTest('dbrestart', {
    serverUrl: postgres!.url,
    dataDir: path.join(scratch, 'data'),
    onUnexpectedExit: (name, exit) => deaths.push(`${name} ${exit}`),
  });
  tokens = await Promise.all(Array.from({ length: 4 }, () => shop.newShopper()));
});

after(async () => {
  await shop?.stack.stop();
  await postgres?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('database restarts under a checkout load', () => {
  // Three restarts, one test each.
  for (const round of [1, 2, 3]) {
    it(`restart ${round}: no process dies, every request is answered, and checkouts work again within seconds`, async (t) => {
      const before = shop.pids();
      const load = shop.shoppersAt(tokens);
      let upAt = 0;
      try {
        await purchasesMore(load.results, 1);
        const started = Date.now();
        await postgres!.stop();
        // Down until shoppers have met the outage.
        const downFrom = load.results.length;
        const metBy = Date.now() + 15_000;
        while (!load.results.slice(downFrom).some((r) => r.steps.includes(503))) {
          assert.ok(Date.now() < metBy, `no request met the outage: ${failures(load.results.slice(downFrom))}`);
          await sleep(20);
        }
        await startPostgres();
        upAt = load.results.length;
        const back = Date.now();
        const deadline = back + 12_000;
        while (!load.results.slice(upAt).some((r) => r.ok) && Date.now() < deadline) await sleep(50);
        t.diagnostic(`down ${back - started} ms; a checkout succeeded ${Date.now() - back} ms after the database was back`);
      } finally {
        await load.stop();
      }
      const answered = load.results.flatMap((r) => r.steps);
      assert.ok(!answered.includes(0), `a request lost its connection: ${failures(load.results)}`);
      assert.ok(
        answered.every((status) => status < 500 || status === 503),
        `only a 503 may say the database is gone: ${failures(load.results)}`,
      );
      assert.ok(
        load.results.slice(upAt).some((r) => r.ok),
        `checkouts succeed again once the database is back: ${failures(load.results.slice(upAt))}`,
      );
      assert.deepEqual(shop.pids(), before, 'every service kept its process');
      assert.deepEqual(deaths, [], 'no service exited');
    });
  }
});

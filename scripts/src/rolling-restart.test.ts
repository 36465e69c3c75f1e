// Issue 11: a rolling update fails no checkout. Every service is stopped with SIGTERM and started
// again in turn while shoppers check out; and the `npm start` launcher starts a service killed
// with SIGKILL again by itself.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { testServerUrl } from '@dm/common/testing';
import { failures, purchasesMore, type ShopUnderTest, startShopUnderTest } from './resilience-kit.js';
import { SERVICES } from './services.js';

let scratch: string;
let shop: ShopUnderTest;
const deaths: string[] = [];
let tokens: string[] = [];

before(async () => {
  scratch = mkdtempSync(path.join(tmpdir(), 'dm-rolling-'));
  shop = await startShopUnderTest('rolling', {
    serverUrl: testServerUrl(),
    dataDir: scratch,
    restartDead: true,
    onUnexpectedExit: (name, exit, restartInMs) => deaths.push(`${name} ${exit} ${restartInMs}`),
  });
  tokens = await Promise.all(Array.from({ length: 4 }, () => shop.newShopper()));
});

after(async () => {
  await shop?.stack.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('rolling restarts: each service stopped with SIGTERM and started again while shoppers check out', () => {
  // One test per service, so each stays short on a busy machine.
  for (const spec of SERVICES) {
    it(`restarting ${spec.dir} fails no checkout`, async (t) => {
      const load = shop.shoppersAt(tokens);
      try {
        // Purchases before, during and after the restart.
        await purchasesMore(load.results, 1);
        const started = Date.now();
        await shop.stack.kill(spec.name, 'SIGTERM');
        const stopped = Date.now();
        await shop.stack.restart(spec.name);
        t.diagnostic(`stopped in ${stopped - started} ms, ready again ${Date.now() - stopped} ms later`);
        await purchasesMore(load.results, 1);
      } finally {
        await load.stop();
      }
      assert.ok(
        load.results.every((r) => r.ok),
        `failed checkouts (statuses of add, order, pay): ${failures(load.results)}`,
      );
      assert.deepEqual(deaths, [], 'no service died');
    });
  }
});

describe('the npm start launcher', () => {
  it('starts a service killed with SIGKILL again, after a backoff, and says so', async () => {
    const cart = shop.stack.services.find((s) => s.spec.name === 'cart')!;
    const killed = cart.child.pid;
    const exited = new Promise((resolve) => cart.child.once('exit', resolve));
    process.kill(killed!, 'SIGKILL');
    await exited;
    const deadline = Date.now() + 15_000;
    let ready = false;
    while (!ready && Date.now() < deadline) {
      ready =
        cart.child.pid !== killed &&
        (await fetch(`${cart.url}/ready`).then(
          (r) => r.ok,
          () => false,
        ));
      if (!ready) await sleep(100);
    }
    assert.ok(ready, 'cart-service is back');
    assert.deepEqual(deaths, ['cart SIGKILL 1000']);
  });
});

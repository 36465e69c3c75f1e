// What the resilience tests share (issue 11): the whole shop as real processes, driven through the
// gateway's public API by shoppers who check out in loops while a test restarts things under them.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { callJson, TEST_ADDRESS, TEST_CARD, type TestCall, type TestReply } from '@dm/common/testing';
import { Agent } from 'undici';
import { freePortBlock } from './free-port.js';
import { ROOT } from './paths.js';
import { PORT_BLOCK } from './services.js';
import { type Stack, type StackOptions, startStack } from './stack.js';

/** One purchase: each step's status (add to cart, place the order, pay) and what a failed step said. */
export interface Checkout {
  steps: number[];
  ok: boolean;
  detail?: string;
}

export interface ShopUnderTest {
  stack: Stack;
  /** Shoppers checking out one purchase after another until stopped; `results` grows as they finish. */
  shoppersAt(tokens: string[]): { results: Checkout[]; stop(): Promise<void> };
  newShopper(): Promise<string>;
  /** Every service's process id, by name. */
  pids(): Record<string, number | undefined>;
}

/** The failed purchases of `results`, short enough for an assertion message. */
export function failures(results: Checkout[]): string {
  const failed = results.filter((r) => !r.ok);
  return `${failed.length} of ${results.length}: ${JSON.stringify(failed.slice(0, 8).map((r) => [r.steps, r.detail?.slice(0, 120)]))}`;
}

/** The services' SHUTDOWN_DELAY_SECONDS here: Kubernetes' 5 s, shortened. */
const SHUTDOWN_DELAY_MS = 1000;

/**
 * Starts the shop (logs in test-results/<name>-logs) with a product of ample stock, and the
 * shoppers' client. That client calls the gateway as a load balancer in front of it would: a refused
 * connection (the gateway itself restarting: nothing was sent) is tried again, and so is a keyed
 * call whose connection was cut (a repeat is recognised); a connection dropped otherwise is status 0.
 * Like a load balancer that takes an unready gateway out of rotation within its shutdown delay, it
 * keeps no idle socket to the gateway longer than that delay: the gateway closes the idle sockets
 * left when its delay ends, and a call written to one at that moment would be cut.
 */
export async function startShopUnderTest(
  name: string,
  options: Pick<StackOptions, 'serverUrl' | 'dataDir' | 'restartDead' | 'onUnexpectedExit' | 'amqpUrl'>,
): Promise<ShopUnderTest> {
  const stack = await startStack({
    ...options,
    root: ROOT,
    basePort: await freePortBlock(PORT_BLOCK),
    databasePrefix: `${name}${randomUUID().slice(0, 6)}_`,
    logDir: path.join(ROOT, 'test-results', `${name}-logs`),
    env: {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      SEED_DEMO_CATALOG: 'false',
      RATE_LIMIT_PER_MINUTE: '1000000',
      AUTH_RATE_LIMIT_PER_MINUTE: '1000000',
      // Kubernetes' sequence, shortened: unready and still serving (each answer closing its
      // connection) before the listener closes, so no caller reuses a socket as it is closed.
      SHUTDOWN_DELAY_SECONDS: String(SHUTDOWN_DELAY_MS / 1000),
      // What callers wait for a restarting neighbour in production (`npm test` shortens it).
      SERVICE_RESTART_WINDOW_SECONDS: '15',
    },
  });

  const balancer = new Agent({ keepAliveTimeout: SHUTDOWN_DELAY_MS / 2, keepAliveMaxTimeout: SHUTDOWN_DELAY_MS / 2 });
  async function api(method: string, url: string, call: TestCall = {}): Promise<TestReply> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        return await callJson(`${stack.gatewayUrl}${url}`, method, { ...call, dispatcher: balancer });
      } catch (err) {
        const code = (err as { cause?: { code?: string } }).cause?.code ?? '';
        const again = code === 'ECONNREFUSED' || (call.key !== undefined && ['ECONNRESET', 'UND_ERR_SOCKET'].includes(code));
        if (!again || Date.now() > deadline) return { status: 0, body: undefined, text: `${err} ${code}`, headers: new Headers() };
        await sleep(50);
      }
    }
  }

  const login = await api('POST', '/api/auth/login', { body: { email: 'admin@example.com', password: 'admin123' } });
  const made = await api('POST', '/api/products', {
    token: login.body.access_token as string,
    body: { sku: `RES-${randomUUID().slice(0, 8)}`, name: 'Resilient Widget', price: '5.00', stock: 100_000 },
  });
  assert.equal(made.status, 201, made.text);
  const productId = made.body.id as string;

  async function checkout(token: string): Promise<Checkout> {
    const steps: number[] = [];
    const added = await api('POST', '/api/cart/items', { token, body: { product_id: productId, quantity: 1 } });
    steps.push(added.status);
    if (added.status !== 200) return { steps, ok: false, detail: added.text };
    const order = await api('POST', '/api/orders', { token, key: randomUUID(), body: { shipping_address: TEST_ADDRESS } });
    steps.push(order.status);
    if (order.status !== 201) return { steps, ok: false, detail: order.text };
    const paid = await api('POST', '/api/payments', { token, key: randomUUID(), body: { order_id: order.body.id, card: TEST_CARD } });
    steps.push(paid.status);
    return { steps, ok: paid.status === 201 && paid.body.status === 'succeeded', detail: paid.text };
  }

  return {
    stack,
    async newShopper() {
      const email = `res-${randomUUID()}@example.com`;
      const reply = await api('POST', '/api/auth/register', { body: { email, password: 'shopper-password', full_name: 'Res Shopper' } });
      assert.equal(reply.status, 201, reply.text);
      return reply.body.access_token as string;
    },
    shoppersAt(tokens) {
      const results: Checkout[] = [];
      let running = true;
      const loops = tokens.map(async (token) => {
        while (running) results.push(await checkout(token));
      });
      return {
        results,
        async stop() {
          running = false;
          await Promise.all(loops);
        },
      };
    },
    pids: () => Object.fromEntries(stack.services.map((s) => [s.spec.name, s.child.pid])),
  };
}

/** Waits until `results` has grown by `count` more purchases. */
export async function purchasesMore(results: Checkout[], count: number): Promise<void> {
  const target = results.length + count;
  while (results.length < target) await sleep(20);
}

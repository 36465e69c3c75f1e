// An admin's order status changes reach auth-service's audit log (the real auth-service, over
// HTTP) with the status before and after; a shopper's own cancel is not an admin's change.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { type RestartableAuthService, startAuthTestService } from '@dm/auth-service/test-support';
import { jwt, newShopper, type Shop, type Shopper, service, startShop } from './test-support.js';

let shop: Shop;
let auth: RestartableAuthService;

before(async () => {
  auth = await startAuthTestService('orders_audit_auth', jwt);
  shop = await startShop('orders_audit', { authUrl: auth.url });
});

after(async () => {
  await shop.close();
  await auth.close();
});

const eventsOf = (orderId: string) =>
  auth.database.db.selectFrom('audit_events').selectAll().where('subject_id', '=', orderId).orderBy('at').orderBy('id').execute();

async function anOrder(shopper: Shopper, options: { paid?: boolean } = {}): Promise<{ id: string; total: string }> {
  const item = await shop.product({ name: `Audited Lamp ${randomUUID().slice(0, 6)}`, price: '20.00' });
  await shop.fill(shopper, [{ product_id: item.id, quantity: 1 }]);
  const order = (await shop.checkout(shopper)).body;
  if (options.paid) {
    const paid = await shop.orders('POST', `/internal/orders/${order.id}/paid`, { payment_id: randomUUID(), amount: order.total }, service);
    assert.equal(paid.status, 200);
  }
  return order;
}

describe('V16 an admin’s order changes in the audit log', () => {
  it('V16.2.1 records an admin’s status change with the status before and after, who, from where and the request id', async () => {
    const admin = newShopper('admin');
    const order = await anOrder(newShopper(), { paid: true });
    const from = { ...admin.headers, 'x-client-ip': '198.51.100.4', 'x-request-id': 'req-ship-1' };
    assert.equal((await shop.orders('PATCH', `/orders/${order.id}/status`, { status: 'processing' }, from)).status, 200);
    assert.equal((await shop.orders('PATCH', `/orders/${order.id}/status`, { status: 'shipped' }, admin.headers)).status, 200);
    assert.equal((await shop.orders('PATCH', `/orders/${order.id}/status`, { status: 'pending' }, admin.headers)).status, 409);

    const events = await eventsOf(order.id);
    assert.deepEqual(
      events.map((e) => [e.action, e.before, e.after]),
      [
        ['order.status_changed', { status: 'paid' }, { status: 'processing' }],
        ['order.status_changed', { status: 'processing' }, { status: 'shipped' }],
      ],
    );
    const [first] = events;
    assert.deepEqual(
      [first?.actor_id, first?.subject_type, first?.ip, first?.request_id],
      [admin.id, 'order', '198.51.100.4', 'req-ship-1'],
    );
    assert.match(first?.actor_email ?? '', /^admin-.*@example\.com$/);
  });

  it('V16.2.1 records an admin’s cancel, and not a shopper’s cancel of their own order', async () => {
    const shopper = newShopper();
    const own = await anOrder(shopper);
    assert.equal((await shop.orders('POST', `/orders/${own.id}/cancel`, undefined, shopper.headers)).status, 200);
    assert.deepEqual(await eventsOf(own.id), []);

    const admin = newShopper('admin');
    const order = await anOrder(newShopper());
    assert.equal((await shop.orders('POST', `/orders/${order.id}/cancel`, undefined, admin.headers)).status, 200);
    assert.equal((await shop.orders('POST', `/orders/${order.id}/cancel`, undefined, admin.headers)).status, 200);
    const events = await eventsOf(order.id);
    assert.deepEqual(
      events.map((e) => [e.action, e.before, e.after, e.actor_id]),
      [['order.status_changed', { status: 'pending' }, { status: 'cancelled' }, admin.id]],
      'cancelling a cancelled order changes nothing, and records nothing',
    );
  });

  it('V16.5.2 keeps an admin’s status change working while auth-service is down, and delivers the event once it is back', async () => {
    const admin = newShopper('admin');
    const order = await anOrder(newShopper(), { paid: true });
    await auth.stop();
    const res = await shop.orders('PATCH', `/orders/${order.id}/status`, { status: 'processing' }, admin.headers);
    assert.equal(res.status, 200);
    assert.equal(res.body.status, 'processing');
    const pending = await shop.db
      .selectFrom('outbox')
      .select(['id', 'attempts'])
      .where('topic', '=', 'audit-events')
      .where('delivered_at', 'is', null)
      .execute();
    assert.equal(pending.length, 1);
    assert.equal(pending[0]?.attempts, 1);

    await auth.start();
    await shop.deps.outbox.deliver(pending[0]?.id);
    assert.deepEqual(
      (await eventsOf(order.id)).map((e) => [e.before, e.after]),
      [[{ status: 'paid' }, { status: 'processing' }]],
    );
  });
});

// GET /internal/notifications: a user's mails for the gateway, newest first, never another user's.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually } from '@dm/common/testing';
import { asService, type NotificationTestService, orderPlaced, shopper, startNotificationService } from '../test-support.js';

let service: NotificationTestService;

before(async () => {
  service = await startNotificationService('nt_list');
});

after(async () => {
  await service.close();
});

const list = (query: string, caller = 'gateway-web') =>
  service.api('GET', `/internal/notifications?${query}`, undefined, asService(caller));

describe('GET /internal/notifications', () => {
  it("lists one user's mails newest first, a page at a time, without their bodies, and none of another user's", async () => {
    const sam = shopper();
    const kim = shopper('Kim Keen');
    const first = orderPlaced(sam);
    await service.post(first);
    const second = orderPlaced(sam);
    await service.post(second);
    await service.post(orderPlaced(kim));
    await eventually(
      async () => (await service.db.selectFrom('notifications').select('id').where('status', '=', 'sent').execute()).length >= 3,
      'the mails are sent',
    );

    const page = await list(`user_id=${sam.id}`);
    assert.equal(page.status, 200, page.text);
    assert.equal(page.body.total, 2);
    assert.equal(page.body.has_next, false);
    const ids = page.body.items.map((n: { order_id: string }) => n.order_id);
    assert.deepEqual(
      ids,
      [second.payload, first.payload].map((p) => (p as { order_id: string }).order_id),
    );
    const [item] = page.body.items;
    assert.equal(item.status, 'sent');
    assert.equal(item.kind, 'order_confirmation');
    assert.equal(item.email, sam.email);
    assert.match(item.subject, /is confirmed/);
    assert.ok(item.sent_at);
    assert.equal(item.html, undefined);
    assert.equal(item.text, undefined);

    const small = await list(`user_id=${sam.id.toUpperCase()}&page=2&page_size=1`);
    assert.deepEqual([small.body.total, small.body.page, small.body.page_size, small.body.has_next], [2, 2, 1, false]);
    assert.equal(small.body.items[0].order_id, (first.payload as { order_id: string }).order_id);

    const kims = await list(`user_id=${kim.id}`);
    assert.equal(kims.body.total, 1);
    assert.equal(kims.body.items[0].email, kim.email);
  });

  it('a bad user id is a 422; only the gateway may read the mails', async () => {
    const bad = await list('user_id=not-a-uuid');
    assert.equal(bad.status, 422);
    assert.equal(bad.body.errors[0].field, 'user_id');
    assert.equal((await list('')).status, 422);
    assert.equal((await list(`user_id=${shopper().id}`, 'order-service')).status, 403);
    assert.equal((await service.api('GET', `/internal/notifications?user_id=${shopper().id}`)).status, 401);
  });
});

// /account/notifications and GET /api/account/notifications: a shopper sees the mails the shop
// sent them (read from the real notification-service), never another shopper's; with
// notification-service down the page says so and the API answers 503.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { callJson, eventually } from '@dm/common/testing';
import { orderIdOf, orderPlaced } from '@dm/notification-service/test-support';
import { type GatewayStack, startGatewayStack, TestBrowser } from '../../testing.js';

let stack: GatewayStack;
let counter = 0;

before(async () => {
  stack = await startGatewayStack();
});

after(async () => {
  await stack.stop();
});

async function shopper(name: string) {
  const email = `note${++counter}-${process.pid}@example.com`;
  const password = 'first-password-1';
  const res = await callJson(`${stack.url}/api/auth/register`, 'POST', { body: { email, password, full_name: name } });
  assert.equal(res.status, 201, res.text);
  return { id: res.body.id as string, email, name, password, token: res.body.access_token as string };
}

/** An order.placed told to notification-service as order-service's outbox would; answers the order's short reference. */
async function placeOrder(who: { id: string; email: string; name: string }) {
  const event = orderPlaced(who);
  const res = await callJson(`${stack.notificationUrl}/internal/events`, 'POST', {
    body: event,
    token: stack.signer.signService('order-service', 60),
  });
  assert.equal(res.status, 200, res.text);
  return orderIdOf(event).slice(0, 8).toUpperCase();
}

const sentTo = async (email: string) =>
  (await stack.notificationsDb.db.selectFrom('notifications').select('status').where('email', '=', email).execute()).every(
    (n) => n.status === 'sent',
  );

describe('your notifications', () => {
  it("lists the mails sent to the signed-in shopper, linked from /account, and none of another shopper's", async () => {
    const sam = await shopper('Sam Shopper');
    const kim = await shopper('Kim Keen');
    const samsOrder = await placeOrder(sam);
    const kimsOrder = await placeOrder(kim);
    await eventually(async () => (await sentTo(sam.email)) && (await sentTo(kim.email)), 'the confirmations are sent');

    const browser = await TestBrowser.signedIn(stack.url, sam.email, sam.password);
    assert.match((await browser.get('/account')).html, /href="\/account\/notifications"/);
    const page = await browser.get('/account/notifications');
    assert.equal(page.status, 200);
    assert.match(page.html, new RegExp(`Your order ${samsOrder} is confirmed`));
    assert.match(page.html, />Sent</);
    assert.match(page.html, new RegExp(sam.email));
    assert.doesNotMatch(page.html, new RegExp(kimsOrder), "not another shopper's mail");
    assert.doesNotMatch(page.html, new RegExp(kim.email));

    const api = await callJson(`${stack.url}/api/account/notifications`, 'GET', { token: sam.token });
    assert.equal(api.status, 200, api.text);
    assert.equal(api.headers.get('cache-control'), 'no-store');
    assert.equal(api.body.total, 1);
    assert.match(api.body.items[0].subject, new RegExp(samsOrder));
    assert.equal(api.body.items[0].status, 'sent');
    assert.equal((await callJson(`${stack.url}/api/account/notifications?page_size=0`, 'GET', { token: sam.token })).status, 422);
  });

  it('sends a guest to sign in; a new shopper has none yet', async () => {
    assert.match((await new TestBrowser(stack.url).get('/account/notifications')).location ?? '', /^\/login\?next=/);
    assert.equal((await callJson(`${stack.url}/api/account/notifications`, 'GET')).status, 401);
    const newcomer = await shopper('Nia New');
    const page = await (await TestBrowser.signedIn(stack.url, newcomer.email, newcomer.password)).get('/account/notifications');
    assert.equal(page.status, 200);
    assert.match(page.html, /No notifications yet/);
  });

  it('says notifications are unavailable when notification-service is down (the API answers 503)', async () => {
    const pat = await shopper('Pat Patient');
    const gateway = await stack.startGateway({ notificationUrl: 'http://127.0.0.1:9' });
    const page = await (await TestBrowser.signedIn(gateway.url, pat.email, pat.password)).get('/account/notifications');
    assert.equal(page.status, 503);
    assert.match(page.html, /Your notifications are unavailable right now/);
    const api = await callJson(`${gateway.url}/api/account/notifications`, 'GET', { token: pat.token });
    assert.equal(api.status, 503);
    assert.match(api.body.detail, /notification/);
  });
});

// /admin/events: the events a consumer gave up on, read from the consumer itself; a consumer that
// is down is said to be, and the page is the admin's alone.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { callJson } from '@dm/common/testing';
import { ADMIN, type GatewayStack, startGatewayStack, TestBrowser } from '../../testing.js';
import { newShopper } from '../api/test-client.js';

let stack: GatewayStack;

before(async () => {
  // No analytics-service in this stack: its section must say it cannot be asked.
  stack = await startGatewayStack();
});

after(() => stack.stop());

describe('/admin/events', () => {
  it('lists the dead letters of notification-service, says analytics-service is unavailable, and is for admins only', async () => {
    const poison = {
      id: '00000000-0000-4000-8000-00000000dead',
      type: 'order.placed',
      version: 1,
      occurred_at: 'yesterday',
      source: 'x',
      payload: {},
    };
    const posted = await callJson(`${stack.notificationUrl}/internal/events`, 'POST', {
      body: poison,
      token: stack.signer.signService('order-service', 60),
    });
    assert.equal(posted.status, 200, posted.text);
    assert.equal(posted.body.outcome, 'dead');

    const admin = await TestBrowser.signedIn(stack.url, ADMIN.email, ADMIN.password);
    const page = await admin.get('/admin/events');
    assert.equal(page.status, 200);
    assert.ok(page.html.includes('00000000-0000-4000-8000-00000000dead'), 'the event given up is listed');
    assert.ok(page.html.includes('not an event this code can read'), 'with why');
    assert.ok(page.html.includes('analytics-service is unavailable right now'));

    const shopper = await newShopper(stack.url);
    const browser = await TestBrowser.signedIn(stack.url, shopper.email, shopper.password);
    const refused = await browser.get('/admin/events');
    assert.notEqual(refused.status, 200);
    assert.ok(!refused.html.includes('00000000-0000-4000-8000-00000000dead'));
  });
});

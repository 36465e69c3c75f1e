// The routes kept for other shops' clients answer as the routes they are aliases of.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { type GatewayStack, startGatewayStack } from '../../testing.js';
import { ADDRESS, adminToken, call, newShopper, pendingOrder } from './test-client.js';

let stack: GatewayStack;
let admin = '';
const api = (method: string, path: string, options?: Parameters<typeof call>[3]) => call(stack.url, method, path, options);

before(async () => {
  stack = await startGatewayStack();
  admin = await adminToken(stack.url);
});

after(async () => {
  await stack.stop();
});

const card = (card_number: string) => ({ card_number, expiry_month: 12, expiry_year: 2031, cvv: '123' });

describe('GET /api/auth/users/me', () => {
  it('answers what GET /api/auth/me answers, and 401 without a token', async () => {
    const sam = await newShopper(stack.url);
    const alias = await api('GET', '/api/auth/users/me', { token: sam.token });
    assert.equal(alias.status, 200);
    assert.deepEqual(alias.body, (await api('GET', '/api/auth/me', { token: sam.token })).body);
    assert.equal(alias.body.email, sam.email);
    assert.equal((await api('GET', '/api/auth/users/me')).status, 401);
  });
});

describe('GET /api/products/search and /api/products/featured', () => {
  before(async () => {
    for (const [i, is_featured] of [true, false, true].entries()) {
      const res = await api('POST', '/api/products', {
        token: admin,
        body: { sku: `ALIAS-${i}`, name: `Alias Teapot ${i}`, description: 'Pours.', price: '20.00', stock: 5, is_featured },
      });
      assert.equal(res.status, 201, res.text);
    }
  });

  it('search answers as the listing does, with the same filters', async () => {
    const search = await api('GET', '/api/products/search?q=teapot&sort=name&page_size=2');
    assert.equal(search.status, 200);
    assert.deepEqual(search.body, (await api('GET', '/api/products?q=teapot&sort=name&page_size=2')).body);
    assert.equal(search.body.total, 3);
    assert.deepEqual(
      search.body.items.map((p: { name: string }) => p.name),
      ['Alias Teapot 0', 'Alias Teapot 1'],
    );
    assert.equal((await api('GET', '/api/products/search?sort=sideways')).status, 422);
  });

  it('featured lists the products the shop marks featured, 8 at most, as the home page does', async () => {
    const featured = await api('GET', '/api/products/featured');
    assert.equal(featured.status, 200);
    assert.equal(featured.body.page_size, 8);
    assert.deepEqual(featured.body.items.map((p: { name: string }) => p.name).sort(), ['Alias Teapot 0', 'Alias Teapot 2']);
    assert.ok(featured.body.items.every((p: { is_featured: boolean }) => p.is_featured));
  });
});

describe('POST /api/payments/process and GET /api/payments/user', () => {
  it('pays an order from {order_id, payment_method, card_details}; a retry of the same body charges once', async () => {
    const ada = await newShopper(stack.url);
    const { orderId, total } = await pendingOrder(stack.url, admin, ada);
    const body = { order_id: orderId, payment_method: 'credit_card', card_details: card('4242 4242 4242 4242') };
    const paid = await api('POST', '/api/payments/process', { token: ada.token, body });
    assert.equal(paid.status, 201, paid.text);
    assert.equal(paid.body.status, 'succeeded');
    assert.equal(paid.body.order_id, orderId);
    assert.equal(paid.body.amount, total);
    assert.equal(paid.body.card_last4, '4242');
    const again = await api('POST', '/api/payments/process', { token: ada.token, body });
    assert.equal(again.status, 201);
    assert.deepEqual(again.body, paid.body);
    assert.equal((await api('GET', `/api/orders/${orderId}`, { token: ada.token })).body.status, 'paid');

    const history = await api('GET', '/api/payments/user', { token: ada.token });
    assert.equal(history.status, 200);
    assert.deepEqual(history.body, (await api('GET', '/api/payments', { token: ada.token })).body);
    assert.deepEqual(
      history.body.items.map((p: { payment_id: string }) => p.payment_id),
      [paid.body.payment_id],
    );
  });

  it('takes the caller’s Idempotency-Key when one is sent, and a declined card is an answer, not an error', async () => {
    const bo = await newShopper(stack.url);
    const { orderId } = await pendingOrder(stack.url, admin, bo);
    const headers = { 'idempotency-key': randomUUID() };
    const declined = await api('POST', '/api/payments/process', {
      token: bo.token,
      headers,
      body: { order_id: orderId, card_details: card('4000000000000002') },
    });
    assert.equal(declined.status, 201);
    assert.equal(declined.body.status, 'failed');
    // Same key, another card: the key's first answer comes back, and nothing is charged.
    const replay = await api('POST', '/api/payments/process', {
      token: bo.token,
      headers,
      body: { order_id: orderId, card_details: card('4242424242424242') },
    });
    assert.deepEqual(replay.body, declined.body);
    const fresh = await api('POST', '/api/payments/process', {
      token: bo.token,
      body: { order_id: orderId, card_details: card('4242424242424242') },
    });
    assert.equal(fresh.body.status, 'succeeded');
  });

  it('names the fields as the caller sent them in a 422, and needs a token', async () => {
    const cy = await newShopper(stack.url);
    const { orderId } = await pendingOrder(stack.url, admin, cy);
    const badCard = await api('POST', '/api/payments/process', {
      token: cy.token,
      body: { order_id: orderId, card_details: { ...card('4242 4242 4242 4241'), expiry_month: 13 } },
    });
    assert.equal(badCard.status, 422);
    assert.deepEqual(badCard.body.errors.map((e: { field: string }) => e.field).sort(), [
      'card_details.card_number',
      'card_details.expiry_month',
    ]);
    assert.match(badCard.body.detail, /^card_details\./);
    const badBody = await api('POST', '/api/payments/process', { token: cy.token, body: { order_id: 'nope', payment_method: 'paypal' } });
    assert.equal(badBody.status, 422);
    assert.deepEqual(badBody.body.errors.map((e: { field: string }) => e.field).sort(), ['card_details', 'order_id', 'payment_method']);
    const anonymous = await api('POST', '/api/payments/process', { body: { order_id: orderId, card_details: card('4242424242424242') } });
    assert.equal(anonymous.status, 401);
    assert.equal((await api('GET', '/api/payments/user')).status, 401);
  });
});

describe('POST /api/orders with the address as other shops’ clients send it', () => {
  it('takes address_line1, address_line2 and state, and answers with both sets of names', async () => {
    const di = await newShopper(stack.url);
    const product = await api('POST', '/api/products', {
      token: admin,
      body: { sku: 'ALIAS-ADDR', name: 'Alias Vase', description: 'Holds.', price: '30.00', stock: 5 },
    });
    await api('POST', '/api/cart/items', { token: di.token, body: { product_id: product.body.id, quantity: 1 } });
    const { line1, ...rest } = ADDRESS;
    const order = await api('POST', '/api/orders', {
      token: di.token,
      headers: { 'idempotency-key': randomUUID() },
      body: { shipping_address: { ...rest, address_line1: line1, address_line2: 'Flat 3', state: 'Greater London' } },
    });
    assert.equal(order.status, 201, order.text);
    assert.deepEqual(order.body.shipping_address, {
      ...ADDRESS,
      line2: 'Flat 3',
      address_line1: line1,
      address_line2: 'Flat 3',
      state: 'Greater London',
    });
  });
});

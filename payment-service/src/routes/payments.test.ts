import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { eventually } from '@dm/common/testing';
import { sql } from 'kysely';
import { addOrder, asService, CARDS, jwt, pendingMessages, person, type Stack, startStack } from '../test-support.js';

let s: Stack;

before(async () => {
  s = await startStack('payments');
});

after(async () => {
  await s.close();
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const countRows = async (table: 'payments' | 'payment_attempts', orderId: string) =>
  (
    await s.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('order_id', '=', orderId)
      .executeTakeFirstOrThrow()
  ).n;

describe('POST /payments', () => {
  it('charges a good card the order total: 201 succeeded, and the order becomes paid with that payment', async () => {
    const shopper = person();
    const order = await addOrder(s.orders.db, shopper.id);
    const res = await s.pay(shopper, order.id, CARDS.good);
    assert.equal(res.status, 201);
    assert.match(res.body.id, UUID);
    assert.match(res.body.payment_id, UUID);
    assert.ok(Date.now() - Date.parse(res.body.created_at) < 60_000);
    assert.deepEqual(res.body, {
      id: res.body.id,
      payment_id: res.body.payment_id,
      order_id: order.id,
      amount: '46.97',
      status: 'succeeded',
      decline_reason: null,
      card_brand: 'visa',
      card_last4: '4242',
      created_at: res.body.created_at,
    });

    const paid = await s.orders.order(order.id);
    assert.equal(paid.status, 'paid');
    assert.equal(paid.payment_id, res.body.payment_id);
    // order-service's own view agrees.
    const asPayments = { authorization: `Bearer ${jwt.signService('payment-service', 60)}` };
    const seen = await s.orders.api('GET', `/internal/orders/${order.id}`, undefined, asPayments);
    assert.equal(seen.body.status, 'paid');
    assert.equal(seen.body.payment_id, res.body.payment_id);

    const payment = await s.db.selectFrom('payments').selectAll().where('order_id', '=', order.id).executeTakeFirstOrThrow();
    assert.equal(payment.id, res.body.payment_id);
    assert.equal(payment.attempt_id, res.body.id);
    assert.equal(payment.status, 'succeeded');
    assert.equal(payment.amount, '46.97');
    assert.equal(payment.user_id, shopper.id);
    assert.deepEqual(await pendingMessages(s.db), []);
  });

  it('names the brand of a mastercard', async () => {
    const shopper = person();
    const order = await addOrder(s.orders.db, shopper.id);
    const res = await s.pay(shopper, order.id, CARDS.mastercard);
    assert.equal(res.status, 201);
    assert.equal(res.body.card_brand, 'mastercard');
    assert.equal(res.body.card_last4, '4444');
  });

  it('answers a declined card with 201 failed and leaves the order pending; a good card with a new key then pays it', async () => {
    const shopper = person();
    const order = await addOrder(s.orders.db, shopper.id);
    const declined = await s.pay(shopper, order.id, CARDS.declined);
    assert.equal(declined.status, 201);
    assert.equal(declined.body.status, 'failed');
    assert.equal(declined.body.decline_reason, 'Your card was declined.');
    assert.equal(declined.body.payment_id, null);
    assert.equal(declined.body.card_last4, '0002');
    assert.equal((await s.orders.order(order.id)).status, 'pending');
    assert.equal(await countRows('payments', order.id), 0);

    const noFunds = await s.pay(shopper, order.id, CARDS.noFunds);
    assert.equal(noFunds.status, 201);
    assert.equal(noFunds.body.status, 'failed');
    assert.equal(noFunds.body.decline_reason, 'Insufficient funds.');
    assert.equal((await s.orders.order(order.id)).status, 'pending');

    const good = await s.pay(shopper, order.id, CARDS.good);
    assert.equal(good.status, 201);
    assert.equal(good.body.status, 'succeeded');
    const paid = await s.orders.order(order.id);
    assert.equal(paid.status, 'paid');
    assert.equal(paid.payment_id, good.body.payment_id);
    assert.equal(await countRows('payment_attempts', order.id), 3);
  });

  it('makes one charge for one Idempotency-Key sent twice, and replays the first answer even for another body', async () => {
    const shopper = person();
    const order = await addOrder(s.orders.db, shopper.id);
    const key = randomUUID();
    const first = await s.pay(shopper, order.id, CARDS.good, key);
    assert.equal(first.status, 201);
    const again = await s.pay(shopper, order.id, CARDS.good, key);
    assert.equal(again.status, 201);
    assert.deepEqual(again.body, first.body);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.equal(first.headers.get('idempotent-replayed'), null);
    // A retry that changed its mind still gets the first result, not a new charge.
    const other = await s.pay(shopper, order.id, CARDS.declined, key);
    assert.equal(other.status, 201);
    assert.deepEqual(other.body, first.body);
    assert.equal(await countRows('payments', order.id), 1);
    assert.equal(await countRows('payment_attempts', order.id), 1);
  });

  it('replays a decline as a decline: the same key does not get a second try', async () => {
    const shopper = person();
    const order = await addOrder(s.orders.db, shopper.id);
    const key = randomUUID();
    const first = await s.pay(shopper, order.id, CARDS.declined, key);
    const retry = await s.pay(shopper, order.id, CARDS.good, key);
    assert.equal(retry.status, 201);
    assert.deepEqual(retry.body, first.body);
    assert.equal(retry.body.status, 'failed');
    assert.equal((await s.orders.order(order.id)).status, 'pending');
  });

  it('makes one charge when the same request is sent twice at once', async () => {
    const shopper = person();
    const order = await addOrder(s.orders.db, shopper.id);
    const key = randomUUID();
    const [a, b] = await Promise.all([s.pay(shopper, order.id, CARDS.good, key), s.pay(shopper, order.id, CARDS.good, key)]);
    assert.equal(a.status, 201);
    assert.equal(b.status, 201);
    assert.deepEqual(a.body, b.body);
    assert.equal(a.body.status, 'succeeded');
    assert.equal(await countRows('payments', order.id), 1);
    assert.equal(await countRows('payment_attempts', order.id), 1);
    assert.equal((await s.orders.order(order.id)).payment_id, a.body.payment_id);
  });

  it('pays an order once when two attempts with different keys race: one 201 succeeded, one 409', async () => {
    const shopper = person();
    const order = await addOrder(s.orders.db, shopper.id);
    const results = await Promise.all([s.pay(shopper, order.id, CARDS.good), s.pay(shopper, order.id, CARDS.mastercard)]);
    const won = results.filter((r) => r.status === 201);
    const lost = results.filter((r) => r.status === 409);
    assert.equal(won.length, 1, JSON.stringify(results.map((r) => [r.status, r.body])));
    assert.equal(lost.length, 1);
    assert.equal(won[0]!.body.status, 'succeeded');
    assert.deepEqual(lost[0]!.body, { detail: 'this order is paid already' });
    assert.equal(await countRows('payments', order.id), 1);
    const paid = await s.orders.order(order.id);
    assert.equal(paid.status, 'paid');
    assert.equal(paid.payment_id, won[0]!.body.payment_id);
  });

  it('answers 409 when the order has a payment here that order-service has not heard of yet, and records that attempt as failed', async () => {
    const shopper = person();
    const order = await addOrder(s.orders.db, shopper.id);
    const stopped = s.orders.stopAfterNextRead();
    const first = await s.pay(shopper, order.id, CARDS.good);
    await stopped;
    await s.orders.start();
    assert.equal(first.body.status, 'succeeded');
    assert.equal((await s.orders.order(order.id)).status, 'pending', 'order-service has not been told yet');

    const key = randomUUID();
    const second = await s.pay(shopper, order.id, CARDS.mastercard, key);
    assert.equal(second.status, 409);
    assert.deepEqual(second.body, { detail: 'this order is paid already' });
    const attempt = await s.db.selectFrom('payment_attempts').selectAll().where('idempotency_key', '=', key).executeTakeFirstOrThrow();
    assert.equal(attempt.status, 'failed');
    assert.equal(attempt.payment_id, null);
    assert.equal(attempt.decline_reason, 'this order is paid already');
    // The replay of that key is the same 409.
    const replay = await s.pay(shopper, order.id, CARDS.good, key);
    assert.equal(replay.status, 409);
    assert.deepEqual(replay.body, second.body);
    assert.equal(await countRows('payments', order.id), 1);

    await eventually(async () => {
      for (const { id } of await pendingMessages(s.db)) await s.deps.outbox.deliver(id);
      return (await s.orders.order(order.id)).status === 'paid';
    }, 'the first payment reaches order-service');
    assert.equal((await s.orders.order(order.id)).payment_id, first.body.payment_id);
  });

  it("answers 404 for another user's order, for an admin paying someone else's order, and for an unknown order", async () => {
    const owner = person();
    const order = await addOrder(s.orders.db, owner.id);
    for (const who of [person(), person('admin')]) {
      const res = await s.pay(who, order.id, CARDS.good);
      assert.equal(res.status, 404);
      assert.deepEqual(res.body, { detail: 'order not found' });
    }
    const unknown = await s.pay(owner, randomUUID(), CARDS.good);
    assert.equal(unknown.status, 404);
    assert.deepEqual(unknown.body, { detail: 'order not found' });
    assert.equal(await countRows('payment_attempts', order.id), 0);
    assert.equal((await s.orders.order(order.id)).status, 'pending');
  });

  it('lets an admin pay an order of their own', async () => {
    const admin = person('admin');
    const order = await addOrder(s.orders.db, admin.id);
    const res = await s.pay(admin, order.id, CARDS.good);
    assert.equal(res.status, 201);
    assert.equal(res.body.status, 'succeeded');
  });

  it('answers 409 for a cancelled order and for one paid already, and charges nothing', async () => {
    const shopper = person();
    const cancelled = await addOrder(s.orders.db, shopper.id, { status: 'cancelled' });
    const paid = await addOrder(s.orders.db, shopper.id, { status: 'paid' });
    const shipped = await addOrder(s.orders.db, shopper.id, { status: 'shipped' });
    const a = await s.pay(shopper, cancelled.id, CARDS.good);
    assert.equal(a.status, 409);
    assert.deepEqual(a.body, { detail: 'this order was cancelled' });
    for (const order of [paid, shipped]) {
      const res = await s.pay(shopper, order.id, CARDS.good);
      assert.equal(res.status, 409);
      assert.deepEqual(res.body, { detail: 'this order is paid already' });
    }
    for (const order of [cancelled, paid, shipped]) assert.equal(await countRows('payments', order.id), 0);
  });

  it("charges the order's total whatever amount the client sends", async () => {
    const shopper = person();
    const order = await addOrder(s.orders.db, shopper.id);
    const res = await s.pay(shopper, order.id, CARDS.good, randomUUID(), { amount: '0.01' });
    assert.equal(res.status, 201);
    assert.equal(res.body.amount, '46.97');
    const payment = await s.db.selectFrom('payments').select('amount').where('order_id', '=', order.id).executeTakeFirstOrThrow();
    assert.equal(payment.amount, '46.97');
    // order-service checks the amount against its total before it marks the order paid.
    assert.equal((await s.orders.order(order.id)).status, 'paid');
    const message = await s.db
      .selectFrom('outbox')
      .select('payload')
      .where(sql<string>`payload->>'order_id'`, '=', order.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(message.payload, { order_id: order.id, payment_id: res.body.payment_id, amount: '46.97' });
  });

  it('stores no card number beyond its last four digits, and no CVC, in any table', async () => {
    const shopper = person();
    const cards = [
      { ...CARDS.good, cvc: '7391' },
      { ...CARDS.declined, cvc: '7391' },
      { ...CARDS.noFunds, cvc: '7391' },
    ];
    for (const card of cards) {
      const order = await addOrder(s.orders.db, shopper.id);
      assert.equal((await s.pay(shopper, order.id, card)).status, 201);
    }
    const { rows: tables } = await sql<{ table_name: string }>`
      SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_name NOT LIKE 'kysely_%' ORDER BY table_name`.execute(s.db);
    assert.deepEqual(
      tables.map((t) => t.table_name),
      ['outbox', 'payment_attempts', 'payments', 'refunds'],
    );
    let everything = '';
    for (const { table_name } of tables) {
      // Each whole row as text: every column, jsonb included.
      const { rows } = await sql<{ row: string }>`SELECT t::text AS row FROM ${sql.table(table_name)} t`.execute(s.db);
      everything += rows.map((r) => r.row).join('\n');
    }
    assert.ok(everything.includes('4242'), 'the search sees the stored rows (the last four are there)');
    for (const card of cards) {
      const digits = card.number.replace(/\D/g, '');
      assert.ok(!everything.includes(digits), `${card.number} is not stored`);
      assert.ok(!everything.includes(card.number), `${card.number} is not stored as typed`);
      assert.ok(!everything.includes(digits.slice(0, 12)), `no more than the last four of ${card.number}`);
    }
    // Random ids and clock times may hold any four digits: mask them before looking for the CVC.
    const masked = everything
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<uuid>')
      .replace(/\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}(:\d{2})?)?/g, '<time>');
    assert.ok(masked.includes('<uuid>') && masked.includes('<time>') && masked.includes('4242'));
    assert.ok(!masked.includes('7391'), 'the CVC is not stored');
    assert.ok(!masked.toLowerCase().includes('cvc'));
  });

  it('still answers 201 succeeded when order-service dies after the order check; the outbox pays the order once it is back', async () => {
    const shopper = person();
    const order = await addOrder(s.orders.db, shopper.id);
    const stopped = s.orders.stopAfterNextRead();
    const res = await s.pay(shopper, order.id, CARDS.good);
    await stopped;
    assert.equal(res.status, 201);
    assert.equal(res.body.status, 'succeeded');
    assert.equal((await s.orders.order(order.id)).status, 'pending');
    const [message, ...more] = await pendingMessages(s.db);
    assert.ok(message, 'the order-paid message waits in the outbox');
    assert.deepEqual(more, []);
    assert.equal(message.attempts, 1);
    assert.match(message.last_error ?? '', /order unavailable/);

    // While it is down, delivering again fails again and changes nothing.
    await s.deps.outbox.deliver(message.id);
    assert.equal((await s.orders.order(order.id)).status, 'pending');

    await s.orders.restart();
    await eventually(async () => {
      await s.deps.outbox.deliver(message.id);
      return (await s.orders.order(order.id)).status === 'paid';
    }, 'the order is paid');
    assert.equal((await s.orders.order(order.id)).payment_id, res.body.payment_id);
    assert.deepEqual(await pendingMessages(s.db), []);
  });

  it('answers 503 when order-service cannot be reached to check the order, records nothing, and the same key works later', async () => {
    const shopper = person();
    const order = await addOrder(s.orders.db, shopper.id);
    await s.orders.stop();
    const key = randomUUID();
    try {
      const res = await s.pay(shopper, order.id, CARDS.good, key);
      assert.equal(res.status, 503);
      assert.deepEqual(res.body, { detail: 'order unavailable' });
      assert.equal(await countRows('payment_attempts', order.id), 0);
    } finally {
      await s.orders.start();
    }
    const retry = await s.pay(shopper, order.id, CARDS.good, key);
    assert.equal(retry.status, 201);
    assert.equal(retry.body.status, 'succeeded');
    assert.equal((await s.orders.order(order.id)).status, 'paid');
  });

  it('answers 401 without a token or with a service token', async () => {
    const order = await addOrder(s.orders.db, randomUUID());
    const body = { order_id: order.id, card: CARDS.good };
    assert.equal((await s.api('POST', '/payments', body, { 'idempotency-key': 'k1' })).status, 401);
    assert.equal((await s.api('POST', '/payments', body, { ...asService, 'idempotency-key': 'k1' })).status, 401);
    const bad = await s.api('POST', '/payments', body, { authorization: 'Bearer nonsense', 'idempotency-key': 'k1' });
    assert.equal(bad.status, 401);
  });

  it('answers 400 naming the Idempotency-Key header when it is missing, empty, too long or not printable ASCII', async () => {
    const shopper = person();
    const order = await addOrder(s.orders.db, shopper.id);
    const body = { order_id: order.id, card: CARDS.good };
    const missing = await s.api('POST', '/payments', body, shopper.headers);
    assert.equal(missing.status, 400);
    assert.match(missing.body.detail, /Idempotency-Key/);
    for (const key of ['x'.repeat(201), 'has space', 'tab\there']) {
      const res = await s.api('POST', '/payments', body, { ...shopper.headers, 'idempotency-key': key });
      assert.equal(res.status, 400, key);
      assert.match(res.body.detail, /Idempotency-Key/);
    }
    assert.equal((await s.api('POST', '/payments', body, { ...shopper.headers, 'idempotency-key': 'x'.repeat(200) })).status, 201);
  });

  it('answers 422 naming each bad card field and the order id, and charges nothing', async () => {
    const shopper = person();
    const order = await addOrder(s.orders.db, shopper.id);
    const res = await s.pay(shopper, order.id, { number: '4242 4242 4242 4241', exp_month: 13, exp_year: 2020, cvc: '1' });
    assert.equal(res.status, 422);
    assert.deepEqual(
      res.body.errors.map((e: { field: string }) => e.field),
      ['card.number', 'card.exp_month', 'card.exp_year', 'card.cvc'],
    );
    const expired = new Date();
    const lastMonth =
      expired.getUTCMonth() === 0
        ? { exp_month: 12, exp_year: expired.getUTCFullYear() - 1 }
        : { exp_month: expired.getUTCMonth(), exp_year: expired.getUTCFullYear() };
    const old = await s.pay(shopper, order.id, { ...CARDS.good, ...lastMonth });
    assert.equal(old.status, 422);
    assert.equal(old.body.errors[0].field, lastMonth.exp_month === 12 ? 'card.exp_year' : 'card.exp_month');

    const noOrder = await s.api('POST', '/payments', { card: CARDS.good }, { ...shopper.headers, 'idempotency-key': randomUUID() });
    assert.equal(noOrder.status, 422);
    assert.deepEqual(noOrder.body.errors, [{ field: 'order_id', message: 'is required' }]);
    const badOrder = await s.pay(shopper, 'not-a-uuid', CARDS.good);
    assert.equal(badOrder.status, 422);
    assert.equal(badOrder.body.errors[0].field, 'order_id');
    const noCard = await s.api('POST', '/payments', { order_id: order.id }, { ...shopper.headers, 'idempotency-key': randomUUID() });
    assert.equal(noCard.status, 422);
    assert.equal(noCard.body.errors[0].field, 'card');
    assert.equal(await countRows('payment_attempts', order.id), 0);
  });

  it('accepts a card valid through the current month', async () => {
    const shopper = person();
    const order = await addOrder(s.orders.db, shopper.id);
    const now = new Date();
    const res = await s.pay(shopper, order.id, { ...CARDS.good, exp_month: now.getUTCMonth() + 1, exp_year: now.getUTCFullYear() % 100 });
    assert.equal(res.status, 201);
    assert.equal(res.body.status, 'succeeded');
  });
});

describe('GET /payments', () => {
  it("lists only the caller's own attempts, newest first, paginated, saying which were refunded", async () => {
    const shopper = person();
    const other = person();
    const first = await addOrder(s.orders.db, shopper.id);
    const second = await addOrder(s.orders.db, shopper.id);
    const declined = await s.pay(shopper, first.id, CARDS.declined);
    const paidFirst = await s.pay(shopper, first.id, CARDS.good);
    const paidSecond = await s.pay(shopper, second.id, CARDS.mastercard);
    const theirs = await addOrder(s.orders.db, other.id);
    await s.pay(other, theirs.id, CARDS.good);
    const refund = await s.api('POST', '/internal/refunds', { order_id: second.id, reason: 'test' }, asService);
    assert.equal(refund.status, 200);

    const page = await s.api('GET', '/payments', undefined, shopper.headers);
    assert.equal(page.status, 200);
    assert.equal(page.body.total, 3);
    assert.equal(page.body.page, 1);
    assert.equal(page.body.page_size, 20);
    assert.equal(page.body.has_next, false);
    assert.deepEqual(
      page.body.items.map((i: { id: string }) => i.id),
      [paidSecond.body.id, paidFirst.body.id, declined.body.id],
    );
    assert.deepEqual(page.body.items[0], { ...paidSecond.body, refunded: true });
    assert.deepEqual(page.body.items[1], { ...paidFirst.body, refunded: false });
    assert.deepEqual(page.body.items[2], { ...declined.body, refunded: false });

    const small = await s.api('GET', '/payments?page=2&page_size=2', undefined, shopper.headers);
    assert.equal(small.status, 200);
    assert.deepEqual(
      small.body.items.map((i: { id: string }) => i.id),
      [declined.body.id],
    );
    assert.equal(small.body.total, 3);
    assert.equal(small.body.has_next, false);
    const firstSmall = await s.api('GET', '/payments?page_size=2', undefined, shopper.headers);
    assert.equal(firstSmall.body.has_next, true);

    const theirList = await s.api('GET', '/payments', undefined, other.headers);
    assert.equal(theirList.body.total, 1);
    assert.equal(theirList.body.items[0].order_id, theirs.id);

    assert.equal((await s.api('GET', '/payments', undefined, person().headers)).body.total, 0);
  });

  it('answers 401 without a token and 422 to a bad page', async () => {
    assert.equal((await s.api('GET', '/payments')).status, 401);
    const bad = await s.api('GET', '/payments?page_size=500', undefined, person().headers);
    assert.equal(bad.status, 422);
    assert.equal(bad.body.errors[0].field, 'page_size');
  });
});

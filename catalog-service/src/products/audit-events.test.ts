// An admin's catalog changes reach auth-service's audit log (the real auth-service, over HTTP),
// with who, from where and what changed; and none is lost while auth-service is down.

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { type RestartableAuthService, startAuthTestService } from '@dm/auth-service/test-support';
import { AUDIT_TOPIC } from '@dm/common/audit';
import { eventually } from '@dm/common/testing';
import { addCategory, addProduct, type Harness, jwt, startCatalog } from '../test-support.js';

let h: Harness;
let auth: RestartableAuthService;

before(async () => {
  auth = await startAuthTestService('catalog_audit_auth', jwt);
  h = await startCatalog('catalog_audit', { authUrl: auth.url });
});

after(async () => {
  await h.close();
  await auth.close();
});

const adminId = randomUUID();
const admin = { authorization: `Bearer ${jwt.sign({ sub: adminId, role: 'admin', email: 'boss@example.com', name: 'Boss' }, 3600)}` };
const from = (requestId: string) => ({ ...admin, 'x-client-ip': '203.0.113.9', 'x-request-id': requestId });

/** What auth-service's log holds about a product, oldest first. */
const eventsOf = (subjectId: string) =>
  auth.database.db.selectFrom('audit_events').selectAll().where('subject_id', '=', subjectId).orderBy('at').orderBy('id').execute();
const changes = async (subjectId: string) => (await eventsOf(subjectId)).map((e) => [e.action, e.before, e.after]);

describe('V16 an admin’s catalog changes in the audit log', () => {
  it('V16.2.1 records a price change with who, from where, the request id, and only what changed', async () => {
    const p = await addProduct(h.db, { price: '10.00', stock: 5 });
    const res = await h.api('PATCH', `/products/${p.id}`, { price: '12.50' }, from('req-price-1'));
    assert.equal(res.status, 200);

    const [event, ...more] = await eventsOf(p.id);
    assert.deepEqual(more, []);
    assert.ok(event);
    assert.equal(event.action, 'product.updated');
    assert.deepEqual([event.before, event.after], [{ price: '10.00' }, { price: '12.50' }]);
    assert.deepEqual(
      [event.actor_id, event.actor_email, event.subject_type, event.subject_id, event.ip, event.request_id],
      [adminId, 'boss@example.com', 'product', p.id, '203.0.113.9', 'req-price-1'],
    );

    // The same price again changes nothing, and records nothing; a rename and a deactivation do.
    await h.api('PATCH', `/products/${p.id}`, { price: '12.50' }, admin);
    await h.api('PATCH', `/products/${p.id}`, { name: 'Renamed Mug', is_active: false, price: 12.5 }, admin);
    assert.deepEqual((await changes(p.id)).slice(1), [
      ['product.updated', { name: p.name, is_active: true }, { name: 'Renamed Mug', is_active: false }],
    ]);
  });

  it('V16.2.1 records a new product with its main fields, prices as decimal strings', async () => {
    const kitchen = await addCategory(h.db, 'Audit Kitchen');
    const res = await h.api(
      'POST',
      '/products',
      { sku: 'aud-1', name: 'Audited Kettle', price: 19.9, stock: 3, category_ids: [kitchen.id] },
      from('req-create-1'),
    );
    assert.equal(res.status, 201);
    const [event] = await eventsOf(res.body.id);
    assert.equal(event?.action, 'product.created');
    assert.equal(event?.before, null);
    assert.deepEqual(event?.after, {
      sku: 'AUD-1',
      name: 'Audited Kettle',
      price: '19.90',
      stock: 3,
      is_active: true,
      is_featured: false,
      category_ids: [kitchen.id],
    });
    assert.equal(event?.request_id, 'req-create-1');
  });

  it('V16.2.1 records a stock adjustment: the level before and after, the delta and the reason; a refused one records nothing', async () => {
    const p = await addProduct(h.db, { stock: 10 });
    assert.equal(
      (await h.api('POST', `/products/${p.id}/stock`, { delta: -3, reason: 'Damaged in transit' }, from('req-stock-1'))).status,
      201,
    );
    assert.equal((await h.api('POST', `/products/${p.id}/stock`, { delta: -50, reason: 'Too many' }, admin)).status, 409);
    const [event, ...more] = await eventsOf(p.id);
    assert.deepEqual(more, []);
    assert.equal(event?.action, 'stock.adjusted');
    assert.deepEqual([event?.before, event?.after], [{ stock: 10 }, { stock: 7, delta: -3, reason: 'Damaged in transit' }]);
    assert.equal(event?.actor_email, 'boss@example.com');
  });

  it('V16.2.1 records a soft delete once, however often it is asked', async () => {
    const p = await addProduct(h.db);
    assert.equal((await h.api('DELETE', `/products/${p.id}`, undefined, from('req-delete-1'))).status, 204);
    assert.equal((await h.api('DELETE', `/products/${p.id}`, undefined, admin)).status, 204);
    assert.deepEqual(await changes(p.id), [['product.deleted', { is_active: true }, { is_active: false }]]);
    assert.equal((await eventsOf(p.id))[0]?.request_id, 'req-delete-1');
  });

  it('V16.2.1 records each product a bulk action or a CSV import changed', async () => {
    const a = await addProduct(h.db, { sku: 'AUD-BULK-A' });
    const b = await addProduct(h.db, { sku: 'AUD-BULK-B', is_active: false });
    const shelf = await addCategory(h.db, 'Audit Shelf');
    const bulk = (body: object) => h.api('POST', '/products/bulk', body, admin);
    assert.deepEqual((await bulk({ ids: [a.id, b.id], action: 'deactivate' })).body, { updated: 1 });
    assert.deepEqual((await bulk({ ids: [a.id], action: 'set_category', category_id: shelf.id })).body, { updated: 1 });
    assert.deepEqual(await changes(a.id), [
      ['product.updated', { is_active: true }, { is_active: false }],
      ['product.updated', { category_ids: [] }, { category_ids: [shelf.id] }],
    ]);
    assert.deepEqual(await changes(b.id), [], 'already inactive: not changed');

    const csv = `sku,name,price,stock\nAUD-BULK-A,${a.name},7.25,10\nAUD-NEW-1,Imported Lamp,30.00,2\n`;
    const res = await fetch(`${h.url}/products/import`, { method: 'POST', headers: { 'content-type': 'text/csv', ...admin }, body: csv });
    assert.equal(res.status, 200);
    assert.deepEqual((await changes(a.id)).at(-1), ['product.updated', { price: '1.00' }, { price: '7.25' }]);
    const created = await h.db.selectFrom('products').select('id').where('sku', '=', 'AUD-NEW-1').executeTakeFirstOrThrow();
    assert.deepEqual(await changes(created.id), [
      [
        'product.created',
        null,
        { sku: 'AUD-NEW-1', name: 'Imported Lamp', price: '30.00', stock: 2, is_active: true, is_featured: false, category_ids: [] },
      ],
    ]);
  });

  it('V16.5.2 keeps the admin’s change working while auth-service is down, and delivers the event once it is back', async () => {
    await auth.stop();
    const p = await addProduct(h.db, { price: '10.00' });
    const res = await h.api('PATCH', `/products/${p.id}`, { price: '11.00' }, from('req-down-1'));
    assert.equal(res.status, 200);
    assert.equal(res.body.price, '11.00');

    // The audit messages only: the stock events the catalog writes too are not this test's business.
    const [message, ...others] = await h.db
      .selectFrom('outbox')
      .selectAll()
      .where('delivered_at', 'is', null)
      .where('topic', '=', AUDIT_TOPIC)
      .execute();
    assert.deepEqual(others, []);
    assert.ok(message);
    assert.equal(message.attempts, 1, 'tried once, right after the change');
    assert.deepEqual(await eventsOf(p.id), []);

    await auth.start();
    // Due now rather than after the backoff, so the loop's first round takes it.
    await h.db.updateTable('outbox').set({ next_attempt_at: new Date() }).where('id', '=', message.id).execute();
    h.outbox.start();
    try {
      await eventually(async () => (await eventsOf(p.id)).length > 0, 'the loop delivers the event');
    } finally {
      await h.outbox.stop();
    }
    const [event] = await eventsOf(p.id);
    assert.deepEqual([event?.before, event?.after], [{ price: '10.00' }, { price: '11.00' }]);
    // Where and when the change was made, not the delivery.
    assert.deepEqual([event?.ip, event?.request_id], ['203.0.113.9', 'req-down-1']);

    // Delivered again (a crash between the call and marking it done): still one event.
    await h.db.updateTable('outbox').set({ delivered_at: null }).where('id', '=', message.id).execute();
    await h.outbox.deliver(message.id);
    assert.equal((await eventsOf(p.id)).length, 1);
  });
});

describe('V16 an admin’s decisions about shops in the audit log', () => {
  it('records an approval, a rejection with its reason, and a suspension and reopening', async () => {
    const apply = (userId: string, shop: string) =>
      h.api(
        'POST',
        '/vendors/apply',
        { shop_name: shop, description: 'Things we make by hand.', contact_email: 'shop@example.com', payout_reference: 'IBAN TEST 1' },
        { authorization: `Bearer ${jwt.sign({ sub: userId, role: 'user', email: 'shop@example.com', name: 'Shop' }, 3600)}` },
      );
    const owner = randomUUID();
    const approved = (await apply(owner, `Audited Shop ${owner.slice(0, 6)}`)).body as { id: string };
    await h.api('POST', `/admin/vendor-applications/${approved.id}/approve`, {}, from('req-approve'));
    const rejected = (await apply(randomUUID(), 'Declined Shop')).body as { id: string };
    await h.api('POST', `/admin/vendor-applications/${rejected.id}/reject`, { reason: 'No contact answered.' }, admin);
    await h.api('PATCH', `/admin/vendors/${owner}`, { status: 'suspended' }, admin);
    await h.api('PATCH', `/admin/vendors/${owner}`, { status: 'active' }, admin);

    await eventually(async () => (await eventsOf(owner)).length === 2, 'the suspension and reopening are recorded');
    assert.deepEqual(
      (await changes(approved.id)).map(([action, , after]) => [action, (after as { status: string }).status]),
      [['vendor.approved', 'approved']],
    );
    const [approval] = await eventsOf(approved.id);
    assert.deepEqual([approval?.actor_id, approval?.request_id], [adminId, 'req-approve']);
    assert.deepEqual((await changes(rejected.id))[0], [
      'vendor.rejected',
      { status: 'pending' },
      { status: 'rejected', shop_name: 'Declined Shop', reason: 'No contact answered.' },
    ]);
    assert.deepEqual(
      (await changes(owner)).map(([action, before, after]) => [action, before, (after as { status: string }).status]),
      [
        ['vendor.suspended', { status: 'active' }, 'suspended'],
        ['vendor.reopened', { status: 'suspended' }, 'active'],
      ],
    );
  });
});

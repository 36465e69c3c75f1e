import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { addCategory, addProduct, as, type Harness, startCatalog } from '../test-support.js';

let h: Harness;

before(async () => {
  h = await startCatalog('catalog_category_tree');
});

after(async () => {
  await h.close();
});

const create = (body: unknown) => h.api('POST', '/categories', body, as.admin);
const patch = (id: string, body: unknown) => h.api('PATCH', `/categories/${id}`, body, as.admin);
const childNames = async (idOrSlug: string) =>
  (await h.api('GET', `/categories/${idOrSlug}`)).body.children.map((c: { name: string }) => c.name);

describe('POST /categories', () => {
  it('creates a top-level category with a slug made from its name, last among its siblings', async () => {
    const first = await create({ name: 'Garden & Patio' });
    assert.equal(first.status, 201);
    assert.deepEqual(first.body, {
      id: first.body.id,
      name: 'Garden & Patio',
      slug: 'garden-and-patio',
      parent_id: null,
      sort_order: first.body.sort_order,
      product_count: 0,
      breadcrumbs: [],
      children: [],
    });
    const second = await create({ name: 'Outdoor Living' });
    assert.equal(second.body.sort_order, first.body.sort_order + 1);
  });

  it('files a category under a parent, with a slug, a sort order and breadcrumbs of its own', async () => {
    const parent = await create({ name: 'Workshop' });
    const child = await create({ name: 'Hand Tools', slug: 'Hand-Tools-2026', parent_id: parent.body.id, sort_order: 7 });
    assert.equal(child.status, 201);
    assert.equal(child.body.slug, 'hand-tools-2026');
    assert.equal(child.body.parent_id, parent.body.id);
    assert.equal(child.body.sort_order, 7);
    assert.deepEqual(child.body.breadcrumbs, [{ id: parent.body.id, name: 'Workshop', slug: 'workshop' }]);
    assert.equal((await create({ name: 'Power Tools', parent_id: parent.body.id })).body.sort_order, 8);
  });

  it('numbers a slug made from a name that is taken, and refuses a given slug that is taken with 409', async () => {
    const again = await create({ name: 'Garden & Patio' });
    assert.equal(again.status, 201);
    assert.equal(again.body.slug, 'garden-and-patio-2');
    const taken = await create({ name: 'Anything', slug: 'garden-and-patio' });
    assert.equal(taken.status, 409);
    assert.equal(taken.body.detail, 'the slug "garden-and-patio" is taken by another category');
  });

  it('refuses a bad name, slug, sort order or parent with 422 naming the field', async () => {
    const cases: [unknown, string][] = [
      [{}, 'name'],
      [{ name: '   ' }, 'name'],
      [{ name: 'x'.repeat(101) }, 'name'],
      [{ name: 'Ok', slug: 'has spaces' }, 'slug'],
      [{ name: 'Ok', slug: randomUUID() }, 'slug'],
      [{ name: 'Ok', sort_order: 1.5 }, 'sort_order'],
      [{ name: 'Ok', parent_id: 'nope' }, 'parent_id'],
      [{ name: 'Ok', parent_id: randomUUID() }, 'parent_id'],
    ];
    for (const [body, field] of cases) {
      const res = await create(body);
      assert.equal(res.status, 422, JSON.stringify(body));
      assert.deepEqual(
        res.body.errors.map((e: { field: string }) => e.field),
        [field],
        JSON.stringify(body),
      );
    }
  });
});

describe('PATCH /categories/:id', () => {
  it('renames and keeps the slug, so links keep working; a new slug is taken only when given', async () => {
    const c = await addCategory(h.db, 'Lamps');
    const renamed = await patch(c.id, { name: 'Lighting' });
    assert.equal(renamed.status, 200);
    assert.equal(renamed.body.name, 'Lighting');
    assert.equal(renamed.body.slug, 'lamps');
    assert.equal((await patch(c.id, { slug: 'lighting' })).body.slug, 'lighting');
    assert.equal((await h.api('GET', '/categories/lighting')).body.id, c.id);
    await addCategory(h.db, 'Rugs');
    assert.equal((await patch(c.id, { slug: 'rugs' })).status, 409);
    assert.equal((await patch(c.id, { slug: 'lighting' })).status, 200, 'its own slug is not taken');
  });

  it('moves a category under another parent, and back to the top', async () => {
    const home = await addCategory(h.db, 'Move Home');
    const office = await addCategory(h.db, 'Move Office');
    const desks = await addCategory(h.db, 'Move Desks', { parentId: home.id });
    const moved = await patch(desks.id, { parent_id: office.id });
    assert.equal(moved.body.parent_id, office.id);
    assert.deepEqual(moved.body.breadcrumbs, [{ id: office.id, name: 'Move Office', slug: 'move-office' }]);
    assert.deepEqual(await childNames(home.slug), []);
    assert.deepEqual(await childNames(office.slug), ['Move Desks']);
    const top = await patch(desks.id, { parent_id: null });
    assert.equal(top.body.parent_id, null);
    assert.deepEqual(top.body.breadcrumbs, []);
  });

  it('reorders siblings by sort_order', async () => {
    const shelf = await addCategory(h.db, 'Order Shelf');
    const a = await addCategory(h.db, 'Order A', { parentId: shelf.id, sortOrder: 1 });
    await addCategory(h.db, 'Order B', { parentId: shelf.id, sortOrder: 2 });
    const c = await addCategory(h.db, 'Order C', { parentId: shelf.id, sortOrder: 3 });
    assert.deepEqual(await childNames(shelf.slug), ['Order A', 'Order B', 'Order C']);
    await patch(c.id, { sort_order: 0 });
    await patch(a.id, { sort_order: 5 });
    assert.deepEqual(await childNames(shelf.slug), ['Order C', 'Order B', 'Order A']);
  });

  it('refuses to move a category under itself or one of its descendants', async () => {
    const top = await addCategory(h.db, 'Cycle Top');
    const mid = await addCategory(h.db, 'Cycle Mid', { parentId: top.id });
    const leaf = await addCategory(h.db, 'Cycle Leaf', { parentId: mid.id });
    for (const target of [top.id, mid.id, leaf.id]) {
      const res = await patch(top.id, { parent_id: target });
      assert.equal(res.status, 422, target);
      assert.deepEqual(res.body.errors, [
        { field: 'parent_id', message: 'a category cannot move under itself or one of its own subcategories' },
      ]);
    }
    assert.equal((await patch(mid.id, { parent_id: leaf.id })).status, 422);
    const row = await h.db.selectFrom('categories').select('parent_id').where('id', '=', top.id).executeTakeFirstOrThrow();
    assert.equal(row.parent_id, null, 'nothing moved');
    assert.equal((await patch(leaf.id, { parent_id: top.id })).status, 200, 'moving up the tree is fine');
  });

  it('answers 404 for an unknown category and 422 for an empty patch', async () => {
    assert.equal((await patch(randomUUID(), { name: 'X' })).status, 404);
    assert.equal((await patch('not-an-id', { name: 'X' })).status, 404);
    const c = await addCategory(h.db, 'Empty Patch');
    assert.equal((await patch(c.id, {})).status, 422);
  });
});

describe('DELETE /categories/:id', () => {
  it('refuses while the category holds products, active or not, and says so', async () => {
    const c = await addCategory(h.db, 'Del Products');
    await addProduct(h.db, { categoryIds: [c.id] });
    await addProduct(h.db, { categoryIds: [c.id], is_active: false });
    const res = await h.api('DELETE', `/categories/${c.id}`, undefined, as.admin);
    assert.equal(res.status, 409);
    assert.equal(res.body.detail, '“Del Products” still holds 2 products: move them to another category first');
    assert.equal(res.body.products, 2);
    assert.equal((await h.api('GET', `/categories/${c.id}`)).status, 200);
  });

  it('refuses while the category has subcategories, and says so', async () => {
    const c = await addCategory(h.db, 'Del Parent');
    await addCategory(h.db, 'Del Child', { parentId: c.id });
    const res = await h.api('DELETE', `/categories/${c.id}`, undefined, as.admin);
    assert.equal(res.status, 409);
    assert.equal(res.body.detail, '“Del Parent” still holds 1 subcategory: move them to another category first');
    assert.equal(res.body.children, 1);
  });

  it('deletes an empty category', async () => {
    const c = await addCategory(h.db, 'Del Empty');
    const res = await h.api('DELETE', `/categories/${c.id}`, undefined, as.admin);
    assert.equal(res.status, 204);
    assert.equal((await h.api('GET', `/categories/${c.id}`)).status, 404);
    assert.equal((await h.api('DELETE', `/categories/${c.id}`, undefined, as.admin)).status, 404);
  });
});

describe('GET /categories/:idOrSlug', () => {
  it('shows breadcrumbs from the top, the children in order, and counts active products of each subtree', async () => {
    const dept = await addCategory(h.db, 'Tree Electronics');
    const audio = await addCategory(h.db, 'Tree Audio', { parentId: dept.id, sortOrder: 2 });
    const phones = await addCategory(h.db, 'Tree Phones', { parentId: dept.id, sortOrder: 1 });
    const headphones = await addCategory(h.db, 'Tree Headphones', { parentId: audio.id });
    await addProduct(h.db, { categoryIds: [headphones.id] });
    await addProduct(h.db, { categoryIds: [headphones.id, audio.id] }); // counted once
    await addProduct(h.db, { categoryIds: [audio.id] });
    await addProduct(h.db, { categoryIds: [audio.id], is_active: false }); // not counted
    await addProduct(h.db, { categoryIds: [dept.id] });

    const top = await h.api('GET', `/categories/${dept.slug}`);
    assert.equal(top.status, 200);
    assert.deepEqual(top.body, {
      id: dept.id,
      name: 'Tree Electronics',
      slug: 'tree-electronics',
      parent_id: null,
      sort_order: 0,
      product_count: 4,
      breadcrumbs: [],
      children: [
        { id: phones.id, name: 'Tree Phones', slug: 'tree-phones', sort_order: 1, product_count: 0 },
        { id: audio.id, name: 'Tree Audio', slug: 'tree-audio', sort_order: 2, product_count: 3 },
      ],
    });

    const leaf = await h.api('GET', `/categories/${headphones.id}`);
    assert.equal(leaf.body.product_count, 2);
    assert.deepEqual(leaf.body.breadcrumbs, [
      { id: dept.id, name: 'Tree Electronics', slug: 'tree-electronics' },
      { id: audio.id, name: 'Tree Audio', slug: 'tree-audio' },
    ]);
    assert.deepEqual(leaf.body.children, []);
    assert.equal((await h.api('GET', '/categories/TREE-AUDIO')).body.id, audio.id, 'slugs match in any case');
  });

  it('answers 404 for an unknown slug or id', async () => {
    for (const ref of ['no-such-category', randomUUID()]) {
      const res = await h.api('GET', `/categories/${ref}`);
      assert.equal(res.status, 404);
      assert.deepEqual(res.body, { detail: 'category not found' });
    }
  });
});

describe('category admin routes', () => {
  it('answer 401 without a token and 403 for a user', async () => {
    const c = await addCategory(h.db, 'Guarded');
    const calls: [string, string, unknown][] = [
      ['POST', '/categories', { name: 'X' }],
      ['PATCH', `/categories/${c.id}`, { name: 'X' }],
      ['DELETE', `/categories/${c.id}`, undefined],
    ];
    for (const [method, path, body] of calls) {
      assert.equal((await h.api(method, path, body)).status, 401, `${method} ${path}`);
      assert.equal((await h.api(method, path, body, as.user)).status, 403, `${method} ${path}`);
      assert.equal((await h.api(method, path, body, as.service)).status, 401, `${method} ${path} with a service token`);
    }
    assert.equal((await h.api('GET', `/categories/${c.id}`)).body.name, 'Guarded', 'unchanged');
  });
});

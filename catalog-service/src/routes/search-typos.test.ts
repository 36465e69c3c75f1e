// Typo tolerance, other spellings, words typed apart or together, synonyms and what a search that
// finds nothing shows, through the HTTP API, on products whose words no other test uses.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addProduct, as, daysAgo, type Harness, startCatalog } from '../test-support.js';

let h: Harness;
const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((p) => p.id);
const search = (q: string) => h.api('GET', `/products?q=${encodeURIComponent(q)}`);

before(async () => {
  h = await startCatalog('catalog_search_typos');
});

after(async () => {
  await h.close();
});

describe('GET /products?q=: words corrected against the catalog’s own words', () => {
  const p: Record<string, { id: string }> = {};

  before(async () => {
    // The one with the word spelt otherwise is the newest: only the count of typos puts it second.
    p.woodpecker = await addProduct(h.db, { name: 'Woodpecker Feeder', created_at: daysAgo(5) });
    p.woodpicker = await addProduct(h.db, { name: 'Woodpicker Feeder', created_at: daysAgo(1) });
    p.harmonica = await addProduct(h.db, { name: 'Quokka Harmonica', description: 'Ten holes, in C.' });
    p.creme = await addProduct(h.db, { name: 'Crème Brûlée Torch', tags: ['kitchen-torch'] });
    p.capacitor = await addProduct(h.db, { name: 'Flux Capacitor Kit' });
    p.pinecone = await addProduct(h.db, { name: 'Pinecone Wreath' });
  });

  it('forgives one typo in a word of 5 to 8 letters, and says what it understood', async () => {
    const res = await search('harmonika');
    assert.equal(res.status, 200);
    assert.deepEqual(ids(res), [p.harmonica!.id]);
    assert.equal(res.body.corrected_query, 'harmonica');
    // a transposition is one typo
    assert.deepEqual(ids(await search('qoukka')), [p.harmonica!.id]);
  });

  it('forgives no typo under 5 letters, and none past the budget', async () => {
    assert.deepEqual(ids(await search('flax')), []);
    // 7 letters, two typos: one too many
    assert.deepEqual(ids(await search('hrmonca')), []);
  });

  it('ranks fewer typos above more, whatever is newer', async () => {
    // "woodpeckr": one typo from woodpecker, two from woodpicker
    const res = await search('woodpeckr');
    assert.deepEqual(ids(res), [p.woodpecker!.id, p.woodpicker!.id]);
    assert.equal(res.body.corrected_query, 'woodpecker');
  });

  it('does not correct a word the catalog holds, and says nothing then', async () => {
    const res = await search('woodpicker');
    assert.deepEqual(ids(res), [p.woodpicker!.id]);
    assert.equal(res.body.corrected_query, undefined);
  });

  it('matches accents either way, and hyphenated words typed together', async () => {
    assert.deepEqual(ids(await search('creme brulee')), [p.creme!.id]);
    assert.deepEqual(ids(await search('crème')), [p.creme!.id]);
    assert.deepEqual(ids(await search('kitchentorch')), [p.creme!.id]);
  });

  it('joins words typed apart and cuts a word typed together', async () => {
    const apart = await search('capa citor');
    assert.deepEqual(ids(apart), [p.capacitor!.id]);
    assert.equal(apart.body.corrected_query, 'capacitor');
    assert.deepEqual(ids(await search('fluxcapacitor')), [p.capacitor!.id]);
    // only into two words the catalog holds: "pine" is not one of them
    assert.deepEqual(ids(await search('pinewreath')), []);
  });

  it('corrects the last word as the start of a word', async () => {
    assert.deepEqual(ids(await search('quokka harmoni')), [p.harmonica!.id]);
    assert.deepEqual(ids(await search('quokka harmini')), [p.harmonica!.id]);
  });

  it('drops the words that find nothing, then the last words, when all of them together find nothing, and says which stayed', async () => {
    const res = await search('woodpecker zzyzx');
    assert.deepEqual(ids(res), [p.woodpecker!.id]);
    assert.equal(res.body.relaxed_query, 'woodpecker');
    // a word that finds nothing goes first, corrections stay
    const typo = await search('quokka zzyzx harmonika');
    assert.deepEqual(ids(typo), [p.harmonica!.id]);
    assert.equal(typo.body.relaxed_query, 'quokka harmonica');
    // words that each find something but not together: the last ones go
    const apart = await search('woodpecker harmonica');
    assert.deepEqual(ids(apart), [p.woodpecker!.id]);
    assert.equal(apart.body.relaxed_query, 'woodpecker');
    assert.equal((await search('woodpecker feeder')).body.relaxed_query, undefined);
  });

  it('learns the words of a product renamed', async () => {
    await h.db.updateTable('products').set({ name: 'Obsidian Gramophone' }).where('id', '=', p.pinecone!.id).execute();
    assert.deepEqual(ids(await search('gramofone')), [p.pinecone!.id]);
  });

  it('shows popular products instead of nothing, saying so only when nothing was found', async () => {
    const none = await search('zzyzx qqwv');
    assert.equal(none.status, 200);
    assert.deepEqual(none.body.items, []);
    assert.equal(none.body.total, 0);
    assert.ok(none.body.popular.length > 0 && none.body.popular.length <= 8, JSON.stringify(none.body.popular));
    assert.ok(none.body.popular.every((x: { is_active: boolean; stock: number }) => x.is_active && x.stock > 0));
    assert.equal((await search('harmonica')).body.popular, undefined);
    assert.equal((await h.api('GET', '/products')).body.popular, undefined);
  });
});

describe('/admin/search/synonyms', () => {
  let sofa: { id: string };

  before(async () => {
    sofa = await addProduct(h.db, { name: 'Velour Chesterfield Sofa' });
  });

  it('adds a synonym that the search follows, lists and removes it', async () => {
    assert.deepEqual(ids(await search('settee')), []);
    const added = await h.api('POST', '/admin/search/synonyms', { term: ' Settee ', synonym: 'sofa' }, as.admin);
    assert.equal(added.status, 201);
    assert.equal(added.body.term, 'settee');
    assert.equal(added.body.synonym, 'sofa');
    assert.deepEqual(ids(await search('settee')), [sofa.id]);
    // a term of several words, typed with a hyphen or a space
    await h.api('POST', '/admin/search/synonyms', { term: 'love-seat', synonym: 'chesterfield' }, as.admin);
    assert.deepEqual(ids(await search('love seat')), [sofa.id]);

    const list = await h.api('GET', '/admin/search/synonyms', undefined, as.admin);
    assert.deepEqual(
      list.body.items.map((s: { term: string; synonym: string }) => [s.term, s.synonym]),
      [
        ['love seat', 'chesterfield'],
        ['settee', 'sofa'],
      ],
    );
    assert.equal((await h.api('DELETE', `/admin/search/synonyms/${added.body.id}`, undefined, as.admin)).status, 204);
    assert.deepEqual(ids(await search('settee')), []);
    assert.equal((await h.api('DELETE', `/admin/search/synonyms/${added.body.id}`, undefined, as.admin)).status, 404);
  });

  it('refuses a duplicate, bad words and anyone but an admin', async () => {
    await h.api('POST', '/admin/search/synonyms', { term: 'divan', synonym: 'sofa' }, as.admin);
    const again = await h.api('POST', '/admin/search/synonyms', { term: 'DIVAN', synonym: 'sofa' }, as.admin);
    assert.equal(again.status, 409);
    assert.ok(again.body.detail);
    for (const body of [
      {},
      { term: 'a', synonym: 'a' },
      { term: 'x;drop', synonym: 'sofa' },
      { term: 'one two three four', synonym: 'x' },
    ]) {
      const res = await h.api('POST', '/admin/search/synonyms', body, as.admin);
      assert.equal(res.status, 422, JSON.stringify(body));
      assert.ok(res.body.detail);
    }
    assert.equal((await h.api('DELETE', '/admin/search/synonyms/not-a-uuid', undefined, as.admin)).status, 422);
    assert.equal((await h.api('GET', '/admin/search/synonyms', undefined, as.user)).status, 403);
    assert.equal((await h.api('POST', '/admin/search/synonyms', { term: 'x', synonym: 'y' }, as.user)).status, 403);
    assert.equal((await h.api('GET', '/admin/search/synonyms')).status, 401);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { flattenTree, subtreeIds, subtreeTotals, trailTo } from './category-tree.js';

const list = [
  { id: 'b', parent_id: null, name: 'Books' },
  { id: 'e', parent_id: null, name: 'Electronics' },
  { id: 'a', parent_id: 'e', name: 'Audio' },
  { id: 'h', parent_id: 'a', name: 'Headphones' },
  { id: 'c', parent_id: 'e', name: 'Computers' },
  { id: 'f', parent_id: 'b', name: 'Fiction' },
];

describe('category tree', () => {
  it('flattens in tree order with depths, siblings kept in the given order', () => {
    assert.deepEqual(
      flattenTree(list).map((c) => `${c.depth}:${c.id}`),
      ['0:b', '1:f', '0:e', '1:a', '2:h', '1:c'],
    );
  });

  it('survives a cycle and an unknown parent', () => {
    const odd = [
      { id: 'x', parent_id: 'y' },
      { id: 'y', parent_id: 'x' },
      { id: 'z', parent_id: 'gone' },
    ];
    assert.deepEqual(
      flattenTree(odd).map((c) => c.id),
      ['z'],
    );
    assert.deepEqual(
      trailTo(odd, 'x').map((c) => c.id),
      ['y', 'x'],
    );
    assert.equal(subtreeTotals(odd, new Map([['x', 2]])).get('y'), 2);
  });

  it('adds children’s counts into their ancestors', () => {
    const totals = subtreeTotals(
      list,
      new Map([
        ['h', 3],
        ['a', 1],
        ['c', 2],
        ['f', 5],
      ]),
    );
    assert.equal(totals.get('e'), 6);
    assert.equal(totals.get('a'), 4);
    assert.equal(totals.get('h'), 3);
    assert.equal(totals.get('b'), 5);
  });

  it('finds a subtree and the trail from the top', () => {
    assert.deepEqual([...subtreeIds(list, 'e')].sort(), ['a', 'c', 'e', 'h']);
    assert.deepEqual(
      trailTo(list, 'h').map((c) => c.name),
      ['Electronics', 'Audio', 'Headphones'],
    );
    assert.deepEqual(trailTo(list, 'nope'), []);
  });
});

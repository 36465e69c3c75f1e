import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isUuid } from '@dm/common/ids';
import { firstFreeSlug, MAX_SLUG_BASE, slugify } from './slug.js';

describe('slugify', () => {
  it('lower-cases and joins words with single hyphens', () => {
    assert.equal(slugify('Aurora Wireless Over-Ear Headphones'), 'aurora-wireless-over-ear-headphones');
    assert.equal(slugify('  Mug -- Set   of 4!! '), 'mug-set-of-4');
  });

  it('folds accents to ASCII and spells out "&"', () => {
    assert.equal(slugify('Café Crème Brûlée'), 'cafe-creme-brulee');
    assert.equal(slugify('Home & Kitchen'), 'home-and-kitchen');
  });

  it('drops apostrophes and characters it cannot spell, and never returns an empty slug', () => {
    assert.equal(slugify('日本語'), 'product');
    assert.equal(slugify('!!!'), 'product');
    assert.equal(slugify("The Clockmaker's Silence"), 'the-clockmakers-silence');
  });

  it('stays within the length limit without a trailing hyphen', () => {
    const slug = slugify(`${'a'.repeat(MAX_SLUG_BASE - 1)} bcd`);
    assert.ok(slug.length <= MAX_SLUG_BASE, slug);
    assert.ok(!slug.endsWith('-'), slug);
  });

  it('never yields something a product URL would read as an id', () => {
    const uuidName = '3F2504E0-4F89-11D3-9A0C-0305E82C3301';
    assert.ok(isUuid(uuidName.toLowerCase()));
    const slug = slugify(uuidName);
    assert.ok(!isUuid(slug), slug);
    assert.equal(slug, `p-${uuidName.toLowerCase()}`);
  });
});

describe('firstFreeSlug', () => {
  it('keeps the base when it is free', () => {
    assert.equal(firstFreeSlug('mug', []), 'mug');
    assert.equal(firstFreeSlug('mug', ['mug-2']), 'mug');
  });

  it('counts up from -2 to the first free number', () => {
    assert.equal(firstFreeSlug('mug', ['mug']), 'mug-2');
    assert.equal(firstFreeSlug('mug', ['mug', 'mug-2', 'mug-3', 'mug-5']), 'mug-4');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fold, prefixTypoDistance, typoBudget, typoDistance } from './typos.js';

describe('typo rules', () => {
  it('allows no typo under 5 letters, one from 5 to 8, two from 9', () => {
    assert.deepEqual(['lamp', 'kettle', 'keyboard', 'headphone', 'smartphones'].map(typoBudget), [0, 1, 1, 2, 2]);
    assert.equal(typoBudget('crème'), 1, 'letters, not bytes');
  });

  it('counts an insertion, a deletion, a substitution and a transposition as one typo each', () => {
    assert.equal(typoDistance('kettle', 'kettle'), 0);
    assert.equal(typoDistance('ketle', 'kettle'), 1);
    assert.equal(typoDistance('kettlle', 'kettle'), 1);
    assert.equal(typoDistance('kettke', 'kettle'), 1);
    assert.equal(typoDistance('candel', 'candle'), 1);
    assert.equal(typoDistance('smartfone', 'smartphone'), 2);
    assert.equal(typoDistance('hrmonca', 'harmonica'), 2);
  });

  it('stops counting past the most it is asked about', () => {
    assert.equal(typoDistance('abcdefgh', 'zyxwvuts', 1), 2);
    assert.equal(typoDistance('kettle', 'kettle', 0), 0);
  });

  it('measures the last word against the start of a word', () => {
    assert.equal(prefixTypoDistance('headph', 'headphones'), 0);
    assert.equal(prefixTypoDistance('hedpho', 'headphones'), 1);
    assert.equal(prefixTypoDistance('haedph', 'headphones'), 1);
    assert.equal(prefixTypoDistance('headfo', 'headphones', 1), 2);
  });

  it('folds as the lexicon does: lower case, no accents, no hyphens', () => {
    assert.equal(fold('Crème-Brûlée'), 'cremebrulee');
    assert.equal(fold('T-Shirt'), 'tshirt');
    assert.equal(fold('Straße'), 'strasse');
    assert.equal(fold('Ørsted'), 'orsted');
  });
});

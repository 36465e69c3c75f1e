import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canBeFuzzy, searchTerms } from './search.js';

describe('searchTerms', () => {
  it('makes every word a prefix, lower-cased, and keeps the text as typed for the trigram match', () => {
    const t = searchTerms('  Wireless  HEADPH ');
    assert.equal(t.words, 'wireless:* & headph:*');
    assert.equal(t.single, false);
    assert.equal(t.text, 'Wireless  HEADPH');
    assert.equal(searchTerms('headph', { weights: 'A' }).words, 'headph:*A');
    assert.equal(searchTerms('headph').single, true);
  });

  it('passes only letters, digits and decimals to to_tsquery, whatever is typed', () => {
    assert.equal(searchTerms(`a&b|!c:*(d) <-> 'e' "f" \\g`).words, 'a:* & b:* & c:* & d:* & e:* & f:* & g:*');
    assert.equal(searchTerms('Horizon 6.1-inch').words, 'horizon:* & 6.1:* & inch:*');
    assert.equal(searchTerms('Café crème').words, 'café:* & crème:*');
    assert.equal(searchTerms('%_%').words, null);
    assert.equal(searchTerms('one two three four five six seven eight nine ten').words?.split(' & ').length, 8);
  });

  it('escapes %, _ and \\ in the SKU pattern, and leaves text under three characters to the full text', () => {
    assert.equal(searchTerms('50%_off\\').skuPattern, '%50\\%\\_off\\\\%');
    assert.equal(searchTerms('ab').skuPattern, null);
    assert.equal(searchTerms('ELEC-AUD').skuPattern, '%ELEC-AUD%');
  });

  it('allows the typo match from three letters or digits', () => {
    assert.equal(canBeFuzzy(searchTerms('ab')), false);
    assert.equal(canBeFuzzy(searchTerms('a-b')), false);
    assert.equal(canBeFuzzy(searchTerms('a-b-c')), true);
    assert.equal(canBeFuzzy(searchTerms('hedphones')), true);
  });
});

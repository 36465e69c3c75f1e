import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { etagMatches } from './images.js';

describe('etagMatches', () => {
  const etag = '"abc123"';

  it('matches the tag, its weak form, a list holding it, and *', () => {
    assert.equal(etagMatches('"abc123"', etag), true);
    assert.equal(etagMatches('W/"abc123"', etag), true);
    assert.equal(etagMatches('"x", "abc123" ,"y"', etag), true);
    assert.equal(etagMatches('*', etag), true);
  });

  it('does not match another tag, a bare value or no header', () => {
    assert.equal(etagMatches('"abc1234"', etag), false);
    assert.equal(etagMatches('abc123', etag), false);
    assert.equal(etagMatches(undefined, etag), false);
    assert.equal(etagMatches('', etag), false);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatMoney, MoneyInput, parseMoney } from './money.js';

describe('money', () => {
  it('reads decimal text into whole cents', () => {
    assert.equal(parseMoney('19.99'), 1999);
    assert.equal(parseMoney('19.9'), 1990);
    assert.equal(parseMoney('0.10'), 10);
    assert.equal(parseMoney(' 7 '), 700);
    assert.equal(parseMoney('9999999999.99'), 999_999_999_999);
  });

  it('refuses what is not a two-place, non-negative amount', () => {
    for (const bad of ['', '1.999', '-1', '1e3', 'abc', '1,50', '.5', '12345678901']) assert.equal(parseMoney(bad), null, bad);
  });

  it('writes cents as a two-place string', () => {
    assert.equal(formatMoney(1999), '19.99');
    assert.equal(formatMoney(5), '0.05');
    assert.equal(formatMoney(0), '0.00');
    assert.equal(formatMoney(-250), '-2.50');
    assert.throws(() => formatMoney(1.5));
  });

  it('takes JSON numbers through their decimal text, never float arithmetic', () => {
    assert.equal(MoneyInput.parse(19.99), 1999);
    assert.equal(MoneyInput.parse(1999.5), 199_950);
    assert.equal(MoneyInput.safeParse(1e21).success, false);
    assert.equal(MoneyInput.safeParse(0.105).success, false);
  });
});

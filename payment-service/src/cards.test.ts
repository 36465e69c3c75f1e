import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type CardCheck, cardBrand, checkCard, DECLINED, decide, expiryYear, INSUFFICIENT_FUNDS, luhnValid } from './cards.js';

// 15 November 2026, in the middle of the day (UTC).
const TODAY = new Date(Date.UTC(2026, 10, 15, 12));
const good = { number: '4242 4242 4242 4242', exp_month: 12, exp_year: 2030, cvc: '123' };

function fieldsOf(check: CardCheck): string[] {
  assert.equal(check.ok, false, 'the card was refused');
  return check.ok ? [] : check.errors.map((e) => e.field);
}

describe('luhnValid', () => {
  it('accepts the test cards and well-known valid numbers', () => {
    for (const n of ['4242424242424242', '4000000000000002', '4000000000009995', '5555555555554444', '378282246310005', '79927398713']) {
      assert.equal(luhnValid(n), true, n);
    }
  });

  it('refuses a number with one digit changed or two digits swapped, and non-digits', () => {
    for (const n of ['4242424242424241', '4242424242424224', '79927398710', '4242x24242424242', '']) {
      assert.equal(luhnValid(n), false, n);
    }
  });
});

describe('cardBrand', () => {
  it('tells visa, mastercard (51-55 and 2221-2720), amex (34, 37) and anything else', () => {
    const cases: [string, string][] = [
      ['4242424242424242', 'visa'],
      ['5105105105105100', 'mastercard'],
      ['5555555555554444', 'mastercard'],
      ['2221000000000009', 'mastercard'],
      ['2720990000000000', 'mastercard'],
      ['2220990000000000', 'card'],
      ['2721000000000000', 'card'],
      ['5610591081018250', 'card'],
      ['5005105105105100', 'card'],
      ['340000000000009', 'amex'],
      ['378282246310005', 'amex'],
      ['350000000000000', 'card'],
      ['6011111111111117', 'card'],
    ];
    for (const [number, brand] of cases) assert.equal(cardBrand(number), brand, number);
  });
});

describe('checkCard', () => {
  it('accepts a good card, keeping only digits, and says its brand and last four', () => {
    const check = checkCard({ ...good, number: '4242-4242 4242-4242' }, TODAY);
    assert.deepEqual(check, {
      ok: true,
      card: { number: '4242424242424242', expMonth: 12, expYear: 2030, brand: 'visa', last4: '4242' },
    });
  });

  it('refuses a number that fails the Luhn check, is too short or too long, or holds letters', () => {
    for (const number of ['4242 4242 4242 4241', '42424242424', '4'.repeat(20), '4242 4242 4242 424a', '', 4242424242424242]) {
      assert.deepEqual(fieldsOf(checkCard({ ...good, number }, TODAY)), ['card.number'], String(number));
    }
    // 12 and 19 digits are both card numbers when the check digit is right.
    assert.equal(checkCard({ ...good, number: '424242424242' }, TODAY).ok, true);
    assert.equal(checkCard({ ...good, number: '4000000000000000006' }, TODAY).ok, true);
    assert.deepEqual(fieldsOf(checkCard({ ...good, number: '424242424243' }, TODAY)), ['card.number']);
  });

  it('refuses a past month of this year and accepts this month, the card being good through its last day', () => {
    assert.deepEqual(fieldsOf(checkCard({ ...good, exp_month: 10, exp_year: 2026 }, TODAY)), ['card.exp_month']);
    assert.equal(checkCard({ ...good, exp_month: 11, exp_year: 2026 }, TODAY).ok, true);
    const lastMoment = new Date(Date.UTC(2026, 10, 30, 23, 59, 59));
    assert.equal(checkCard({ ...good, exp_month: 11, exp_year: 2026 }, lastMoment).ok, true);
    const nextMonth = new Date(Date.UTC(2026, 11, 1));
    assert.deepEqual(fieldsOf(checkCard({ ...good, exp_month: 11, exp_year: 2026 }, nextMonth)), ['card.exp_month']);
  });

  it('refuses a past year, whatever the month', () => {
    assert.deepEqual(fieldsOf(checkCard({ ...good, exp_month: 12, exp_year: 2025 }, TODAY)), ['card.exp_year']);
    assert.deepEqual(fieldsOf(checkCard({ ...good, exp_month: 12, exp_year: 25 }, TODAY)), ['card.exp_year']);
  });

  it('reads a two-digit year as 20xx and takes months and years as numbers or text', () => {
    assert.equal(expiryYear(30), 2030);
    assert.equal(expiryYear('30'), 2030);
    assert.equal(expiryYear('2030'), 2030);
    assert.equal(expiryYear(2030), 2030);
    assert.equal(expiryYear('203'), null);
    assert.equal(expiryYear(203), null);
    assert.equal(expiryYear(20300), null);
    const check = checkCard({ ...good, exp_month: '07', exp_year: '28' }, TODAY);
    assert.ok(check.ok);
    assert.equal(check.card.expMonth, 7);
    assert.equal(check.card.expYear, 2028);
  });

  it('refuses a month outside 1-12, a malformed or far-future year, and a cvc that is not 3-4 digits', () => {
    for (const exp_month of [0, 13, 1.5, '1a', null, undefined]) {
      assert.deepEqual(fieldsOf(checkCard({ ...good, exp_month }, TODAY)), ['card.exp_month'], String(exp_month));
    }
    for (const exp_year of ['2O30', 2100, '', null]) {
      assert.deepEqual(fieldsOf(checkCard({ ...good, exp_year }, TODAY)), ['card.exp_year'], String(exp_year));
    }
    for (const cvc of ['12', '12345', '12a', 123, undefined]) {
      assert.deepEqual(fieldsOf(checkCard({ ...good, cvc }, TODAY)), ['card.cvc'], String(cvc));
    }
    assert.equal(checkCard({ ...good, cvc: '1234' }, TODAY).ok, true);
  });

  it('names every bad field at once, and a missing card as "card"', () => {
    assert.deepEqual(fieldsOf(checkCard({}, TODAY)), ['card.number', 'card.exp_month', 'card.exp_year', 'card.cvc']);
    for (const card of [undefined, null, 'x', [good]]) assert.deepEqual(fieldsOf(checkCard(card, TODAY)), ['card']);
  });

  it('never repeats the card number in an error message', () => {
    const check = checkCard({ ...good, number: '4242 4242 4242 4241', cvc: '9' }, TODAY);
    assert.equal(check.ok, false);
    assert.ok(!JSON.stringify(check).includes('424242'));
  });
});

describe('decide', () => {
  const never = () => {
    throw new Error('the random source must not be asked');
  };

  it('declines 4000 0000 0000 0002 as declined and 4000 0000 0000 9995 for insufficient funds', () => {
    assert.deepEqual(decide({ number: '4000000000000002' }, 0, never), { approved: false, reason: DECLINED });
    assert.deepEqual(decide({ number: '4000000000009995' }, 0, never), { approved: false, reason: INSUFFICIENT_FUNDS });
    assert.equal(DECLINED, 'Your card was declined.');
    assert.equal(INSUFFICIENT_FUNDS, 'Insufficient funds.');
  });

  it('approves any other valid card when there is no failure rate', () => {
    assert.deepEqual(decide({ number: '4242424242424242' }, 0, never), { approved: true });
    assert.deepEqual(decide({ number: '5555555555554444' }, 0, never), { approved: true });
  });

  it('declines the drawn fraction of good cards: a draw below the rate declines, one at or above it does not', () => {
    const card = { number: '4242424242424242' };
    assert.deepEqual(
      decide(card, 0.25, () => 0.1),
      { approved: false, reason: DECLINED },
    );
    assert.deepEqual(
      decide(card, 0.25, () => 0.25),
      { approved: true },
    );
    assert.deepEqual(
      decide(card, 0.25, () => 0.9),
      { approved: true },
    );
    assert.deepEqual(
      decide(card, 1, () => 0.999999),
      { approved: false, reason: DECLINED },
    );
    // Over a fixed sequence of draws, the share declined is the rate.
    const draws = Array.from({ length: 100 }, (_, i) => i / 100);
    const declined = draws.filter((d) => !decide(card, 0.3, () => d).approved).length;
    assert.equal(declined, 30);
  });

  it('keeps the scripted declines whatever the random source says', () => {
    assert.deepEqual(
      decide({ number: '4000000000009995' }, 1, () => 0),
      { approved: false, reason: INSUFFICIENT_FUNDS },
    );
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkoutField } from './checkout-form.js';
import { exact, fieldErrors, formMessages, list, text } from './forms.js';

describe('form layer', () => {
  it('reads text trimmed, passwords exactly, and checkboxes as a list', () => {
    assert.equal(text('  mug '), 'mug');
    assert.equal(text(['a', 'b']), '');
    assert.equal(exact(' secret '), ' secret ');
    assert.deepEqual(list('one'), ['one']);
    assert.deepEqual(list(['one', 'two']), ['one', 'two']);
    assert.deepEqual(list(undefined), []);
  });

  it('keeps the first message of each form field', () => {
    const errors = [
      { field: 'category_ids.0', message: 'not a category' },
      { field: 'category_ids.1', message: 'also not one' },
      { field: 'name', message: 'is required' },
    ];
    assert.deepEqual(fieldErrors(errors), { category_ids: 'not a category', name: 'is required' });
  });

  it('names the checkout form’s fields for the services’ paths', () => {
    const errors = [
      { field: 'shipping_address.city', message: 'is required' },
      { field: 'card.number', message: 'is not a card number' },
      { field: 'card.exp_month', message: 'must be 1-12' },
    ];
    assert.deepEqual(fieldErrors(errors, checkoutField), {
      city: 'is required',
      card_number: 'is not a card number',
      exp_month: 'must be 1-12',
    });
  });

  it('shows a refusal beside its fields, or above the form when it names none', () => {
    const base = { ok: false as const, status: 409, detail: 'slug is taken', problems: [] };
    assert.deepEqual(formMessages({ ...base, errors: { slug: 'is taken' } }), { errors: { slug: 'is taken' } });
    assert.deepEqual(formMessages({ ...base, errors: {} }), { errors: {}, error: 'slug is taken' });
  });
});

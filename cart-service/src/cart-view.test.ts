import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type CatalogProduct, cartView, emptyCart, UNAVAILABLE_NAME, type ViewLine } from './cart-view.js';

let n = 0;
function product(fields: Partial<CatalogProduct> = {}): CatalogProduct {
  n++;
  return {
    id: `p${n}`,
    sku: `SKU-${n}`,
    slug: `product-${n}`,
    name: `Product ${n}`,
    price: '1.00',
    stock: 10,
    is_active: true,
    image_url: null,
    vendor: null,
    unavailable_reason: null,
    ...fields,
  };
}
const byId = (...products: CatalogProduct[]) => new Map(products.map((p) => [p.id, p]));
const line = (p: { id: string }, quantity: number, unit_price_snapshot: string | null = null): ViewLine => ({
  product_id: p.id,
  quantity,
  unit_price_snapshot,
});

describe('cartView', () => {
  it('answers an empty cart for no lines', () => {
    assert.deepEqual(cartView([], new Map()), { items: [], total_items: 0, subtotal: '0.00' });
    assert.deepEqual(emptyCart(), { items: [], total_items: 0, subtotal: '0.00' });
  });

  it('shows every field of a line, priced with the current product', () => {
    const p = product({ name: 'Desk Lamp', slug: 'desk-lamp', price: '19.99', stock: 7, image_url: '/images/lamp.png' });
    assert.deepEqual(cartView([line(p, 2, '19.99')], byId(p)), {
      items: [
        {
          product_id: p.id,
          sku: p.sku,
          name: 'Desk Lamp',
          slug: 'desk-lamp',
          image_url: '/images/lamp.png',
          price: '19.99',
          quantity: 2,
          item_total: '39.98',
          stock: 7,
          available: true,
          price_changed: false,
          previous_price: null,
          vendor_id: null,
          vendor_name: null,
          unavailable_reason: null,
        },
      ],
      total_items: 2,
      subtotal: '39.98',
    });
  });

  it('adds money exactly, in cents, where floats would drift', () => {
    const dime = product({ price: '0.10' });
    const fifth = product({ price: '0.20' });
    const cart = cartView([line(dime, 3), line(fifth, 1)], byId(dime, fifth));
    assert.equal(cart.items[0]!.item_total, '0.30'); // 3 * 0.1 is 0.30000000000000004 in floats
    assert.equal(cart.subtotal, '0.50');
    assert.equal(cart.total_items, 4);
  });

  it('stays exact over many lines and large amounts', () => {
    const products = Array.from({ length: 50 }, (_, i) => product({ price: `0.${String(i + 1).padStart(2, '0')}` }));
    const lines = products.map((p) => line(p, 3));
    // 3 × (0.01 + 0.02 + … + 0.50) = 3 × 12.75
    assert.equal(cartView(lines, byId(...products)).subtotal, '38.25');

    const dear = product({ price: '99999999.99', stock: 1000 });
    const cheap = product({ price: '0.01' });
    const cart = cartView([line(dear, 99), line(cheap, 1)], byId(dear, cheap));
    assert.equal(cart.items[0]!.item_total, '9899999999.01');
    assert.equal(cart.subtotal, '9899999999.02');
  });

  it('keeps the lines in the order given', () => {
    const [a, b, c] = [product(), product(), product()];
    const cart = cartView([line(c!, 1), line(a!, 1), line(b!, 1)], byId(a!, b!, c!));
    assert.deepEqual(
      cart.items.map((i) => i.product_id),
      [c!.id, a!.id, b!.id],
    );
  });

  it('flags a price that changed since the snapshot and shows the old one', () => {
    const up = product({ price: '24.50' });
    const same = product({ price: '5.00' });
    const cart = cartView([line(up, 2, '19.99'), line(same, 1, '5')], byId(up, same));
    assert.equal(cart.items[0]!.price, '24.50');
    assert.equal(cart.items[0]!.item_total, '49.00');
    assert.equal(cart.items[0]!.price_changed, true);
    assert.equal(cart.items[0]!.previous_price, '19.99');
    // "5" and "5.00" are the same amount
    assert.equal(cart.items[1]!.price_changed, false);
    assert.equal(cart.items[1]!.previous_price, null);
    assert.equal(cart.subtotal, '54.00');
  });

  it('never flags a price change for lines without a snapshot (a quote)', () => {
    const p = product({ price: '3.00' });
    const [item] = cartView([line(p, 1, null)], byId(p)).items;
    assert.equal(item!.price_changed, false);
    assert.equal(item!.previous_price, null);
  });

  it('shows an inactive product as unavailable, by name, outside the totals', () => {
    const gone = product({ name: 'Old Radio', price: '12.00', stock: 4, is_active: false, image_url: '/images/radio.png' });
    const kept = product({ price: '2.50' });
    const cart = cartView([line(gone, 2, '10.00'), line(kept, 1, '2.50')], byId(gone, kept));
    assert.deepEqual(cart.items[0], {
      product_id: gone.id,
      sku: gone.sku,
      name: 'Old Radio',
      slug: null,
      image_url: '/images/radio.png',
      price: '12.00',
      quantity: 2,
      item_total: '0.00',
      stock: 0,
      available: false,
      price_changed: false,
      previous_price: null,
      vendor_id: null,
      vendor_name: null,
      unavailable_reason: null,
    });
    assert.equal(cart.total_items, 1);
    assert.equal(cart.subtotal, '2.50');
  });

  it('carries the shop of each line, and why an unavailable line cannot be bought', () => {
    const vendor = { id: '0b9d3c51-6d0e-4c4f-9a55-1d2b3c4d5e6f', slug: 'fern-loom', name: 'Fern & Loom' };
    const napkins = product({ vendor, is_active: false, unavailable_reason: 'its seller, Fern & Loom, is not selling at the moment' });
    const towel = product({ vendor });
    const house = product();
    const cart = cartView([line(napkins, 1, '1.00'), line(towel, 1, '1.00'), line(house, 1, '1.00')], byId(napkins, towel, house));
    assert.deepEqual(
      cart.items.map((i) => [i.vendor_id, i.vendor_name, i.available, i.unavailable_reason]),
      [
        [vendor.id, 'Fern & Loom', false, 'its seller, Fern & Loom, is not selling at the moment'],
        [vendor.id, 'Fern & Loom', true, null],
        [null, null, true, null],
      ],
    );
  });

  it('shows a product the catalog no longer knows with the snapshot and no name of its own', () => {
    const missing = { id: 'p-missing' };
    const stored = cartView([line(missing, 3, '7.25')], new Map([[missing.id, null]]));
    assert.deepEqual(stored, {
      items: [
        {
          product_id: 'p-missing',
          sku: null,
          name: UNAVAILABLE_NAME,
          slug: null,
          image_url: null,
          price: '7.25',
          quantity: 3,
          item_total: '0.00',
          stock: 0,
          available: false,
          price_changed: false,
          previous_price: null,
          vendor_id: null,
          vendor_name: null,
          unavailable_reason: null,
        },
      ],
      total_items: 0,
      subtotal: '0.00',
    });
    // Not asked about at all is the same as unknown; a quote has no snapshot to show.
    assert.equal(cartView([line(missing, 1)], new Map()).items[0]!.price, '0.00');
  });

  it('shows the current stock, even below the quantity, for the page to warn', () => {
    const scarce = product({ price: '4.00', stock: 1 });
    const [item] = cartView([line(scarce, 3, '4.00')], byId(scarce)).items;
    assert.equal(item!.stock, 1);
    assert.equal(item!.available, true);
    assert.equal(item!.item_total, '12.00');
  });
});

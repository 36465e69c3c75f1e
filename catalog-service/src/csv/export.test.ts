import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProductRow } from '../db.js';
import { csvHeader, productsToCsv } from './export.js';
import { readCsv } from './read.js';

describe('productsToCsv', () => {
  it('quotes commas, quotes and newlines, and reads back to the same cells', () => {
    const product = {
      sku: 'Q-1',
      name: 'Mug, "large"',
      description: 'line one\nline two, with comma',
      price: '19.99',
      stock: 3,
      is_active: true,
      is_featured: false,
      tags: ['a', 'b'],
      image_url: null,
    } as unknown as ProductRow;
    const text = csvHeader() + productsToCsv([{ product, categorySlugs: ['kitchen', 'mugs'] }]);
    assert.equal(
      text,
      'sku,name,description,price,stock,is_active,is_featured,tags,categories,image_url\n' +
        'Q-1,"Mug, ""large""","line one\nline two, with comma",19.99,3,true,false,a|b,kitchen|mugs,\n',
    );
    const { rows } = readCsv(text);
    assert.deepEqual(rows[0]!.cells, {
      sku: 'Q-1',
      name: 'Mug, "large"',
      description: 'line one\nline two, with comma',
      price: '19.99',
      stock: '3',
      is_active: 'true',
      is_featured: 'false',
      tags: 'a|b',
      categories: 'kitchen|mugs',
      image_url: '',
    });
  });
});

describe('V3 CSV injection: cells a spreadsheet would run as a formula', () => {
  const named = (name: string, tags: string[] = []) =>
    ({
      sku: 'F-1',
      name,
      description: '',
      price: '1.00',
      stock: 1,
      is_active: true,
      is_featured: false,
      tags,
      image_url: null,
    }) as unknown as ProductRow;

  it('exports =1+1 neutralised with a leading quote, and the import reads it back as it was', () => {
    const text = csvHeader() + productsToCsv([{ product: named('=1+1'), categorySlugs: [] }]);
    assert.equal(text.split('\n')[1], "F-1,'=1+1,,1.00,1,true,false,,,");
    assert.equal(readCsv(text).rows[0]!.cells.name, '=1+1');
  });

  it('neutralises every start OWASP names (=, +, -, @, tab, CR) in any column, and round-trips each', () => {
    for (const name of ['=HYPERLINK("http://x.example","click")', '+1', '-2+3', '@SUM(A1)', '\tx', '\rx', "'=already quoted"]) {
      const text = csvHeader() + productsToCsv([{ product: named(name, [name]), categorySlugs: [] }]);
      const { rows } = readCsv(text);
      assert.equal(rows[0]!.cells.name, name);
      assert.equal(rows[0]!.cells.tags, name);
      const raw = text.split('\n').slice(1).join('\n');
      assert.doesNotMatch(raw, /(^|,)"?[=+\-@\t\r]/, `a cell of ${JSON.stringify(raw)} starts a formula`);
    }
  });

  it('leaves ordinary cells alone', () => {
    const text = csvHeader() + productsToCsv([{ product: named("Tom's mug"), categorySlugs: [] }]);
    assert.equal(text.split('\n')[1], "F-1,Tom's mug,,1.00,1,true,false,,,");
  });
});

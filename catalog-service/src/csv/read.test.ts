import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readCsv } from './read.js';

const refusedBy = (text: string) => {
  try {
    readCsv(text);
  } catch (err) {
    return (err as { errors: unknown }).errors;
  }
  assert.fail('readCsv accepted the file');
};

describe('readCsv', () => {
  it('numbers each row by the line it starts on, past quoted newlines and blank lines', () => {
    const text =
      'sku,name,price,stock,description\r\nA-1,One,1.00,1,"two\nlines"\n\nB-2,Two,2.00,2,\rC-3,Three,3.00,3,"say ""hi"", then\r\ngo"\n';
    const { columns, rows } = readCsv(text);
    assert.deepEqual(columns, ['sku', 'name', 'price', 'stock', 'description']);
    assert.deepEqual(
      rows.map((r) => [r.line, r.cells.sku, r.cells.description]),
      [
        [2, 'A-1', 'two\nlines'],
        [5, 'B-2', ''],
        [6, 'C-3', 'say "hi", then\r\ngo'],
      ],
    );
  });

  it('skips a byte-order mark and reads header names in any case and spacing', () => {
    const { columns, rows } = readCsv('\uFEFF SKU ,Name,PRICE,stock\nX,Y,1,0');
    assert.deepEqual(columns, ['sku', 'name', 'price', 'stock']);
    assert.equal(rows[0]!.cells.sku, 'X');
  });

  it('refuses a header without a required column, with an unknown or a repeated one', () => {
    assert.deepEqual(refusedBy('sku,name,colour,price,price\n'), [
      {
        line: 1,
        field: 'colour',
        message:
          'unknown column; the columns are sku, name, description, price, stock, is_active, is_featured, tags, categories, image_url',
      },
      { line: 1, field: 'price', message: 'this column appears twice' },
      { line: 1, field: 'stock', message: 'the header must name this column' },
    ]);
  });

  it('refuses an empty file, a row of the wrong width and an unclosed quote, naming the line', () => {
    assert.equal((refusedBy('') as { message: string }[])[0]!.message, 'the file is empty: it needs a header row naming the columns');
    assert.deepEqual(refusedBy('sku,name,price,stock\nA,B,1,2\nC,D,1\n'), [
      { line: 3, field: '', message: 'has 3 fields; the header has 4' },
    ]);
    const [unclosed] = refusedBy('sku,name,price,stock\nA,"B,1,2\n') as { line: number; message: string }[];
    assert.equal(unclosed!.line, 2);
    assert.match(unclosed!.message, /^not valid CSV: /);
  });
});

// The catalog's CSV format: the columns a file may have and what a row reads into. The same
// columns are written by the export and read by the import, so a file exported can be edited and
// imported back.

export const CSV_COLUMNS = [
  'sku',
  'name',
  'description',
  'price',
  'stock',
  'is_active',
  'is_featured',
  'tags',
  'categories',
  'image_url',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

export const REQUIRED_COLUMNS: readonly CsvColumn[] = ['sku', 'name', 'price', 'stock'];
/** Tags and category slugs share a cell, joined by this. */
export const LIST_SEPARATOR = '|';
export { MAX_CSV_BYTES } from '@dm/contracts/catalog-admin';
/** A file with thousands of bad rows names the first ones; the count in the message is still the whole. */
export const MAX_REPORTED_ERRORS = 200;

/** A problem in the file: `line` is its line number, the header being line 1. */
export type { CsvError } from '@dm/contracts/catalog-admin';

/** A row as the import understands it; `undefined` means the file says nothing about that field. */
export interface CsvProduct {
  sku: string;
  name: string;
  /** cents */
  price: number;
  stock: number;
  description?: string;
  is_active?: boolean;
  is_featured?: boolean;
  tags?: string[];
  /** category slugs */
  categories?: string[];
  image_url?: string | null;
}

export interface CsvRow {
  line: number;
  cells: Partial<Record<CsvColumn, string>>;
}

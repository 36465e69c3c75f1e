// The rules for a row and a file, as pure functions: the same rules as the API's product form, so
// a file cannot hold what a form could not.

import { HttpError } from '@dm/common/errors';
import { createProductInput } from '../products/product-input.js';
import { type CsvColumn, type CsvError, type CsvProduct, type CsvRow, LIST_SEPARATOR, MAX_REPORTED_ERRORS } from './columns.js';

const BOOLEANS: Record<string, boolean> = { true: true, false: false, yes: true, no: false, '1': true, '0': false };

const splitList = (cell: string) =>
  cell
    .split(LIST_SEPARATOR)
    .map((s) => s.trim())
    .filter((s) => s !== '');

const rowSchema = createProductInput.omit({ category_ids: true });

/**
 * Checks one row by the same rules as the API's product form, and reads it into a CsvProduct. A
 * column the file lacks stays undefined (kept on update, the default on create), and so does an
 * empty is_active or is_featured cell.
 */
export function validateCsvRow(cells: Partial<Record<CsvColumn, string>>): { product: CsvProduct } | { errors: Omit<CsvError, 'line'>[] } {
  const errors: Omit<CsvError, 'line'>[] = [];

  const stockText = (cells.stock ?? '').trim();
  let stock: unknown = stockText;
  if (/^-?\d+$/.test(stockText)) stock = Number(stockText);
  else errors.push({ field: 'stock', message: stockText === '' ? 'is required' : 'must be a whole number' });

  const flag = (field: 'is_active' | 'is_featured'): boolean | undefined => {
    const text = (cells[field] ?? '').trim().toLowerCase();
    if (text === '') return undefined;
    const value = BOOLEANS[text];
    if (value === undefined) errors.push({ field, message: 'must be true or false' });
    return value;
  };
  const isActive = flag('is_active');
  const isFeatured = flag('is_featured');

  let categorySlugs: string[] | undefined;
  if (cells.categories !== undefined) {
    categorySlugs = [...new Set(splitList(cells.categories).map((s) => s.toLowerCase()))];
    if (categorySlugs.length > 20) errors.push({ field: 'categories', message: 'at most 20 categories' });
  }

  const imageUrl = cells.image_url?.trim();
  const parsed = rowSchema.safeParse({
    sku: cells.sku ?? '',
    name: cells.name ?? '',
    description: cells.description ?? '',
    price: cells.price ?? '',
    stock: typeof stock === 'number' ? stock : 0,
    is_active: isActive ?? true,
    is_featured: isFeatured ?? false,
    tags: cells.tags === undefined ? [] : splitList(cells.tags),
    image_url: imageUrl ? imageUrl : null,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '');
      if (errors.some((e) => e.field === field)) continue; // one message a field is enough
      const message = field === 'price' && cells.price?.trim() === '' ? 'is required' : issue.message;
      errors.push({ field, message });
    }
  }
  if (errors.length > 0 || !parsed.success) return { errors };

  const value = parsed.data;
  return {
    product: {
      sku: value.sku,
      name: value.name,
      price: value.price,
      stock: value.stock,
      description: cells.description === undefined ? undefined : value.description,
      is_active: isActive,
      is_featured: isFeatured,
      tags: cells.tags === undefined ? undefined : value.tags,
      categories: categorySlugs,
      image_url: cells.image_url === undefined ? undefined : value.image_url,
    },
  };
}

/**
 * Every row of the file checked, plus the rules across rows (a SKU twice). Category slugs are
 * checked against the database later, by `importCatalogCsv`.
 */
export function validateCsv(rows: CsvRow[]): { products: { line: number; product: CsvProduct }[]; errors: CsvError[] } {
  const products: { line: number; product: CsvProduct }[] = [];
  const errors: CsvError[] = [];
  const firstLineOf = new Map<string, number>();
  for (const { line, cells } of rows) {
    const result = validateCsvRow(cells);
    if ('errors' in result) {
      errors.push(...result.errors.map((e) => ({ line, ...e })));
      continue;
    }
    const first = firstLineOf.get(result.product.sku);
    if (first !== undefined) {
      errors.push({ line, field: 'sku', message: `${result.product.sku} is already on line ${first}` });
      continue;
    }
    firstLineOf.set(result.product.sku, line);
    products.push({ line, product: result.product });
  }
  return { products, errors };
}

/** The 422 for a file with bad rows: nothing of it was imported. */
export function importRefusal(errors: CsvError[]): HttpError {
  const lines = new Set(errors.map((e) => e.line));
  const detail =
    lines.size === 1 && lines.has(1)
      ? 'the header row has errors; nothing was imported'
      : `${lines.size} ${lines.size === 1 ? 'row has' : 'rows have'} errors; nothing was imported`;
  return new HttpError(422, detail, errors.slice(0, MAX_REPORTED_ERRORS));
}

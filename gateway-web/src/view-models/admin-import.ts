// The admin's CSV import form, with what a refused file got wrong.
import type { CsvError } from '../catalog-types.js';

/** The columns a CSV file may have, for the import form's help. */
const CSV_COLUMNS = ['sku', 'name', 'description', 'price', 'stock', 'is_active', 'is_featured', 'tags', 'categories', 'image_url'];

export function importView(state: { error?: string; errors?: CsvError[]; fileName?: string } = {}) {
  return {
    title: 'Import products',
    columns: CSV_COLUMNS,
    error: state.error ?? null,
    errors: state.errors ?? [],
    fileName: state.fileName ?? null,
  };
}

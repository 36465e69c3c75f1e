// Reading a CSV file into rows: the text, the header and the line each row starts on. What a row
// must hold is checked by validate.ts.

import { restoreCell } from '@dm/common/csv-formula';
import { parse as parseCsv } from 'csv-parse/sync';
import { CSV_COLUMNS, type CsvColumn, type CsvError, type CsvRow, REQUIRED_COLUMNS } from './columns.js';

/** A file that cannot be read at all (not CSV, or a wrong header): nothing of it is imported. */
export class CsvFileError extends Error {
  constructor(readonly errors: CsvError[]) {
    super(errors[0]?.message ?? 'bad CSV file');
  }
}

function headerErrors(header: string[]): CsvError[] {
  const errors: CsvError[] = [];
  const seen = new Set<string>();
  header.forEach((name) => {
    if (!(CSV_COLUMNS as readonly string[]).includes(name)) {
      errors.push({ line: 1, field: name, message: `unknown column; the columns are ${CSV_COLUMNS.join(', ')}` });
    } else if (seen.has(name)) {
      errors.push({ line: 1, field: name, message: 'this column appears twice' });
    }
    seen.add(name);
  });
  for (const name of REQUIRED_COLUMNS) {
    if (!seen.has(name)) errors.push({ line: 1, field: name, message: 'the header must name this column' });
  }
  return errors;
}

/**
 * Splits the text into the header's columns and the rows, each with the line it starts on. Line
 * endings may be \n, \r\n or \r; a byte-order mark is skipped; blank lines are ignored. Throws a
 * CsvFileError for a file that is not CSV (an unclosed quote) or whose header is wrong.
 */
export function readCsv(text: string): { columns: CsvColumn[]; rows: CsvRow[] } {
  let records: { record: string[]; info: { lines: number; empty_lines: number } }[];
  try {
    records = parseCsv(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      record_delimiter: ['\r\n', '\n', '\r'],
    }) as unknown as typeof records; // with `info: true` each record comes with where it was read
  } catch (err) {
    const e = err as { lines?: unknown; message?: unknown };
    const line = typeof e.lines === 'number' ? e.lines : 1;
    const message = typeof e.message === 'string' ? e.message.replace(/ at line \d+.*$/s, '') : 'not a CSV file';
    throw new CsvFileError([{ line, field: '', message: `not valid CSV: ${message}` }]);
  }
  const [head, ...body] = records;
  if (!head) throw new CsvFileError([{ line: 1, field: '', message: 'the file is empty: it needs a header row naming the columns' }]);
  const header = head.record.map((name) => name.trim().toLowerCase());
  const errors = headerErrors(header);
  if (errors.length > 0) throw new CsvFileError(errors);

  const rows: CsvRow[] = [];
  let previous = head.info;
  const width = header.length;
  for (const { record, info } of body) {
    // info.lines is the line a record ends on; it starts after the previous one and any blank lines.
    const line = previous.lines + 1 + (info.empty_lines - previous.empty_lines);
    previous = info;
    if (record.length !== width) {
      errors.push({ line, field: '', message: `has ${record.length} fields; the header has ${width}` });
      continue;
    }
    const cells: Partial<Record<CsvColumn, string>> = {};
    header.forEach((name, i) => {
      cells[name as CsvColumn] = restoreCell(record[i]!);
    });
    rows.push({ line, cells });
  }
  if (errors.length > 0) throw new CsvFileError(errors);
  return { columns: header as CsvColumn[], rows };
}

// Every CSV file the shop writes (the catalog export, the dashboard's charts) goes through here.
// Spreadsheets run a cell that starts with =, +, -, @, a tab or a carriage return as a formula, so a
// product named `=HYPERLINK(...)` would be a live link in whoever opens the export (CSV injection).
// OWASP's rule: prefix such a cell with a single quote, which spreadsheets read as "this is text".
// https://owasp.org/www-community/attacks/CSV_Injection
//
// The catalog's import strips that quote back rather than refusing the cell: a file exported and edited must
// import back to the same products, and a stored `=…` is harmless text everywhere else (pages
// escape it, and every export neutralises it again). A cell that already starts with a quote before
// one of these characters gets a second one, so the round trip is exact.

const FORMULA_START = /^'*[=+\-@\t\r]/;

/** The cell as it must be written to a CSV file: never a formula. */
export const neutraliseCell = (cell: string): string => (FORMULA_START.test(cell) ? `'${cell}` : cell);

/** The cell as it was before `neutraliseCell`: the one quote the export added, removed. */
export const restoreCell = (cell: string): string => (cell.startsWith("'") && FORMULA_START.test(cell) ? cell.slice(1) : cell);

import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The admin `npm test` seeds (the demo defaults unless overridden). */
export const ADMIN = {
  email: process.env.ADMIN_EMAIL ?? 'admin@example.com',
  password: process.env.ADMIN_PASSWORD ?? 'admin123',
};

const here = path.dirname(fileURLToPath(import.meta.url));
/** Browser state of a signed-in admin, written by auth.setup. */
export const ADMIN_STATE = path.resolve(here, '..', '..', 'test-results', '.auth', 'admin.json');

/** An email no earlier run has used. */
export function uniqueEmail(label: string): string {
  return `${label}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
}

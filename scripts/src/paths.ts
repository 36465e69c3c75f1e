import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (scripts/dist/ is two levels down). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

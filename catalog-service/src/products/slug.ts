import { isUuid } from '@dm/common/ids';
import { MAX_SLUG_BASE } from '@dm/contracts/catalog';

export { MAX_SLUG_BASE };

/**
 * "Café Crème Mug, 350 ml" → "cafe-creme-mug-350-ml": lower-case ASCII letters and digits joined by
 * single hyphens. Never empty and never shaped like a UUID, because `/products/:idOrSlug` reads a
 * UUID as an id.
 */
export function slugify(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG_BASE)
    .replace(/-+$/, '');
  if (!base) return 'product';
  return isUuid(base) ? `p-${base}` : base;
}

/** The first of `base`, `base-2`, `base-3`, … that is not in `taken`. */
export function firstFreeSlug(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!used.has(candidate)) return candidate;
  }
}

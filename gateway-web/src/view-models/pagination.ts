import { z } from 'zod';

/** A page number from a page's query string: anything unusable reads as page 1, never an error page. */
export const pageParam = z.coerce.number().int().min(1).max(10_000).catch(1);

/**
 * The last page a list's pager offers: from its total, and at least one past the current page
 * while the service says there is more (a search's total may only be a lower bound).
 */
export function lastPage(result: { total: number; page: number; has_next: boolean }, pageSize: number): number {
  return Math.max(1, Math.ceil(result.total / pageSize), result.page + (result.has_next ? 1 : 0));
}

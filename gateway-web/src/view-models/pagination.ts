/**
 * The last page a list's pager offers: from its total, and at least one past the current page
 * while the service says there is more (a search's total may only be a lower bound).
 */
export function lastPage(result: { total: number; page: number; has_next: boolean }, pageSize: number): number {
  return Math.max(1, Math.ceil(result.total / pageSize), result.page + (result.has_next ? 1 : 0));
}

// The category tree as pages show it, from the flat list catalog-service answers (each category
// names its parent; siblings come in display order). Pure functions: no HTTP, no views.

export interface TreeCategory {
  id: string;
  parent_id: string | null;
}

/** Every category in tree order (each followed by its subcategories), with its depth (0: top level). */
export function flattenTree<T extends TreeCategory>(list: readonly T[]): (T & { depth: number })[] {
  const children = new Map<string | null, T[]>();
  const known = new Set(list.map((c) => c.id));
  for (const c of list) {
    // A parent missing from the list would hide its branch: show it at the top instead.
    const parent = c.parent_id !== null && known.has(c.parent_id) ? c.parent_id : null;
    const siblings = children.get(parent);
    if (siblings) siblings.push(c);
    else children.set(parent, [c]);
  }
  const out: (T & { depth: number })[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    for (const c of children.get(parent) ?? []) {
      if (seen.has(c.id)) continue; // a cycle in parent_id must not loop forever
      seen.add(c.id);
      out.push({ ...c, depth });
      walk(c.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** The category and every category below it. */
export function subtreeIds(list: readonly TreeCategory[], rootId: string): Set<string> {
  const ids = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const c of list) {
      if (c.parent_id !== null && ids.has(c.parent_id) && !ids.has(c.id)) {
        ids.add(c.id);
        grew = true;
      }
    }
  }
  return ids;
}

/**
 * Each category's count plus the counts of every category below it, from counts of products filed
 * directly in each. A product filed both in a category and in its child is counted twice: the
 * counts are a guide for narrowing down, and the listing itself counts each product once.
 */
export function subtreeTotals(list: readonly TreeCategory[], direct: ReadonlyMap<string, number>): Map<string, number> {
  const totals = new Map<string, number>();
  const byId = new Map(list.map((c) => [c.id, c]));
  for (const c of list) {
    const n = direct.get(c.id) ?? 0;
    if (n === 0) {
      if (!totals.has(c.id)) totals.set(c.id, 0);
      continue;
    }
    // Add the count to the category and to each of its ancestors.
    const visited = new Set<string>();
    for (let at: TreeCategory | undefined = c; at && !visited.has(at.id); at = at.parent_id ? byId.get(at.parent_id) : undefined) {
      visited.add(at.id);
      totals.set(at.id, (totals.get(at.id) ?? 0) + n);
    }
  }
  return totals;
}

/** The categories from the top level down to `id` itself; empty when it is unknown. */
export function trailTo<T extends TreeCategory>(list: readonly T[], id: string): T[] {
  const byId = new Map(list.map((c) => [c.id, c]));
  const trail: T[] = [];
  const visited = new Set<string>();
  for (let at = byId.get(id); at && !visited.has(at.id); at = at.parent_id ? byId.get(at.parent_id) : undefined) {
    visited.add(at.id);
    trail.unshift(at);
  }
  return trail;
}

// The admin's category tree with its add form, and one category's edit form.
import type { Category, CategoryDetail } from '../catalog-types.js';
import { flattenTree, subtreeIds, subtreeTotals } from '../category-tree.js';
import type { FormMessages } from '../forms.js';

/** The category form as typed. */
export interface CategoryForm {
  name: string;
  slug: string;
  parent_id: string;
  sort_order: string;
}

export function categoryListView(categories: Category[], state: Partial<FormMessages> & { form?: Partial<CategoryForm> } = {}) {
  return {
    title: 'Categories',
    tree: flattenTree(categories),
    // A department's own products are few: what a shopper finds on its page counts its subcategories too.
    totals: subtreeTotals(categories, new Map(categories.map((c) => [c.id, c.product_count]))),
    hasChildren: new Set(categories.map((c) => c.parent_id)),
    form: { name: '', parent_id: '', ...state.form },
    errors: state.errors ?? {},
    error: state.error ?? null,
  };
}

export function categoryEditView(
  category: CategoryDetail,
  categories: Category[],
  state: Partial<FormMessages> & { form?: CategoryForm } = {},
) {
  // A category cannot move under itself or anything below it.
  const below = subtreeIds(categories, category.id);
  return {
    title: `Edit ${category.name}`,
    category,
    parents: flattenTree(categories).filter((c) => !below.has(c.id)),
    form: state.form ?? {
      name: category.name,
      slug: category.slug,
      parent_id: category.parent_id ?? '',
      sort_order: String(category.sort_order),
    },
    errors: state.errors ?? {},
    error: state.error ?? null,
  };
}

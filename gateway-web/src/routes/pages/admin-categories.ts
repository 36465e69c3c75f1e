import { HttpError } from '@dm/common/errors';
import { type Request, type Response, Router } from 'express';
import type { Category, CategoryDetail } from '../../catalog-types.js';
import { flattenTree, subtreeIds, subtreeTotals } from '../../category-tree.js';
import { pageUser } from '../../page-guards.js';
import { errorsByField } from '../../product-form.js';
import { flash } from '../../session.js';
import type { AdminDeps } from './admin.js';

interface CategoryForm {
  name: string;
  slug: string;
  parent_id: string;
  sort_order: string;
}

const str = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

type Refusal = { detail?: string; errors?: { field: string; message: string }[] };

/**
 * Admin: the category tree. Create (name, parent), rename, move under another parent, reorder
 * among siblings, delete (refused by the catalog while the category holds products or
 * subcategories, and the admin is told why).
 */
export function adminCategoryPages({ clients: { catalog }, catalog: reader }: AdminDeps): Router {
  const router = Router();
  const token = (req: Request) => pageUser(req).token;

  async function all(): Promise<Category[]> {
    // Straight from the catalog: the shop's cached copy may lag a change just made.
    return catalog.call<Category[]>('GET', '/categories');
  }

  async function renderList(
    res: Response,
    status: number,
    view: { form?: Partial<CategoryForm>; errors?: Record<string, string>; error?: string } = {},
  ) {
    const categories = await all();
    const parents = new Set(categories.map((c) => c.parent_id));
    res.status(status).render('admin/categories', {
      title: 'Categories',
      tree: flattenTree(categories),
      // A department's own products are few: what a shopper finds on its page counts its subcategories too.
      totals: subtreeTotals(categories, new Map(categories.map((c) => [c.id, c.product_count]))),
      hasChildren: parents,
      form: { name: '', parent_id: '', ...view.form },
      errors: view.errors ?? {},
      error: view.error ?? null,
    });
  }

  async function renderEdit(
    _req: Request,
    res: Response,
    status: number,
    category: CategoryDetail,
    view: { form?: CategoryForm; errors?: Record<string, string>; error?: string } = {},
  ) {
    const categories = await all();
    // A category cannot move under itself or anything below it.
    const below = subtreeIds(categories, category.id);
    res.status(status).render('admin/category-form', {
      title: `Edit ${category.name}`,
      category,
      parents: flattenTree(categories).filter((c) => !below.has(c.id)),
      form: view.form ?? {
        name: category.name,
        slug: category.slug,
        parent_id: category.parent_id ?? '',
        sort_order: String(category.sort_order),
      },
      errors: view.errors ?? {},
      error: view.error ?? null,
    });
  }

  async function load(req: Request): Promise<CategoryDetail> {
    return catalog.call<CategoryDetail>('GET', `/categories/${encodeURIComponent(String(req.params.id))}`, { token: token(req) });
  }

  const messages = (data: Refusal) => {
    const errors = errorsByField(data.errors);
    return { errors, error: Object.keys(errors).length ? undefined : (data.detail ?? 'The category could not be saved.') };
  };

  router.get('/admin/categories', async (_req, res) => {
    await renderList(res, 200);
  });

  router.post('/admin/categories', async (req, res) => {
    const form = { name: str(req.body.name), parent_id: str(req.body.parent_id) };
    const result = await catalog.request<CategoryDetail & Refusal>('POST', '/categories', {
      token: token(req),
      body: { name: form.name, parent_id: form.parent_id || null },
    });
    if (result.status === 409 || result.status === 422) return renderList(res, result.status, { form, ...messages(result.data) });
    if (result.status >= 400) throw new HttpError(result.status, result.data.detail ?? 'The category could not be created.');
    reader.invalidate();
    flash(req, 'success', `Category “${result.data.name}” was created.`);
    res.redirect('/admin/categories');
  });

  router.get('/admin/categories/:id/edit', async (req, res) => {
    await renderEdit(req, res, 200, await load(req));
  });

  /** Rename, move (a new parent) and reorder (a sort order) in one form. */
  router.post('/admin/categories/:id', async (req, res) => {
    const category = await load(req);
    const form: CategoryForm = {
      name: str(req.body.name),
      slug: str(req.body.slug),
      parent_id: str(req.body.parent_id),
      sort_order: str(req.body.sort_order),
    };
    const patch: Record<string, unknown> = { name: form.name, parent_id: form.parent_id || null };
    if (form.slug !== category.slug) patch.slug = form.slug;
    if (form.sort_order !== String(category.sort_order))
      patch.sort_order = /^-?\d+$/.test(form.sort_order) ? Number(form.sort_order) : form.sort_order;
    const result = await catalog.request<CategoryDetail & Refusal>('PATCH', `/categories/${category.id}`, {
      token: token(req),
      body: patch,
    });
    if (result.status === 409 || result.status === 422)
      return renderEdit(req, res, result.status, category, { form, ...messages(result.data) });
    if (result.status >= 400) throw new HttpError(result.status, result.data.detail ?? 'The category could not be saved.');
    reader.invalidate();
    flash(req, 'success', `Category “${result.data.name}” was saved.`);
    res.redirect('/admin/categories');
  });

  /**
   * One place up or down among its siblings: the siblings are numbered again in their new order
   * (10, 20, 30, … so a sort order typed by hand still fits between), changing only those that move.
   */
  router.post('/admin/categories/:id/move', async (req, res) => {
    const categories = await all();
    const category = categories.find((c) => c.id === req.params.id);
    if (!category) throw new HttpError(404, 'That category no longer exists.');
    const siblings = categories.filter((c) => c.parent_id === category.parent_id);
    const at = siblings.indexOf(category);
    const to = req.body.direction === 'up' ? at - 1 : at + 1;
    if (to >= 0 && to < siblings.length) {
      [siblings[at], siblings[to]] = [siblings[to]!, siblings[at]!];
      for (const [i, sibling] of siblings.entries()) {
        const order = (i + 1) * 10;
        if (sibling.sort_order === order) continue;
        await catalog.call('PATCH', `/categories/${sibling.id}`, { token: token(req), body: { sort_order: order } });
      }
      reader.invalidate();
    }
    res.redirect(`/admin/categories#category-${category.id}`);
  });

  router.post('/admin/categories/:id/delete', async (req, res) => {
    const result = await catalog.request<Refusal>('DELETE', `/categories/${encodeURIComponent(String(req.params.id))}`, {
      token: token(req),
    });
    if (result.status === 409) {
      flash(req, 'danger', `Not deleted: ${result.data.detail}`);
    } else if (result.status === 404) {
      flash(req, 'warning', 'That category was already gone.');
    } else if (result.status >= 400) {
      throw new HttpError(result.status, result.data.detail ?? 'The category could not be deleted.');
    } else {
      reader.invalidate();
      const name = str(req.body.name);
      flash(req, 'success', name ? `Category “${name}” was deleted.` : 'The category was deleted.');
    }
    res.redirect('/admin/categories');
  });

  return router;
}

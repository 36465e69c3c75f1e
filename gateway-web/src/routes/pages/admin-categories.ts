import { HttpError } from '@dm/common/errors';
import { type Request, type Response, Router } from 'express';
import type { Category, CategoryDetail } from '../../catalog-types.js';
import { type FormMessages, formMessages, submit, text } from '../../forms.js';
import { userToken } from '../../page-guards.js';
import { flash } from '../../session.js';
import { type CategoryForm, categoryEditView, categoryListView } from '../../view-models/admin-categories.js';
import type { AdminDeps } from './admin.js';

/**
 * Admin: the category tree. Create (name, parent), rename, move under another parent, reorder
 * among siblings, delete (refused by the catalog while the category holds products or
 * subcategories, and the admin is told why).
 */
export function adminCategoryPages({ clients: { catalog }, catalog: reader }: AdminDeps): Router {
  const router = Router();

  async function all(): Promise<Category[]> {
    // Straight from the catalog: the shop's cached copy may lag a change just made.
    return catalog.call<Category[]>('GET', '/categories');
  }

  async function renderList(res: Response, status: number, state: FormMessages & { form: Partial<CategoryForm> }) {
    res.status(status).render('admin/categories', categoryListView(await all(), state));
  }

  async function renderEdit(res: Response, status: number, category: CategoryDetail, state?: FormMessages & { form: CategoryForm }) {
    res.status(status).render('admin/category-form', categoryEditView(category, await all(), state));
  }

  async function load(req: Request): Promise<CategoryDetail> {
    return catalog.call<CategoryDetail>('GET', `/categories/${encodeURIComponent(String(req.params.id))}`, { token: userToken(req) });
  }

  router.get('/admin/categories', async (_req, res) => {
    res.render('admin/categories', categoryListView(await all()));
  });

  router.post('/admin/categories', async (req, res) => {
    const form = { name: text(req.body.name), parent_id: text(req.body.parent_id) };
    const result = await submit<CategoryDetail>(catalog, 'POST', '/categories', {
      token: userToken(req),
      body: { name: form.name, parent_id: form.parent_id || null },
      failure: 'The category could not be created.',
    });
    if (!result.ok) return renderList(res, result.status, { form, ...formMessages(result) });
    await reader.invalidate();
    flash(req, 'success', `Category “${result.data.name}” was created.`);
    res.redirect('/admin/categories');
  });

  router.get('/admin/categories/:id/edit', async (req, res) => {
    await renderEdit(res, 200, await load(req));
  });

  /** Rename, move (a new parent) and reorder (a sort order) in one form. */
  router.post('/admin/categories/:id', async (req, res) => {
    const category = await load(req);
    const form: CategoryForm = {
      name: text(req.body.name),
      slug: text(req.body.slug),
      parent_id: text(req.body.parent_id),
      sort_order: text(req.body.sort_order),
    };
    const patch: Record<string, unknown> = { name: form.name, parent_id: form.parent_id || null };
    if (form.slug !== category.slug) patch.slug = form.slug;
    if (form.sort_order !== String(category.sort_order))
      patch.sort_order = /^-?\d+$/.test(form.sort_order) ? Number(form.sort_order) : form.sort_order;
    const result = await submit<CategoryDetail>(catalog, 'PATCH', `/categories/${category.id}`, {
      token: userToken(req),
      body: patch,
      failure: 'The category could not be saved.',
    });
    if (!result.ok) return renderEdit(res, result.status, category, { form, ...formMessages(result) });
    await reader.invalidate();
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
        await catalog.call('PATCH', `/categories/${sibling.id}`, { token: userToken(req), body: { sort_order: order } });
      }
      await reader.invalidate();
    }
    res.redirect(`/admin/categories#category-${category.id}`);
  });

  router.post('/admin/categories/:id/delete', async (req, res) => {
    const result = await submit(catalog, 'DELETE', `/categories/${encodeURIComponent(String(req.params.id))}`, {
      token: userToken(req),
      refusals: [404, 409],
      failure: 'The category could not be deleted.',
    });
    if (result.ok) {
      await reader.invalidate();
      const name = text(req.body.name);
      flash(req, 'success', name ? `Category “${name}” was deleted.` : 'The category was deleted.');
    } else if (result.status === 404) {
      flash(req, 'warning', 'That category was already gone.');
    } else {
      flash(req, 'danger', `Not deleted: ${result.detail}`);
    }
    res.redirect('/admin/categories');
  });

  return router;
}

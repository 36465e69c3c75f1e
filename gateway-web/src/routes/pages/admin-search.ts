import type { Synonym, SynonymList } from '@dm/contracts/catalog-admin';
import { type Response, Router } from 'express';
import { type FormMessages, formMessages, submit, text } from '../../forms.js';
import { requireAdminPage, userToken } from '../../page-guards.js';
import { flash } from '../../session.js';
import type { EditorDeps } from './product-editor.js';

interface SynonymForm {
  term: string;
  synonym: string;
}

/** /admin/search: the search's synonyms, added and removed with plain forms. */
export function adminSearchPages({ clients, catalog: reader }: EditorDeps): Router {
  const { catalog } = clients;
  const router = Router();
  router.use('/admin/search', requireAdminPage);

  async function render(res: Response, token: string | undefined, status = 200, state?: FormMessages & { form: SynonymForm }) {
    const { items } = await catalog.call<SynonymList>('GET', '/admin/search/synonyms', { token });
    res.status(status).render('admin/search', {
      title: 'Search',
      synonyms: items,
      form: state?.form ?? { term: '', synonym: '' },
      errors: state?.errors ?? {},
      error: state?.error,
    });
  }

  router.get('/admin/search', async (req, res) => {
    await render(res, userToken(req));
  });

  router.post('/admin/search/synonyms', async (req, res) => {
    const form = { term: text(req.body.term), synonym: text(req.body.synonym) };
    const token = userToken(req);
    const result = await submit<Synonym>(catalog, 'POST', '/admin/search/synonyms', {
      token,
      body: form,
      refusals: [409, 422],
      failure: 'The synonym could not be added.',
    });
    if (!result.ok) return render(res, token, result.status, { form, ...formMessages(result) });
    await reader.invalidate();
    flash(req, 'success', `A search for “${result.data.term}” now also finds “${result.data.synonym}”.`);
    res.redirect('/admin/search');
  });

  router.post('/admin/search/synonyms/:id/delete', async (req, res) => {
    const result = await submit<undefined>(catalog, 'DELETE', `/admin/search/synonyms/${encodeURIComponent(req.params.id)}`, {
      token: userToken(req),
      refusals: [404, 422],
      failure: 'The synonym could not be removed.',
    });
    if (result.ok) {
      await reader.invalidate();
      flash(req, 'success', 'The synonym was removed.');
    } else {
      flash(req, 'danger', result.detail);
    }
    res.redirect('/admin/search');
  });

  return router;
}

// The review forms of a product page: write one, edit or delete one's own, reply to one (the vendor
// who sells the product), and (admins) hide or show one again or remove a reply. Each goes through
// the form layer to review-service; a refused review or reply comes back on the product page with
// what was typed, anything else as a message above the reviews.
import { type Request, type Response, Router } from 'express';
import type { CatalogReader } from '../../catalog-reader.js';
import type { Clients } from '../../clients.js';
import { type FormMessages, formMessages, type Refusal, submit, text } from '../../forms.js';
import { requireAdminPage, requireUserPage, userToken } from '../../page-guards.js';
import { clearsReviews, type ReviewReader } from '../../review-reader.js';
import { flash } from '../../session.js';
import type { ReplyFormState, ReviewFormState } from '../../view-models/reviews.js';
import { renderProductPage } from './product-page.js';

type ShownForm = { reviewForm: ReviewFormState } | { replyForm: ReplyFormState };

const UNAVAILABLE = 'Reviews cannot be changed right now. Please try again in a moment.';

/** The form's fields as typed, and the body review-service takes: the stars as a number when they are one. */
function reviewFields(req: Request) {
  const values = { rating: text(req.body.rating), title: text(req.body.title), body: text(req.body.body) };
  const rating = /^[1-5]$/.test(values.rating) ? Number(values.rating) : values.rating || undefined;
  return { values, body: { rating, title: values.title, body: values.body } };
}

export function reviewPages(clients: Clients, reader: CatalogReader, reviews: ReviewReader): Router {
  const router = Router();
  router.use('/products/:slug/reviews', clearsReviews(reviews));
  const { review } = clients;
  const back = (req: Request) => `/products/${encodeURIComponent(String(req.params.slug))}#reviews`;
  const reviewPath = (req: Request) => `/reviews/${encodeURIComponent(String(req.params.id))}`;

  /**
   * A refusal: a 422 shows the page again with the form (made by `shown` from its messages) open;
   * anything else is said above the reviews.
   */
  async function refused(req: Request, res: Response, refusal: Refusal, shown: (messages: FormMessages) => ShownForm) {
    if (refusal.status === 422) {
      return renderProductPage({ clients, reader, reviews }, req, res, String(req.params.slug), {
        status: 422,
        ...shown(formMessages(refusal)),
      });
    }
    flash(req, 'danger', refusal.status === 503 ? UNAVAILABLE : sentence(refusal.detail));
    res.redirect(back(req));
  }

  router.post('/products/:slug/reviews', requireUserPage, async (req, res) => {
    const { values, body } = reviewFields(req);
    const productId = text(req.body.product_id);
    const result = await submit(review, 'POST', `/products/${encodeURIComponent(productId)}/reviews`, {
      token: userToken(req),
      body,
      refusals: [403, 404, 409, 422],
      failure: 'Your review could not be posted.',
      unavailable: UNAVAILABLE,
    });
    if (!result.ok) return refused(req, res, result, (messages) => ({ reviewForm: { values, ...messages } }));
    flash(req, 'success', 'Thank you: your review is posted.');
    res.redirect(back(req));
  });

  router.post('/products/:slug/reviews/:id/edit', requireUserPage, async (req, res) => {
    const { values, body } = reviewFields(req);
    const result = await submit(review, 'PATCH', reviewPath(req), {
      token: userToken(req),
      body,
      refusals: [403, 404, 422],
      failure: 'Your review could not be changed.',
      unavailable: UNAVAILABLE,
    });
    if (!result.ok)
      return refused(req, res, result, (messages) => ({ reviewForm: { values, reviewId: String(req.params.id), ...messages } }));
    flash(req, 'success', 'Your review is updated.');
    res.redirect(back(req));
  });

  router.post('/products/:slug/reviews/:id/delete', requireUserPage, async (req, res) => {
    const result = await submit(review, 'DELETE', reviewPath(req), {
      token: userToken(req),
      refusals: [403, 404],
      failure: 'Your review could not be deleted.',
      unavailable: UNAVAILABLE,
    });
    flash(req, result.ok ? 'success' : 'danger', result.ok ? 'Your review is deleted.' : sentence(result.detail));
    res.redirect(back(req));
  });

  router.post('/products/:slug/reviews/:id/reply', requireUserPage, async (req, res) => {
    const body = text(req.body.body);
    const result = await submit(review, 'POST', `${reviewPath(req)}/reply`, {
      token: userToken(req),
      body: { body },
      refusals: [403, 404, 409, 422],
      failure: 'Your reply could not be posted.',
      unavailable: UNAVAILABLE,
    });
    if (!result.ok) return refused(req, res, result, (messages) => ({ replyForm: { reviewId: String(req.params.id), body, ...messages } }));
    flash(req, 'success', 'Your reply is posted under the review.');
    res.redirect(back(req));
  });

  router.post('/products/:slug/reviews/:id/remove-reply', requireAdminPage, async (req, res) => {
    const result = await submit(review, 'DELETE', `/admin${reviewPath(req)}/reply`, {
      token: userToken(req),
      refusals: [404],
      failure: 'The reply could not be removed.',
      unavailable: UNAVAILABLE,
    });
    flash(req, result.ok ? 'success' : 'danger', result.ok ? 'The reply is removed.' : sentence(result.detail));
    res.redirect(back(req));
  });

  for (const [action, done] of [
    ['hide', 'The review is hidden: shoppers no longer see it, and it no longer counts in the rating.'],
    ['unhide', 'The review is shown again.'],
  ] as const) {
    router.post(`/products/:slug/reviews/:id/${action}`, requireAdminPage, async (req, res) => {
      const result = await submit(review, 'POST', `/admin${reviewPath(req)}/${action}`, {
        token: userToken(req),
        refusals: [404],
        failure: 'The review could not be changed.',
        unavailable: UNAVAILABLE,
      });
      flash(req, result.ok ? 'success' : 'danger', result.ok ? done : sentence(result.detail));
      res.redirect(back(req));
    });
  }

  return router;
}

/** A service's lower-case detail as a sentence on the page. */
function sentence(detail: string): string {
  const s = detail.charAt(0).toUpperCase() + detail.slice(1);
  return /[.!?]$/.test(s) ? s : `${s}.`;
}

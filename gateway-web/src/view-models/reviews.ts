// The reviews section of a product page: the summary (average, count, a bar per number of stars),
// a page of reviews, and what the visitor may do: write one, edit or delete theirs, or hide one.
import { RATINGS, REVIEW_BODY_MAX, REVIEW_TITLE_MAX, type Review } from '@dm/contracts/reviews';
import type { ProductReviews } from '../product-reviews.js';
import { REVIEWS_PER_PAGE } from '../product-reviews.js';
import { lastPage } from './pagination.js';

/** A review form as typed, and what the service said about it. */
export interface ReviewFormState {
  /** the review being edited; absent for a new one */
  reviewId?: string;
  values: { rating: string; title: string; body: string };
  errors: Record<string, string>;
  error?: string;
}

const BLOCKED: Record<string, string> = {
  not_delivered: 'Only shoppers whose order of this product has been delivered can review it.',
};

export function reviewsView(
  read: ProductReviews,
  product: { id: string; slug: string },
  viewer: { role: string } | null,
  page: number,
  form?: ReviewFormState,
) {
  const base = `/products/${encodeURIComponent(product.slug)}`;
  const list = read.list;
  const summary = list?.summary ?? null;
  const bars = summary
    ? [...RATINGS].reverse().map((stars) => {
        const n = summary.distribution[stars];
        return { stars, count: n, percent: summary.count ? Math.round((n * 100) / summary.count) : 0 };
      })
    : [];
  const last = list ? lastPage(list, REVIEWS_PER_PAGE) : 1;
  const pageHref = (n: number) => `${base}${n > 1 ? `?reviews_page=${n}` : ''}#reviews`;
  const mine = read.mine?.review ?? null;
  const editing = form?.reviewId !== undefined;
  return {
    unavailable: list === null,
    summary,
    bars,
    items: (list?.items ?? []).map((r: Review) => ({ ...r, edited: r.updated_at !== r.created_at, isMine: mine?.id === r.id })),
    pager: {
      page,
      last,
      newer: page > 1 ? pageHref(page - 1) : null,
      older: list?.has_next ? pageHref(page + 1) : null,
    },
    action: `${base}/reviews`,
    back: `${base}#reviews`,
    signInHref: `/login?next=${encodeURIComponent(`${base}#reviews`)}`,
    signedIn: viewer !== null,
    isAdmin: viewer?.role === 'admin',
    mine,
    canReview: read.mine?.can_review ?? false,
    blocked: read.mine?.reason ? (BLOCKED[read.mine.reason] ?? null) : null,
    mineUnavailable: read.mineUnavailable,
    // The new review's form, or the edit of the own one, with what was typed after a refusal.
    form: {
      values:
        form?.values ?? (mine ? { rating: String(mine.rating), title: mine.title, body: mine.body } : { rating: '', title: '', body: '' }),
      errors: form?.errors ?? {},
      error: form?.error,
      open: editing,
    },
    ratings: [...RATINGS].reverse(),
    limits: { title: REVIEW_TITLE_MAX, body: REVIEW_BODY_MAX },
  };
}

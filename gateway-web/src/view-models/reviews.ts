// The reviews section of a product page: the summary (average, count, a bar per number of stars),
// a page of reviews with the shop's replies, and what the visitor may do: write one, edit or delete
// theirs, reply to one (the vendor who sells the product), or hide one and remove a reply (admins).
import { RATINGS, REVIEW_BODY_MAX, REVIEW_REPLY_MAX, REVIEW_TITLE_MAX, type Review } from '@dm/contracts/reviews';
import type { VendorRef } from '@dm/contracts/vendors';
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

/** A reply as typed, and what the service said about it. */
export interface ReplyFormState {
  reviewId: string;
  body: string;
  errors: Record<string, string>;
  error?: string;
}

const BLOCKED: Record<string, string> = {
  not_delivered: 'Only shoppers whose order of this product has been delivered can review it.',
};

export function reviewsView(
  read: ProductReviews,
  product: { id: string; slug: string; vendor: VendorRef | null },
  viewer: { id: string; role: string } | null,
  page: number,
  forms: { review?: ReviewFormState; reply?: ReplyFormState } = {},
) {
  const form = forms.review;
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
  // The shop answers its own product's reviews, once each; the service checks this again.
  const seller = viewer?.role === 'vendor' && product.vendor?.id === viewer.id;
  const replyForm = (r: Review) =>
    seller && !r.vendor_reply && !r.is_hidden
      ? forms.reply?.reviewId === r.id
        ? { ...forms.reply, open: true }
        : { reviewId: r.id, body: '', errors: {}, open: false }
      : null;
  return {
    unavailable: list === null,
    summary,
    bars,
    items: (list?.items ?? []).map((r: Review) => ({
      ...r,
      edited: r.updated_at !== r.created_at,
      isMine: mine?.id === r.id,
      replyForm: replyForm(r),
    })),
    /** who a reply is from: the shop that sells the product */
    replier: product.vendor?.name ?? 'the seller',
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
    limits: { title: REVIEW_TITLE_MAX, body: REVIEW_BODY_MAX, reply: REVIEW_REPLY_MAX },
  };
}

// The one place a review changes: written, edited, deleted, hidden or shown again, answered by its
// seller or the answer removed. Each change of a rating, its
// product's figures and the message that tells the catalog go in one transaction; the message is
// sent once it is committed (and again by the outbox's loop until the catalog has it).
import type { Principal } from '@dm/common/auth';
import { HttpError } from '@dm/common/errors';
import type { ServiceClient } from '@dm/common/http-client';
import { isUuid } from '@dm/common/ids';
import type { Logger } from '@dm/common/logger';
import { enqueue, type Outbox, type OutboxMessage } from '@dm/common/outbox';
import { isUniqueViolation } from '@dm/common/pg-errors';
import { parse } from '@dm/common/validation';
import type { ProductRatingMessage } from '@dm/contracts/messages';
import { type Review, ReviewInput, ReviewReplyInput, ReviewUpdate } from '@dm/contracts/reviews';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database, ReviewRow } from './db.js';
import { TOPICS } from './messages.js';
import { assertProductExists, hasDeliveredPurchase, sellerOf } from './neighbours.js';
import { ratings, starsOf } from './ratings.js';
import { authorName, type Counted, changesNothing, countAndSum, starsDelta } from './review-rules.js';
import { reviewRowToReview, reviews } from './reviews.js';

export interface ReviewDeps {
  db: Kysely<Database>;
  outbox: Outbox;
  catalog: ServiceClient;
  orders: ServiceClient;
  serviceToken: () => string;
  logger: Logger;
}

export const NOT_A_BUYER = 'only a buyer whose order of this product was delivered may review it';
export const ALREADY_REVIEWED = 'you have reviewed this product already: edit your review instead';
export const NOT_THE_SELLER = 'only the shop that sells this product may reply to its reviews';
export const ALREADY_REPLIED = 'this review has a reply already';
const reviewNotFound = () => new HttpError(404, 'review not found');
const productNotFound = () => new HttpError(404, 'product not found');

const counted = (row: ReviewRow): Counted => ({ rating: row.rating, visible: row.hidden_at === null });

/** Runs `work` in a transaction; the messages it enqueues are sent after the commit. */
async function inTransaction<T>(deps: ReviewDeps, work: (trx: Transaction<Database>, messages: OutboxMessage[]) => Promise<T>): Promise<T> {
  const messages: OutboxMessage[] = [];
  const result = await deps.db.transaction().execute((trx) => work(trx, messages));
  for (const message of messages) await deps.outbox.send(message);
  return result;
}

/** Moves the product's figures by what the change did, and enqueues the catalog's copy of them. */
async function recount(
  trx: Transaction<Database>,
  productId: string,
  before: Counted | null,
  after: Counted | null,
  messages: OutboxMessage[],
) {
  const delta = starsDelta(before, after);
  if (changesNothing(delta)) return;
  const row = await ratings.add(trx, productId, delta);
  const message: ProductRatingMessage = { product_id: productId, ...countAndSum(starsOf(row)), version: row.version };
  messages.push(await enqueue(trx, TOPICS.productRating, message));
}

/** The review, locked, if `user` may change it: someone else's visible review is a 403, a hidden one not found. */
async function lockOwn(trx: Transaction<Database>, user: Principal, id: string): Promise<ReviewRow> {
  const row = await reviews.lockById(trx, id);
  if (!row || (row.user_id !== user.id && row.hidden_at !== null)) throw reviewNotFound();
  if (row.user_id !== user.id) throw new HttpError(403, 'only its author may change a review');
  return row;
}

/**
 * A buyer's review: the product must exist, the buyer must not have reviewed it yet (409) and an
 * order of it must have been delivered to them (403).
 */
export async function createReview(deps: ReviewDeps, user: Principal, productId: string, body: unknown): Promise<Review> {
  if (!isUuid(productId)) throw productNotFound();
  const input = parse(ReviewInput, body);
  await assertProductExists(deps, productId);
  if (await reviews.findMine(deps.db, productId, user.id)) throw new HttpError(409, ALREADY_REVIEWED);
  if (!(await hasDeliveredPurchase(deps, user.id, productId))) throw new HttpError(403, NOT_A_BUYER);
  try {
    const row = await inTransaction(deps, async (trx, messages) => {
      const created = await reviews.insert(trx, {
        product_id: productId,
        user_id: user.id,
        author_name: authorName(user.name),
        rating: input.rating,
        title: input.title,
        body: input.body,
      });
      await recount(trx, productId, null, counted(created), messages);
      return created;
    });
    return reviewRowToReview(row);
  } catch (err) {
    // The same buyer twice at once: the unique index lets one through.
    if (isUniqueViolation(err)) throw new HttpError(409, ALREADY_REVIEWED);
    throw err;
  }
}

/** The author's edit; a hidden review stays hidden. */
export async function updateReview(deps: ReviewDeps, user: Principal, id: string, body: unknown): Promise<Review> {
  if (!isUuid(id)) throw reviewNotFound();
  const patch = parse(ReviewUpdate, body);
  const row = await inTransaction(deps, async (trx, messages) => {
    const before = await lockOwn(trx, user, id);
    const after = await reviews.update(trx, id, { ...patch, updated_at: sql`now()` });
    await recount(trx, after.product_id, counted(before), counted(after), messages);
    return after;
  });
  return reviewRowToReview(row);
}

export async function deleteReview(deps: ReviewDeps, user: Principal, id: string): Promise<void> {
  if (!isUuid(id)) throw reviewNotFound();
  await inTransaction(deps, async (trx, messages) => {
    const before = await lockOwn(trx, user, id);
    await reviews.remove(trx, id);
    await recount(trx, before.product_id, counted(before), null, messages);
  });
}

/** An admin hides a review (or shows it again); asking for what is already so changes nothing. */
export async function setHidden(deps: ReviewDeps, admin: Principal, id: string, hidden: boolean): Promise<Review> {
  if (!isUuid(id)) throw reviewNotFound();
  const row = await inTransaction(deps, async (trx, messages) => {
    const before = await reviews.lockById(trx, id);
    if (!before) throw reviewNotFound();
    if ((before.hidden_at !== null) === hidden) return before;
    const after = await reviews.update(
      trx,
      id,
      hidden ? { hidden_at: sql`now()`, hidden_by: admin.id } : { hidden_at: null, hidden_by: null },
    );
    await recount(trx, after.product_id, counted(before), counted(after), messages);
    return after;
  });
  return reviewRowToReview(row);
}

/**
 * The seller's one answer to a review of their product. A reply is final: there is no edit (an
 * admin may remove an abusive one, and then the seller may answer again). A hidden review is not
 * found by the seller; the check and the write are one conditional UPDATE, so two replies at once
 * make one and a 409.
 */
export async function replyToReview(deps: ReviewDeps, user: Principal, id: string, body: unknown): Promise<Review> {
  if (!isUuid(id)) throw reviewNotFound();
  const input = parse(ReviewReplyInput, body);
  const review = await reviews.findById(deps.db, id);
  if (!review || review.hidden_at !== null) throw reviewNotFound();
  // An admin is not a shop: only the vendor whose product it is answers (and the house's own
  // products have no vendor, so nobody answers their reviews).
  if (user.role !== 'vendor' || (await sellerOf(deps, review.product_id)) !== user.id) throw new HttpError(403, NOT_THE_SELLER);
  const replied = await reviews.replyOnce(deps.db, id, input.body);
  if (replied) return reviewRowToReview(replied);
  const now = await reviews.findById(deps.db, id);
  if (!now || now.hidden_at !== null) throw reviewNotFound();
  throw new HttpError(409, ALREADY_REPLIED);
}

/** An admin removes a seller's reply (an abusive one); removing none changes nothing. */
export async function removeReply(deps: ReviewDeps, id: string): Promise<Review> {
  if (!isUuid(id)) throw reviewNotFound();
  const row = await reviews.clearReply(deps.db, id);
  if (!row) throw reviewNotFound();
  return reviewRowToReview(row);
}

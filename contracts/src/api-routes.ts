import { z } from 'zod';
import {
  AdminUserQuery,
  AdminUserUpdate,
  ChangePasswordInput,
  DeviceSessionList,
  ForgotPasswordInput,
  LoginInput,
  RefreshInput,
  Registered,
  RegisterInput,
  ResetPasswordInput,
  ResetRequested,
  SessionIdParams,
  SignedIn,
  TokenPair,
  UpdateMeInput,
  User,
  UserIdParams,
  UserPage,
} from './auth.js';
import { AddCartItemInput, Cart, CartProductParams, SetCartQuantityInput } from './cart.js';
import {
  Category,
  CreateProductInput,
  ProductDetail,
  ProductIdOrSlugParams,
  ProductIdParams,
  ProductListParams,
  ProductPage,
  SuggestionList,
  SuggestQuery,
  UpdateProductInput,
} from './catalog.js';
import { ErrorBody, IdempotencyHeaders } from './common.js';
import { Order, OrderIdParams, OrderListQuery, OrderPage, OrderStatusInput, PlaceOrderInput } from './orders.js';
import { ChargeInput, PaymentAttempt, PaymentListQuery, PaymentPage } from './payments.js';
import {
  MyReview,
  ProductReviewsParams,
  Review,
  ReviewIdParams,
  ReviewInput,
  ReviewListQuery,
  ReviewPage,
  ReviewUpdate,
} from './reviews.js';
import type { ApiRoute } from './routes.js';

type Responses = ApiRoute['responses'];
type RouteSpec = Omit<ApiRoute, 'responses'> & { responses: Responses; service: string };

const error = (description: string) => ({ description, schema: ErrorBody });
const UNSAFE = new Set(['post', 'put', 'patch', 'delete']);

/**
 * A route with the answers every route of its kind can give besides its own: 429 from the rate
 * limit; 401 for a missing (or any bad) token; 403 for a non-admin on an admin route and for a
 * browser's cross-site write; 400 and 413 for a body that is not JSON or too large; 503 while the
 * service behind it is down. The route's own entries win.
 */
function route({ service, responses, ...spec }: RouteSpec): ApiRoute {
  const common: Responses = {};
  if (spec.body) {
    common[400] = error('the body is not valid JSON');
    common[413] = error('the body is too large');
  }
  common[401] = error(
    spec.auth === 'anyone' ? 'the token sent is invalid or expired' : 'not signed in, or the token is invalid or expired',
  );
  if (spec.auth === 'admin') common[403] = error(UNSAFE.has(spec.method) ? 'not an admin, or a cross-site request' : 'not an admin');
  else if (UNSAFE.has(spec.method)) common[403] = error('a cross-site request, refused');
  common[429] = error('too many requests: try again in a minute');
  common[503] = error(`${service} unavailable`);
  return { ...spec, responses: sortByStatus({ ...common, ...responses }) };
}

function sortByStatus(responses: Responses): Responses {
  return Object.fromEntries(Object.entries(responses).sort(([a], [b]) => Number(a) - Number(b)));
}

/** Every route of the public API, in the order the docs list them. */
export const API_ROUTES: ApiRoute[] = [
  // ---- auth ----
  route({
    method: 'post',
    path: '/api/auth/register',
    summary: 'Create an account',
    tag: 'Auth',
    auth: 'anyone',
    service: 'auth',
    body: RegisterInput,
    responses: {
      201: { description: 'the new user (its fields, and as `user`) and a token pair', schema: Registered },
      409: error('an account with this email already exists'),
      422: error('a field is missing or invalid, or the password is too common'),
      429: error('too many attempts from this address (AUTH_RATE_LIMIT_PER_MINUTE): wait as Retry-After says'),
    },
  }),
  route({
    method: 'post',
    path: '/api/auth/login',
    summary: 'Sign in: a token pair, also set as HttpOnly cookies (access_token, and refresh_token for /auth/refresh)',
    tag: 'Auth',
    auth: 'anyone',
    service: 'auth',
    body: LoginInput,
    bodyTypes: ['application/json', 'application/x-www-form-urlencoded'],
    responses: {
      200: { description: 'the user and a token pair (and the cookies)', schema: SignedIn },
      401: error('incorrect email or password'),
      403: error('the account is disabled, or a cross-site request'),
      422: error('the email or the password is missing'),
      429: error('too many failed sign-ins for this account or from this address: wait as Retry-After says'),
    },
  }),
  route({
    method: 'post',
    path: '/api/auth/refresh',
    summary: 'A new token pair for a refresh token, which is spent (sending a spent one again ends its session)',
    tag: 'Auth',
    auth: 'anyone',
    service: 'auth',
    body: RefreshInput,
    responses: {
      200: { description: 'the new pair (and the cookies)', schema: TokenPair },
      401: error('the refresh token is invalid, spent, revoked or expired'),
      409: error('the refresh token was used a moment ago (by a concurrent request): use the pair it gave'),
      422: error('the refresh token is missing'),
    },
  }),
  route({
    method: 'post',
    path: '/api/auth/forgot-password',
    summary: 'Ask for a password reset link by email (single use, valid 30 minutes)',
    tag: 'Auth',
    auth: 'anyone',
    service: 'auth',
    body: ForgotPasswordInput,
    responses: {
      202: { description: 'the same answer whether or not an account uses the email', schema: ResetRequested },
      422: error('the email is missing or invalid'),
      429: error('too many requests from this address (AUTH_RATE_LIMIT_PER_MINUTE): wait as Retry-After says'),
    },
  }),
  route({
    method: 'post',
    path: '/api/auth/reset-password',
    summary: "Set a new password with a reset link's token: every session of the user ends",
    tag: 'Auth',
    auth: 'anyone',
    service: 'auth',
    body: ResetPasswordInput,
    responses: {
      204: { description: 'the password is changed; sign in with it' },
      400: error('the link is invalid, used or expired, or the body is not valid JSON'),
      422: error('a field is missing or the new password is invalid or too common'),
    },
  }),
  route({
    method: 'post',
    path: '/api/auth/logout',
    summary: 'Sign out this device: its session ends on every service, and the cookies are cleared',
    tag: 'Auth',
    auth: 'user',
    service: 'auth',
    responses: { 204: { description: 'signed out' } },
  }),
  route({
    method: 'post',
    path: '/api/auth/logout-all',
    summary: 'Sign out every device of the user',
    tag: 'Auth',
    auth: 'user',
    service: 'auth',
    responses: { 204: { description: 'every session ended' } },
  }),
  route({
    method: 'get',
    path: '/api/auth/sessions',
    summary: 'The devices signed in to the account',
    tag: 'Auth',
    auth: 'user',
    service: 'auth',
    responses: { 200: { description: 'the live sessions, the newest use first', schema: DeviceSessionList } },
  }),
  route({
    method: 'delete',
    path: '/api/auth/sessions/:id',
    summary: 'Sign out one of the own devices',
    tag: 'Auth',
    auth: 'user',
    service: 'auth',
    params: SessionIdParams,
    responses: {
      204: { description: 'that session ended' },
      404: error('no such session of the user'),
      422: error('the id is not a UUID'),
    },
  }),
  route({
    method: 'patch',
    path: '/api/auth/me',
    summary: 'Change the own name or email (an email change needs the current password)',
    tag: 'Auth',
    auth: 'user',
    service: 'auth',
    body: UpdateMeInput,
    responses: {
      200: { description: 'the user', schema: User },
      403: error('the current password is missing or wrong, or a cross-site request'),
      409: error('an account with this email already exists'),
      422: error('a field is invalid'),
    },
  }),
  route({
    method: 'post',
    path: '/api/auth/change-password',
    summary: 'Change the password: every other session of the user ends',
    tag: 'Auth',
    auth: 'user',
    service: 'auth',
    body: ChangePasswordInput,
    responses: {
      204: { description: 'changed' },
      403: error('the current password is wrong, or a cross-site request'),
      422: error('a field is missing or the new password is invalid'),
    },
  }),
  route({
    method: 'get',
    path: '/api/auth/me',
    summary: 'The signed-in user',
    tag: 'Auth',
    auth: 'user',
    service: 'auth',
    responses: { 200: { description: 'the user', schema: User } },
  }),

  route({
    method: 'get',
    path: '/api/admin/users',
    summary: 'People: the newest accounts first, by role, searched by part of an email or a name',
    tag: 'Auth',
    auth: 'admin',
    service: 'auth',
    query: AdminUserQuery,
    responses: {
      200: { description: 'a page of users', schema: UserPage },
      422: error('a filter is invalid'),
    },
  }),
  route({
    method: 'get',
    path: '/api/admin/users/:id',
    summary: 'One user, as the admin sees them',
    tag: 'Auth',
    auth: 'admin',
    service: 'auth',
    params: UserIdParams,
    responses: {
      200: { description: 'the user', schema: User },
      404: error('no such user'),
      422: error('the id is not a UUID'),
    },
  }),
  route({
    method: 'patch',
    path: '/api/admin/users/:id',
    summary: 'Change a user’s role or disable them: every session of the user ends',
    tag: 'Auth',
    auth: 'admin',
    service: 'auth',
    params: UserIdParams,
    body: AdminUserUpdate,
    responses: {
      200: { description: 'the user', schema: User },
      404: error('no such user'),
      409: error('the last admin cannot be demoted or disabled'),
      422: error('a field is invalid'),
    },
  }),

  // ---- catalog ----
  route({
    method: 'get',
    path: '/api/products',
    summary: 'Search and filter the active products (an admin may ask for inactive ones)',
    tag: 'Catalog',
    auth: 'anyone',
    service: 'catalog',
    query: ProductListParams,
    responses: {
      200: { description: 'a page of products', schema: ProductPage },
      401: error('status other than active without a token, or the token is invalid'),
      403: error('status other than active, asked by someone who is not an admin'),
      422: error('a filter is invalid'),
    },
  }),
  route({
    method: 'get',
    path: '/api/products/suggest',
    summary: 'At most 8 suggestions for a search box (none under two characters)',
    tag: 'Catalog',
    auth: 'anyone',
    service: 'catalog',
    query: SuggestQuery,
    responses: { 200: { description: 'the suggestions', schema: SuggestionList } },
  }),
  route({
    method: 'get',
    path: '/api/products/:id',
    summary: 'One product, by id or slug, with its images',
    tag: 'Catalog',
    auth: 'anyone',
    service: 'catalog',
    params: ProductIdOrSlugParams,
    responses: {
      200: { description: 'the product', schema: ProductDetail },
      404: error('product not found (an inactive one is found only by admins)'),
    },
  }),
  route({
    method: 'get',
    path: '/api/categories',
    summary: 'The category tree, flat, with each category’s count of active products',
    tag: 'Catalog',
    auth: 'anyone',
    service: 'catalog',
    responses: { 200: { description: 'every category', schema: z.array(Category) } },
  }),
  route({
    method: 'post',
    path: '/api/products',
    summary: 'Create a product',
    tag: 'Catalog',
    auth: 'admin',
    service: 'catalog',
    body: CreateProductInput,
    responses: {
      201: { description: 'the new product', schema: ProductDetail },
      409: error('a product with this SKU already exists'),
      422: error('a field is missing or invalid, or names no category'),
    },
  }),
  route({
    method: 'patch',
    path: '/api/products/:id',
    summary: 'Change some of a product’s fields (its slug stays)',
    tag: 'Catalog',
    auth: 'admin',
    service: 'catalog',
    params: ProductIdParams,
    body: UpdateProductInput,
    responses: {
      200: { description: 'the product as it now is', schema: ProductDetail },
      404: error('product not found'),
      409: error('a product with this SKU already exists'),
      422: error('a field is invalid, or none was given'),
    },
  }),
  route({
    method: 'delete',
    path: '/api/products/:id',
    summary: 'Take a product out of the shop (it becomes inactive)',
    tag: 'Catalog',
    auth: 'admin',
    service: 'catalog',
    params: ProductIdParams,
    responses: { 204: { description: 'deactivated' }, 404: error('product not found') },
  }),

  // ---- cart ----
  route({
    method: 'get',
    path: '/api/cart',
    summary: 'The signed-in shopper’s cart, priced now',
    tag: 'Cart',
    auth: 'user',
    service: 'cart (or catalog)',
    responses: { 200: { description: 'the cart', schema: Cart } },
  }),
  route({
    method: 'delete',
    path: '/api/cart',
    summary: 'Empty the cart',
    tag: 'Cart',
    auth: 'user',
    service: 'cart',
    responses: { 200: { description: 'the empty cart', schema: Cart } },
  }),
  route({
    method: 'post',
    path: '/api/cart/items',
    summary: 'Add units of a product to the cart',
    tag: 'Cart',
    auth: 'user',
    service: 'cart (or catalog)',
    body: AddCartItemInput,
    responses: {
      200: { description: 'the cart', schema: Cart },
      404: error('product not found'),
      409: error('more than is in stock, or more than a cart holds'),
      422: error('the product id or the quantity is invalid'),
    },
  }),
  route({
    method: 'patch',
    path: '/api/cart/items/:product_id',
    summary: 'Set the quantity of a product in the cart',
    tag: 'Cart',
    auth: 'user',
    service: 'cart (or catalog)',
    params: CartProductParams,
    body: SetCartQuantityInput,
    responses: {
      200: { description: 'the cart', schema: Cart },
      404: error('this product is not in your cart'),
      409: error('more than is in stock, or the product is no longer sold'),
      422: error('the product id or the quantity is invalid'),
    },
  }),
  route({
    method: 'delete',
    path: '/api/cart/items/:product_id',
    summary: 'Take a product out of the cart (no error if it is not there)',
    tag: 'Cart',
    auth: 'user',
    service: 'cart (or catalog)',
    params: CartProductParams,
    responses: { 200: { description: 'the cart', schema: Cart }, 422: error('the product id is invalid') },
  }),

  // ---- orders ----
  route({
    method: 'post',
    path: '/api/orders',
    summary: 'Check out: the cart becomes an order, its stock reserved (once per Idempotency-Key)',
    tag: 'Orders',
    auth: 'user',
    service: 'order (or cart, or catalog)',
    headers: IdempotencyHeaders,
    body: PlaceOrderInput,
    responses: {
      201: { description: 'the order, pending payment (a retry with the same key answers the same order)', schema: Order },
      409: error('a product is out of stock or no longer sold'),
      422: error('the cart is empty, the address is invalid, or the Idempotency-Key header is missing or invalid'),
      502: error('the stock reservation was refused'),
    },
  }),
  route({
    method: 'get',
    path: '/api/orders',
    summary: 'The caller’s orders, newest first (an admin may ask for everyone’s)',
    tag: 'Orders',
    auth: 'user',
    service: 'order',
    query: OrderListQuery,
    responses: {
      200: { description: 'a page of orders', schema: OrderPage },
      403: error('scope=all asked by someone who is not an admin'),
      422: error('a filter is invalid'),
    },
  }),
  route({
    method: 'get',
    path: '/api/orders/:id',
    summary: 'One order, with its history',
    tag: 'Orders',
    auth: 'user',
    service: 'order',
    params: OrderIdParams,
    responses: {
      200: { description: 'the order', schema: Order },
      404: error('order not found (someone else’s order is not found either)'),
    },
  }),
  route({
    method: 'post',
    path: '/api/orders/:id/cancel',
    summary: 'Cancel a pending or paid order: its stock comes back, a payment is refunded',
    tag: 'Orders',
    auth: 'user',
    service: 'order',
    params: OrderIdParams,
    responses: {
      200: { description: 'the order, cancelled', schema: Order },
      404: error('order not found'),
      409: error('the order can no longer be cancelled'),
    },
  }),
  route({
    method: 'patch',
    path: '/api/orders/:id/status',
    summary: 'Move an order on: processing, shipped, delivered (or cancelled)',
    tag: 'Orders',
    auth: 'admin',
    service: 'order',
    params: OrderIdParams,
    body: OrderStatusInput,
    responses: {
      200: { description: 'the order as it now is', schema: Order },
      404: error('order not found'),
      409: error('a change the order’s state machine forbids (an order becomes paid only by its payment)'),
      422: error('not a status'),
    },
  }),

  // ---- payments ----
  route({
    method: 'post',
    path: '/api/payments',
    summary: 'Pay an order by card (simulated), once per Idempotency-Key and once per order',
    tag: 'Payments',
    auth: 'user',
    service: 'payment (or order)',
    headers: IdempotencyHeaders,
    body: ChargeInput,
    responses: {
      201: { description: 'the attempt: succeeded, or failed with its decline reason', schema: PaymentAttempt },
      400: error('the Idempotency-Key header is missing or invalid, or the body is not valid JSON'),
      404: error('order not found'),
      409: error('the order is paid already, or cancelled'),
      422: error('the order id or a card field is invalid'),
    },
  }),
  route({
    method: 'get',
    path: '/api/payments',
    summary: 'The caller’s payment attempts, newest first',
    tag: 'Payments',
    auth: 'user',
    service: 'payment',
    query: PaymentListQuery,
    responses: {
      200: { description: 'a page of attempts', schema: PaymentPage },
      422: error('page or page_size is invalid'),
    },
  }),

  // ---- reviews ----
  route({
    method: 'get',
    path: '/api/products/:id/reviews',
    summary: 'A product’s reviews, newest first, with the average, the count and the distribution of its stars',
    tag: 'Reviews',
    auth: 'anyone',
    service: 'review',
    params: ProductReviewsParams,
    query: ReviewListQuery,
    responses: {
      200: {
        description: 'a page of visible reviews and the summary of all of them (a product without reviews has none)',
        schema: ReviewPage,
      },
      401: error('include_hidden without a token, or the token is invalid'),
      403: error('include_hidden asked by someone who is not an admin'),
      404: error('the id is not a product id'),
      422: error('page, page_size or include_hidden is invalid'),
    },
  }),
  route({
    method: 'get',
    path: '/api/products/:id/reviews/mine',
    summary: 'The caller’s own review of a product (hidden or not), and whether they may write one',
    tag: 'Reviews',
    auth: 'user',
    service: 'review (or order)',
    params: ProductReviewsParams,
    responses: {
      200: { description: 'the review or null; can_review, and why not (reviewed, not_delivered)', schema: MyReview },
      404: error('the id is not a product id'),
    },
  }),
  route({
    method: 'post',
    path: '/api/products/:id/reviews',
    summary: 'Review a product: only a buyer whose order of it was delivered, once per product',
    tag: 'Reviews',
    auth: 'user',
    service: 'review (or order, or catalog)',
    params: ProductReviewsParams,
    body: ReviewInput,
    responses: {
      201: { description: 'the review', schema: Review },
      403: error('no delivered order of this product, or a cross-site request'),
      404: error('product not found'),
      409: error('this product is reviewed by the caller already: edit that review'),
      422: error('the rating, the title or the body is invalid'),
    },
  }),
  route({
    method: 'patch',
    path: '/api/reviews/:id',
    summary: 'Change the own review (a hidden one stays hidden)',
    tag: 'Reviews',
    auth: 'user',
    service: 'review',
    params: ReviewIdParams,
    body: ReviewUpdate,
    responses: {
      200: { description: 'the review as it now is', schema: Review },
      403: error('someone else’s review, or a cross-site request'),
      404: error('review not found (a hidden one is found only by its author)'),
      422: error('a field is invalid, or none was given'),
    },
  }),
  route({
    method: 'delete',
    path: '/api/reviews/:id',
    summary: 'Delete the own review',
    tag: 'Reviews',
    auth: 'user',
    service: 'review',
    params: ReviewIdParams,
    responses: {
      204: { description: 'deleted' },
      403: error('someone else’s review, or a cross-site request'),
      404: error('review not found (a hidden one is found only by its author)'),
    },
  }),
  route({
    method: 'post',
    path: '/api/admin/reviews/:id/hide',
    summary: 'Hide a review: it leaves the product page and the product’s rating',
    tag: 'Reviews',
    auth: 'admin',
    service: 'review',
    params: ReviewIdParams,
    responses: { 200: { description: 'the review, hidden', schema: Review }, 404: error('review not found') },
  }),
  route({
    method: 'post',
    path: '/api/admin/reviews/:id/unhide',
    summary: 'Show a hidden review again',
    tag: 'Reviews',
    auth: 'admin',
    service: 'review',
    params: ReviewIdParams,
    responses: { 200: { description: 'the review, shown', schema: Review }, 404: error('review not found') },
  }),
];

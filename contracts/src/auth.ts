import { z } from 'zod';
import { blankIsMissing, pageOf, pageQuery, Timestamp, Uuid } from './common.js';

export const USER_ROLES = ['user', 'vendor', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

const email = z.string().trim().max(254, 'must be at most 254 characters').pipe(z.email('must be a valid email address'));
const password = z.string().min(8, 'must be at least 8 characters').max(128, 'must be at most 128 characters');

/** `POST /api/auth/register`. */
export const RegisterInput = z
  .object({
    email,
    password,
    full_name: z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters'),
  })
  .meta({
    id: 'RegisterInput',
    examples: [{ email: 'sam@example.com', password: 'correct-horse-9', full_name: 'Sam Shopper' }],
  });
export type RegisterInput = z.input<typeof RegisterInput>;

/** `POST /api/auth/login`: JSON `{email, password}` or the OAuth2 password form `username, password`. */
export const LoginInput = z
  .object({ email: z.string().optional(), username: z.string().optional(), password: z.string().min(1, 'is required') })
  .transform((v, ctx) => {
    const address = (v.email ?? v.username ?? '').trim();
    if (!address) {
      ctx.addIssue({ code: 'custom', path: ['email'], message: 'is required' });
      return z.NEVER;
    }
    return { email: address, password: v.password };
  })
  .meta({
    id: 'LoginInput',
    description: 'JSON `{email, password}`, or the OAuth2 password form (`username`, `password`)',
    examples: [
      { email: 'admin@example.com', password: 'admin123' },
      { username: 'admin@example.com', password: 'admin123' },
    ],
  });
export type LoginInput = z.input<typeof LoginInput>;

/** A signed-in session: the bearer token (also set as the HttpOnly `access_token` cookie by the gateway). */
export const AccessToken = z
  .object({
    access_token: z.string(),
    token_type: z.literal('bearer'),
    /** seconds */
    expires_in: z.int().positive(),
  })
  .meta({ id: 'AccessToken' });
export type AccessToken = z.infer<typeof AccessToken>;

/** A user as the API shows it: never the password hash. */
export const User = z
  .object({
    id: Uuid,
    email: z.string(),
    full_name: z.string(),
    role: z.enum(USER_ROLES),
    is_active: z.boolean(),
    created_at: Timestamp,
    last_login_at: Timestamp.nullable(),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof User>;

const exampleUser = {
  id: '3f1c9a2e-5b7d-4e8f-a1c3-6d2b8e4f0a97',
  email: 'sam@example.com',
  full_name: 'Sam Shopper',
  role: 'user',
  is_active: true,
  created_at: '2026-11-24T10:00:00.000Z',
  last_login_at: '2026-11-24T10:00:00.000Z',
} as const;
const exampleTokens = {
  access_token: 'eyJhbGciOiJIUzI1NiJ9.e30.signature',
  refresh_token: 'q0b6Zr2x2cXh1n3mGk9yqgQJ6m6s4q1TzJ0n3Yv8Xk4',
  token_type: 'bearer',
  expires_in: 900,
  refresh_expires_in: 604_800,
} as const;

/** A fresh pair: a short-lived access JWT and the opaque refresh token that renews it (once). */
export const TokenPair = AccessToken.extend({
  refresh_token: z.string(),
  /** seconds the refresh token lives, unless used or revoked first */
  refresh_expires_in: z.int().positive(),
}).meta({ id: 'TokenPair', examples: [exampleTokens] });
export type TokenPair = z.infer<typeof TokenPair>;

/** `POST /api/auth/login`: the user and a token pair. */
export const SignedIn = TokenPair.extend({ user: User }).meta({ id: 'SignedIn', examples: [{ user: exampleUser, ...exampleTokens }] });
export type SignedIn = z.infer<typeof SignedIn>;

/** `POST /api/auth/register`: the new user (its fields, as before, and as `user`) and a token pair. */
export const Registered = User.extend(SignedIn.shape).meta({
  id: 'Registered',
  examples: [{ ...exampleUser, user: exampleUser, ...exampleTokens }],
});
export type Registered = z.infer<typeof Registered>;

/** `POST /api/auth/refresh`. */
export const RefreshInput = z
  .object({ refresh_token: z.string().min(1, 'is required').max(200, 'must be at most 200 characters') })
  .meta({ id: 'RefreshInput', examples: [{ refresh_token: exampleTokens.refresh_token }] });
export type RefreshInput = z.infer<typeof RefreshInput>;

/** `PATCH /api/auth/me`: a new email needs the current password. */
export const UpdateMeInput = z
  .object({
    full_name: z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters').optional(),
    email: email.optional(),
    current_password: z.string().max(128, 'must be at most 128 characters').optional(),
  })
  .meta({
    id: 'UpdateMeInput',
    examples: [{ full_name: 'Sam Q. Shopper' }, { email: 'sam.new@example.com', current_password: 'correct-horse-9' }],
  });
export type UpdateMeInput = z.input<typeof UpdateMeInput>;

/** `POST /api/auth/change-password`: every other session of the user ends. */
export const ChangePasswordInput = z
  .object({ current_password: z.string().min(1, 'is required').max(128, 'must be at most 128 characters'), new_password: password })
  .meta({ id: 'ChangePasswordInput', examples: [{ current_password: 'correct-horse-9', new_password: 'battery-staple-42' }] });
export type ChangePasswordInput = z.infer<typeof ChangePasswordInput>;

/** `POST /api/auth/forgot-password`: answered 202 whether or not an account uses the email. */
export const ForgotPasswordInput = z.object({ email }).meta({ id: 'ForgotPasswordInput', examples: [{ email: 'sam@example.com' }] });
export type ForgotPasswordInput = z.infer<typeof ForgotPasswordInput>;

/** The answer to a reset request: the same words for every address. */
export const ResetRequested = z
  .object({ detail: z.string() })
  .meta({ id: 'ResetRequested', examples: [{ detail: 'If an account uses that email, a link to reset its password is on its way.' }] });

/** `POST /api/auth/reset-password`: the token from the mailed link, once, within 30 minutes. */
export const ResetPasswordInput = z
  .object({ token: z.string().min(1, 'is required').max(200, 'must be at most 200 characters'), new_password: password })
  .meta({
    id: 'ResetPasswordInput',
    examples: [{ token: 'k3Jx8sQ0H5mZ6vN1pL2rT4yU7wA9bC0dE3fG6hI8jK1', new_password: 'battery-staple-42' }],
  });
export type ResetPasswordInput = z.infer<typeof ResetPasswordInput>;

/** One signed-in device of the user. */
export const DeviceSession = z
  .object({
    id: Uuid,
    created_at: Timestamp,
    last_used_at: Timestamp,
    user_agent: z.string().nullable(),
    ip: z.string().nullable(),
    /** the session of the token that asked */
    current: z.boolean(),
  })
  .meta({ id: 'DeviceSession' });
export type DeviceSession = z.infer<typeof DeviceSession>;

export const DeviceSessionList = z.object({ items: z.array(DeviceSession) }).meta({ id: 'DeviceSessionList' });
export type DeviceSessionList = z.infer<typeof DeviceSessionList>;

export const SessionIdParams = z.object({ id: Uuid });
export const UserIdParams = z.object({ id: Uuid });

/** `PATCH /api/admin/users/:id`: a role change or a disable ends every session of the user. */
export const AdminUserUpdate = z
  .object({ role: z.enum(USER_ROLES).optional(), is_active: z.boolean().optional() })
  .meta({ id: 'AdminUserUpdate', examples: [{ role: 'admin' }, { is_active: false }] });
export type AdminUserUpdate = z.infer<typeof AdminUserUpdate>;

/** `GET /api/admin/users`: the newest accounts first; `q` is part of an email or a name. */
export const AdminUserQuery = z.object({
  ...pageQuery,
  q: blankIsMissing(z.string().trim().max(100, 'must be at most 100 characters').optional()),
  role: blankIsMissing(z.enum(USER_ROLES).optional()),
});
export type AdminUserQuery = z.output<typeof AdminUserQuery>;

export const UserPage = pageOf(User).meta({ id: 'UserPage' });
export type UserPage = z.infer<typeof UserPage>;

// ---- internal: the live-session check of every service (common/src/sessions.ts) ----

/** `GET /internal/sessions/revoked?since=`: sessions revoked since then (at most one token lifetime back). */
export const RevokedSessions = z.object({
  /** auth-service's clock: the next poll's `since`, less an overlap */
  now: Timestamp,
  /** how far back the list reaches: the access-token lifetime */
  window_seconds: z.int().positive(),
  items: z.array(z.object({ sid: Uuid, revoked_at: Timestamp })),
});
export type RevokedSessions = z.infer<typeof RevokedSessions>;

export const RevokedSessionsQuery = z.object({ since: z.iso.datetime({ offset: true }).optional() });

/** `GET /internal/sessions/:sid`: whose session it is, and whether it has ended. */
export const SessionOwner = z.object({ user_id: Uuid, revoked: z.boolean() });
export type SessionOwner = z.infer<typeof SessionOwner>;

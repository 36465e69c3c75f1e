import { z } from 'zod';
import { Timestamp, Uuid } from './common.js';

export const USER_ROLES = ['user', 'admin'] as const;
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

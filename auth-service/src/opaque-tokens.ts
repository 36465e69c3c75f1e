// The opaque tokens auth-service hands out (refresh tokens, password reset links): 256 random bits,
// of which only a SHA-256 is stored. A slow hash buys nothing for a token that cannot be guessed.
import { createHash, randomBytes } from 'node:crypto';

export const newOpaqueToken = () => randomBytes(32).toString('base64url');

export const hashOf = (token: string) => createHash('sha256').update(token).digest();

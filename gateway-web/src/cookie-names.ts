/**
 * The names of the gateway's cookies, in one place. Over HTTPS (production) each carries the
 * `__Host-` prefix: browsers then accept it only with Secure, Path=/ and no Domain, so neither a
 * sibling subdomain nor a plain-HTTP page can plant or overwrite it (session fixation).
 */
export const COOKIES = { auth: 'access_token', refresh: 'refresh_token', session: 'sid' } as const;

export const cookieName = (cookie: keyof typeof COOKIES, secure: boolean): string =>
  secure ? `__Host-${COOKIES[cookie]}` : COOKIES[cookie];

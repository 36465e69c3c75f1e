import { toHttpError } from '@dm/common/errors';
import { type Logger, logServerError } from '@dm/common/logger';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { isCsrfError } from './csrf.js';

const TITLES: Record<number, string> = {
  400: 'That request did not make sense',
  401: 'Please sign in',
  403: 'You cannot open this page',
  404: 'Page not found',
  503: 'Part of the shop is unavailable',
};

export const pageNotFound: RequestHandler = (_req, res) => {
  res.status(404).render('errors/error', {
    title: TITLES[404],
    status: 404,
    message: 'We looked everywhere but could not find that page. It may have moved, or the link may be mistyped.',
  });
};

/** The shop's own error pages: a friendly message, never a stack trace. */
export function pageErrorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (res.headersSent) return;
    if (isCsrfError(err)) {
      res.status(403).render('errors/error', {
        title: 'This form has expired',
        status: 403,
        message: 'For your security, the form could not be accepted. Go back, reload the page and try again.',
      });
      return;
    }
    const httpError = toHttpError(err);
    if (httpError.status >= 500 && httpError.status !== 503) {
      logServerError(logger, req, err);
    }
    const status = httpError.status;
    const message =
      status === 503
        ? `The ${httpError.detail.replace(/ unavailable$/, '')} service is not answering right now. Please try again in a moment.`
        : status >= 500
          ? 'Something went wrong on our side. Please try again in a moment.'
          : httpError.detail;
    res.status(status).render('errors/error', {
      title: TITLES[status] ?? (status >= 500 ? 'Something went wrong' : 'That did not work'),
      status,
      message,
    });
  };
}

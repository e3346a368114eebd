import { rateLimit, type Store } from 'express-rate-limit';
import type { RequestHandler } from 'express';
import { AppError } from '../../errors.js';

/**
 * Sign-in attempts per client address: only failures count, so a colleague who types the password
 * right is never held back. Answers 429 (page or JSON) through the normal error handler. `store`:
 * where the counts live (default: this process's memory; with several instances, Redis).
 */
export function signInLimiter(opts: { maxFailures: number; windowMs: number; store?: Store }): RequestHandler {
  return rateLimit({
    ...(opts.store ? { store: opts.store } : {}),
    windowMs: opts.windowMs,
    limit: opts.maxFailures,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(new AppError('rate_limited', 'errors.rate_limited')),
  });
}

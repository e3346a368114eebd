import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { AppError } from '../../errors.js';

/**
 * Synchronizer-token CSRF protection: the token lives in the session; forms send it as `_csrf`, API
 * calls as the `X-CSRF-Token` header. Every state-changing request that carries a session must
 * present it. API calls without a signed-in session carry no authority, and a JSON sign-in cannot be
 * forged cross-site (browsers will not send `application/json` cross-origin without CORS, which we do
 * not allow), so those pass; the routes themselves answer 401 where a user is needed.
 */
export function csrfToken(req: Request): string {
  req.session.csrfToken ??= randomBytes(24).toString('base64url');
  return req.session.csrfToken;
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export const verifyCsrf: RequestHandler = (req, _res, next) => {
  if (SAFE.has(req.method)) return next();
  // An API call without a signed-in session has no authority to forge; the route answers 401 itself.
  if (req.path.startsWith('/api/') && !req.session.userId && (req.path !== '/api/session' || req.is('application/json'))) return next();
  const sent = req.get('x-csrf-token') ?? (typeof req.body?._csrf === 'string' ? (req.body._csrf as string) : undefined);
  const expected = req.session.csrfToken;
  if (!sent || !expected || !same(sent, expected)) return next(new AppError('csrf_invalid', 'errors.csrf_invalid'));
  next();
};

// Another site must not be able to make a signed-in user's browser change anything: one CSRF rule for all.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { AppError } from '../../errors.js';

/**
 * Synchronizer-token CSRF protection: the token lives in the session; forms send it as `_csrf`, API
 * calls as the `X-CSRF-Token` header. Every state-changing request must present it, with one
 * exception that depends on no path: a call under /api/ without a signed-in session whose body is
 * not of a type another site can send without a CORS preflight (which we never allow). Those are
 * JSON (how API clients sign in, `POST /api/session`, before they have a token) or no body at all
 * (which carries no authority; the route answers 401). A form-encoded, multipart or text/plain
 * body, the only kinds a cross-site form can send, always needs the token, at any spelling of the
 * path. (An earlier exemption compared the path with '/api/session' while Express also routed
 * '/api/session/' and '/api/Session' there.)
 */
export function csrfToken(req: Request): string {
  req.session.csrfToken ??= randomBytes(24).toString('base64url');
  return req.session.csrfToken;
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
/**
 * A body another site could have sent: any typed body but JSON (forms send the CORS-safelisted types;
 * the others are not read by any route anyway). Without a type nothing is parsed, so nothing is said.
 */
const crossSiteSendable = (req: Request) => req.get('content-type') !== undefined && !req.is('application/json');

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Unsubscribing through the signed link of a mail (web/routes/mail.ts): the unguessable token in the path
 * is the authority, it can only switch one kind of mail off, and RFC 8058 one-click comes from the mail
 * provider without any session. Exact spelling only (routing is case sensitive and strict).
 */
const UNSUBSCRIBE = /^\/mail\/unsubscribe\/[^/]+$/;

export const verifyCsrf: RequestHandler = (req, _res, next) => {
  if (SAFE.has(req.method)) return next();
  if (req.method === 'POST' && UNSUBSCRIBE.test(req.path)) return next();
  if (req.path.startsWith('/api/') && !req.session?.userId && !crossSiteSendable(req)) return next();
  const sent = req.get('x-csrf-token') ?? (typeof req.body?._csrf === 'string' ? (req.body._csrf as string) : undefined);
  const expected = req.session.csrfToken;
  if (!sent || !expected || !same(sent, expected)) return next(new AppError('csrf_invalid', 'errors.csrf_invalid'));
  next();
};

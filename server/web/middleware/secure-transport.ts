// A proxy set up without TRUST_PROXY must fail loudly, not silently lose the session cookie (issue 15.10).
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { AppError } from '../../errors.js';

/**
 * In production the session cookie is `Secure`: express-session does not set it on a request that
 * Express does not see as HTTPS. Behind a TLS-terminating proxy without TRUST_PROXY every request
 * looks like plain HTTP, so signing in answered 201 and set no cookie, and nobody could say why
 * (issue 15.10). Now a state-changing request that cannot get its cookie is refused with 503, and
 * the log says why and what to set, once per reason.
 */
export function requireSecureTransport(opts: { secure: boolean; logger: Pick<Logger, 'error'> }): RequestHandler {
  const said = new Set<string>();
  return (req, _res, next) => {
    if (!opts.secure || req.secure || req.method === 'GET' || req.method === 'HEAD') return next();
    const proxied = req.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
    const reason = proxied
      ? 'a proxy says this request came over HTTPS (X-Forwarded-Proto), but TRUST_PROXY is not set (or does not name that proxy), so Express sees plain HTTP and the Secure session cookie cannot be set: set TRUST_PROXY'
      : 'this request came over plain HTTP; in production the session cookie is Secure and is only set over HTTPS: serve the app over HTTPS (behind a proxy: set TRUST_PROXY)';
    if (!said.has(reason)) {
      said.add(reason);
      opts.logger.error({ method: req.method, path: req.path }, `refusing state-changing requests: ${reason}`);
    }
    next(new AppError('unavailable', 'errors.insecure_transport'));
  };
}

// Guessing passwords and flooding reset mails must be slowed down, per address and per account, on every
// instance.
import { ipKeyGenerator, rateLimit, type Store } from 'express-rate-limit';
import type { Request, RequestHandler } from 'express';
import { AppError } from '../../errors.js';

/** Where a limit counts: this process's memory by default; with several instances, Redis (one store per limit). */
export type LimitStores = (name: string) => Store | undefined;

const address = (req: Request) => ipKeyGenerator(req.ip ?? 'unknown');
/** The account a sign-in (or a reset request) is for, as typed: the same normalisation as the sign-in itself. */
const account = (req: Request) => {
  const email: unknown = (req.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? email.trim().toLowerCase().slice(0, 254) : '';
};

/** One middleware that runs `handlers` in turn, stopping at the first that answers or fails. */
export function chain(handlers: RequestHandler[]): RequestHandler {
  return (req, res, next) => {
    const run = (i: number, err?: unknown): void => {
      if (err || i === handlers.length) return next(err);
      void handlers[i]!(req, res, (e?: unknown) => run(i + 1, e));
    };
    run(0);
  };
}

/** A 429 through the normal error handler (page or JSON), after express-rate-limit set `Retry-After`. */
const limited = (key: string) => (_req: Request, _res: unknown, next: (err: AppError) => void) => next(new AppError('rate_limited', key));

/**
 * Failed sign-ins (issue 15.4), counted three ways; only failures count, so a colleague who types the
 * password right is never held back:
 *  - per account and address pair (`maxFailures`): someone guessing one account from one address is
 *    stopped, while the other people behind the same town-hall address go on signing in;
 *  - per address over all accounts (`maxPerAddress`, much higher): one address trying many accounts;
 *  - per account over all addresses (`maxPerAccount`): many addresses (or forged X-Forwarded-For
 *    values, see TRUST_PROXY) trying one account.
 * Each answers 429 with `Retry-After` and a message saying to wait.
 */
export function signInLimiter(opts: { maxFailures: number; maxPerAddress: number; maxPerAccount: number; windowMs: number; stores?: LimitStores }): RequestHandler {
  const limit = (name: string, max: number, key: (req: Request) => string) => {
    const store = opts.stores?.(name);
    return rateLimit({
      ...(store ? { store } : {}),
      windowMs: opts.windowMs,
      limit: max,
      keyGenerator: key,
      skipSuccessfulRequests: true,
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      handler: limited('errors.rate_limited'),
    });
  };
  return chain([
    limit('signin-pair', opts.maxFailures, (req) => `${address(req)}|${account(req)}`),
    limit('signin-address', opts.maxPerAddress, address),
    limit('signin-account', opts.maxPerAccount, (req) => account(req) || `no-account|${address(req)}`),
  ]);
}

/**
 * Forgotten-password requests: every request counts (the answer is always the same), per account
 * (`perAccount`: no flood of mails to one person) and per address (`perAddress`).
 */
export function resetLimiter(opts: { perAccount: number; perAddress: number; windowMs: number; stores?: LimitStores }): RequestHandler {
  const limit = (name: string, max: number, key: (req: Request) => string) => {
    const store = opts.stores?.(name);
    return rateLimit({
      ...(store ? { store } : {}),
      windowMs: opts.windowMs, limit: max, keyGenerator: key, standardHeaders: 'draft-7', legacyHeaders: false,
      handler: limited('errors.rate_limited_requests'),
    });
  };
  return chain([limit('reset-account', opts.perAccount, account), limit('reset-address', opts.perAddress, address)]);
}

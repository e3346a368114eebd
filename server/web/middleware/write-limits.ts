// A script must not post or endorse as fast as it likes (issue 15.5), while a real town hall never notices.
import { rateLimit } from 'express-rate-limit';
import type { Express, Request, RequestHandler } from 'express';
import { AppError } from '../../errors.js';
import type { LimitStores } from './rate-limit.js';

export interface WriteLimits {
  /** New ideas per user per hour (pages and API). */
  ideasPerHour: number;
  /** Endorsements given or taken back per user per hour. */
  endorsementsPerHour: number;
  /** Any state-changing request per user per minute (marking read, settings, edits …). */
  writesPerMinute: number;
}

/**
 * Write limits per signed-in user (issue 15.5): a real town hall posts a few ideas a day and endorses a
 * handful; a script posting thousands or flipping an endorsement fifty times a second meets a 429 with
 * `Retry-After`. Counted per user id (not per address), across instances with Redis. Visitors pass:
 * the routes answer them 401.
 */
function perUser(name: string, windowMs: number, limit: number, stores?: LimitStores): RequestHandler {
  const store = stores?.(name);
  return rateLimit({
    ...(store ? { store } : {}),
    windowMs, limit,
    skip: (req: Request) => !req.actor,
    keyGenerator: (req: Request) => req.actor!.id,
    standardHeaders: 'draft-7', legacyHeaders: false,
    handler: (_req, _res, next) => next(new AppError('rate_limited', 'errors.rate_limited_writes')),
  });
}

/** Mounts the limits before the feature routers: the paths they guard, in one place. */
export function mountWriteLimits(app: Express, limits: WriteLimits, stores?: LimitStores): void {
  const ideas = perUser('write-ideas', 3600_000, limits.ideasPerHour, stores);
  const endorsements = perUser('write-endorsements', 3600_000, limits.endorsementsPerHour, stores);
  const writes = perUser('write-any', 60_000, limits.writesPerMinute, stores);
  app.use((req, res, next) => (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS' ? next() : writes(req, res, next)));
  app.post(['/api/ideas', '/ideas/new'], ideas);
  app.post(['/api/ideas/:id/endorsements', '/ideas/:id/endorse', '/ideas/:id/unendorse'], endorsements);
  app.delete('/api/ideas/:id/endorsements/mine', endorsements);
}

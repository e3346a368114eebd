// The header's unread count on every rendered page, without a store read for redirects, JSON or files.
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { Clock } from '../../domain/clock.js';
import type { Services } from '../../services.js';

/**
 * The header's unread count for signed-in users: looked up once, only when a page is actually rendered
 * (not for redirects, JSON or static files), by wrapping `res.render`. Also `renderedAt`, the instant
 * the page was made, from which public/js/live.js asks for what it missed. A failing count leaves the
 * badge empty rather than failing the page.
 */
export function unreadBadge({ notifications, clock, logger }: Pick<Services, 'notifications'> & { clock: Clock; logger: Logger }): RequestHandler {
  return (req, res, next) => {
    const actor = req.actor;
    if (!actor) return next();
    const render = res.render.bind(res) as (...args: unknown[]) => void;
    res.render = ((...args: unknown[]) => {
      res.locals.renderedAt = clock.now().toISOString();
      notifications.countUnread(actor.id).then(
        (count) => { res.locals.unreadCount = count; },
        (err: unknown) => logger.warn({ err }, 'unread count failed'),
      ).finally(() => render(...args));
    }) as typeof res.render;
    next();
  };
}

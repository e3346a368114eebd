// The inbox and notification settings over JSON, for API clients.
import { Router } from 'express';
import { featureRouter } from '../routing.js';
import { AppError } from '../../../errors.js';
import { requireUser } from '../../middleware/auth.js';
import { presentNotification } from '../../views/presenters/notifications.js';
import type { Services } from '../../../services.js';

const BOOL: Record<string, boolean> = { true: true, '1': true, false: false, '0': false };
const KNOWN = new Set(['unread', 'since', 'limit']);

/** `?unread=true&since=<ISO>&limit=20` as the domain's list input; unknown or repeated parameters are named in a 400. */
function listInput(query: Record<string, unknown>): Record<string, unknown> {
  const bad: Record<string, { key: string; params?: Record<string, string> }> = {};
  for (const [k, v] of Object.entries(query)) {
    if (!KNOWN.has(k)) bad[k] = { key: 'errors.field.unknown', params: { keys: k } };
    else if (typeof v !== 'string') bad[k] = { key: 'errors.field.wrong_type', params: { expected: 'string' } };
  }
  const unread = query.unread;
  if (typeof unread === 'string' && !(unread in BOOL)) bad.unread = { key: 'errors.field.invalid_choice' };
  if (Object.keys(bad).length) throw new AppError('validation_failed', 'errors.validation_failed', { fields: bad });
  return {
    ...(typeof unread === 'string' ? { unreadOnly: BOOL[unread] } : {}),
    ...(typeof query.since === 'string' ? { since: query.since } : {}),
    ...(typeof query.limit === 'string' ? { limit: query.limit } : {}),
  };
}

/**
 * The signed-in user's notifications: `GET /api/notifications` (newest first, `{ items, unread }`),
 * `POST /api/notifications/read` (`{ids}` or `{all:true}` → `{ changed, unread }`), and the settings
 * (`GET|PUT /api/settings/notifications`).
 */
export function apiNotificationsRouter({ notifications }: Pick<Services, 'notifications'>): Router {
  const router = featureRouter();

  router.get('/api/notifications', requireUser, async (req, res) => {
    const input = listInput(req.query as Record<string, unknown>);
    const [items, unread] = await Promise.all([notifications.list(req.actor, input), notifications.unreadCount(req.actor)]);
    res.json({ items: items.map((n) => presentNotification(n, req.locale)), unread });
  });

  router.post('/api/notifications/read', requireUser, async (req, res) => {
    const changed = await notifications.markRead(req.actor, req.body ?? {});
    res.json({ changed, unread: await notifications.unreadCount(req.actor) });
  });

  router.get('/api/settings/notifications', requireUser, async (req, res) => {
    res.json(await notifications.getSettings(req.actor));
  });

  router.put('/api/settings/notifications', requireUser, async (req, res) => {
    res.json(await notifications.updateSettings(req.actor, req.body ?? {}));
  });

  return router;
}

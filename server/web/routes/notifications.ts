// The inbox and notification settings as plain pages, working without JavaScript or a live connection.
import { Router, type Request, type Response } from 'express';
import { featureRouter } from './routing.js';
import { NOTIFICATION_LIMITS } from '../../domain/notifications.js';
import { AppError, isAppError } from '../../errors.js';
import type { DigestFrequency } from '../../store/store.js';
import { translateFields } from '../middleware/errors.js';
import { presentNotification } from '../views/presenters/notifications.js';
import type { Config } from '../../config.js';
import type { Services } from '../../services.js';
import { backTo, signInFirst } from '../middleware/sign-in-first.js';

const FREQUENCIES: readonly DigestFrequency[] = ['immediate', 'daily', 'never'];

/** A visitor asking for one of these pages signs in first and comes back (after a form: to the inbox). */
const toInbox = signInFirst(backTo('/notifications'));

/** The form's choice as the domain expects it: `id` marks one, `all` marks every unread one. */
function markInput(body: Record<string, unknown>): unknown {
  if (body.all !== undefined && body.all !== '') return { all: true };
  if (typeof body.id === 'string' && body.id !== '') return { ids: [body.id] };
  throw new AppError('validation_failed', 'notifications.errors.nothing_selected', { fields: { id: { key: 'notifications.errors.nothing_selected' } } });
}

/**
 * The inbox (`GET /notifications`, newest first, with mark one / mark all as read) and the notification
 * settings (`GET|POST /settings/notifications`). Plain forms: everything works without JavaScript.
 */
export function notificationsRouter({ notifications, config }: Pick<Services, 'notifications'> & { config: Pick<Config, 'digestHour'> }): Router {
  const router = featureRouter();

  router.get('/notifications', toInbox, async (req, res) => {
    const actor = req.actor!;
    const [items, unread] = await Promise.all([
      notifications.list(actor, { limit: NOTIFICATION_LIMITS.maxPageSize }),
      notifications.unreadCount(actor),
    ]);
    res.render('pages/notifications/inbox', {
      titleKey: 'notifications.inbox.title',
      notifications: items.map((n) => presentNotification(n, req.locale)),
      unread,
      limited: items.length >= NOTIFICATION_LIMITS.maxPageSize ? NOTIFICATION_LIMITS.maxPageSize : null,
    });
  });

  router.post('/notifications/read', toInbox, async (req, res) => {
    const input = markInput(req.body ?? {});
    await notifications.markRead(req.actor!, input);
    req.session.flash = { key: 'all' in (input as object) ? 'notifications.flash.marked_all' : 'notifications.flash.marked_one' };
    res.redirect(303, '/notifications');
  });

  function renderSettings(req: Request, res: Response, status: number, chosen: string | undefined, errors?: Record<string, { code: string; message: string }>) {
    res.status(status).render('pages/notifications/settings', {
      titleKey: 'notifications.prefs.title',
      options: FREQUENCIES.map((value) => ({ value, checked: value === chosen })),
      digestHour: config.digestHour,
      errors: errors ?? {},
      errorSummary: Object.entries(errors ?? {}).map(([id, e]) => ({ id, message: e.message })),
    });
  }

  router.get('/settings/notifications', toInbox, async (req, res) => {
    const settings = await notifications.getSettings(req.actor!);
    renderSettings(req, res, 200, settings.clusterJoined);
  });

  router.post('/settings/notifications', toInbox, async (req, res) => {
    const chosen = typeof req.body?.clusterJoined === 'string' ? req.body.clusterJoined : undefined;
    try {
      await notifications.updateSettings(req.actor!, { clusterJoined: chosen });
    } catch (err) {
      if (!isAppError(err) || err.code !== 'validation_failed') throw err;
      return renderSettings(req, res, 400, chosen, translateFields(req.locale, err.fields));
    }
    req.session.flash = { key: 'notifications.flash.settings_saved' };
    res.redirect(303, '/settings/notifications');
  });

  return router;
}

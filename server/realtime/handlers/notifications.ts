// The inbox over the socket: a reconnecting client fetches what it missed and marks notices read.
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { NOTIFICATION_LIMITS } from '../../domain/notifications.js';
import type { Locale } from '../../i18n/index.js';
import type { Notification } from '../../store/store.js';
import { presentNotification } from '../../web/views/presenters/notifications.js';
import type { IoSocket, NotificationPayload } from '../events.js';
import { request } from './envelope.js';

const sinceSchema = z.object({ since: z.string().trim().datetime({ offset: true }) }).strict();
const readSchema = z.union([
  z.object({ all: z.literal(true) }).strict(),
  z.object({ ids: z.array(z.string().min(1).max(64)).min(1).max(NOTIFICATION_LIMITS.markMany) }).strict(),
]);

export function toPayload(n: Notification, locale: Locale): NotificationPayload {
  const { id, kind, text, link, createdAt, readAt } = presentNotification(n, locale);
  return { id, kind, text, link, createdAt, readAt };
}

/**
 * `notifications:since {since}`: what the client missed, newest first (at most 100).
 * `notifications:read {ids}|{all:true}`: marks the user's own; others' ids are ignored. The new unread
 * count also reaches the user's other sockets, through the bus (see io.ts).
 */
export function registerNotificationHandlers(socket: IoSocket, { notifications, logger }: Pick<Services, 'notifications'> & { logger: Logger }): void {
  const { actor, locale } = socket.data;

  socket.on('notifications:since', request(socket, logger, sinceSchema, async ({ since }) => {
    const items = await notifications.list(actor, { since, limit: NOTIFICATION_LIMITS.maxPageSize });
    return { items: items.map((n) => toPayload(n, locale)) };
  }));

  socket.on('notifications:read', request(socket, logger, readSchema, async (input) => {
    const changed = await notifications.markRead(actor, input);
    return { changed, unread: await notifications.unreadCount(actor) };
  }));
}

/**
 * Notifications and their settings as zod schemas: what presenters/notifications.ts and the settings
 * routes answer, and the list's query as routes/api/notifications.ts reads it.
 */
import { z } from 'zod';
import { listSchema } from '../../domain/notifications.js';
import { DELIVERIES, MAIL_KINDS, NOTIFICATION_KINDS, type Delivery, type MailKind, type NotificationKind } from '../../store/store.js';
import { instant, orNull } from './common.js';

/** The route maps `unread` to the domain's `unreadOnly`; `since` and `limit` go through as they are. */
export const notificationListParams = z.object({
  unread: z.enum(['true', 'false', '1', '0']).optional().describe('Only unread ones.'),
  since: listSchema.shape.since.describe('Only those created after this instant (catch-up after a reconnect).'),
  limit: listSchema.shape.limit,
});

export const Notification = z.object({
  id: z.string(),
  kind: z.enum(NOTIFICATION_KINDS as [NotificationKind, ...NotificationKind[]]),
  text: z.string().describe("Ready to show, in the user's language (cookie `lang`)."),
  params: z.record(z.string()).describe('What the text was filled with (organisation, idea, …).'),
  link: z.string().describe('A path in the app, e.g. `/ideas/<id>`.'),
  createdAt: instant,
  readAt: orNull(instant),
  unread: z.boolean(),
}).openapi('Notification');

export const NotificationList = z.object({
  items: z.array(Notification),
  unread: z.number().int().describe('All unread notifications of the user, not only those listed.'),
}).openapi('NotificationList');

export const MarkReadResult = z.object({ changed: z.number().int(), unread: z.number().int() }).openapi('MarkReadResult');

const delivery = z.enum(DELIVERIES as [Delivery, ...Delivery[]]);

/** The settings as answered: always whole (a PUT sends any of them: domain/notifications.ts settingsSchema). */
export const NotificationSettings = z.object({
  clusterJoined: z.enum(['immediate', 'daily', 'never']).describe("When another organisation's new idea joins the cluster of one of yours: at once, in the daily digest, or never."),
  ...Object.fromEntries(MAIL_KINDS.map((k) => [k, delivery.describe(
    `How notices of this kind (${k}) reach you: by mail and in the app, in the app only, or never. Mail goes out only when the installation has MAIL_TRANSPORT=smtp.`,
  )])) as Record<MailKind, typeof delivery>,
}).openapi('NotificationSettings');

// A notification rendered in the reader's language, the same for the pages, the API and the sockets.
import { notificationTextKey } from '../../../domain/notifications.js';
import { t, type Locale } from '../../../i18n/index.js';
import type { Notification } from '../../../store/store.js';

/** A notification as pages, the API and sockets show it: its text rendered in `locale`, never the raw record's user id. */
export interface NotificationView {
  id: string;
  kind: Notification['kind'];
  text: string;
  params: Record<string, string>;
  link: string;
  createdAt: string;
  readAt: string | null;
  unread: boolean;
}

export function presentNotification(n: Notification, locale: Locale): NotificationView {
  return {
    id: n.id, kind: n.kind, text: t(locale, notificationTextKey(n), n.params), params: n.params,
    link: safeLink(n.link), createdAt: n.createdAt, readAt: n.readAt, unread: n.readAt === null,
  };
}

/** Links are paths inside the app; anything else (never expected) becomes the inbox, so a link cannot leave the site. */
function safeLink(link: string): string {
  return link.startsWith('/') && !link.startsWith('//') ? link : '/notifications';
}

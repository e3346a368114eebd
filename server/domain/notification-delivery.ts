// A user's "never" for a kind of notice is honoured in one place, before any feature writes notifications.
import { MAIL_KIND_OF, type Notification, type Store } from '../store/store.js';

/**
 * Leaves out the notifications their user set to 'never' for that kind (issue 16: mail, in the app
 * only, or never). Called by every feature just before it writes notifications; what is left is
 * stored, and the store owes a mail for each (the outbox decides mail or app-only when sending).
 */
export async function wantedNotifications(store: Pick<Store, 'listNotificationSettings'>, list: Notification[]): Promise<Notification[]> {
  const ruled = list.filter((n) => MAIL_KIND_OF[n.kind]);
  if (ruled.length === 0) return list;
  const settings = await store.listNotificationSettings([...new Set(ruled.map((n) => n.userId))]);
  return list.filter((n) => {
    const kind = MAIL_KIND_OF[n.kind];
    return !kind || settings.get(n.userId)?.[kind] !== 'never';
  });
}

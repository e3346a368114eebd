// New notifications reach a user's open tabs live, in each tab's language, and background news comes
// bundled instead of as a flood.
import type { Logger } from 'pino';
import type { DomainBus, DomainEvents } from '../domain/events.js';
import type { Locale } from '../i18n/index.js';
import type { Services } from '../services.js';
import type { Notification } from '../store/store.js';
import type { IoServer, NotificationPayload } from './events.js';
import { toPayload } from './handlers/notifications.js';
import { userRoom } from './rooms.js';

/** Background news reaches a user's sockets at most once per this many ms, bundled (the first at once). */
export const COALESCE_MS = 1000;
/**
 * Bundles that fall due together go out this many users per turn of the event loop: a batch of cluster
 * news for 500 users pushed in one go held the main thread for about 95 ms under issue 19's load run.
 */
export const PUSHES_PER_TURN = 25;

/**
 * Pushes stored notifications to their users' sockets: each notification once in each socket's
 * language, then the user's unread count. Notices the domain marks `coalesce` (cluster news, written
 * in batches in the background) are bundled per user: at most one push every COALESCE_MS, carrying the
 * latest version of each notice (an aggregated notice updated three times goes out once). Everything
 * else (endorsements, connections) goes out at once. Returns `close()`.
 */
export function pushNotifications(io: IoServer, { bus, notifications, logger }: { bus: DomainBus; notifications: Pick<Services['notifications'], 'countUnread'>; logger: Logger }): { close(): void } {
  const pending = new Map<string, Map<string, Notification>>(); // user -> notice id -> latest version
  const timers = new Map<string, NodeJS.Timeout>();
  const lastPush = new Map<string, number>();
  let due: string[] = [];   // users whose bundle is due, in order
  let draining = false;

  async function push(userId: string, list: Notification[]): Promise<void> {
    lastPush.set(userId, Date.now());
    const room = userRoom(userId);
    const sockets = await io.in(room).fetchSockets();
    if (sockets.length === 0) return; // offline: the inbox and the next reconnect have it
    const rendered = new Map<Locale, NotificationPayload[]>();
    for (const socket of sockets) {
      const { locale } = socket.data;
      if (!rendered.has(locale)) rendered.set(locale, list.map((n) => toPayload(n, locale)));
      for (const payload of rendered.get(locale) ?? []) socket.emit('notification:created', payload);
    }
    io.to(room).emit('notifications:unread', { count: await notifications.countUnread(userId) });
  }

  const failed = (err: unknown) => logger.error({ err }, 'pushing notifications failed');

  function flush(userId: string): void {
    timers.delete(userId);
    due.push(userId);
    if (draining) return;
    draining = true;
    setImmediate(drainDue);
  }

  /** A few due bundles now, the rest in later turns, so requests and other sockets get in between. */
  function drainDue(): void {
    const now = due.slice(0, PUSHES_PER_TURN);
    due = due.slice(PUSHES_PER_TURN);
    for (const userId of now) {
      const list = pending.get(userId);
      pending.delete(userId);
      if (list && list.size > 0) push(userId, [...list.values()]).catch(failed);
    }
    if (due.length > 0) setImmediate(drainDue);
    else draining = false;
  }

  function bundle(userId: string, list: Notification[]): void {
    const waiting = pending.get(userId) ?? pending.set(userId, new Map()).get(userId)!;
    for (const n of list) waiting.set(n.id, n);
    if (timers.has(userId)) return;
    const wait = Math.max(0, (lastPush.get(userId) ?? 0) + COALESCE_MS - Date.now());
    timers.set(userId, setTimeout(() => flush(userId), wait));
  }

  const onCreated = (...[event]: DomainEvents['notification:created']) => {
    const byUser = new Map<string, Notification[]>();
    for (const n of event.notifications) (byUser.get(n.userId) ?? byUser.set(n.userId, []).get(n.userId)!).push(n);
    for (const [userId, list] of byUser) {
      if (event.coalesce) bundle(userId, list);
      else push(userId, list).catch(failed);
    }
    // Forget who was pushed to long ago, so the map stays as small as the set of recently told users.
    if (lastPush.size > 10_000) for (const [u, at] of lastPush) if (Date.now() - at > COALESCE_MS) lastPush.delete(u);
  };
  bus.on('notification:created', onCreated);

  return {
    close() {
      bus.off('notification:created', onCreated);
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
      pending.clear();
      due = [];
    },
  };
}

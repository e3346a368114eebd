/**
 * The SQLite side of notifications, their settings and the daily digest queue (schema: migrations 2,
 * 5 and 6), and of the batches that aggregate cluster news. Every multi-row write runs in one
 * IMMEDIATE transaction, so a failure anywhere writes nothing.
 */
import {
  DEFAULT_NOTIFICATION_SETTINGS,
  MAIL_KIND_OF,
  MAIL_KINDS,
  type Notification,
  type NotificationSettings,
  type NotificationsPort,
} from '../store.js';
import { conflictByTable } from './conflicts.js';
import { isoUtc, toDigestItem, toNotification, toSettings, toSettingsOrDefault, type Db, type Row } from './mapping.js';

/** The latest notice of one user and group key (the cluster news' story to update), from the index notifications_group alone (migration 13). */
export const LATEST_GROUPED_NOTIFICATION = `SELECT * FROM notifications WHERE user_id = ? AND group_key = ?
                                            ORDER BY created_at DESC, id DESC LIMIT 1`;

/**
 * Inserts notifications (inside the caller's transaction), and for each one of a kind that may be
 * mailed its row in the mail outbox: the mail is owed exactly when the notification exists.
 */
export const notificationInserter = (db: Db) => (list: Notification[]): void => {
  const insert = db.prepare(`INSERT INTO notifications (id, user_id, kind, params, link, created_at, read_at, group_key)
                             VALUES (@id, @userId, @kind, @params, @link, @createdAt, @readAt, @groupKey)`);
  const owe = db.prepare(`INSERT INTO mail_outbox (id, user_id, kind, params, link, state, attempts, next_attempt_at, created_at)
                          VALUES (@id, @userId, @kind, @params, @link, 'pending', 0, @createdAt, @createdAt)`);
  for (const n of list) {
    const row = { ...n, params: JSON.stringify(n.params), groupKey: n.groupKey ?? null };
    insert.run(row);
    if (MAIL_KIND_OF[n.kind]) owe.run(row);
  }
};

export function notificationsAdapter(db: Db): NotificationsPort {
  const insertNotifications = notificationInserter(db);

  return {
    async createNotifications(list) {
      db.transaction(() => conflictByTable(() => insertNotifications(list))).immediate();
    },

    async listNotifications(userId, query) {
      const where = ['user_id = @userId'];
      const params: Row = { userId, limit: Math.max(0, Math.floor(query.limit)) };
      if (query.unreadOnly) where.push('read_at IS NULL');
      if (query.since !== undefined) { where.push('created_at > @since'); params.since = isoUtc(query.since); }
      const rows = db.prepare(`SELECT * FROM notifications WHERE ${where.join(' AND ')}
                               ORDER BY created_at DESC, id DESC LIMIT @limit`).all(params) as Row[];
      return rows.map(toNotification);
    },

    async countUnread(userId) {
      const row = db.prepare('SELECT count(*) AS n FROM notifications WHERE user_id = ? AND read_at IS NULL').get(userId) as Row;
      return Number(row.n);
    },

    async markRead(userId, ids, at) {
      if (ids === 'all') {
        return db.prepare('UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL').run(at, userId).changes;
      }
      const update = db.prepare('UPDATE notifications SET read_at = ? WHERE id = ? AND user_id = ? AND read_at IS NULL');
      return db.transaction(() => [...new Set(ids)].reduce((n, id) => n + update.run(at, id, userId).changes, 0)).immediate();
    },

    async getNotificationSettings(userId) {
      const row = db.prepare('SELECT * FROM notification_settings WHERE user_id = ?').get(userId) as Row | undefined;
      return row ? toSettings(row) : { ...DEFAULT_NOTIFICATION_SETTINGS };
    },

    async setNotificationSettings(userId, settings) {
      db.prepare(`INSERT INTO notification_settings (user_id, cluster_joined, ${MAIL_KINDS.join(', ')})
                  VALUES (@userId, @clusterJoined, ${MAIL_KINDS.map((k) => `@${k}`).join(', ')})
                  ON CONFLICT (user_id) DO UPDATE SET cluster_joined = excluded.cluster_joined,
                  ${MAIL_KINDS.map((k) => `${k} = excluded.${k}`).join(', ')}`)
        .run({ ...toSettingsOrDefault(db.prepare('SELECT * FROM notification_settings WHERE user_id = ?').get(userId) as Row | undefined), ...settings, userId });
    },

    async listNotificationSettings(userIds) {
      const out = new Map<string, NotificationSettings>();
      const get = db.prepare('SELECT * FROM notification_settings WHERE user_id = ?');
      for (const id of new Set(userIds)) {
        const row = get.get(id) as Row | undefined;
        out.set(id, row ? toSettings(row) : { ...DEFAULT_NOTIFICATION_SETTINGS });
      }
      return out;
    },

    async queueDigestItems(items) {
      const insert = db.prepare('INSERT INTO digest_items (id, user_id, idea_id, created_at) VALUES (@id, @userId, @ideaId, @createdAt)');
      db.transaction(() => { for (const item of items) insert.run(item); }).immediate();
    },

    async listDigestItems(until) {
      const rows = db.prepare('SELECT * FROM digest_items WHERE created_at <= ? ORDER BY created_at, id').all(isoUtc(until)) as Row[];
      return rows.map(toDigestItem);
    },

    async deliverDigest(notifications, consumedItemIds) {
      const remove = db.prepare('DELETE FROM digest_items WHERE id = ?');
      db.transaction(() => {
        conflictByTable(() => insertNotifications(notifications));
        for (const id of consumedItemIds) remove.run(id);
      }).immediate();
    },

    async latestGroupedNotifications(keys) {
      const latest = db.prepare(LATEST_GROUPED_NOTIFICATION);
      return keys.flatMap(({ userId, groupKey }) => {
        const row = latest.get(userId, groupKey) as Row | undefined;
        return row ? [toNotification(row)] : [];
      });
    },

    async writeNotificationBatch({ create, update, digest }) {
      const rewrite = db.prepare(`UPDATE notifications SET params = @params, link = @link, created_at = @createdAt
                                  WHERE id = @id AND user_id = @userId AND read_at IS NULL`);
      const queue = db.prepare('INSERT INTO digest_items (id, user_id, idea_id, created_at) VALUES (@id, @userId, @ideaId, @createdAt)');
      return db.transaction(() => {
        conflictByTable(() => insertNotifications(create)); // a taken id: StoreConflictError, as MongoDB says it
        const stale = update
          .filter((n) => rewrite.run({ id: n.id, userId: n.userId, params: JSON.stringify(n.params), link: n.link, createdAt: n.createdAt }).changes === 0)
          .map((n) => n.id);
        for (const item of digest) queue.run(item);
        return { stale };
      }).immediate();
    },
  };
}

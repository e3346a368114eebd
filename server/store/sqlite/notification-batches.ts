import type Database from 'better-sqlite3';
import { DEFAULT_NOTIFICATION_SETTINGS, type NotificationBatchMethods, type NotificationSettings } from '../store.js';
import { notificationInserter, toNotification, toSettings } from './allies.js';

type Row = Record<string, unknown>;

/**
 * The SQLite side of notifications that aggregate (schema: migration 5): the newest notice per user
 * and group key, and a whole fan-out batch written in one IMMEDIATE transaction.
 */
export function notificationBatchMethods(db: Database.Database): NotificationBatchMethods {
  const insertNotifications = notificationInserter(db);

  return {
    async latestGroupedNotifications(keys) {
      const latest = db.prepare(`SELECT * FROM notifications WHERE user_id = ? AND group_key = ?
                                 ORDER BY created_at DESC, id DESC LIMIT 1`);
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
        insertNotifications(create);
        const stale = update
          .filter((n) => rewrite.run({ id: n.id, userId: n.userId, params: JSON.stringify(n.params), link: n.link, createdAt: n.createdAt }).changes === 0)
          .map((n) => n.id);
        for (const item of digest) queue.run(item);
        return { stale };
      }).immediate();
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
  };
}

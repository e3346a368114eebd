import type { Models } from '../../../models/index.js';
import { DEFAULT_NOTIFICATION_SETTINGS, type NotificationBatchMethods, type NotificationSettings } from '../store.js';
import { conflictAs } from './conflicts.js';
import { digestItemDoc, toNotification } from './mapping.js';
import { insertNotificationsWithMail } from './mail-outbox.js';
import { settingsOf } from './allies.js';
import type { RunInTransaction } from './mongo-store.js';

/** The MongoDB side of notifications that aggregate: as store/sqlite/notification-batches.ts, a batch in one transaction. */
export function notificationBatchMethods(m: Models, transaction: RunInTransaction): NotificationBatchMethods {
  return {
    async latestGroupedNotifications(keys) {
      if (keys.length === 0) return [];
      const groups = await m.Notification.aggregate<{ doc: Parameters<typeof toNotification>[0] }>([
        { $match: { $or: keys.map(({ userId, groupKey }) => ({ userId, groupKey })) } },
        { $sort: { createdAt: -1, _id: -1 } },
        { $group: { _id: { userId: '$userId', groupKey: '$groupKey' }, doc: { $first: '$$ROOT' } } },
      ]);
      return groups.map((g) => toNotification(g.doc));
    },

    async writeNotificationBatch({ create, update, digest }) {
      return transaction(async (session) => {
        await insertNotificationsWithMail(m, create, session);
        const stale: string[] = [];
        for (const n of update) {
          const r = await m.Notification.updateOne({ _id: n.id, userId: n.userId, readAt: null },
            { $set: { params: { ...n.params }, link: n.link, createdAt: n.createdAt } }, { session });
          if (r.matchedCount === 0) stale.push(n.id);
        }
        if (digest.length > 0) await m.DigestItem.insertMany(digest.map(digestItemDoc), { session });
        return { stale };
      });
    },

    async listNotificationSettings(userIds) {
      const ids = [...new Set(userIds)];
      const docs = await m.NotificationSettings.find({ _id: { $in: ids } }).lean();
      const found = new Map(docs.map((d) => [d._id, d]));
      return new Map(ids.map((id): [string, NotificationSettings] => [id, settingsOf(found.get(id))]));
    },
  };
}

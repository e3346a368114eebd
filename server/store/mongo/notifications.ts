/**
 * The MongoDB side of notifications, their settings, the daily digest queue and the batches that
 * aggregate cluster news (models/allies.ts). Writes of more than one document run in `transaction`.
 */
import type { Models } from '../../../models/index.js';
import { MAIL_KIND_OF, type Notification, type NotificationSettings, type NotificationsPort } from '../store.js';
import { conflictAs } from './conflicts.js';
import { digestItemDoc, isoUtc, notificationDoc, owedMailDoc, settingsOf, toDigestItem, toNotification } from './mapping.js';
import { NEWEST_FIRST, OLDEST_FIRST } from './queries.js';
import { inSession, type RunInTransaction, type Session } from './transaction.js';

/**
 * Inserts notifications and, for each one of a kind that may be mailed, its outbox document, in the
 * caller's transaction (`session`): the mail is owed exactly when the notification exists (issue 16).
 */
export async function insertNotificationsWithMail(m: Models, list: Notification[], session?: Session): Promise<void> {
  if (list.length === 0) return;
  const opts = inSession(session);
  await conflictAs('notification', () => m.Notification.insertMany(list.map(notificationDoc), opts));
  const owed = list.filter((n) => MAIL_KIND_OF[n.kind]).map(owedMailDoc);
  if (owed.length > 0) await conflictAs('notification', () => m.OutboxMail.insertMany(owed, opts));
}

export function notificationsAdapter(m: Models, transaction: RunInTransaction): NotificationsPort {
  return {
    async createNotifications(list) {
      if (list.length === 0) return;
      await transaction((session) => insertNotificationsWithMail(m, list, session));
    },

    async listNotifications(userId, query) {
      const limit = Math.max(0, Math.floor(query.limit));
      if (limit === 0) return []; // limit(0) means "no limit" to MongoDB
      const filter: Record<string, unknown> = { userId };
      if (query.unreadOnly) filter.readAt = null;
      if (query.since !== undefined) filter.createdAt = { $gt: isoUtc(query.since) };
      const docs = await m.Notification.find(filter).sort(NEWEST_FIRST).limit(limit).lean();
      return docs.map(toNotification);
    },

    async countUnread(userId) {
      return m.Notification.countDocuments({ userId, readAt: null });
    },

    async markRead(userId, ids, at) {
      if (ids !== 'all' && ids.length === 0) return 0;
      const filter = ids === 'all' ? { userId, readAt: null } : { _id: { $in: [...new Set(ids)] }, userId, readAt: null };
      return (await m.Notification.updateMany(filter, { $set: { readAt: at } })).modifiedCount;
    },

    async getNotificationSettings(userId) {
      const d = await m.NotificationSettings.findById(userId).lean();
      return settingsOf(d);
    },

    async setNotificationSettings(userId, settings) {
      await m.NotificationSettings.updateOne(
        { _id: userId }, { $set: { ...settingsOf(await m.NotificationSettings.findById(userId).lean()), ...settings } }, { upsert: true, runValidators: true });
    },

    async listNotificationSettings(userIds) {
      const ids = [...new Set(userIds)];
      const docs = await m.NotificationSettings.find({ _id: { $in: ids } }).lean();
      const found = new Map(docs.map((d) => [d._id, d]));
      return new Map(ids.map((id): [string, NotificationSettings] => [id, settingsOf(found.get(id))]));
    },

    async queueDigestItems(items) {
      if (items.length === 0) return;
      await transaction(async (session) => {
        await m.DigestItem.insertMany(items.map(digestItemDoc), { session });
      });
    },

    async listDigestItems(until) {
      const docs = await m.DigestItem.find({ createdAt: { $lte: isoUtc(until) } }).sort(OLDEST_FIRST).lean();
      return docs.map(toDigestItem);
    },

    async deliverDigest(notifications, consumedItemIds) {
      await transaction(async (session) => {
        await insertNotificationsWithMail(m, notifications, session);
        if (consumedItemIds.length > 0) await m.DigestItem.deleteMany({ _id: { $in: consumedItemIds } }, { session });
      });
    },

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
  };
}

import { CLUSTER_STATE_ID, type Models } from '../../../models/index.js';
import {
  DEFAULT_NOTIFICATION_SETTINGS,
  MAIL_KINDS,
  type NotificationSettings,
  StoreVersionError,
  orderedPair,
  type Connection,
  type Notification,
  type AlliesMethods,
} from '../store.js';
import { conflictAs, isDuplicateKey } from './conflicts.js';
import {
  connectionDoc,
  digestItemDoc,
  endorsementDoc,
  isoUtc,
  notificationDoc,
  toClusterState,
  toConnection,
  toDigestItem,
  toEndorsement,
  toNotification,
  toUser,
} from './mapping.js';
import type { RunInTransaction, Session } from './mongo-store.js';
import { insertNotificationsWithMail } from './mail-outbox.js';


const NEWEST_FIRST = { createdAt: -1, _id: -1 } as const;
const OLDEST_FIRST = { createdAt: 1, _id: 1 } as const;

/**
 * The MongoDB side of endorsements, connections, notifications and cluster state. Every write of
 * more than one document runs in `transaction` (see mongo-store.ts: this needs a replica set).
 */
export function alliesMethods(m: Models, transaction: RunInTransaction): AlliesMethods {
  const opts = (session?: Session) => (session ? { session } : {});

  const insertNotifications = async (list: Notification[], session?: Session): Promise<void> => {
    if (list.length === 0) return;
    await insertNotificationsWithMail(m, list, session);
  };

  const insertConnection = async (c: Connection, session?: Session): Promise<void> => {
    const [a, b] = orderedPair(c.organisationA, c.organisationB);
    await conflictAs('connection', () => m.Connection.insertMany([connectionDoc({ ...c, organisationA: a, organisationB: b })], opts(session)));
  };

  const connectionKey = (ideaId: string, x: string, y: string, via: Connection['via']) => {
    const [organisationA, organisationB] = orderedPair(x, y);
    return { ideaId, organisationA, organisationB, via };
  };

  return {
    async createEndorsement(e) {
      await conflictAs('endorsement', () => m.Endorsement.insertMany([endorsementDoc(e)]));
    },

    async deleteEndorsement(ideaId, organisationId) {
      const d = await m.Endorsement.findOneAndDelete({ ideaId, organisationId }).lean();
      return d ? toEndorsement(d) : null;
    },

    async listEndorsements(filter = {}) {
      const and: Record<string, unknown>[] = [];
      if (filter.ideaId !== undefined) and.push({ ideaId: filter.ideaId });
      if (filter.organisationId !== undefined) and.push({ organisationId: filter.organisationId });
      if (filter.ideaOrganisationId !== undefined) {
        const ideaIds = await m.Idea.find({ organisationId: filter.ideaOrganisationId }).distinct('_id');
        and.push({ ideaId: { $in: ideaIds } });
      }
      const docs = await m.Endorsement.find(and.length > 0 ? { $and: and } : {}).sort(NEWEST_FIRST).lean();
      return docs.map(toEndorsement);
    },

    async createConnection(c) {
      await insertConnection(c);
    },

    async deleteConnection(key) {
      const d = await m.Connection.findOneAndDelete(connectionKey(key.ideaId, key.organisationA, key.organisationB, key.via)).lean();
      return d ? toConnection(d) : null;
    },

    async listConnections(filter = {}) {
      const and: Record<string, unknown>[] = [];
      if (filter.organisationId !== undefined) {
        and.push({ $or: [{ organisationA: filter.organisationId }, { organisationB: filter.organisationId }] });
      }
      if (filter.ideaId !== undefined) and.push({ ideaId: filter.ideaId });
      const docs = await m.Connection.find(and.length > 0 ? { $and: and } : {}).sort(NEWEST_FIRST).lean();
      return docs.map(toConnection);
    },

    async areConnected(orgA, orgB, ideaId) {
      const [organisationA, organisationB] = orderedPair(orgA, orgB);
      const filter = ideaId === undefined ? { organisationA, organisationB } : { organisationA, organisationB, ideaId };
      return (await m.Connection.exists(filter)) !== null;
    },

    async createNotifications(list) {
      if (list.length === 0) return;
      await transaction((session) => insertNotifications(list, session));
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

    async listActiveMembers(organisationIds) {
      if (organisationIds.length === 0) return [];
      const docs = await m.User.find({ active: true, organisationId: { $in: [...new Set(organisationIds)] } }).sort(OLDEST_FIRST).lean();
      return docs.map(toUser);
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
        await insertNotifications(notifications, session);
        if (consumedItemIds.length > 0) await m.DigestItem.deleteMany({ _id: { $in: consumedItemIds } }, { session });
      });
    },

    async getClusterState() {
      const d = await m.ClusterState.findById(CLUSTER_STATE_ID).lean();
      return d ? toClusterState(d) : null;
    },

    async saveClusterState(state, expectedVersion) {
      const fields = { version: state.version, state: state.state, updatedAt: state.updatedAt };
      if (expectedVersion === null) {
        try {
          await m.ClusterState.insertMany([{ _id: CLUSTER_STATE_ID, ...fields }]);
          return;
        } catch (err) {
          if (!isDuplicateKey(err)) throw err; // someone saved first: report their version below
        }
      } else {
        const result = await m.ClusterState.updateOne({ _id: CLUSTER_STATE_ID, version: expectedVersion }, { $set: fields });
        if (result.matchedCount === 1) return;
      }
      const stored = await m.ClusterState.findById(CLUSTER_STATE_ID).lean();
      throw new StoreVersionError(stored ? Number(stored.version) : 0);
    },

    async endorse({ endorsement, connection, notifications }) {
      await transaction(async (session) => {
        await conflictAs('endorsement', () => m.Endorsement.insertMany([endorsementDoc(endorsement)], { session }));
        if (connection) await insertConnection(connection, session);
        await insertNotifications(notifications, session);
      });
    },

    async unendorse({ ideaId, organisationId, dropConnection, notifications }) {
      return transaction(async (session) => {
        const removed = await m.Endorsement.findOneAndDelete({ ideaId, organisationId }, { session }).lean();
        if (!removed) return null;
        if (dropConnection) {
          const idea = await m.Idea.findById(ideaId, { organisationId: 1 }).session(session).lean();
          if (idea) await m.Connection.deleteOne(connectionKey(ideaId, organisationId, idea.organisationId, 'endorsement'), { session });
        }
        await insertNotifications(notifications, session);
        return toEndorsement(removed);
      });
    },
  };
}

/** A settings document (older ones lack the mail kinds: the defaults), or the defaults when there is none. */
export function settingsOf(d: { clusterJoined: NotificationSettings['clusterJoined'] } & Partial<NotificationSettings> | null | undefined): NotificationSettings {
  const settings: NotificationSettings = { ...DEFAULT_NOTIFICATION_SETTINGS };
  if (!d) return settings;
  settings.clusterJoined = d.clusterJoined;
  for (const k of MAIL_KINDS) if (typeof d[k] === 'string') settings[k] = d[k];
  return settings;
}

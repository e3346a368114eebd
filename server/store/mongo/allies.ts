/**
 * The MongoDB side of endorsements, connections and introductions (models/allies.ts). Every write of
 * more than one document runs in `transaction` (see mongo-store.ts: this needs a replica set).
 */
import type { Models } from '../../../models/index.js';
import { orderedPair, type AlliesPort, type Connection } from '../store.js';
import { conflictAs } from './conflicts.js';
import { connectionDoc, endorsementDoc, toConnection, toEndorsement } from './mapping.js';
import { insertNotificationsWithMail } from './notifications.js';
import { NEWEST_FIRST } from './queries.js';
import { inSession, type RunInTransaction, type Session } from './transaction.js';

export function alliesAdapter(m: Models, transaction: RunInTransaction): AlliesPort {
  const insertConnection = async (c: Connection, session?: Session): Promise<void> => {
    const [a, b] = orderedPair(c.organisationA, c.organisationB);
    await conflictAs('connection', () => m.Connection.insertMany([connectionDoc({ ...c, organisationA: a, organisationB: b })], inSession(session)));
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

    async endorse({ endorsement, connection, notifications }) {
      await transaction(async (session) => {
        await conflictAs('endorsement', () => m.Endorsement.insertMany([endorsementDoc(endorsement)], { session }));
        if (connection) await insertConnection(connection, session);
        await insertNotificationsWithMail(m, notifications, session);
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
        await insertNotificationsWithMail(m, notifications, session);
        return toEndorsement(removed);
      });
    },

    async introduce({ connections, notifications }) {
      return transaction(async (session) => {
        let added = 0;
        for (const c of connections) {
          const [organisationA, organisationB] = orderedPair(c.organisationA, c.organisationB);
          // Upsert on the unique key: an existing connection is left as it is (like ON CONFLICT DO NOTHING).
          const r = await m.Connection.updateOne(
            { ideaId: c.ideaId, organisationA, organisationB, via: c.via },
            { $setOnInsert: { _id: c.id, createdAt: c.createdAt } },
            { upsert: true, session },
          );
          added += r.upsertedCount;
        }
        await insertNotificationsWithMail(m, notifications, session);
        return added;
      });
    },
  };
}

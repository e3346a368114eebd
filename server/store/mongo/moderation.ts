import type { AuditEntryDoc, Models } from '../../../models/index.js';
import { orderedPair, type AuditEntry, type ModerationMethods } from '../store.js';
import { conflictAs } from './conflicts.js';
import { insertNotificationsWithMail } from './mail-outbox.js';
import type { RunInTransaction } from './mongo-store.js';


type Lean = Partial<AuditEntryDoc> & { _id: string };

/** The MongoDB side of the audit log (models/moderation.ts). Mirrors store/sqlite/moderation.ts. */
export function moderationMethods(m: Models, transaction: RunInTransaction): ModerationMethods {
  return {
    async appendAudit(e) {
      const { id, ...rest } = e;
      await m.AuditEntry.insertMany([{ _id: id, ...rest, details: { ...e.details } }]);
    },

    async listAudit(query) {
      const limit = Math.max(0, Math.floor(query.limit));
      if (limit === 0) return []; // limit(0) means "no limit" to MongoDB
      const and: Record<string, unknown>[] = [];
      if (query.before !== undefined) {
        const cursor = await m.AuditEntry.findOne({ _id: { $eq: query.before } }, { at: 1 }).lean();
        if (!cursor) return [];
        and.push({ $or: [{ at: { $lt: cursor.at } }, { at: cursor.at, _id: { $lt: cursor._id } }] });
      }
      if (query.targetType !== undefined) and.push({ targetType: { $eq: query.targetType } });
      if (query.targetId !== undefined) and.push({ targetId: { $eq: query.targetId } });
      if (query.actions !== undefined) and.push({ action: { $in: [...query.actions] } });
      const docs = await m.AuditEntry.find(and.length ? { $and: and } : {}).sort({ at: -1, _id: -1 }).limit(limit).lean<Lean[]>();
      return docs.map(toAuditEntry);
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
        if (notifications.length > 0) {
          await insertNotificationsWithMail(m, notifications, session);
        }
        return added;
      });
    },
  };
}

function toAuditEntry(d: Lean): AuditEntry {
  return {
    id: d._id, at: String(d.at), actorId: d.actorId ?? null, actorName: String(d.actorName), action: String(d.action),
    targetType: String(d.targetType), targetId: String(d.targetId), details: { ...(d.details ?? {}) },
  };
}

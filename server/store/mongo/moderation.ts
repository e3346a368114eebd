import type { AuditEntryDoc, Models } from '../../../models/index.js';
import type { AuditEntry, Store } from '../store.js';

export type ModerationMethods = Pick<Store, 'appendAudit' | 'listAudit'>;

type Lean = Partial<AuditEntryDoc> & { _id: string };

/** The MongoDB side of the audit log (models/moderation.ts). Mirrors store/sqlite/moderation.ts. */
export function moderationMethods(m: Models): ModerationMethods {
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
  };
}

function toAuditEntry(d: Lean): AuditEntry {
  return {
    id: d._id, at: String(d.at), actorId: d.actorId ?? null, actorName: String(d.actorName), action: String(d.action),
    targetType: String(d.targetType), targetId: String(d.targetId), details: { ...(d.details ?? {}) },
  };
}

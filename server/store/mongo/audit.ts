/**
 * The MongoDB side of the audit log (models/moderation.ts): appended to, never changed, read newest
 * first a page at a time. Mirrors store/sqlite/audit.ts.
 */
import type { AuditEntryDoc, Models } from '../../../models/index.js';
import type { AuditPort } from '../store.js';
import { toAuditEntry } from './mapping.js';

type Lean = Partial<AuditEntryDoc> & { _id: string };

export function auditAdapter(m: Models): AuditPort {
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

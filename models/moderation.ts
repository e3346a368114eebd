import { Schema } from 'mongoose';
import type { AuditEntry } from '../server/store/store.js';
import { SCHEMA_OPTIONS, isoString, nullableString, stringId } from './common.js';

export type AuditEntryDoc = Omit<AuditEntry, 'id'> & { _id: string };

/** The audit log: append-only (the adapter only inserts). Moderation reasons live here (action 'idea.hidden'). */
export function auditEntrySchema(): Schema<AuditEntryDoc> {
  const schema = new Schema<AuditEntryDoc>({
    _id: stringId,
    at: isoString,
    actorId: nullableString,
    actorName: { type: String, required: true },
    action: { type: String, required: true },
    targetType: { type: String, required: true },
    targetId: { type: String, required: true },
    details: { type: Schema.Types.Mixed, required: true, default: {} },
  }, { ...SCHEMA_OPTIONS, collection: 'audit_log' });
  schema.index({ at: -1, _id: -1 }, { name: 'audit_log_newest' });
  schema.index({ targetType: 1, targetId: 1, at: -1 }, { name: 'audit_log_target' });
  return schema;
}

// Check-ins with the programme team in MongoDB, the twin of SQLite's `check_ins` table (migration 11).
import { Schema } from 'mongoose';
import type { CheckInRecord } from '../server/store/store.js';
import { SCHEMA_OPTIONS, isoString, nullableString, stringId } from './common.js';

/** `momentUtc` is the same instant as `moment` in UTC, kept for ranges and order (as SQLite's moment_utc). */
export type CheckInDoc = Omit<CheckInRecord, 'id'> & { _id: string; momentUtc: string | null };

export function checkInSchema(): Schema<CheckInDoc> {
  const schema = new Schema<CheckInDoc>({
    _id: stringId,
    organisationId: { type: String, required: true },
    requestedBy: { type: String, required: true },
    subject: {
      type: { type: String, required: true, enum: ['idea', 'partnership'] },
      id: { type: String, required: true },
    },
    subjectTitle: { type: String, required: true },
    preferredMoments: { type: [String], required: true },
    note: { type: String, default: '' },
    status: { type: String, required: true, enum: ['requested', 'proposed', 'confirmed', 'cancelled'] },
    moment: nullableString,
    momentUtc: nullableString,
    durationMinutes: { type: Number, required: true },
    place: nullableString,
    confirmedBy: nullableString,
    proposedBy: nullableString,
    cancelledBy: nullableString,
    sequence: { type: Number, required: true },
    createdAt: isoString,
    updatedAt: isoString,
    version: { type: Number, required: true },
  }, { ...SCHEMA_OPTIONS, collection: 'check_ins' });
  schema.index({ organisationId: 1, createdAt: -1 }, { name: 'check_ins_organisation' });
  schema.index({ status: 1, momentUtc: 1 }, { name: 'check_ins_moment' });
  return schema;
}

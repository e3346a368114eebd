// The programme's calls for proposals in MongoDB, the twin of SQLite's `calls` table (migration 7).
import { Schema } from 'mongoose';
import type { CallRecord } from '../server/store/store.js';
import { SCHEMA_OPTIONS, isoString, nullableString, stringId } from './common.js';

export type CallDoc = Omit<CallRecord, 'id'> & { _id: string };

/** One document per call; `number` is unique like SQLite's column. Lists and rules are stored as given. */
export function callSchema(): Schema<CallDoc> {
  const schema = new Schema<CallDoc>({
    _id: stringId,
    number: { type: Number, required: true },
    name: { type: String, required: true },
    type: { type: String, required: true, enum: ['concept', 'thematic', 'transformation'] },
    themes: { type: [String], default: null },
    opensAt: nullableString,
    closesAt: { type: String, required: true },
    decided: { type: Boolean, required: true },
    decidedOn: nullableString,
    maxSubsidyEur: { type: Number, required: true },
    maxDurationMonths: { type: Number, default: null },
    realiseBy: nullableString,
    rules: { type: Schema.Types.Mixed, required: true, default: {} },
    description: { type: String, default: '' },
    sourceUrls: { type: [String], default: [] },
    createdAt: isoString,
    updatedAt: isoString,
  }, { ...SCHEMA_OPTIONS, collection: 'calls' });
  schema.index({ number: 1 }, { unique: true, name: 'calls_number' });
  return schema;
}

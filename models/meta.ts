import { Schema } from 'mongoose';
import { SCHEMA_OPTIONS, isoString, stringId } from './common.js';

/**
 * What the database holds, for the code that opens it: `{ _id: 'schema', version }` records the
 * layout version of models/, so an older Medestander refuses a database written by a newer one instead
 * of dropping the newer one's indexes at `syncIndexes()`. Raise `MONGO_SCHEMA_VERSION` when a change to
 * models/ needs existing documents rewritten, and do that rewrite in the store's `init()`.
 */
export const MONGO_SCHEMA_VERSION = 1;
export const SCHEMA_META_ID = 'schema';

export interface MetaDoc {
  _id: string;
  version: number;
  updatedAt: string;
}

export function metaSchema(): Schema<MetaDoc> {
  return new Schema<MetaDoc>({
    _id: stringId,
    version: { type: Number, required: true },
    updatedAt: isoString,
  }, { ...SCHEMA_OPTIONS, collection: 'meta' });
}

import type { SchemaOptions } from 'mongoose';

/**
 * Options every Medestander schema shares.
 * - Ids and timestamps come from the domain (store port rules), so no ObjectId, no `timestamps`.
 * - Timestamps are kept as the ISO-8601 UTC strings the port speaks: they round-trip exactly and sort
 *   as text in the same order as in SQLite. Only session expiry has an extra Date copy, for the TTL index.
 * - `versionKey: false`: ideas and cluster state carry the domain's own `version`; `__v` would be a second one.
 * - `autoIndex: false`: indexes are built once by the store's `init()` (`connection.syncIndexes()`),
 *   never in the background when a model is compiled.
 * - `minimize: false`: an empty object (notification params `{}`) is stored as `{}`, not dropped.
 */
export const SCHEMA_OPTIONS = {
  versionKey: false,
  autoIndex: false,
  minimize: false,
  id: false,
  strict: true,
} as const satisfies SchemaOptions;

/** A string id given by the domain (`newId()`), or another natural key. */
export const stringId = { type: String, required: true } as const;

/** A required ISO-8601 timestamp string. */
export const isoString = { type: String, required: true } as const;

/** An optional string stored as null when absent (the port uses null, never undefined). */
export const nullableString = { type: String, default: null } as const;

// A duplicate key from MongoDB must reach the domain as the same StoreConflictError SQLite gives,
// in whichever shape the driver reports it.
import { StoreConflictError } from '../store.js';

/**
 * True for MongoDB's duplicate key error (code 11000), as a server error or inside a bulk write error
 * (`insertMany`), where the driver also reports it per document in `writeErrors`.
 */
export function isDuplicateKey(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { code?: unknown; writeErrors?: unknown; cause?: unknown };
  if (e.code === 11000) return true;
  const writeErrors = Array.isArray(e.writeErrors) ? e.writeErrors : e.writeErrors ? [e.writeErrors] : [];
  if (writeErrors.some((w: { code?: unknown }) => w?.code === 11000)) return true;
  return e.cause !== undefined && e.cause !== err && isDuplicateKey(e.cause);
}

/** The index a duplicate key error is about, from `keyPattern` or else the server's message. */
export function duplicateKeyMentions(err: unknown, field: string): boolean {
  const e = err as { keyPattern?: Record<string, unknown>; writeErrors?: { err?: { keyPattern?: Record<string, unknown> } }[]; message?: unknown };
  if (e.keyPattern && field in e.keyPattern) return true;
  if (Array.isArray(e.writeErrors) && e.writeErrors.some((w) => w?.err?.keyPattern && field in w.err.keyPattern)) return true;
  return typeof e.message === 'string' && e.message.includes(field);
}

/**
 * Runs one write and turns a duplicate key error into StoreConflictError(what). Inside a transaction
 * this is still right: a thrown error that is not a MongoError makes `withTransaction` abort and
 * rethrow it without retrying, and a duplicate key is never a transient error worth a retry.
 */
export async function conflictAs<T>(what: StoreConflictError['what'], write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (isDuplicateKey(err)) throw new StoreConflictError(what);
    throw err;
  }
}

/**
 * SQLite's unique-key failures turned into the port's StoreConflictError, shared by the feature
 * adapters so each names the conflict the same way.
 */
import { StoreConflictError } from '../store.js';

export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Runs `fn`; a unique violation becomes StoreConflictError(what). */
export function conflictAs<T>(what: StoreConflictError['what'], fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (isUniqueViolation(err)) throw new StoreConflictError(what);
    throw err;
  }
}

/** Runs `fn`; a unique violation becomes StoreConflictError named after the table it happened in. */
export function conflictByTable<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const message = String((err as Error).message);
    const what = message.includes('endorsements.') ? 'endorsement' : message.includes('connections.') ? 'connection' : 'notification';
    throw new StoreConflictError(what);
  }
}

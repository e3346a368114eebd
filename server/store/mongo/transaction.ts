/**
 * How the feature modules run several writes as one: mongo-store.ts makes a `RunInTransaction` from
 * its connection and hands it to them, so no feature module needs the store (or imports it).
 */
import type mongoose from 'mongoose';

export type Session = mongoose.mongo.ClientSession;
/** Runs `fn` in one MongoDB transaction: all of its writes, or none. */
export type RunInTransaction = <T>(fn: (session: Session) => Promise<T>) => Promise<T>;

/** The options of a write that may run inside a transaction or on its own. */
export const inSession = (session?: Session): { session?: Session } => (session ? { session } : {});

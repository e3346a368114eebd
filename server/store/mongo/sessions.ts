/**
 * The MongoDB side of sessions (models/accounts.ts): express-session's records, shared by every
 * instance; a TTL index on `purgeAt` removes the expired ones on the server's side too.
 */
import type { Models } from '../../../models/index.js';
import type { SessionsPort } from '../store.js';
import { isoUtc, sessionFields, toSession } from './mapping.js';
import { eq } from './queries.js';

export function sessionsAdapter(m: Models): SessionsPort {
  return {
    async getSession(sid, now) {
      const d = await m.Session.findOne({ _id: eq(sid), expiresAt: { $gt: isoUtc(now) } }).lean();
      return d ? toSession(d) : null;
    },

    async setSession(session) {
      await m.Session.updateOne({ _id: session.sid }, { $set: sessionFields(session) }, { upsert: true });
    },

    async destroySession(sid) {
      await m.Session.deleteOne({ _id: eq(sid) });
    },

    async destroyUserSessions(userId) {
      return (await m.Session.deleteMany({ userId: eq(userId) })).deletedCount;
    },

    async purgeExpiredSessions(now) {
      return (await m.Session.deleteMany({ expiresAt: { $lte: isoUtc(now) } })).deletedCount;
    },
  };
}

/**
 * The SQLite side of sessions (schema: migration 1): express-session's records, so a restart or a
 * second process on the same file keeps everyone signed in.
 */
import type { SessionsPort } from '../store.js';
import { isoUtc, toSession, type Db, type Row } from './mapping.js';

export function sessionsAdapter(db: Db): SessionsPort {
  return {
    async getSession(sid, now) {
      const row = db.prepare('SELECT * FROM sessions WHERE sid = ? AND expires_at > ?')
        .get(sid, isoUtc(now)) as Row | undefined;
      return row ? toSession(row) : null;
    },

    async setSession(session) {
      db.prepare(`
        INSERT INTO sessions (sid, user_id, data, expires_at) VALUES (@sid, @userId, @data, @expiresAt)
        ON CONFLICT (sid) DO UPDATE SET user_id = excluded.user_id, data = excluded.data,
                                        expires_at = excluded.expires_at`).run(session);
    },

    async destroySession(sid) {
      db.prepare('DELETE FROM sessions WHERE sid = ?').run(sid);
    },

    async destroyUserSessions(userId) {
      return db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId).changes;
    },

    async purgeExpiredSessions(now) {
      return db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(isoUtc(now)).changes;
    },
  };
}

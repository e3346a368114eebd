import type Database from 'better-sqlite3';
import type { Invitation, InvitationPatch, User, AccountsAdminMethods } from '../store.js';

type Row = Record<string, unknown>;
type Db = Database.Database;


/** The row mappers of sqlite-store.ts, passed in so both read users and invitations the same way. */
export interface AccountRows {
  toUser(r: Row): User;
  toInvitation(r: Row): Invitation;
}

const INVITATION_COLUMNS: Record<keyof InvitationPatch, string> = { tokenHash: 'token_hash', expiresAt: 'expires_at', revokedAt: 'revoked_at' };

/**
 * The SQLite side of account management: no schema change (migration 1 has every column). One
 * connection per process and IMMEDIATE transactions, so the "last programme account" check and the
 * write cannot interleave with another request's.
 */
export function accountsAdminMethods(db: Db, { toUser, toInvitation }: AccountRows): AccountsAdminMethods {
  const getInvitation = (id: string): Invitation | null => {
    const row = db.prepare('SELECT * FROM invitations WHERE id = ?').get(id) as Row | undefined;
    return row ? toInvitation(row) : null;
  };
  const getUser = (id: string): User | null => {
    const row = db.prepare('SELECT * FROM users WHERE id = ?').get(id) as Row | undefined;
    return row ? toUser(row) : null;
  };

  return {
    async getInvitation(id) {
      return getInvitation(id);
    },

    async updateInvitation(id, patch) {
      const sets: string[] = [];
      const params: Record<string, unknown> = { id };
      for (const key of Object.keys(INVITATION_COLUMNS) as (keyof InvitationPatch)[]) {
        if (patch[key] === undefined) continue;
        sets.push(`${INVITATION_COLUMNS[key]} = @${key}`);
        params[key] = patch[key];
      }
      if (sets.length === 0) {
        const current = getInvitation(id);
        return current && current.usedAt === null && current.revokedAt === null ? current : null;
      }
      const changes = db.prepare(`UPDATE invitations SET ${sets.join(', ')}
                                  WHERE id = @id AND used_at IS NULL AND revoked_at IS NULL`).run(params).changes;
      return changes === 0 ? null : getInvitation(id);
    },

    async listUsers(filter = {}) {
      const where: string[] = [];
      const params: Record<string, unknown> = {};
      if (filter.organisationId !== undefined) { where.push('organisation_id = @organisationId'); params.organisationId = filter.organisationId; }
      if (filter.role !== undefined) { where.push('role = @role'); params.role = filter.role; }
      if (filter.active !== undefined) { where.push('active = @active'); params.active = Number(filter.active); }
      const rows = db.prepare(`SELECT * FROM users ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
                               ORDER BY created_at DESC, id DESC`).all(params) as Row[];
      return rows.map(toUser);
    },

    async setUserActive(id, active, updatedAt) {
      const run = db.transaction(() => {
        const user = getUser(id);
        if (!user) return { ok: false, reason: 'not_found' } as const;
        if (!active && user.active && user.role === 'programme') {
          const others = db.prepare(`SELECT count(*) AS n FROM users WHERE role = 'programme' AND active = 1 AND id <> ?`).get(id) as Row;
          if (Number(others.n) === 0) return { ok: false, reason: 'last_programme' } as const;
        }
        db.prepare('UPDATE users SET active = ?, updated_at = ? WHERE id = ?').run(Number(active), updatedAt, id);
        return { ok: true, user: { ...user, active, updatedAt } } as const;
      });
      return run.immediate();
    },
  };
}

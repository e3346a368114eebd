/**
 * The SQLite side of users and invitations (schema: migration 1; sessions are in sessions.ts). One connection per process and
 * IMMEDIATE transactions, so checks and writes (accepting an invitation, the "last programme account"
 * rule) cannot interleave with another request's.
 */
import {
  StoreConflictError,
  type Invitation,
  type InvitationPatch,
  type InvitationsPort,
  type User,
  type UserPatch,
  type UsersPort,
} from '../store.js';
import { conflictAs, isUniqueViolation } from './conflicts.js';
import { emailKey, toInvitation, toUser, type Db, type Row } from './mapping.js';

const USER_COLUMNS: Record<keyof UserPatch, string> = {
  name: 'name', phone: 'phone', passwordHash: 'password_hash', locale: 'locale', active: 'active',
};
const INVITATION_COLUMNS: Record<keyof InvitationPatch, string> = { tokenHash: 'token_hash', expiresAt: 'expires_at', revokedAt: 'revoked_at' };

export function usersAdapter(db: Db): UsersPort {
  return {
    async createUser(user) {
      insertUser(db, user);
    },

    async getUser(id) {
      return getUser(db, id);
    },

    async getUserByEmail(email) {
      const row = db.prepare('SELECT * FROM users WHERE email_key = ?').get(emailKey(email)) as Row | undefined;
      return row ? toUser(row) : null;
    },

    async updateUser(id, patch, updatedAt) {
      const sets = ['updated_at = @updatedAt'];
      const params: Record<string, unknown> = { id, updatedAt };
      for (const key of Object.keys(USER_COLUMNS) as (keyof UserPatch)[]) {
        const value = patch[key];
        if (value === undefined) continue;
        sets.push(`${USER_COLUMNS[key]} = @${key}`);
        params[key] = typeof value === 'boolean' ? Number(value) : value;
      }
      const changes = db.prepare(`UPDATE users SET ${sets.join(', ')} WHERE id = @id`).run(params).changes;
      return changes === 0 ? null : getUser(db, id);
    },

    async countUsers(filter = {}) {
      const row = filter.role === undefined
        ? db.prepare('SELECT count(*) AS n FROM users').get()
        : db.prepare('SELECT count(*) AS n FROM users WHERE role = ?').get(filter.role);
      return Number((row as Row).n);
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

    async listActiveMembers(organisationIds) {
      if (organisationIds.length === 0) return [];
      const ids = [...new Set(organisationIds)];
      const rows = db.prepare(`SELECT * FROM users WHERE active = 1 AND organisation_id IN (${ids.map(() => '?').join(', ')})
                               ORDER BY created_at, id`).all(...ids) as Row[];
      return rows.map(toUser);
    },

    async setUserActive(id, active, updatedAt) {
      const run = db.transaction(() => {
        const user = getUser(db, id);
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

export function invitationsAdapter(db: Db): InvitationsPort {
  return {
    async createInvitation(inv) {
      conflictAs('invitation', () => db.prepare(`
        INSERT INTO invitations (id, token_hash, email, name, role, organisation_id, invited_by,
                                 created_at, expires_at, used_at, revoked_at)
        VALUES (@id, @tokenHash, @email, @name, @role, @organisationId, @invitedBy,
                @createdAt, @expiresAt, @usedAt, @revokedAt)`).run(inv));
    },

    async getInvitation(id) {
      return getInvitation(db, id);
    },

    async getInvitationByTokenHash(tokenHash) {
      const row = db.prepare('SELECT * FROM invitations WHERE token_hash = ?').get(tokenHash) as Row | undefined;
      return row ? toInvitation(row) : null;
    },

    async listInvitations() {
      const rows = db.prepare('SELECT * FROM invitations ORDER BY created_at DESC, id DESC').all() as Row[];
      return rows.map(toInvitation);
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
        const current = getInvitation(db, id);
        return current && current.usedAt === null && current.revokedAt === null ? current : null;
      }
      const changes = db.prepare(`UPDATE invitations SET ${sets.join(', ')}
                                  WHERE id = @id AND used_at IS NULL AND revoked_at IS NULL`).run(params).changes;
      return changes === 0 ? null : getInvitation(db, id);
    },

    async acceptInvitation(invitationId, user, now) {
      const at = Date.parse(now);
      const accept = db.transaction(() => {
        const row = db.prepare('SELECT * FROM invitations WHERE id = ?').get(invitationId) as Row | undefined;
        if (!row) return false;
        const inv = toInvitation(row);
        if (inv.usedAt !== null || inv.revokedAt !== null || Date.parse(inv.expiresAt) <= at) return false;
        insertUser(db, user); // throws StoreConflictError: the transaction rolls back
        db.prepare('UPDATE invitations SET used_at = ? WHERE id = ? AND used_at IS NULL').run(now, invitationId);
        return true;
      });
      return accept.immediate();
    },
  };
}

function getUser(db: Db, id: string): User | null {
  const row = db.prepare('SELECT * FROM users WHERE id = ?').get(id) as Row | undefined;
  return row ? toUser(row) : null;
}

function getInvitation(db: Db, id: string): Invitation | null {
  const row = db.prepare('SELECT * FROM invitations WHERE id = ?').get(id) as Row | undefined;
  return row ? toInvitation(row) : null;
}

function insertUser(db: Db, user: User): void {
  try {
    db.prepare(`
      INSERT INTO users (id, email, email_key, name, phone, password_hash, role, organisation_id,
                         locale, active, created_at, updated_at)
      VALUES (@id, @email, @emailKey, @name, @phone, @passwordHash, @role, @organisationId,
              @locale, @active, @createdAt, @updatedAt)`)
      .run({ ...user, emailKey: emailKey(user.email), active: Number(user.active) });
  } catch (err) {
    if (isUniqueViolation(err) && String((err as Error).message).includes('email_key')) {
      throw new StoreConflictError('email');
    }
    throw err;
  }
}

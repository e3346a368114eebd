/**
 * The MongoDB side of users and invitations (models/accounts.ts; sessions are in sessions.ts).
 * Accepting an invitation and deactivating a programme account are transactions.
 */
import type { Models } from '../../../models/index.js';
import { StoreConflictError, type InvitationPatch, type InvitationsPort, type User, type UserPatch, type UsersPort } from '../store.js';
import { conflictAs, duplicateKeyMentions, isDuplicateKey } from './conflicts.js';
import { emailKey, invitationDoc, toInvitation, toUser, userDoc } from './mapping.js';
import { eq, NEWEST_FIRST, OLDEST_FIRST } from './queries.js';
import { inSession, type RunInTransaction, type Session } from './transaction.js';

const USER_PATCHABLE: readonly (keyof UserPatch)[] = ['name', 'phone', 'passwordHash', 'locale', 'active'];
const INVITATION_PATCHABLE: readonly (keyof InvitationPatch)[] = ['tokenHash', 'expiresAt', 'revokedAt'];

/**
 * A document in `meta` that every deactivation of a programme-team account writes inside its
 * transaction. Two officers deactivating each other at once would otherwise each count the other as
 * still active (snapshot isolation lets both commit: write skew); with a shared write the second
 * transaction conflicts, is retried by withTransaction, and then sees the first one's change.
 */
const PROGRAMME_LOCK_ID = 'programme-accounts-lock';

async function insertUser(m: Models, user: User, session?: Session): Promise<void> {
  try {
    await m.User.insertMany([userDoc(user)], inSession(session));
  } catch (err) {
    // Like SQLite: a taken e-mail is a conflict; a reused id is a bug, reported as it is.
    if (isDuplicateKey(err) && duplicateKeyMentions(err, 'emailKey')) throw new StoreConflictError('email');
    throw err;
  }
}

export function usersAdapter(m: Models, transaction: RunInTransaction): UsersPort {
  return {
    async createUser(user) {
      await insertUser(m, user);
    },

    async getUser(id) {
      const d = await m.User.findOne({ _id: eq(id) }).lean();
      return d ? toUser(d) : null;
    },

    async getUserByEmail(email) {
      const d = await m.User.findOne({ emailKey: emailKey(email) }).lean();
      return d ? toUser(d) : null;
    },

    async updateUser(id, patch, updatedAt) {
      const $set: Record<string, unknown> = { updatedAt };
      for (const key of USER_PATCHABLE) if (patch[key] !== undefined) $set[key] = patch[key];
      const d = await m.User.findOneAndUpdate({ _id: eq(id) }, { $set }, { returnDocument: 'after', runValidators: true }).lean();
      return d ? toUser(d) : null;
    },

    async countUsers(filter = {}) {
      return m.User.countDocuments(filter.role === undefined ? {} : { role: filter.role });
    },

    async listUsers(filter = {}) {
      const query: Record<string, unknown> = {};
      if (filter.organisationId !== undefined) query.organisationId = eq(filter.organisationId);
      if (filter.role !== undefined) query.role = eq(filter.role);
      if (filter.active !== undefined) query.active = filter.active;
      const docs = await m.User.find(query).sort(NEWEST_FIRST).lean();
      return docs.map(toUser);
    },

    async listActiveMembers(organisationIds) {
      if (organisationIds.length === 0) return [];
      const docs = await m.User.find({ active: true, organisationId: { $in: [...new Set(organisationIds)] } }).sort(OLDEST_FIRST).lean();
      return docs.map(toUser);
    },

    async setUserActive(id, active, updatedAt) {
      return transaction(async (session) => {
        const current = await m.User.findOne({ _id: eq(id) }).session(session).lean();
        if (!current) return { ok: false, reason: 'not_found' } as const;
        if (!active && current.active && current.role === 'programme') {
          await m.Meta.updateOne(
            { _id: PROGRAMME_LOCK_ID },
            { $set: { updatedAt }, $setOnInsert: { version: 0 } },
            { upsert: true, session },
          );
          const others = await m.User.countDocuments({ role: 'programme', active: true, _id: { $ne: id } }).session(session);
          if (others === 0) return { ok: false, reason: 'last_programme' } as const;
        }
        const d = await m.User.findOneAndUpdate({ _id: eq(id) }, { $set: { active, updatedAt } }, { returnDocument: 'after', session }).lean();
        return d ? { ok: true, user: toUser(d) } as const : { ok: false, reason: 'not_found' } as const;
      });
    },
  };
}

export function invitationsAdapter(m: Models, transaction: RunInTransaction): InvitationsPort {
  return {
    async createInvitation(inv) {
      await conflictAs('invitation', () => m.Invitation.insertMany([invitationDoc(inv)]));
    },

    async getInvitation(id) {
      const d = await m.Invitation.findOne({ _id: eq(id) }).lean();
      return d ? toInvitation(d) : null;
    },

    async getInvitationByTokenHash(tokenHash) {
      const d = await m.Invitation.findOne({ tokenHash: eq(tokenHash) }).lean();
      return d ? toInvitation(d) : null;
    },

    async listInvitations() {
      const docs = await m.Invitation.find({}).sort(NEWEST_FIRST).lean();
      return docs.map(toInvitation);
    },

    async updateInvitation(id, patch) {
      const $set: Record<string, string> = {};
      for (const key of INVITATION_PATCHABLE) if (patch[key] !== undefined) $set[key] = patch[key];
      const open = { _id: eq(id), usedAt: null, revokedAt: null };
      const d = Object.keys($set).length === 0
        ? await m.Invitation.findOne(open).lean()
        : await m.Invitation.findOneAndUpdate(open, { $set }, { returnDocument: 'after', runValidators: true }).lean();
      return d ? toInvitation(d) : null;
    },

    async acceptInvitation(invitationId, user, now) {
      const at = Date.parse(now);
      return transaction(async (session) => {
        const inv = await m.Invitation.findOne({ _id: eq(invitationId) }).session(session).lean();
        if (!inv) return false;
        if (inv.usedAt != null || inv.revokedAt != null || Date.parse(inv.expiresAt) <= at) return false;
        // Mark it used first: a second, concurrent accept then hits a write conflict on this document,
        // is retried by withTransaction, and finds it used.
        const marked = await m.Invitation.updateOne({ _id: invitationId, usedAt: null }, { $set: { usedAt: now } }, { session });
        if (marked.modifiedCount !== 1) return false;
        await insertUser(m, user, session); // StoreConflictError aborts the transaction: the invitation stays unused
        return true;
      });
    },
  };
}

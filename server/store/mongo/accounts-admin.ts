import type { Models } from '../../../models/index.js';
import type { InvitationPatch, AccountsAdminMethods } from '../store.js';
import { toInvitation, toUser } from './mapping.js';
import type { RunInTransaction } from './mongo-store.js';


const eq = (value: string) => ({ $eq: value });
const NEWEST_FIRST = { createdAt: -1, _id: -1 } as const;
const INVITATION_PATCHABLE: readonly (keyof InvitationPatch)[] = ['tokenHash', 'expiresAt', 'revokedAt'];

/**
 * A document in `meta` that every deactivation of a programme-team account writes inside its
 * transaction. Two officers deactivating each other at once would otherwise each count the other as
 * still active (snapshot isolation lets both commit: write skew); with a shared write the second
 * transaction conflicts, is retried by withTransaction, and then sees the first one's change.
 */
const PROGRAMME_LOCK_ID = 'programme-accounts-lock';

/** The MongoDB side of account management; no new collections or indexes. */
export function accountsAdminMethods(m: Models, transaction: RunInTransaction): AccountsAdminMethods {
  return {
    async getInvitation(id) {
      const d = await m.Invitation.findOne({ _id: eq(id) }).lean();
      return d ? toInvitation(d) : null;
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

    async listUsers(filter = {}) {
      const query: Record<string, unknown> = {};
      if (filter.organisationId !== undefined) query.organisationId = eq(filter.organisationId);
      if (filter.role !== undefined) query.role = eq(filter.role);
      if (filter.active !== undefined) query.active = filter.active;
      const docs = await m.User.find(query).sort(NEWEST_FIRST).lean();
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

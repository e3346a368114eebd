import type { ClientSession } from 'mongoose';
import type { Models, OutboxMailDoc } from '../../../models/index.js';
import { MAIL_KIND_OF, type MailOutboxMethods, type Notification, type OutboxMail, type Store } from '../store.js';
import { conflictAs } from './conflicts.js';
import { notificationDoc } from './mapping.js';

/**
 * Inserts notifications and, for each one of a kind that may be mailed, its outbox document, in the
 * caller's transaction (`session`): the mail is owed exactly when the notification exists (issue 16).
 */
export async function insertNotificationsWithMail(m: Models, list: Notification[], session?: ClientSession): Promise<void> {
  if (list.length === 0) return;
  const opts = session ? { session } : {};
  await conflictAs('notification', () => m.Notification.insertMany(list.map(notificationDoc), opts));
  const owed: OutboxMailDoc[] = list.filter((n) => MAIL_KIND_OF[n.kind]).map((n) => ({
    _id: n.id, userId: n.userId, kind: n.kind, params: { ...n.params }, link: n.link, state: 'pending', attempts: 0,
    nextAttemptAt: n.createdAt, leaseUntil: null, lastError: null, createdAt: n.createdAt, doneAt: null,
  }));
  if (owed.length > 0) await conflictAs('notification', () => m.OutboxMail.insertMany(owed, opts));
}

/**
 * The MongoDB side of the mail outbox. A claim is one findOneAndUpdate per mail (atomic per document):
 * two senders never take the same mail.
 */
export function mailOutboxMethods(m: Models): MailOutboxMethods {
  const due = (now: string) => ({ $or: [{ state: 'pending', nextAttemptAt: { $lte: now } }, { state: 'sending', leaseUntil: { $lte: now } }] });
  return {
    async claimOutbox(now, leaseUntil, limit) {
      const taken: OutboxMail[] = [];
      while (taken.length < limit) {
        const d = await m.OutboxMail.findOneAndUpdate(due(now), { $set: { state: 'sending', leaseUntil }, $inc: { attempts: 1 } },
          { sort: { nextAttemptAt: 1, _id: 1 }, new: true }).lean<OutboxMailDoc>();
        if (!d) break;
        taken.push(toOutboxMail(d));
      }
      return taken;
    },
    async settleOutbox(id, { state, at, error }) {
      const set: Record<string, unknown> = { state, doneAt: at, leaseUntil: null };
      if (error !== undefined) set.lastError = error;
      return (await m.OutboxMail.updateOne({ _id: id, state: 'sending' }, { $set: set })).modifiedCount === 1;
    },
    async deferOutbox(id, nextAttemptAt, error) {
      return (await m.OutboxMail.updateOne({ _id: id, state: 'sending' },
        { $set: { state: 'pending', nextAttemptAt, leaseUntil: null, lastError: error } })).modifiedCount === 1;
    },
    async listOutbox({ userId, state, limit }) {
      const filter: Record<string, unknown> = {};
      if (userId !== undefined) filter.userId = userId;
      if (state !== undefined) filter.state = state;
      const docs = await m.OutboxMail.find(filter).sort({ createdAt: -1, _id: -1 }).limit(limit).lean<OutboxMailDoc[]>();
      return docs.map(toOutboxMail);
    },
    async nextOutboxDue() {
      const [pending] = await m.OutboxMail.find({ state: 'pending' }).sort({ nextAttemptAt: 1 }).limit(1).lean<OutboxMailDoc[]>();
      const [sending] = await m.OutboxMail.find({ state: 'sending' }).sort({ leaseUntil: 1 }).limit(1).lean<OutboxMailDoc[]>();
      const times = [pending?.nextAttemptAt, sending?.leaseUntil].filter((t): t is string => typeof t === 'string').sort();
      return times[0] ?? null;
    },
  };
}

/** Several instances on MongoDB learn of each other's writes through Redis (server/cluster), not here. */
export const outsideChangeMarker: Store['outsideChangeMarker'] = async () => null;

function toOutboxMail(d: OutboxMailDoc): OutboxMail {
  return {
    id: d._id, userId: String(d.userId), kind: d.kind, params: { ...(d.params ?? {}) }, link: String(d.link), state: d.state,
    attempts: Number(d.attempts), nextAttemptAt: String(d.nextAttemptAt), leaseUntil: d.leaseUntil ?? null,
    lastError: d.lastError ?? null, createdAt: String(d.createdAt), doneAt: d.doneAt ?? null,
  };
}

/** As store/sqlite/personal-data.ts: one transaction, nothing written when it fails half-way. */
export function anonymiseUser(m: Models, transaction: (fn: (session: ClientSession) => Promise<boolean>) => Promise<boolean>): Store['anonymiseUser'] {
  return ({ userId, anonymous, contact, at }) => transaction(async (session) => {
    const user = await m.User.findById(userId).session(session).lean();
    if (!user) return false;
    await m.User.updateOne({ _id: userId }, { $set: {
      name: anonymous.name, email: anonymous.email, emailKey: anonymous.email.toLowerCase(), phone: null, passwordHash: null, active: false, updatedAt: at,
    } }, { session });
    const ideas = await m.Idea.find({ organisationId: user.organisationId }, { contact: 1 }).session(session).lean<{ _id: string; contact: { email: string } }[]>();
    for (const idea of ideas) {
      if (idea.contact.email.toLowerCase() !== user.emailKey) continue;
      await m.Idea.updateOne({ _id: idea._id }, { $set: { contact: { ...contact }, updatedAt: at }, $inc: { version: 1 } }, { session });
    }
    await m.Session.deleteMany({ userId }, { session });
    await m.Notification.deleteMany({ userId }, { session });
    await m.NotificationSettings.deleteMany({ _id: userId }, { session });
    await m.DigestItem.deleteMany({ userId }, { session });
    await m.OutboxMail.deleteMany({ userId, state: { $in: ['pending', 'sending'] } }, { session });
    await m.OutboxMail.updateMany({ userId }, { $set: { params: {} } }, { session });
    return true;
  });
}

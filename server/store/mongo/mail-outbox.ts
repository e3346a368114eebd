/**
 * The MongoDB side of the mail outbox (models/allies.ts). Its documents are added with their
 * notification (notifications.ts); a claim is one findOneAndUpdate per mail (atomic per document):
 * two senders never take the same mail.
 */
import type { Models, OutboxMailDoc } from '../../../models/index.js';
import type { MailOutboxPort, OutboxMail } from '../store.js';
import { toOutboxMail } from './mapping.js';

export function mailOutboxAdapter(m: Models): MailOutboxPort {
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

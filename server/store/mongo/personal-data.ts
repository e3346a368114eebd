/**
 * The MongoDB side of erasing a user's personal data (issue 16.6), as store/sqlite/personal-data.ts:
 * one transaction over every collection that holds some, nothing written when it fails half-way.
 */
import type { Models } from '../../../models/index.js';
import type { PersonalDataPort } from '../store.js';
import type { RunInTransaction } from './transaction.js';

export function personalDataAdapter(m: Models, transaction: RunInTransaction): PersonalDataPort {
  return {
    anonymiseUser: ({ userId, anonymous, contact, at }) => transaction(async (session) => {
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
      await m.CheckIn.updateMany({ requestedBy: userId }, { $set: { note: '' } }, { session });
      await m.ProjectJoinRequest.updateMany({ requestedBy: userId }, { $set: { message: null } }, { session });
      return true;
    }),
  };
}

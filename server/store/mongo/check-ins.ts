/**
 * The MongoDB side of check-ins (models/check-ins.ts). Mirrors store/sqlite/check-ins.ts: a step
 * writes the check-in over its expected version and its notifications in one transaction.
 */
import type { CheckInDoc, Models } from '../../../models/index.js';
import type { CheckInQuery, CheckInRecord, CheckInsPort } from '../store.js';
import { conflictAs } from './conflicts.js';
import { isoUtc } from './mapping.js';
import { insertNotificationsWithMail } from './notifications.js';
import type { RunInTransaction } from './transaction.js';

type Lean = CheckInDoc & { _id: string };

/** A plain record in the port's field order, whatever mongoose gave back. */
function toCheckIn(d: Lean): CheckInRecord {
  return {
    id: d._id, organisationId: d.organisationId, requestedBy: d.requestedBy, subject: { type: d.subject.type, id: d.subject.id },
    subjectTitle: d.subjectTitle, preferredMoments: [...d.preferredMoments], note: d.note ?? '', status: d.status,
    moment: d.moment ?? null, durationMinutes: d.durationMinutes, place: d.place ?? null, confirmedBy: d.confirmedBy ?? null,
    proposedBy: d.proposedBy ?? null, cancelledBy: d.cancelledBy ?? null, sequence: d.sequence,
    createdAt: d.createdAt, updatedAt: d.updatedAt, version: d.version,
  };
}

function toDoc(c: CheckInRecord): Lean {
  const { id, ...rest } = structuredClone(c);
  return { _id: id, ...rest, momentUtc: c.moment === null ? null : isoUtc(c.moment) };
}

export function checkInsAdapter(m: Models, transaction: RunInTransaction): CheckInsPort {
  return {
    async createCheckIn(checkIn, notifications) {
      await transaction(async (session) => {
        await conflictAs('check_in', () => m.CheckIn.insertMany([toDoc(checkIn)], { session }));
        await insertNotificationsWithMail(m, notifications, session);
      });
    },

    async getCheckIn(id) {
      const d = await m.CheckIn.findOne({ _id: { $eq: id } }).lean<Lean>();
      return d ? toCheckIn(d) : null;
    },

    async listCheckIns(query: CheckInQuery = {}) {
      const filter: Record<string, unknown> = {};
      if (query.organisationId !== undefined) filter.organisationId = { $eq: query.organisationId };
      if (query.statuses !== undefined) filter.status = { $in: [...query.statuses] };
      const range: Record<string, string> = {};
      if (query.momentFrom !== undefined) range.$gte = isoUtc(query.momentFrom);
      if (query.momentTo !== undefined) range.$lt = isoUtc(query.momentTo);
      if (Object.keys(range).length) filter.momentUtc = range;
      return (await m.CheckIn.find(filter).sort({ createdAt: -1, _id: -1 }).lean<Lean[]>()).map(toCheckIn);
    },

    async saveCheckInStep({ checkIn, expectedVersion, notifications }) {
      return transaction(async (session) => {
        const { _id, ...fields } = toDoc(checkIn);
        const result = await m.CheckIn.updateOne({ _id: { $eq: _id }, version: { $eq: expectedVersion } }, { $set: fields }, { session });
        if (result.matchedCount === 0) return false;
        await insertNotificationsWithMail(m, notifications, session);
        return true;
      });
    },
  };
}

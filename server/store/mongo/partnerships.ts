/**
 * The MongoDB side of partnerships (models/partnerships.ts). Mirrors store/sqlite/partnerships.ts:
 * a second partnership for an idea is StoreConflictError('partnership'); a step runs in one
 * transaction and writes nothing when the stored version is not the expected one.
 */
import type { Models, PartnershipDoc, PartnershipMembershipDoc } from '../../../models/index.js';
import type { Partnership, PartnershipMembership, PartnershipRecord, PartnershipsPort } from '../store.js';
import { conflictAs } from './conflicts.js';
import { insertNotificationsWithMail } from './notifications.js';
import { NEWEST_FIRST, eq } from './queries.js';
import type { RunInTransaction, Session } from './transaction.js';

type Lean = PartnershipDoc;

function toRecord(d: Lean): PartnershipRecord {
  return {
    id: d._id, ideaId: d.ideaId, callId: d.callId ?? null, title: d.title, leadOrganisationId: d.leadOrganisationId,
    status: d.status, leadOfferedTo: d.leadOfferedTo ?? null, createdAt: d.createdAt, updatedAt: d.updatedAt,
    submittedAt: d.submittedAt ?? null, decidedAt: d.decidedAt ?? null, version: d.version,
  };
}

function toMembership(d: PartnershipMembershipDoc): PartnershipMembership {
  return {
    partnershipId: d.partnershipId, organisationId: d.organisationId, state: d.state, via: d.via, startedBy: d.startedBy,
    answeredBy: d.answeredBy ?? null, createdAt: d.createdAt, answeredAt: d.answeredAt ?? null,
  };
}

const membershipKey = (partnershipId: string, organisationId: string): string => `${partnershipId}:${organisationId}`;

/** The fields a step may change (never the idea, the creation time or the id). */
const stepFields = (p: PartnershipRecord, version: number) => ({
  callId: p.callId, title: p.title, leadOrganisationId: p.leadOrganisationId, status: p.status, leadOfferedTo: p.leadOfferedTo,
  updatedAt: p.updatedAt, submittedAt: p.submittedAt, decidedAt: p.decidedAt, version,
});

export function partnershipsAdapter(m: Models, transaction: RunInTransaction): PartnershipsPort {
  const upsertMemberships = async (partnershipId: string, list: PartnershipMembership[], session: Session): Promise<void> => {
    for (const ms of list) {
      const doc = { ...structuredClone(ms), partnershipId };
      await m.PartnershipMembership.replaceOne({ _id: eq(membershipKey(partnershipId, ms.organisationId)) },
        { _id: membershipKey(partnershipId, ms.organisationId), ...doc }, { upsert: true, session });
    }
  };

  /** Each partnership with its memberships, in the order given. */
  const withMemberships = async (docs: Lean[]): Promise<Partnership[]> => {
    if (docs.length === 0) return [];
    const members = await m.PartnershipMembership.find({ partnershipId: { $in: docs.map((d) => d._id) } })
      .sort({ createdAt: 1, organisationId: 1 }).lean<PartnershipMembershipDoc[]>();
    const byId = new Map<string, PartnershipMembership[]>();
    for (const ms of members.map(toMembership)) byId.set(ms.partnershipId, [...(byId.get(ms.partnershipId) ?? []), ms]);
    return docs.map((d) => ({ ...toRecord(d), memberships: byId.get(d._id) ?? [] }));
  };

  return {
    async createPartnership(p, lead, notifications) {
      const { id, ...rest } = structuredClone(p);
      await transaction(async (session) => {
        await conflictAs('partnership', () => m.Partnership.insertMany([{ _id: id, ...rest, version: 1 }], { session }));
        await upsertMemberships(id, [lead], session);
        await insertNotificationsWithMail(m, notifications, session);
      });
    },

    async getPartnership(id) {
      const d = await m.Partnership.findOne({ _id: eq(id) }).lean<Lean>();
      return d ? (await withMemberships([d]))[0]! : null;
    },

    async getPartnershipForIdea(ideaId) {
      const d = await m.Partnership.findOne({ ideaId: eq(ideaId) }).lean<Lean>();
      return d ? (await withMemberships([d]))[0]! : null;
    },

    async listPartnerships(query = {}) {
      const filter: Record<string, unknown> = {};
      if (query.organisationId !== undefined) {
        filter._id = { $in: await m.PartnershipMembership.find({ organisationId: eq(query.organisationId) }).distinct('partnershipId') };
      }
      if (query.callId !== undefined) filter.callId = eq(query.callId);
      if (query.status !== undefined) filter.status = eq(query.status);
      return withMemberships(await m.Partnership.find(filter).sort(NEWEST_FIRST).lean<Lean[]>());
    },

    async savePartnershipStep({ partnership: p, expectedVersion, memberships, notifications }) {
      return transaction(async (session) => {
        const r = await m.Partnership.updateOne({ _id: eq(p.id), version: expectedVersion },
          { $set: stepFields(structuredClone(p), expectedVersion + 1) }, { session, runValidators: true });
        if (r.matchedCount === 0) return false;
        await upsertMemberships(p.id, memberships, session);
        await insertNotificationsWithMail(m, notifications, session);
        return true;
      });
    },

    async countPartnershipsByCall() {
      const rows = await m.Partnership.aggregate<{ _id: { callId: string | null; status: PartnershipRecord['status'] }; count: number }>([
        { $group: { _id: { callId: { $ifNull: ['$callId', null] }, status: '$status' }, count: { $sum: 1 } } },
        { $sort: { '_id.callId': 1, '_id.status': 1 } },
      ]);
      return rows.map((r) => ({ callId: r._id.callId, status: r._id.status, count: r.count }));
    },
  };
}

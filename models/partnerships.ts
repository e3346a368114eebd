// Partnerships in MongoDB, the twins of SQLite's `partnerships` and `partnership_memberships` tables
// (migration 9): one document per partnership, one per organisation that stands in it.
import { Schema } from 'mongoose';
import { MEMBERSHIP_STATES, PARTNERSHIP_STATUSES, type PartnershipMembership, type PartnershipRecord } from '../server/store/store.js';
import { SCHEMA_OPTIONS, isoString, nullableString, stringId } from './common.js';

export type PartnershipDoc = Omit<PartnershipRecord, 'id'> & { _id: string };

/** One partnership per idea (unique `ideaId`); `version` is the domain's, written optimistically. */
export function partnershipSchema(): Schema<PartnershipDoc> {
  const schema = new Schema<PartnershipDoc>({
    _id: stringId,
    ideaId: { type: String, required: true },
    callId: nullableString,
    title: { type: String, required: true },
    leadOrganisationId: { type: String, required: true },
    status: { type: String, required: true, enum: PARTNERSHIP_STATUSES },
    leadOfferedTo: nullableString,
    createdAt: isoString,
    updatedAt: isoString,
    submittedAt: nullableString,
    decidedAt: nullableString,
    version: { type: Number, required: true },
  }, { ...SCHEMA_OPTIONS, collection: 'partnerships' });
  schema.index({ ideaId: 1 }, { unique: true, name: 'partnerships_idea' });
  schema.index({ createdAt: -1, _id: -1 }, { name: 'partnerships_newest' });
  schema.index({ callId: 1, status: 1 }, { name: 'partnerships_call' });
  return schema;
}

/** `_id` is `<partnershipId>:<organisationId>`, so a step upserts by the same key SQLite's primary key is. */
export type PartnershipMembershipDoc = PartnershipMembership & { _id: string };

/** Unique per partnership and organisation, like SQLite's primary key. */
export function partnershipMembershipSchema(): Schema<PartnershipMembershipDoc> {
  const schema = new Schema<PartnershipMembershipDoc>({
    _id: stringId,
    partnershipId: { type: String, required: true },
    organisationId: { type: String, required: true },
    state: { type: String, required: true, enum: MEMBERSHIP_STATES },
    via: { type: String, required: true, enum: ['opened', 'invitation', 'request'] },
    startedBy: { type: String, required: true },
    answeredBy: nullableString,
    createdAt: isoString,
    answeredAt: nullableString,
  }, { ...SCHEMA_OPTIONS, collection: 'partnership_memberships' });
  schema.index({ partnershipId: 1, organisationId: 1 }, { unique: true, name: 'partnership_memberships_key' });
  schema.index({ organisationId: 1 }, { name: 'partnership_memberships_organisation' });
  return schema;
}

// The catalogue of projects under way and the requests to join them in MongoDB, the twins of SQLite's
// `projects` and `project_join_requests` tables (migration 10).
import { Schema } from 'mongoose';
import type { ProjectJoinRequest, ProjectRecord } from '../server/store/store.js';
import { SCHEMA_OPTIONS, isoString, nullableString, stringId } from './common.js';

export type ProjectDoc = Omit<ProjectRecord, 'id'> & { _id: string };
export type ProjectJoinRequestDoc = Omit<ProjectJoinRequest, 'id'> & { _id: string };

/** One document per project; the reference key and the partnership are unique where set, like SQLite's columns. */
export function projectSchema(): Schema<ProjectDoc> {
  const schema = new Schema<ProjectDoc>({
    _id: stringId,
    title: { type: String, required: true },
    summary: { type: String, default: '' },
    callId: nullableString,
    callNumber: { type: Number, default: null },
    type: { type: String, required: true, enum: ['concept', 'thematic', 'transformation'] },
    theme: { type: String, required: true },
    leadOrganisationId: nullableString,
    leadName: { type: String, required: true },
    partnerOrganisationIds: { type: [String], default: [] },
    otherPartners: { type: [String], default: [] },
    status: { type: String, required: true, enum: ['submitted', 'funded', 'running', 'ended'] },
    url: nullableString,
    partnershipId: nullableString,
    source: { type: String, required: true, enum: ['reference', 'programme', 'partnership'] },
    referenceKey: nullableString,
    createdAt: isoString,
    updatedAt: isoString,
  }, { ...SCHEMA_OPTIONS, collection: 'projects' });
  schema.index({ referenceKey: 1 }, { unique: true, name: 'projects_reference_key', partialFilterExpression: { referenceKey: { $type: 'string' } } });
  schema.index({ partnershipId: 1 }, { unique: true, name: 'projects_partnership', partialFilterExpression: { partnershipId: { $type: 'string' } } });
  schema.index({ callNumber: 1, title: 1, _id: 1 }, { name: 'projects_order' });
  return schema;
}

/** One document per request; the open one is unique per project and organisation. */
export function projectJoinRequestSchema(): Schema<ProjectJoinRequestDoc> {
  const schema = new Schema<ProjectJoinRequestDoc>({
    _id: stringId,
    projectId: { type: String, required: true },
    organisationId: { type: String, required: true },
    requestedBy: { type: String, required: true },
    message: nullableString,
    status: { type: String, required: true, enum: ['open', 'accepted', 'declined'] },
    createdAt: isoString,
    answeredAt: nullableString,
    answeredBy: nullableString,
  }, { ...SCHEMA_OPTIONS, collection: 'project_join_requests' });
  schema.index({ projectId: 1, organisationId: 1 }, { unique: true, name: 'project_join_requests_open', partialFilterExpression: { status: 'open' } });
  schema.index({ projectId: 1, createdAt: 1, _id: 1 }, { name: 'project_join_requests_project' });
  return schema;
}

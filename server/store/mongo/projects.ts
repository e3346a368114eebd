/**
 * The MongoDB side of the projects catalogue and its join requests (models/projects.ts). Mirrors
 * store/sqlite/projects.ts: a taken id, reference key or partnership is StoreConflictError('project'),
 * a second open request StoreConflictError('project_join_request'); answering runs in one transaction.
 */
import type { Models, ProjectDoc, ProjectJoinRequestDoc } from '../../../models/index.js';
import type { ProjectJoinRequest, ProjectRecord, ProjectsPort } from '../store.js';
import { conflictAs } from './conflicts.js';
import { insertNotificationsWithMail } from './notifications.js';
import type { RunInTransaction } from './transaction.js';

type LeanProject = ProjectDoc & { _id: string };
type LeanRequest = ProjectJoinRequestDoc & { _id: string };

/** A plain record in the port's field order, whatever mongoose gave back. */
function toProject(d: LeanProject): ProjectRecord {
  return {
    id: d._id, title: d.title, summary: d.summary ?? '', callId: d.callId ?? null, callNumber: d.callNumber ?? null, type: d.type, theme: d.theme,
    leadOrganisationId: d.leadOrganisationId ?? null, leadName: d.leadName, partnerOrganisationIds: [...(d.partnerOrganisationIds ?? [])],
    otherPartners: [...(d.otherPartners ?? [])], status: d.status, url: d.url ?? null, partnershipId: d.partnershipId ?? null,
    source: d.source, referenceKey: d.referenceKey ?? null, createdAt: d.createdAt, updatedAt: d.updatedAt,
  };
}

function toRequest(d: LeanRequest): ProjectJoinRequest {
  return {
    id: d._id, projectId: d.projectId, organisationId: d.organisationId, requestedBy: d.requestedBy, message: d.message ?? null,
    status: d.status, createdAt: d.createdAt, answeredAt: d.answeredAt ?? null, answeredBy: d.answeredBy ?? null,
  };
}

/** By call number with the projects without one last, then title and id: SQLite's order. */
const inOrder = (list: ProjectRecord[]) => list.sort((a, b) =>
  (a.callNumber === null ? 1 : 0) - (b.callNumber === null ? 1 : 0) || (a.callNumber ?? 0) - (b.callNumber ?? 0)
  || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

export function projectsAdapter(m: Models, transaction: RunInTransaction): ProjectsPort {
  const findOne = async (filter: Record<string, unknown>) => {
    const d = await m.Project.findOne(filter).lean<LeanProject>();
    return d ? toProject(d) : null;
  };
  return {
    async createProject(project) {
      const { id, ...rest } = structuredClone(project);
      await conflictAs('project', () => m.Project.insertMany([{ _id: id, ...rest }]));
    },

    getProject: (id) => findOne({ _id: { $eq: id } }),
    getProjectByReferenceKey: (key) => findOne({ referenceKey: { $eq: key } }),
    getProjectForPartnership: (partnershipId) => findOne({ partnershipId: { $eq: partnershipId } }),

    async listProjects(query = {}) {
      const filter: Record<string, unknown> = {};
      if (query.callId !== undefined) filter.callId = { $eq: query.callId };
      if (query.theme !== undefined) filter.theme = { $eq: query.theme };
      if (query.status !== undefined) filter.status = { $eq: query.status };
      return inOrder((await m.Project.find(filter).lean<LeanProject[]>()).map(toProject));
    },

    async updateProject(id, patch, updatedAt) {
      const d = await m.Project.findOneAndUpdate({ _id: { $eq: id } }, { $set: { ...structuredClone(patch), updatedAt } }, { new: true }).lean<LeanProject>();
      return d ? toProject(d) : null;
    },

    async createProjectJoinRequest(request, notifications) {
      const { id, ...rest } = structuredClone(request);
      await transaction(async (session) => {
        await conflictAs('project_join_request', () => m.ProjectJoinRequest.insertMany([{ _id: id, ...rest }], { session }));
        await insertNotificationsWithMail(m, notifications, session);
      });
    },

    async getProjectJoinRequest(id) {
      const d = await m.ProjectJoinRequest.findOne({ _id: { $eq: id } }).lean<LeanRequest>();
      return d ? toRequest(d) : null;
    },

    async listProjectJoinRequests(query = {}) {
      const filter: Record<string, unknown> = {};
      if (query.projectId !== undefined) filter.projectId = { $eq: query.projectId };
      if (query.organisationId !== undefined) filter.organisationId = { $eq: query.organisationId };
      if (query.status !== undefined) filter.status = { $eq: query.status };
      return (await m.ProjectJoinRequest.find(filter).sort({ createdAt: 1, _id: 1 }).lean<LeanRequest[]>()).map(toRequest);
    },

    async answerProjectJoinRequest(id, answer, notifications) {
      return transaction(async (session) => {
        const d = await m.ProjectJoinRequest.findOneAndUpdate({ _id: { $eq: id }, status: 'open' }, { $set: { ...answer } }, { new: true, session }).lean<LeanRequest>();
        if (!d) return null;
        if (answer.status === 'accepted') {
          await m.Project.updateOne(
            { _id: d.projectId, leadOrganisationId: { $ne: d.organisationId }, partnerOrganisationIds: { $ne: d.organisationId } },
            { $push: { partnerOrganisationIds: d.organisationId }, $set: { updatedAt: answer.answeredAt } },
            { session },
          );
        }
        await insertNotificationsWithMail(m, notifications, session);
        return toRequest(d);
      });
    },
  };
}

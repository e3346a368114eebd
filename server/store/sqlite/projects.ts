/**
 * The SQLite side of the projects catalogue and its join requests (schema: migration 10): one row per
 * project, its lists as JSON text; one row per join request, the open one unique per organisation.
 * The row mapping lives here (not in mapping.ts): nothing else reads these tables.
 */
import type { CallKind, JoinRequestStatus, ProjectJoinRequest, ProjectRecord, ProjectsPort, ProjectSource, ProjectStatus, Theme } from '../store.js';
import { conflictAs } from './conflicts.js';
import type { Db, Row } from './mapping.js';
import { notificationInserter } from './notifications.js';

const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function toProject(r: Row): ProjectRecord {
  return {
    id: String(r.id), title: String(r.title), summary: String(r.summary), callId: strOrNull(r.call_id),
    callNumber: r.call_number === null ? null : Number(r.call_number), type: String(r.type) as CallKind, theme: String(r.theme) as Theme,
    leadOrganisationId: strOrNull(r.lead_organisation_id), leadName: String(r.lead_name),
    partnerOrganisationIds: JSON.parse(String(r.partner_organisation_ids)) as string[], otherPartners: JSON.parse(String(r.other_partners)) as string[],
    status: String(r.status) as ProjectStatus, url: strOrNull(r.url), partnershipId: strOrNull(r.partnership_id),
    source: String(r.source) as ProjectSource, referenceKey: strOrNull(r.reference_key), createdAt: String(r.created_at), updatedAt: String(r.updated_at),
  };
}

const toRow = (p: ProjectRecord): Row => ({
  ...p, partnerOrganisationIds: JSON.stringify(p.partnerOrganisationIds), otherPartners: JSON.stringify(p.otherPartners),
});

function toRequest(r: Row): ProjectJoinRequest {
  return {
    id: String(r.id), projectId: String(r.project_id), organisationId: String(r.organisation_id), requestedBy: String(r.requested_by),
    message: strOrNull(r.message), status: String(r.status) as JoinRequestStatus, createdAt: String(r.created_at),
    answeredAt: strOrNull(r.answered_at), answeredBy: strOrNull(r.answered_by),
  };
}

const ORDER = 'ORDER BY call_number IS NULL, call_number, title, id';

export function projectsAdapter(db: Db): ProjectsPort {
  const insertNotifications = notificationInserter(db);
  const one = (sql: string, ...args: unknown[]) => {
    const row = db.prepare(sql).get(...args) as Row | undefined;
    return row ? toProject(row) : null;
  };
  const getProject = async (id: string) => one('SELECT * FROM projects WHERE id = ?', id);
  const getRequest = (id: string) => {
    const row = db.prepare('SELECT * FROM project_join_requests WHERE id = ?').get(id) as Row | undefined;
    return row ? toRequest(row) : null;
  };
  const write = (p: ProjectRecord) => db.prepare(`UPDATE projects SET title = @title, summary = @summary, call_id = @callId,
      call_number = @callNumber, type = @type, theme = @theme, lead_organisation_id = @leadOrganisationId, lead_name = @leadName,
      partner_organisation_ids = @partnerOrganisationIds, other_partners = @otherPartners, status = @status, url = @url,
      updated_at = @updatedAt WHERE id = @id`).run(toRow(p));

  return {
    async createProject(project) {
      conflictAs('project', () => db.prepare(`INSERT INTO projects (id, title, summary, call_id, call_number, type, theme,
          lead_organisation_id, lead_name, partner_organisation_ids, other_partners, status, url, partnership_id, source, reference_key,
          created_at, updated_at)
        VALUES (@id, @title, @summary, @callId, @callNumber, @type, @theme, @leadOrganisationId, @leadName, @partnerOrganisationIds,
          @otherPartners, @status, @url, @partnershipId, @source, @referenceKey, @createdAt, @updatedAt)`).run(toRow(project)));
    },

    getProject,

    async getProjectByReferenceKey(key) {
      return one('SELECT * FROM projects WHERE reference_key = ?', key);
    },

    async getProjectForPartnership(partnershipId) {
      return one('SELECT * FROM projects WHERE partnership_id = ?', partnershipId);
    },

    async listProjects(query = {}) {
      const where: string[] = [];
      const args: Row = {};
      if (query.callId !== undefined) { where.push('call_id = @callId'); args.callId = query.callId; }
      if (query.theme !== undefined) { where.push('theme = @theme'); args.theme = query.theme; }
      if (query.status !== undefined) { where.push('status = @status'); args.status = query.status; }
      const sql = `SELECT * FROM projects ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ${ORDER}`;
      return (db.prepare(sql).all(args) as Row[]).map(toProject);
    },

    async updateProject(id, patch, updatedAt) {
      const found = await getProject(id);
      if (!found) return null;
      write({ ...found, ...structuredClone(patch), id, updatedAt });
      return getProject(id);
    },

    async createProjectJoinRequest(request, notifications) {
      db.transaction(() => {
        conflictAs('project_join_request', () => db.prepare(`INSERT INTO project_join_requests (id, project_id, organisation_id,
            requested_by, message, status, created_at, answered_at, answered_by)
          VALUES (@id, @projectId, @organisationId, @requestedBy, @message, @status, @createdAt, @answeredAt, @answeredBy)`).run(request));
        conflictAs('notification', () => insertNotifications(notifications));
      }).immediate();
    },

    async getProjectJoinRequest(id) {
      return getRequest(id);
    },

    async listProjectJoinRequests(query = {}) {
      const where: string[] = [];
      const args: Row = {};
      if (query.projectId !== undefined) { where.push('project_id = @projectId'); args.projectId = query.projectId; }
      if (query.organisationId !== undefined) { where.push('organisation_id = @organisationId'); args.organisationId = query.organisationId; }
      if (query.status !== undefined) { where.push('status = @status'); args.status = query.status; }
      const sql = `SELECT * FROM project_join_requests ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at, id`;
      return (db.prepare(sql).all(args) as Row[]).map(toRequest);
    },

    async answerProjectJoinRequest(id, answer, notifications) {
      return db.transaction(() => {
        const changed = db.prepare(`UPDATE project_join_requests SET status = @status, answered_at = @answeredAt, answered_by = @answeredBy
          WHERE id = @id AND status = 'open'`).run({ id, ...answer }).changes;
        if (changed === 0) return null;
        const request = getRequest(id)!;
        if (answer.status === 'accepted') {
          const row = db.prepare('SELECT * FROM projects WHERE id = ?').get(request.projectId) as Row | undefined;
          const project = row ? toProject(row) : null;
          if (project && project.leadOrganisationId !== request.organisationId && !project.partnerOrganisationIds.includes(request.organisationId)) {
            write({ ...project, partnerOrganisationIds: [...project.partnerOrganisationIds, request.organisationId], updatedAt: answer.answeredAt });
          }
        }
        conflictAs('notification', () => insertNotifications(notifications));
        return request;
      }).immediate();
    },
  };
}

// The projects already under way: a public catalogue the programme team keeps, the projects an
// approved partnership becomes, the projects an idea resembles, and the asks of other local
// governments to join one (reaching its lead, or the programme team when the lead has no account).
import { z } from 'zod';
import type { EngineOptions } from '../engine/engine.js';
import { AppError } from '../errors.js';
import { newId } from '../store/ids.js';
import {
  PROJECT_STATUSES, StoreConflictError, THEMES,
  type CallKind, type Idea, type Notification, type Partnership, type ProjectJoinRequest, type ProjectPatch, type ProjectRecord,
  type ProjectStatus, type Store, type Theme, type User,
} from '../store/store.js';
import type { Viewer } from './actor.js';
import type { Audit } from './audit.js';
import { iso, type Clock } from './clock.js';
import type { DomainBus } from './events.js';
import { wantedNotifications } from './notification-delivery.js';
import { CALL_TYPES_IN_ORDER } from './partnerships/calls.js';
import { createProjectIndex, type SimilarProjectsOptions } from './project-matching.js';
import { isMember, isProgramme, requireMember, requireSignedIn } from './rules/who-may-act.js';
import { similarSchema, SIMILAR_LIMITS } from './similar-ideas.js';
import { cleaned, hasVisible, parse, text } from './validation.js';

export const PROJECT_LIMITS = { title: 140, summary: 2000, name: 140, partners: 100, message: 500, search: 100 } as const;

/**
 * The lowest score at which a project is shown as similar. Higher than the ideas' 0.12: over the
 * reference catalogue (project-matching.ts) an idea about the same subject scores 0.47 to 0.89, in
 * French and English too, while an unrelated one that shares an everyday word reaches 0.3.
 */
export const PROJECT_MIN_SCORE = 0.35;

const id = z.string().trim().min(1).max(64);
const projectFields = {
  title: text(3, PROJECT_LIMITS.title),
  summary: cleaned(z.string().trim().max(PROJECT_LIMITS.summary)),
  callId: id.nullable(),
  type: z.enum(CALL_TYPES_IN_ORDER as [CallKind, ...CallKind[]]),
  theme: z.enum(THEMES as [Theme, ...Theme[]]),
  leadOrganisationId: id.nullable(),
  leadName: text(2, PROJECT_LIMITS.name),
  partnerOrganisationIds: z.array(id).max(PROJECT_LIMITS.partners),
  otherPartners: z.array(text(2, PROJECT_LIMITS.name)).max(PROJECT_LIMITS.partners),
  status: z.enum(PROJECT_STATUSES as [ProjectStatus, ...ProjectStatus[]]),
  url: z.string().trim().max(500).url().regex(/^https?:\/\//, 'errors.field.invalid_format').nullable(),
};

/** A new project: title, theme and status; the type defaults to its call's; a lead by organisation or by name. */
export const createProjectSchema = z.object({
  ...projectFields,
  summary: projectFields.summary.default(''),
  callId: projectFields.callId.default(null),
  type: projectFields.type.optional(),
  leadOrganisationId: projectFields.leadOrganisationId.default(null),
  leadName: projectFields.leadName.optional(),
  partnerOrganisationIds: projectFields.partnerOrganisationIds.default([]),
  otherPartners: projectFields.otherPartners.default([]),
  status: projectFields.status.default('funded'),
  url: projectFields.url.default(null),
}).strict();

/** Any of the fields; what is left out stays. */
export const updateProjectSchema = z.object(projectFields).partial().strict();

/** The catalogue's filters; `q` searches the titles (case and accents ignored). */
export const projectQuerySchema = z.object({
  callId: id.optional(),
  theme: projectFields.theme.optional(),
  status: projectFields.status.optional(),
  q: z.string().trim().max(PROJECT_LIMITS.search).optional(),
}).strict();

export const joinRequestSchema = z.object({
  message: cleaned(z.string().trim().max(PROJECT_LIMITS.message).nullish()).transform((v) => (v && hasVisible(v) ? v : null)),
}).strict();

export interface NamedRef { id: string | null; name: string }

/** A project as everyone reads it: the record with its lead, partners and call named. */
export interface ProjectView extends ProjectRecord {
  lead: NamedRef;
  /** Known organisations first (by name as stored), then the partners known only by name. */
  partners: NamedRef[];
  call: { id: string; number: number; name: string } | null;
}

export interface JoinRequestView extends ProjectJoinRequest {
  organisationName: string;
}

export interface ProjectMatch { project: ProjectView; score: number; terms: string[] }

/** Who the viewer is to a project: may ask to join, may answer requests, and the requests they see. */
export interface ProjectStanding {
  /** A member of an organisation that is neither lead nor partner, without an open request. */
  mayAsk: boolean;
  /** Its organisation asked and waits for an answer. */
  asked: boolean;
  /** The lead's members, or the programme team. */
  mayAnswer: boolean;
  /** Open requests for those who may answer; the viewer's own organisation's requests for a member. */
  joinRequests: JoinRequestView[];
}

export interface ProjectsDeps {
  store: Store;
  clock: Clock;
  bus: DomainBus;
  audit: Audit;
  /** The ideas engine's options, so projects are compared in the same terms (matching/options.ts). */
  engineOptions?: EngineOptions;
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
export const projectLink = (projectId: string): string => `/projects/${projectId}`;
const STATUS_OF_PARTNERSHIP = { approved: 'funded', running: 'running', ended: 'ended' } as const;

export function createProjects({ store, clock, bus, audit, engineOptions = { seed: 42 } }: ProjectsDeps) {
  const index = createProjectIndex({ list: () => store.listProjects(), clock, engineOptions, minScore: PROJECT_MIN_SCORE });
  const notFound = () => new AppError('not_found', 'projects.errors.not_found');

  async function find(projectId: string): Promise<ProjectRecord> {
    const found = projectId.length <= 64 ? await store.getProject(projectId) : null;
    if (!found) throw notFound();
    return found;
  }

  async function organisationNames(ids: Iterable<string>): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    const found = await Promise.all(unique.map((o) => store.getOrganisation(o)));
    return new Map(found.flatMap((o) => (o ? [[o.id, o.name] as const] : [])));
  }

  /** Names the lead, partners and call of each project, with one look-up per organisation and call. */
  async function describe(projects: ProjectRecord[]): Promise<ProjectView[]> {
    const names = await organisationNames(projects.flatMap((p) => [...(p.leadOrganisationId ? [p.leadOrganisationId] : []), ...p.partnerOrganisationIds]));
    const calls = new Map((await Promise.all([...new Set(projects.flatMap((p) => (p.callId ? [p.callId] : [])))].map((c) => store.getCall(c))))
      .flatMap((c) => (c ? [[c.id, { id: c.id, number: c.number, name: c.name }] as const] : [])));
    return projects.map((p) => ({
      ...p,
      lead: { id: p.leadOrganisationId, name: (p.leadOrganisationId && names.get(p.leadOrganisationId)) || p.leadName },
      partners: [
        ...p.partnerOrganisationIds.map((o) => ({ id: o, name: names.get(o) ?? o })),
        ...p.otherPartners.map((name) => ({ id: null, name })),
      ],
      call: (p.callId && calls.get(p.callId)) || null,
    }));
  }

  const one = async (p: ProjectRecord) => (await describe([p]))[0]!;

  /** The fields no schema can check alone: the call, lead and partners exist; the lead is not a partner; a lead has a name. */
  async function settle(p: ProjectRecord, given: { callId?: unknown; leadOrganisationId?: unknown; leadName?: unknown }): Promise<ProjectRecord> {
    const fields: Record<string, { key: string; params?: Record<string, string> }> = {};
    const next = { ...p };
    if (given.callId !== undefined) {
      const call = p.callId ? await store.getCall(p.callId) : null;
      if (p.callId && !call) fields.callId = { key: 'projects.errors.unknown_call' };
      next.callNumber = call ? call.number : p.callId ? p.callNumber : null;
    }
    if (p.leadOrganisationId) {
      const lead = await store.getOrganisation(p.leadOrganisationId);
      if (!lead) fields.leadOrganisationId = { key: 'projects.errors.unknown_organisation' };
      else if (given.leadOrganisationId !== undefined && given.leadName === undefined) next.leadName = lead.name;
    } else if (!p.leadName) {
      fields.leadName = { key: 'errors.field.required' };
    }
    const known = await organisationNames(p.partnerOrganisationIds);
    p.partnerOrganisationIds.forEach((o, i) => { if (!known.has(o)) fields[`partnerOrganisationIds.${i}`] = { key: 'projects.errors.unknown_organisation' }; });
    if (p.leadOrganisationId && p.partnerOrganisationIds.includes(p.leadOrganisationId)) fields.partnerOrganisationIds = { key: 'projects.errors.lead_is_partner' };
    if (Object.keys(fields).length) throw new AppError('validation_failed', 'errors.validation_failed', { fields });
    next.partnerOrganisationIds = [...new Set(p.partnerOrganisationIds)];
    return next;
  }

  /** Who hears of a request to join: the lead's active members, or the programme team when the lead has none or is only a name. */
  async function answerers(project: ProjectRecord): Promise<{ users: User[]; viaProgramme: boolean }> {
    const lead = project.leadOrganisationId ? await store.listActiveMembers([project.leadOrganisationId]) : [];
    if (lead.length > 0) return { users: lead, viaProgramme: false };
    return { users: await store.listUsers({ role: 'programme', active: true }), viaProgramme: true };
  }

  const isLeadMember = (viewer: Viewer, project: ProjectRecord) =>
    isMember(viewer) && project.leadOrganisationId !== null && viewer.organisationId === project.leadOrganisationId;
  const inProject = (organisationId: string, project: ProjectRecord) =>
    project.leadOrganisationId === organisationId || project.partnerOrganisationIds.includes(organisationId);

  async function withNames(requests: ProjectJoinRequest[]): Promise<JoinRequestView[]> {
    const names = await organisationNames(requests.map((r) => r.organisationId));
    return requests.map((r) => ({ ...r, organisationName: names.get(r.organisationId) ?? r.organisationId }));
  }

  async function notify(notifications: Notification[]): Promise<void> {
    if (notifications.length > 0) bus.emit('notification:created', { userIds: [...new Set(notifications.map((n) => n.userId))], notifications });
  }

  async function matches(hits: Awaited<ReturnType<typeof index.similarTo>>): Promise<ProjectMatch[]> {
    const views = await describe(hits.map((h) => h.project));
    return hits.map((h, i) => ({ project: views[i]!, score: h.score, terms: h.terms }));
  }

  return {
    /** The catalogue, public: by call number, then title; filtered by call, theme, status and words of the title. */
    async list(input: unknown = {}): Promise<ProjectView[]> {
      const { q, ...query } = parse(projectQuerySchema, input ?? {});
      const words = fold(q ?? '').split(/\s+/).filter(Boolean);
      const projects = (await store.listProjects(query)).filter((p) => words.every((w) => fold(p.title).includes(w)));
      return describe(projects);
    },

    async get(projectId: string): Promise<ProjectView> {
      return one(await find(projectId));
    },

    async create(viewer: Viewer, input: unknown): Promise<ProjectView> {
      const actor = requireProgrammeTeam(viewer);
      const data = parse(createProjectSchema, input ?? {});
      const call = data.callId ? await store.getCall(data.callId) : null;
      const type = data.type ?? call?.type;
      if (!type) throw new AppError('validation_failed', 'errors.validation_failed', { fields: { type: { key: 'errors.field.required' } } });
      const now = iso(clock);
      const draft: ProjectRecord = {
        id: newId(), title: data.title, summary: data.summary, callId: data.callId, callNumber: null, type, theme: data.theme,
        leadOrganisationId: data.leadOrganisationId, leadName: data.leadName ?? '', partnerOrganisationIds: data.partnerOrganisationIds,
        otherPartners: data.otherPartners, status: data.status, url: data.url, partnershipId: null, source: 'programme', referenceKey: null,
        createdAt: now, updatedAt: now,
      };
      const project = await settle(draft, { callId: data.callId, leadOrganisationId: data.leadOrganisationId, leadName: data.leadName });
      await store.createProject(project);
      index.changed();
      await audit.record(actor, 'project.created', { type: 'project', id: project.id }, { title: project.title, source: project.source });
      return one(project);
    },

    async update(viewer: Viewer, projectId: string, input: unknown): Promise<ProjectView> {
      const actor = requireProgrammeTeam(viewer);
      const patch: ProjectPatch = parse(updateProjectSchema, input ?? {});
      const found = await find(projectId);
      const settled = await settle({ ...found, ...patch }, patch);
      const changedPatch: ProjectPatch = Object.fromEntries(Object.entries(settled)
        .filter(([k, v]) => k in projectFields || k === 'callNumber' ? JSON.stringify(v) !== JSON.stringify(found[k as keyof ProjectRecord]) : false));
      const updated = await store.updateProject(projectId, changedPatch, iso(clock));
      if (!updated) throw notFound();
      index.changed();
      await audit.record(actor, 'project.updated', { type: 'project', id: projectId }, { title: updated.title, fields: Object.keys(changedPatch).join(', ') });
      return one(updated);
    },

    /**
     * The project an approved partnership becomes: funded (running or ended when the partnership is),
     * led by its lead, with its members as partners, the idea's text as summary. Once per partnership:
     * asked again, it answers the project made the first time. A partnership that was not approved: 409.
     */
    async fromPartnership(partnership: Partnership): Promise<ProjectView> {
      const existing = await store.getProjectForPartnership(partnership.id);
      if (existing) return one(existing);
      const status = STATUS_OF_PARTNERSHIP[partnership.status as keyof typeof STATUS_OF_PARTNERSHIP];
      if (!status) throw new AppError('conflict', 'projects.errors.partnership_not_approved');
      const [idea, call, lead] = await Promise.all([
        store.getIdea(partnership.ideaId) as Promise<Idea | null>,
        partnership.callId ? store.getCall(partnership.callId) : Promise.resolve(null),
        store.getOrganisation(partnership.leadOrganisationId),
      ]);
      const now = iso(clock);
      const project: ProjectRecord = {
        id: newId(), title: partnership.title.slice(0, PROJECT_LIMITS.title), summary: (idea?.description ?? '').slice(0, PROJECT_LIMITS.summary),
        callId: call?.id ?? null, callNumber: call?.number ?? null, type: call?.type ?? 'concept', theme: idea?.theme ?? 'services',
        leadOrganisationId: partnership.leadOrganisationId, leadName: lead?.name ?? partnership.leadOrganisationId,
        partnerOrganisationIds: partnership.memberships.filter((m) => m.state === 'member' && m.organisationId !== partnership.leadOrganisationId).map((m) => m.organisationId),
        otherPartners: [], status, url: null, partnershipId: partnership.id, source: 'partnership', referenceKey: null, createdAt: now, updatedAt: now,
      };
      try {
        await store.createProject(project);
      } catch (err) {
        // Made meanwhile by another instance or event: that one is the project.
        const made = err instanceof StoreConflictError ? await store.getProjectForPartnership(partnership.id) : null;
        if (made) return one(made);
        throw err;
      }
      index.changed();
      await audit.record(null, 'project.created', { type: 'project', id: project.id }, { title: project.title, source: 'partnership', partnershipId: partnership.id });
      return one(project);
    },

    /**
     * Keeps the project of a partnership in step with it: made when the partnership is approved, its
     * status following when the partnership starts running or ends. Other steps change nothing.
     * Called for every 'partnership:changed' (see `followPartnerships` below).
     */
    async followPartnership(partnership: Partnership): Promise<ProjectView | null> {
      const status = STATUS_OF_PARTNERSHIP[partnership.status as keyof typeof STATUS_OF_PARTNERSHIP];
      if (!status) return null;
      const existing = await store.getProjectForPartnership(partnership.id);
      if (!existing) return this.fromPartnership(partnership);
      if (existing.status === status) return one(existing);
      const updated = await store.updateProject(existing.id, { status }, iso(clock));
      if (!updated) return null;
      index.changed();
      await audit.record(null, 'project.updated', { type: 'project', id: existing.id }, { title: existing.title, fields: 'status', partnershipId: partnership.id });
      return one(updated);
    },

    /** How the viewer stands to the project: whether they may ask to join or answer, and the requests they see. */
    async standing(viewer: Viewer, projectId: string): Promise<ProjectStanding> {
      const project = await find(projectId);
      const mayAnswer = isProgramme(viewer) || isLeadMember(viewer, project);
      if (mayAnswer) {
        return { mayAsk: false, asked: false, mayAnswer, joinRequests: await withNames(await store.listProjectJoinRequests({ projectId: project.id, status: 'open' })) };
      }
      if (!isMember(viewer)) return { mayAsk: false, asked: false, mayAnswer: false, joinRequests: [] };
      const own = await store.listProjectJoinRequests({ projectId: project.id, organisationId: viewer.organisationId });
      const asked = own.some((r) => r.status === 'open');
      return { mayAsk: !asked && !inProject(viewer.organisationId, project), asked, mayAnswer: false, joinRequests: await withNames(own) };
    },

    /**
     * "Vraag om aan te sluiten": a member asks, for its organisation, to join the project. Reaches the
     * lead's active members, or the programme team when the lead has no account or is only a name (live
     * and by mail). Lead and partners: 403; an open request of the organisation already: 409.
     */
    async requestToJoin(viewer: Viewer, projectId: string, input: unknown = {}): Promise<JoinRequestView> {
      const actor = requireMember(viewer, 'projects.errors.only_members_join');
      const project = await find(projectId);
      const { message } = parse(joinRequestSchema, input ?? {});
      if (inProject(actor.organisationId, project)) throw new AppError('forbidden', 'projects.errors.already_in_project');
      const open = await store.listProjectJoinRequests({ projectId: project.id, organisationId: actor.organisationId, status: 'open' });
      if (open.length > 0) throw new AppError('conflict', 'projects.errors.already_asked');
      const now = iso(clock);
      const request: ProjectJoinRequest = {
        id: newId(), projectId: project.id, organisationId: actor.organisationId, requestedBy: actor.id, message, status: 'open',
        createdAt: now, answeredAt: null, answeredBy: null,
      };
      const organisation = (await store.getOrganisation(actor.organisationId))?.name ?? actor.organisationId;
      const { users, viaProgramme } = await answerers(project);
      const notifications = await wantedNotifications(store, users.filter((u) => u.id !== actor.id).map((u): Notification => ({
        id: newId(), userId: u.id, kind: 'project_join_requested', link: projectLink(project.id), createdAt: now, readAt: null,
        params: { organisation, project: project.title, ...(viaProgramme ? { lead: project.leadName } : {}) },
      })));
      try {
        await store.createProjectJoinRequest(request, notifications);
      } catch (err) {
        if (err instanceof StoreConflictError && err.what === 'project_join_request') throw new AppError('conflict', 'projects.errors.already_asked');
        throw err;
      }
      await audit.record(actor, 'project.join_requested', { type: 'project', id: project.id }, { organisation, viaProgramme: viaProgramme ? 'yes' : 'no' });
      await notify(notifications);
      return { ...request, organisationName: organisation };
    },

    /**
     * The lead's members (or the programme team) accept or decline an organisation's open request; an
     * accepted organisation becomes a partner. The member who asked is told (a variant text of
     * `project_join_requested`, see notificationTextKey). No open request: 404; answered already: 409.
     */
    async answerJoinRequest(viewer: Viewer, projectId: string, organisationId: string, answer: 'accept' | 'decline'): Promise<JoinRequestView> {
      const actor = requireSignedIn(viewer);
      const project = await find(projectId);
      if (!isProgramme(actor) && !isLeadMember(actor, project)) throw new AppError('forbidden', 'projects.errors.only_lead_answers');
      const requests = organisationId.length <= 64 ? await store.listProjectJoinRequests({ projectId: project.id, organisationId }) : [];
      const open = requests.find((r) => r.status === 'open');
      if (!open) throw requests.length ? new AppError('conflict', 'projects.errors.already_answered') : new AppError('not_found', 'projects.errors.request_not_found');
      const now = iso(clock);
      const status = answer === 'accept' ? 'accepted' : 'declined';
      const requester = await store.getUser(open.requestedBy);
      const notifications = await wantedNotifications(store, requester?.active && requester.id !== actor.id ? [{
        id: newId(), userId: requester.id, kind: 'project_join_requested', link: projectLink(project.id), createdAt: now, readAt: null,
        params: { project: project.title, answer: status },
      }] : []);
      const answered = await store.answerProjectJoinRequest(open.id, { status, answeredAt: now, answeredBy: actor.id }, notifications);
      if (!answered) throw new AppError('conflict', 'projects.errors.already_answered');
      if (status === 'accepted') index.changed();
      const [view] = await withNames([{ ...answered, status, answeredAt: now, answeredBy: actor.id }]);
      await audit.record(actor, 'project.join_answered', { type: 'project', id: project.id }, { organisation: view!.organisationName, answer: status });
      await notify(notifications);
      return view!;
    },

    /**
     * The projects most similar to a text, best first (for others: referrals ask for the funded ones
     * most similar to an idea that was not funded, with `statuses`).
     */
    async similarTo(query: { title: string; description: string; language?: string }, opts: SimilarProjectsOptions = {}): Promise<ProjectMatch[]> {
      return matches(await index.similarTo(query, opts));
    },

    /** Beside the similar ideas, for typed text (the new-idea form): same input and limits as the ideas'. */
    async similarToText(input: unknown, opts: SimilarProjectsOptions = {}): Promise<ProjectMatch[]> {
      const { title, description } = parse(similarSchema, input ?? {});
      if ((title + description).replace(/\s+/g, '').length < SIMILAR_LIMITS.minChars) return [];
      return matches(await index.similarTo({ title, description }, opts));
    },

    /** Beside the similar ideas of a posted idea. */
    async similarToIdea(idea: Pick<Idea, 'title' | 'description' | 'language'>, opts: SimilarProjectsOptions = {}): Promise<ProjectMatch[]> {
      return matches(await index.similarTo({ title: idea.title, description: idea.description, language: idea.language }, opts));
    },

    /** The catalogue changed outside this service (the reference loader in this process): rebuild the index. */
    catalogueChanged(): void {
      index.changed();
    },
  };
}

/** The programme team only (401 signed out, 403 otherwise), with the projects' own wording. */
function requireProgrammeTeam(viewer: Viewer) {
  const actor = requireSignedIn(viewer);
  if (!isProgramme(actor)) throw new AppError('forbidden', 'projects.errors.only_programme');
  return actor;
}

export type Projects = ReturnType<typeof createProjects>;

/**
 * An approved partnership becomes a project in the catalogue (issue 17.3), so it shows in the similar
 * ideas of everyone who types about the same subject. Listens on the bus; a failure is logged, never
 * thrown into the step that announced it (the partnership's step is stored already).
 */
export function followPartnerships({ bus, projects, logger }: { bus: DomainBus; projects: Pick<Projects, 'followPartnership'>; logger: { error(obj: object, msg: string): void } }): () => void {
  const listener = ({ partnership }: { partnership: Partnership }) => {
    projects.followPartnership(partnership).catch((err: unknown) => logger.error({ err, partnershipId: partnership.id }, 'could not keep the project of a partnership in step'));
  };
  bus.on('partnership:changed', listener);
  return () => { bus.off('partnership:changed', listener); };
}

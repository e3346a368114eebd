/**
 * Referrals after a call is decided (issue 17.4): the jury referred funded projects to local
 * governments with similar interests that were not funded, so they could join. Here the programme
 * team sees, for every idea and partnership of a decided call that was not funded, the most similar
 * funded projects, and refers them in one action.
 *
 * A referral works as an introduction does: the referred local governments and the project's lead
 * are connected ('introduction') around the idea, so each sees the other's contact person, and the
 * members of both sides get one 'referred' notification each (live and by mail) naming the other side
 * and its contact person. Connections and notifications are written in one transaction
 * (`store.introduce`); the referral itself is kept in the audit log ('referral.made' on the idea or
 * partnership), which is also how a second referral of the same pair is recognised and skipped.
 */
import { z } from 'zod';
import { AppError } from '../errors.js';
import { newId } from '../store/ids.js';
import type { CallRecord, Connection, Idea, Notification, Partnership, Store, User } from '../store/store.js';
import type { Actor, Viewer } from './actor.js';
import type { Audit } from './audit.js';
import { iso, type Clock } from './clock.js';
import type { DomainBus } from './events.js';
import { wantedNotifications } from './notification-delivery.js';
import type { ProjectMatch, Projects, ProjectView } from './projects.js';
import { isListed, plausibleId } from './rules/visible-ideas.js';
import { requireProgramme } from './rules/who-may-act.js';
import { parse } from './validation.js';

/** Statuses of a funded partnership; every other status counts as "not funded" once the call is decided. */
const FUNDED = new Set(['approved', 'running', 'ended']);
const FUNDED_PROJECTS = ['funded', 'running', 'ended'] as const;
/** How many funded projects are suggested per idea or partnership. */
export const SUGGESTIONS_PER_SUBJECT = 3;
/** At most this many referrals in one action (a call had 28 applications; an idea list a few hundred). */
export const MAX_REFERRALS = 500;

export type SubjectType = 'idea' | 'partnership';

/** One idea or partnership of the call that was not funded, with the funded projects closest to it. */
export interface ReferralCandidate {
  subject: { type: SubjectType; id: string; title: string; status: string };
  /** The idea the subject is about (for a partnership: its idea). */
  ideaId: string;
  /** The local governments that would be referred: the idea's, or the partnership's members. */
  organisations: { id: string; name: string }[];
  suggestions: { project: ProjectView; score: number; terms: string[]; referredBefore: boolean }[];
}

export const referSchema = z.object({
  referrals: z.array(z.object({
    subjectType: z.enum(['idea', 'partnership']),
    subjectId: z.string().trim().min(1).max(64),
    projectId: z.string().trim().min(1).max(64),
  }).strict()).min(1).max(MAX_REFERRALS),
}).strict();

export interface ReferralsDeps {
  store: Store;
  clock: Clock;
  bus: DomainBus;
  audit: Audit;
  projects: Pick<Projects, 'similarToIdea' | 'get'>;
}

const contactLine = (c: { name: string; email: string; phone?: string | null }) => [c.name, c.email, c.phone].filter(Boolean).join(', ');

export function createReferrals({ store, clock, bus, audit, projects }: ReferralsDeps) {
  async function decidedCall(id: string): Promise<CallRecord> {
    const call = plausibleId(id) ? await store.getCall(id) : null;
    if (!call) throw new AppError('not_found', 'calls.errors.not_found');
    if (!call.decided) throw new AppError('conflict', 'referrals.errors.call_not_decided', { params: { call: call.name } });
    return call;
  }

  async function organisationNames(ids: string[]): Promise<{ id: string; name: string }[]> {
    const found = await Promise.all(ids.map((id) => store.getOrganisation(id)));
    return ids.map((id, i) => ({ id, name: found[i]?.name ?? id }));
  }

  /** Every idea of the call that is listed and whose partnership (if any) was not funded, and every partnership of the call not funded. */
  async function subjectsOf(call: CallRecord): Promise<{ type: SubjectType; id: string; title: string; status: string; idea: Idea; organisationIds: string[] }[]> {
    const partnerships = await store.listPartnerships({ callId: call.id });
    const byIdea = new Map(partnerships.map((p) => [p.ideaId, p]));
    const out: Awaited<ReturnType<typeof subjectsOf>> = [];
    for (const p of partnerships) {
      if (FUNDED.has(p.status)) continue;
      const idea = await store.getIdea(p.ideaId);
      if (!idea) continue;
      out.push({ type: 'partnership', id: p.id, title: p.title, status: p.status, idea, organisationIds: membersOf(p) });
    }
    const ideas: Idea[] = [];
    for (let offset = 0; ; offset += 100) {
      const page = await store.listIdeas({ callId: call.id, status: 'open', limit: 100, offset });
      ideas.push(...page.items);
      if (page.items.length < 100) break;
    }
    for (const idea of ideas) {
      // An idea with a partnership for this call is referred as that partnership (above), or was funded;
      // one whose partnership was funded through another call is funded too.
      if (!isListed(idea) || byIdea.has(idea.id)) continue;
      const elsewhere = await store.getPartnershipForIdea(idea.id);
      if (elsewhere && FUNDED.has(elsewhere.status)) continue;
      out.push({ type: 'idea', id: idea.id, title: idea.title, status: idea.status, idea, organisationIds: [idea.organisationId] });
    }
    return out;
  }

  /** Every pair referred before in this call, as `type:id` → project ids: one pass over the audit log's referrals. */
  async function referredIn(callId: string): Promise<Map<string, Set<string>>> {
    const out = new Map<string, Set<string>>();
    for (let before: string | undefined; ;) {
      const page = await store.listAudit({ limit: 200, actions: ['referral.made'], ...(before ? { before } : {}) });
      for (const e of page) {
        if (e.details.callId !== callId) continue;
        const key = `${e.targetType}:${e.targetId}`;
        out.set(key, (out.get(key) ?? new Set()).add(String(e.details.projectId ?? '')));
      }
      if (page.length < 200) return out;
      before = page[page.length - 1]!.id;
    }
  }

  /** Funded projects close to the idea, leaving out those the subject's local governments already lead or work in. */
  async function suggestionsFor(idea: Idea, organisationIds: string[]): Promise<ProjectMatch[]> {
    const matches = await projects.similarToIdea(idea, { k: SUGGESTIONS_PER_SUBJECT + 3, statuses: FUNDED_PROJECTS });
    const own = new Set(organisationIds);
    return matches.filter((m) => !(m.project.leadOrganisationId && own.has(m.project.leadOrganisationId))
      && !m.project.partnerOrganisationIds.some((o) => own.has(o))).slice(0, SUGGESTIONS_PER_SUBJECT);
  }

  /** The person to contact for a project: the contact of its partnership's idea when it came from one, else the lead's first active member; null when the lead has no account. */
  async function projectContact(project: ProjectView, leadMembers: User[]): Promise<string | null> {
    if (project.partnershipId) {
      const p = await store.getPartnership(project.partnershipId);
      const idea = p ? await store.getIdea(p.ideaId) : null;
      if (idea && idea.organisationId === project.leadOrganisationId) return contactLine(idea.contact);
    }
    const first = leadMembers.find((u) => u.organisationId === project.leadOrganisationId);
    return first ? contactLine({ name: first.name, email: first.email, phone: first.phone ?? null }) : null;
  }

  return {
    /** Programme team: the call's ideas and partnerships that were not funded, with the closest funded projects. */
    async candidates(viewer: Viewer, callId: string): Promise<{ call: CallRecord; items: ReferralCandidate[] }> {
      requireProgramme(viewer);
      const call = await decidedCall(callId);
      const items: ReferralCandidate[] = [];
      const referred = await referredIn(call.id);
      for (const s of await subjectsOf(call)) {
        const before = referred.get(`${s.type}:${s.id}`) ?? new Set<string>();
        const [matches, organisations] = await Promise.all([suggestionsFor(s.idea, s.organisationIds), organisationNames(s.organisationIds)]);
        items.push({
          subject: { type: s.type, id: s.id, title: s.title, status: s.status }, ideaId: s.idea.id, organisations,
          suggestions: matches.map((m) => ({ project: m.project, score: m.score, terms: m.terms, referredBefore: before.has(m.project.id) })),
        });
      }
      return { call, items };
    },

    /**
     * Refers each listed subject to its project, in one action. Each subject must be an idea or
     * partnership of the call that was not funded, each project a funded one; a pair referred before is
     * skipped (not an error), so the page can be sent twice. 400 names the offending entry.
     */
    async refer(viewer: Viewer, callId: string, input: unknown): Promise<{ referred: number; skipped: number; notified: number; newConnections: number }> {
      const actor: Actor = requireProgramme(viewer);
      const call = await decidedCall(callId);
      const { referrals } = parse(referSchema, input ?? {});
      const subjects = new Map((await subjectsOf(call)).map((s) => [`${s.type}:${s.id}`, s]));
      const fields: Record<string, { key: string }> = {};
      const pairs: { subject: NonNullable<ReturnType<typeof subjects.get>>; project: ProjectView }[] = [];
      const seen = new Set<string>();
      for (const [i, r] of referrals.entries()) {
        const subject = subjects.get(`${r.subjectType}:${r.subjectId}`);
        if (!subject) { fields[`referrals.${i}.subjectId`] = { key: 'referrals.errors.not_a_candidate' }; continue; }
        const project = plausibleId(r.projectId) ? await projects.get(r.projectId).catch(() => null) : null;
        if (!project || !(FUNDED_PROJECTS as readonly string[]).includes(project.status)) { fields[`referrals.${i}.projectId`] = { key: 'referrals.errors.not_funded' }; continue; }
        const key = `${r.subjectType}:${r.subjectId}:${r.projectId}`;
        if (seen.has(key)) continue;
        seen.add(key);
        pairs.push({ subject, project });
      }
      if (Object.keys(fields).length) throw new AppError('validation_failed', 'errors.validation_failed', { fields });

      const referred = await referredIn(call.id);
      const fresh = pairs.filter((pair) => !referred.get(`${pair.subject.type}:${pair.subject.id}`)?.has(pair.project.id));
      const now = iso(clock);
      const connections: Connection[] = [];
      const notifications: Notification[] = [];
      for (const { subject, project } of fresh) {
        const lead = project.leadOrganisationId;
        const orgIds = [...new Set([...subject.organisationIds, ...(lead ? [lead] : [])])];
        const members = await store.listActiveMembers(orgIds);
        const subjectNames = (await organisationNames(subject.organisationIds)).map((o) => o.name).join(', ');
        const leadContact = await projectContact(project, members);
        const ideaContact = contactLine(subject.idea.contact);
        for (const user of members) {
          if (!user.organisationId) continue;
          if (subject.organisationIds.includes(user.organisationId) && user.organisationId !== lead) {
            notifications.push({
              id: newId(), userId: user.id, kind: 'referred', link: `/projects/${project.id}`, createdAt: now, readAt: null,
              // A lead without an account (or known only by name) is reached through the programme team, as for asks to join.
              params: leadContact
                ? { side: 'referred', project: project.title, lead: project.lead.name, contact: leadContact, idea: subject.title, call: call.name }
                : { side: 'referred_via_programme', project: project.title, lead: project.lead.name, idea: subject.title, call: call.name },
            });
          } else if (user.organisationId === lead) {
            notifications.push({
              id: newId(), userId: user.id, kind: 'referred', link: `/ideas/${subject.idea.id}`, createdAt: now, readAt: null,
              params: { side: 'project', project: project.title, organisation: subjectNames, contact: ideaContact, idea: subject.title, call: call.name },
            });
          }
        }
        if (lead) {
          for (const org of subject.organisationIds) {
            if (org === lead) continue;
            connections.push({ id: newId(), ideaId: subject.idea.id, organisationA: org < lead ? org : lead, organisationB: org < lead ? lead : org, via: 'introduction', createdAt: now });
          }
        }
      }
      // One notice per user and project: a user of several referred local governments is told once.
      const once = new Map<string, Notification>();
      for (const n of notifications) if (!once.has(`${n.userId}:${n.link}:${n.params.idea}`)) once.set(`${n.userId}:${n.link}:${n.params.idea}`, n);
      const wanted = await wantedNotifications(store, [...once.values()]);
      const newConnections = fresh.length > 0 ? await store.introduce({ connections, notifications: wanted }) : 0;
      for (const { subject, project } of fresh) {
        await audit.record(actor, 'referral.made', { type: subject.type, id: subject.id }, {
          projectId: project.id, project: project.title, subject: subject.title, call: call.name, callId: call.id,
        });
      }
      if (wanted.length > 0) bus.emit('notification:created', { userIds: [...new Set(wanted.map((n) => n.userId))], notifications: wanted });
      return { referred: fresh.length, skipped: pairs.length - fresh.length, notified: wanted.length, newConnections };
    },
  };
}

function membersOf(p: Partnership): string[] {
  return p.memberships.filter((m) => m.state === 'member').map((m) => m.organisationId);
}

export type Referrals = ReturnType<typeof createReferrals>;

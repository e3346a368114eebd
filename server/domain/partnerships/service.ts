/**
 * Partnerships: local governments that apply together for a call, around one idea, with a lead
 * (penhouder) and partners who each consented. Every step is checked here (who may take it, in which
 * status), written with its notifications in one optimistic store write, audited, and announced on
 * the bus ('notification:created' for the live push, 'partnership:changed' for projects and the board).
 *
 * Refusals: signed out 401; the wrong local government or role 403; unknown partnership or idea 404;
 * a repeated or conflicting step (already invited, not forming any more, changed meanwhile) 409; a
 * missing or wrong field 400 naming it. Submitting breaks a call's rule: 409 naming each rule.
 */
import { z } from 'zod';
import { AppError, type FieldErrors } from '../../errors.js';
import { newId } from '../../store/ids.js';
import {
  PARTNERSHIP_STATUSES,
  StoreConflictError,
  type ContactPerson,
  type Notification,
  type NotificationKind,
  type Partnership,
  type PartnershipMembership,
  type PartnershipQuery,
  type PartnershipRecord,
  type PartnershipStatus,
  type Store,
} from '../../store/store.js';
import type { Actor, Viewer } from '../actor.js';
import type { Audit } from '../audit.js';
import { iso, type Clock } from '../clock.js';
import type { DomainBus, PartnershipStepName } from '../events.js';
import type { Matching } from '../matching.js';
import { wantedNotifications } from '../notification-delivery.js';
import type { Organisations } from '../organisations.js';
import { parse, text } from '../validation.js';
import { plausibleId, seesIdea } from '../rules/visible-ideas.js';
import { isProgramme, requireMember, requireSignedIn, type Member } from '../rules/who-may-act.js';
import { callStatus, checkSubmission, type BrokenRule } from './calls.js';
import { canTransition } from './status.js';
import { createSuggestions, type Suggestion } from './suggestions.js';
import { committedBy, membersOf, membershipOf, viewPartnership, type PartnershipView } from './view.js';

const id64 = z.string().trim().min(1).max(64);
export const PARTNERSHIP_LIMITS = { title: 140, search: 80 } as const;

export const openSchema = z.object({ ideaId: id64, callId: id64.nullable().optional() }).strict();
export const updateSchema = z.object({ title: text(3, PARTNERSHIP_LIMITS.title).optional(), callId: id64.nullable().optional() }).strict();
export const organisationSchema = z.object({ organisationId: id64 }).strict();
export const statusSchema = z.object({ status: z.enum(PARTNERSHIP_STATUSES as [PartnershipStatus, ...PartnershipStatus[]]) }).strict();
export const listSchema = z.object({
  callId: id64.optional(),
  status: z.enum(PARTNERSHIP_STATUSES as [PartnershipStatus, ...PartnershipStatus[]]).optional(),
  organisationId: id64.optional(),
}).strict();
export const searchSchema = z.object({ q: z.string().trim().max(PARTNERSHIP_LIMITS.search).optional() }).strict();

export const partnershipLink = (id: string): string => `/partnerships/${id}`;

export interface PartnershipsDeps {
  store: Store;
  clock: Clock;
  bus: DomainBus;
  audit: Audit;
  matching: Pick<Matching, 'clusterOf' | 'clusters' | 'similarToIdea'>;
  organisations: Pick<Organisations, 'search'>;
}

/** Who is told of a step: the active users of these local governments (or the programme team), with this kind. */
interface Tell { organisations?: string[]; programme?: true; kind: NotificationKind; params?: Record<string, string> }

interface Change {
  record?: Partial<PartnershipRecord>;
  memberships?: PartnershipMembership[];
  /** In order of importance: a user told by an earlier entry is not told again by a later one. */
  tell?: Tell[];
  details?: Record<string, unknown>;
}

const fieldError = (field: string, key: string, params?: Record<string, string | number>) =>
  new AppError('validation_failed', 'errors.validation_failed', { fields: { [field]: { key, ...(params ? { params } : {}) } } });
const conflict = (key: string, params?: Record<string, string | number>) => new AppError('conflict', key, params ? { params } : {});
const forbidden = (key: string) => new AppError('forbidden', key);

/** The text and numbers of a broken rule, as i18n key and params (partnerships.rules.<code>). */
function ruleField(rule: BrokenRule, callName: string): { key: string; params: Record<string, string | number> } {
  const params: Record<string, string | number> = { call: callName };
  for (const [k, v] of Object.entries(rule)) if (k !== 'code' && (typeof v === 'string' || typeof v === 'number')) params[k] = v;
  return { key: `partnerships.rules.${rule.code}`, params };
}

export function createPartnerships({ store, clock, bus, audit, matching, organisations }: PartnershipsDeps) {
  const suggestions = createSuggestions({ store, matching });

  async function find(id: string): Promise<Partnership> {
    const p = plausibleId(id) ? await store.getPartnership(id) : null;
    if (!p) throw new AppError('not_found', 'partnerships.errors.not_found');
    return p;
  }

  async function names(ids: Iterable<string>): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    const orgs = await Promise.all(unique.map((id) => store.getOrganisation(id)));
    return new Map(unique.map((id, i) => [id, orgs[i]?.name ?? id]));
  }

  async function requireCallFor(callId: string): Promise<void> {
    const call = await store.getCall(callId);
    if (!call) throw fieldError('callId', 'calls.errors.unknown_call');
    const status = callStatus(call, clock.now());
    if (status !== 'open' && status !== 'upcoming') throw fieldError('callId', 'partnerships.errors.call_not_available', { call: call.name });
  }

  /** The actor must be a member of the lead local government. */
  function requireLead(viewer: Viewer, p: Partnership): Member {
    const actor = requireMember(viewer, 'partnerships.errors.only_lead');
    if (actor.organisationId !== p.leadOrganisationId) throw forbidden('partnerships.errors.only_lead');
    return actor;
  }

  const requireForming = (p: Partnership): void => {
    if (p.status !== 'forming') throw conflict('partnerships.errors.not_forming');
  };

  /** One notice per user per step: the first `Tell` that reaches a user wins; the actor is never told. */
  async function notices(p: PartnershipRecord, actor: Actor, tell: Tell[], now: string): Promise<Notification[]> {
    const told = new Set<string>([actor.id]);
    const out: Notification[] = [];
    for (const t of tell) {
      const users = [
        ...(t.organisations?.length ? await store.listActiveMembers(t.organisations) : []),
        ...(t.programme ? await store.listUsers({ role: 'programme', active: true }) : []),
      ];
      for (const u of users) {
        if (told.has(u.id)) continue;
        told.add(u.id);
        out.push({ id: newId(), userId: u.id, kind: t.kind, params: { title: p.title, ...t.params }, link: partnershipLink(p.id), createdAt: now, readAt: null });
      }
    }
    return wantedNotifications(store, out);
  }

  function merged(p: Partnership, next: PartnershipRecord, changed: PartnershipMembership[]): Partnership {
    const memberships = p.memberships.map((m) => changed.find((c) => c.organisationId === m.organisationId) ?? m);
    for (const c of changed) if (!memberships.some((m) => m.organisationId === c.organisationId)) memberships.push(c);
    return { ...next, memberships };
  }

  /** Writes one step (only on the version read), then audits and announces it. */
  async function step(p: Partnership, actor: Actor, name: PartnershipStepName, change: Change): Promise<Partnership> {
    const now = iso(clock);
    const { memberships: _, ...current } = p;
    const next: PartnershipRecord = { ...current, ...change.record, updatedAt: now, version: p.version + 1 };
    const changed = (change.memberships ?? []).map((m) => ({ ...m, partnershipId: p.id }));
    const notifications = await notices(next, actor, change.tell ?? [], now);
    const saved = await store.savePartnershipStep({ partnership: next, expectedVersion: p.version, memberships: changed, notifications });
    if (!saved) throw conflict('partnerships.errors.changed_meanwhile');
    const after = merged(p, next, changed);
    await audit.record(actor, `partnership.${name}`, { type: 'partnership', id: p.id }, { title: next.title, ...change.details });
    announce(name, after, p.status, notifications);
    return after;
  }

  function announce(name: PartnershipStepName, p: Partnership, previousStatus: PartnershipStatus | null, notifications: Notification[]): void {
    if (notifications.length > 0) bus.emit('notification:created', { userIds: [...new Set(notifications.map((n) => n.userId))], notifications });
    bus.emit('partnership:changed', { step: name, partnership: p, previousStatus });
  }

  async function contactOf(m: PartnershipMembership): Promise<ContactPerson | null> {
    const userId = committedBy(m);
    const user = userId ? await store.getUser(userId) : null;
    return user?.active ? { name: user.name, email: user.email, phone: user.phone } : null;
  }

  async function view(viewer: Viewer, p: Partnership, withContacts: boolean): Promise<PartnershipView> {
    const [orgNames, idea, call] = await Promise.all([
      names([p.leadOrganisationId, ...p.memberships.map((m) => m.organisationId), ...(p.leadOfferedTo ? [p.leadOfferedTo] : [])]),
      store.getIdea(p.ideaId),
      p.callId ? store.getCall(p.callId) : Promise.resolve(null),
    ]);
    const contacts = new Map<string, ContactPerson | null>();
    if (withContacts) for (const m of membersOf(p)) contacts.set(m.organisationId, await contactOf(m));
    return viewPartnership(viewer, p, {
      name: (id) => orgNames.get(id) ?? id,
      contact: (m) => contacts.get(m.organisationId) ?? null,
      idea: idea && seesIdea(viewer, idea) ? { id: idea.id, title: idea.title } : null,
      call: call ? { id: call.id, number: call.number, name: call.name, status: callStatus(call, clock.now()) } : null,
    });
  }

  /** Whether the viewer sees contacts: the programme team, and members of the partnership. */
  const seesContacts = (viewer: Viewer, p: Partnership): boolean =>
    isProgramme(viewer) || (!!viewer?.organisationId && membershipOf(p, viewer.organisationId)?.state === 'member');

  async function partnerCount(p: Partnership): Promise<number> {
    return membersOf(p).length;
  }

  /** The call's rules this partnership breaks now (empty: it may be submitted); null when it aims at no call. */
  async function brokenRules(p: Partnership): Promise<{ call: { id: string; name: string }; broken: BrokenRule[] } | null> {
    const call = p.callId ? await store.getCall(p.callId) : null;
    if (!call) return null;
    const idea = await store.getIdea(p.ideaId);
    const broken = checkSubmission({ call, now: clock.now(), partnerCount: await partnerCount(p), ...(idea ? { theme: idea.theme } : {}) });
    return { call: { id: call.id, name: call.name }, broken };
  }

  const stepOf = (to: PartnershipStatus) => ({ ...(to === 'submitted' ? { submittedAt: iso(clock) } : {}), ...(to === 'approved' || to === 'not_approved' ? { decidedAt: iso(clock) } : {}) });

  return {
    /** Public: newest first, filtered by call and status (and by a local government it counts as a partner). */
    async list(viewer: Viewer, input: unknown = {}): Promise<PartnershipView[]> {
      const q = parse(listSchema, input ?? {});
      const query: PartnershipQuery = { ...(q.callId ? { callId: q.callId } : {}), ...(q.status ? { status: q.status } : {}), ...(q.organisationId ? { organisationId: q.organisationId } : {}) };
      const list = await store.listPartnerships(query);
      // Being invited or asking is private: for others, a local government stands in a partnership only as a member.
      const shown = q.organisationId && !isProgramme(viewer) && viewer?.organisationId !== q.organisationId
        ? list.filter((p) => membershipOf(p, q.organisationId)?.state === 'member') : list;
      return Promise.all(shown.map((p) => view(viewer, p, false)));
    },

    /** The partnerships a local government stands in, any state, for its own members ("Mijn bestuur"). */
    async forOrganisation(viewer: Viewer, organisationId: string): Promise<PartnershipView[]> {
      return Promise.all((await store.listPartnerships({ organisationId })).map((p) => view(viewer, p, false)));
    },

    async get(viewer: Viewer, id: string): Promise<PartnershipView> {
      const p = await find(id);
      return view(viewer, p, seesContacts(viewer, p));
    },

    /** The idea's partnership as the viewer sees it, or null (for the idea page's link). */
    async forIdea(viewer: Viewer, ideaId: string): Promise<PartnershipView | null> {
      const p = plausibleId(ideaId) ? await store.getPartnershipForIdea(ideaId) : null;
      return p ? view(viewer, p, false) : null;
    },

    /** The call's rules as they stand for this partnership: shown before the lead submits. */
    async submissionCheck(viewer: Viewer, id: string): Promise<{ call: { id: string; name: string }; broken: BrokenRule[] } | null> {
      requireSignedIn(viewer);
      return brokenRules(await find(id));
    },

    /** A member opens a partnership for one of its local government's ideas; the local government becomes the lead. */
    async open(viewer: Viewer, input: unknown): Promise<PartnershipView> {
      const actor = requireMember(viewer, 'partnerships.errors.only_members');
      const { ideaId, callId = null } = parse(openSchema, input ?? {});
      const idea = await store.getIdea(ideaId);
      if (!idea || !seesIdea(actor, idea)) throw new AppError('not_found', 'errors.idea_not_found');
      if (idea.organisationId !== actor.organisationId) throw forbidden('partnerships.errors.not_your_idea');
      if (idea.status !== 'open' || idea.hidden) throw conflict('partnerships.errors.idea_not_open');
      if (callId !== null) await requireCallFor(callId);
      if (await store.getPartnershipForIdea(idea.id)) throw conflict('partnerships.errors.already_opened');
      const now = iso(clock);
      const record: PartnershipRecord = {
        id: newId(), ideaId: idea.id, callId, title: idea.title, leadOrganisationId: actor.organisationId, status: 'forming',
        leadOfferedTo: null, createdAt: now, updatedAt: now, submittedAt: null, decidedAt: null, version: 1,
      };
      const lead: PartnershipMembership = {
        partnershipId: record.id, organisationId: actor.organisationId, state: 'member', via: 'opened', startedBy: actor.id,
        answeredBy: actor.id, createdAt: now, answeredAt: now,
      };
      // Colleagues of the opener hear of it; nobody else is concerned yet.
      const notifications = await notices(record, actor, [{ organisations: [actor.organisationId], kind: 'partnership_status', params: { variant: 'forming' } }], now);
      try {
        await store.createPartnership(record, lead, notifications);
      } catch (err) {
        if (err instanceof StoreConflictError && err.what === 'partnership') throw conflict('partnerships.errors.already_opened');
        throw err;
      }
      const p: Partnership = { ...record, memberships: [lead] };
      await audit.record(actor, 'partnership.opened', { type: 'partnership', id: p.id }, { title: p.title, idea: idea.id, call: callId ?? '' });
      announce('opened', p, null, notifications);
      return view(actor, p, true);
    },

    /** The lead changes the title or the call it aims at (while forming). */
    async update(viewer: Viewer, id: string, input: unknown): Promise<PartnershipView> {
      requireSignedIn(viewer);
      const p = await find(id);
      const actor = requireLead(viewer, p);
      const patch = parse(updateSchema, input ?? {});
      requireForming(p);
      if (patch.callId) await requireCallFor(patch.callId);
      const record: Partial<PartnershipRecord> = { ...(patch.title !== undefined ? { title: patch.title } : {}), ...(patch.callId !== undefined ? { callId: patch.callId } : {}) };
      const after = await step(p, actor, 'updated', { record, details: { fields: Object.keys(record).join(', ') } });
      return view(actor, after, true);
    },

    /** The lead invites a local government; its members are told and one of them answers. */
    async invite(viewer: Viewer, id: string, input: unknown): Promise<PartnershipView> {
      requireSignedIn(viewer);
      const p = await find(id);
      const actor = requireLead(viewer, p);
      const { organisationId } = parse(organisationSchema, input ?? {});
      requireForming(p);
      const org = await store.getOrganisation(organisationId);
      if (!org) throw fieldError('organisationId', 'partnerships.errors.unknown_organisation');
      const existing = membershipOf(p, organisationId);
      if (existing?.state === 'member') throw conflict('partnerships.errors.already_member', { organisation: org.name });
      if (existing?.state === 'invited') throw conflict('partnerships.errors.already_invited', { organisation: org.name });
      if (existing?.state === 'requested') throw conflict('partnerships.errors.already_requested', { organisation: org.name });
      const now = iso(clock);
      const [lead] = (await names([p.leadOrganisationId])).values();
      const after = await step(p, actor, 'invited', {
        memberships: [{ partnershipId: p.id, organisationId, state: 'invited', via: 'invitation', startedBy: actor.id, answeredBy: null, createdAt: now, answeredAt: null }],
        tell: [{ organisations: [organisationId], kind: 'partnership_invited', params: { organisation: lead! } }],
        details: { name: org.name, organisation: org.id },
      });
      return view(actor, after, true);
    },

    /** A member of the invited local government accepts or declines: nobody is added without consent. */
    async answerInvitation(viewer: Viewer, id: string, organisationId: string, accept: boolean): Promise<PartnershipView> {
      requireSignedIn(viewer);
      const p = await find(id);
      const actor = requireMember(viewer, 'partnerships.errors.only_invited');
      if (actor.organisationId !== organisationId) throw forbidden('partnerships.errors.only_invited');
      const mine = membershipOf(p, organisationId);
      if (!mine || (mine.state !== 'invited' && mine.via !== 'invitation')) throw new AppError('not_found', 'partnerships.errors.no_invitation');
      if (mine.state !== 'invited') throw conflict('partnerships.errors.already_answered');
      requireForming(p);
      const now = iso(clock);
      const orgName = (await names([organisationId])).get(organisationId)!;
      const others = membersOf(p).map((m) => m.organisationId).filter((o) => o !== p.leadOrganisationId);
      const answer = accept ? 'accepted' : 'declined';
      const after = await step(p, actor, accept ? 'invitation_accepted' : 'invitation_declined', {
        memberships: [{ ...mine, state: accept ? 'member' : 'declined', answeredBy: actor.id, answeredAt: now }],
        tell: [
          { organisations: [p.leadOrganisationId], kind: 'partnership_invitation_answered', params: { organisation: orgName, variant: answer } },
          ...(accept ? [{ organisations: [...others, organisationId], kind: 'partnership_member_joined' as const, params: { organisation: orgName } }] : []),
        ],
        details: { name: orgName, organisation: organisationId },
      });
      return view(actor, after, seesContacts(actor, after));
    },

    /** A member of another local government asks to join; the lead answers. */
    async requestJoin(viewer: Viewer, id: string): Promise<PartnershipView> {
      requireSignedIn(viewer);
      const p = await find(id);
      const actor = requireMember(viewer, 'partnerships.errors.only_members');
      requireForming(p);
      const mine = membershipOf(p, actor.organisationId);
      if (mine?.state === 'member') throw conflict('partnerships.errors.already_member_you');
      if (mine?.state === 'requested') throw conflict('partnerships.errors.already_asked');
      if (mine?.state === 'invited') throw conflict('partnerships.errors.invited_answer');
      const now = iso(clock);
      const orgName = (await names([actor.organisationId])).get(actor.organisationId)!;
      const after = await step(p, actor, 'join_requested', {
        memberships: [{ partnershipId: p.id, organisationId: actor.organisationId, state: 'requested', via: 'request', startedBy: actor.id, answeredBy: null, createdAt: now, answeredAt: null }],
        tell: [{ organisations: [p.leadOrganisationId], kind: 'partnership_join_requested', params: { organisation: orgName } }],
        details: { name: orgName, organisation: actor.organisationId },
      });
      return view(actor, after, false);
    },

    /** The lead accepts or declines a request to join. */
    async answerRequest(viewer: Viewer, id: string, organisationId: string, accept: boolean): Promise<PartnershipView> {
      requireSignedIn(viewer);
      const p = await find(id);
      const actor = requireLead(viewer, p);
      const theirs = plausibleId(organisationId) ? membershipOf(p, organisationId) : null;
      if (!theirs || (theirs.state !== 'requested' && theirs.via !== 'request')) throw new AppError('not_found', 'partnerships.errors.no_request');
      if (theirs.state !== 'requested') throw conflict('partnerships.errors.already_answered');
      requireForming(p);
      const now = iso(clock);
      const orgName = (await names([organisationId])).get(organisationId)!;
      const others = membersOf(p).map((m) => m.organisationId);
      const after = await step(p, actor, accept ? 'join_accepted' : 'join_declined', {
        memberships: [{ ...theirs, state: accept ? 'member' : 'declined', answeredBy: actor.id, answeredAt: now }],
        tell: [
          { organisations: [organisationId], kind: 'partnership_join_answered', params: { variant: accept ? 'accepted' : 'declined' } },
          ...(accept ? [{ organisations: others, kind: 'partnership_member_joined' as const, params: { organisation: orgName } }] : []),
        ],
        details: { name: orgName, organisation: organisationId },
      });
      return view(actor, after, true);
    },

    /** The lead offers the lead role to a partner; a member of that partner answers. */
    async offerLead(viewer: Viewer, id: string, input: unknown): Promise<PartnershipView> {
      requireSignedIn(viewer);
      const p = await find(id);
      const actor = requireLead(viewer, p);
      const { organisationId } = parse(organisationSchema, input ?? {});
      if (p.status === 'ended') throw conflict('partnerships.errors.ended');
      if (organisationId === p.leadOrganisationId) throw conflict('partnerships.errors.already_lead');
      if (membershipOf(p, organisationId)?.state !== 'member') throw fieldError('organisationId', 'partnerships.errors.not_a_partner');
      if (p.leadOfferedTo !== null) throw conflict('partnerships.errors.offer_pending');
      const orgNames = await names([organisationId, p.leadOrganisationId]);
      const after = await step(p, actor, 'lead_offered', {
        record: { leadOfferedTo: organisationId },
        tell: [{ organisations: [organisationId], kind: 'partnership_lead_offered', params: { organisation: orgNames.get(p.leadOrganisationId)! } }],
        details: { name: orgNames.get(organisationId), organisation: organisationId },
      });
      return view(actor, after, true);
    },

    /** A member of the partner offered the lead role accepts (it becomes the lead; the old lead stays a partner) or declines. */
    async answerLeadOffer(viewer: Viewer, id: string, accept: boolean): Promise<PartnershipView> {
      requireSignedIn(viewer);
      const p = await find(id);
      const actor = requireMember(viewer, 'partnerships.errors.only_offered');
      if (p.leadOfferedTo === null) throw conflict('partnerships.errors.no_offer');
      if (actor.organisationId !== p.leadOfferedTo) throw forbidden('partnerships.errors.only_offered');
      const orgName = (await names([actor.organisationId])).get(actor.organisationId)!;
      const everyone = membersOf(p).map((m) => m.organisationId);
      const after = await step(p, actor, accept ? 'lead_accepted' : 'lead_declined', {
        record: accept ? { leadOrganisationId: actor.organisationId, leadOfferedTo: null } : { leadOfferedTo: null },
        tell: accept
          ? [{ organisations: everyone, kind: 'partnership_lead_changed', params: { organisation: orgName } }]
          : [{ organisations: [p.leadOrganisationId], kind: 'partnership_lead_changed', params: { organisation: orgName, variant: 'declined' } }],
        details: { name: orgName, organisation: actor.organisationId, previous: p.leadOrganisationId },
      });
      return view(actor, after, true);
    },

    /** The lead takes its offer back. */
    async withdrawLeadOffer(viewer: Viewer, id: string): Promise<PartnershipView> {
      requireSignedIn(viewer);
      const p = await find(id);
      const actor = requireLead(viewer, p);
      if (p.leadOfferedTo === null) throw conflict('partnerships.errors.no_offer');
      const orgNames = await names([p.leadOfferedTo, p.leadOrganisationId]);
      const after = await step(p, actor, 'lead_offer_withdrawn', {
        record: { leadOfferedTo: null },
        tell: [{ organisations: [p.leadOfferedTo], kind: 'partnership_lead_changed', params: { organisation: orgNames.get(p.leadOrganisationId)!, variant: 'withdrawn' } }],
        details: { name: orgNames.get(p.leadOfferedTo), organisation: p.leadOfferedTo },
      });
      return view(actor, after, true);
    },

    /** A partner leaves while the partnership is forming; the lead hands over first. */
    async leave(viewer: Viewer, id: string): Promise<PartnershipView> {
      requireSignedIn(viewer);
      const p = await find(id);
      const actor = requireMember(viewer, 'partnerships.errors.only_members');
      const mine = membershipOf(p, actor.organisationId);
      if (!mine || mine.state !== 'member') throw forbidden('partnerships.errors.not_a_member');
      if (actor.organisationId === p.leadOrganisationId) throw conflict('partnerships.errors.lead_cannot_leave');
      requireForming(p);
      const orgName = (await names([actor.organisationId])).get(actor.organisationId)!;
      const others = membersOf(p).map((m) => m.organisationId).filter((o) => o !== actor.organisationId);
      const after = await step(p, actor, 'left', {
        record: p.leadOfferedTo === actor.organisationId ? { leadOfferedTo: null } : {},
        memberships: [{ ...mine, state: 'left', answeredAt: iso(clock) }],
        tell: [{ organisations: others, kind: 'partnership_member_joined', params: { organisation: orgName, variant: 'left' } }],
        details: { name: orgName, organisation: actor.organisationId },
      });
      return view(actor, after, false);
    },

    /** A status step: the lead submits (after the call's rules) or reopens; the programme team decides and records. */
    async setStatus(viewer: Viewer, id: string, input: unknown): Promise<PartnershipView> {
      const actor = requireSignedIn(viewer);
      const p = await find(id);
      const { status } = parse(statusSchema, input ?? {});
      const role = isProgramme(actor) ? 'programme' : actor.organisationId === p.leadOrganisationId && actor.role === 'member' ? 'lead' : null;
      if (role === null) throw forbidden('partnerships.errors.only_lead_or_programme');
      const check = canTransition(p.status, status, role);
      if (!check.ok) {
        if (check.reason === 'role_not_allowed') throw forbidden(`partnerships.errors.status_by_${check.allowed.join('_or_')}`);
        throw conflict(check.reason === 'unchanged' ? 'partnerships.errors.status_unchanged' : 'partnerships.errors.no_such_step', { from: p.status, to: status });
      }
      if (status === 'submitted') {
        const rules = await brokenRules(p);
        if (!rules) throw conflict('partnerships.errors.call_required');
        if (rules.broken.length > 0) {
          const fields: FieldErrors = Object.fromEntries(rules.broken.map((r) => [r.code, ruleField(r, rules.call.name)]));
          const first = ruleField(rules.broken[0]!, rules.call.name);
          throw new AppError('conflict', first.key, { params: first.params, fields });
        }
      }
      const record: Partial<PartnershipRecord> = { status, ...stepOf(status), ...(status === 'forming' ? { submittedAt: null, decidedAt: null } : {}) };
      const everyone = membersOf(p).map((m) => m.organisationId);
      const after = await step(p, actor, 'status_changed', {
        record,
        tell: [{ organisations: everyone, kind: 'partnership_status', params: { variant: status } }, ...(status === 'submitted' ? [{ programme: true as const, kind: 'partnership_status' as const, params: { variant: status } }] : [])],
        details: { status, previous: p.status },
      });
      return view(actor, after, seesContacts(actor, after));
    },

    /** Whom the lead might invite (connections, cluster, similar ideas) and, with `q`, local governments by name. */
    async suggestions(viewer: Viewer, id: string, input: unknown = {}): Promise<{ suggestions: Suggestion[]; found: { id: string; name: string }[] }> {
      requireSignedIn(viewer);
      const p = await find(id);
      const actor = requireLead(viewer, p);
      const { q } = parse(searchSchema, input ?? {});
      const idea = await store.getIdea(p.ideaId);
      const list = idea ? await suggestions.forPartnership(actor, p, idea) : [];
      const found = q ? suggestions.withoutTaken(p, await organisations.search(q, 20)).filter((o) => o.id !== p.leadOrganisationId) : [];
      return { suggestions: list, found };
    },

    /** Counts per call and status, for the board's funnel. */
    counts: () => store.countPartnershipsByCall(),

    /** Every partnership with its members' names, for the programme team's export (exports.ts checks the role). */
    async all(): Promise<PartnershipView[]> {
      return Promise.all((await store.listPartnerships()).map((p) => view(null, p, false)));
    },
  };
}

export type Partnerships = ReturnType<typeof createPartnerships>;

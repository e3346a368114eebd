// Check-ins with the programme team (issue 17.5): a member asks for a feedback moment about one of its
// organisation's ideas (or a partnership it is in), the programme team confirms one of the moments or
// proposes another, and both sides get it in their notifications, their mail and their calendar.
import { z } from 'zod';
import { AppError } from '../errors.js';
import { t, type Locale } from '../i18n/index.js';
import { newId } from '../store/ids.js';
import type { CheckInRecord, CheckInStatus, Notification, PartnershipsPort, Store } from '../store/store.js';
import type { Actor, Viewer } from './actor.js';
import type { Audit } from './audit.js';
import { brusselsWeek, toBrusselsIso, writtenInBrussels } from './check-in-times.js';
import { iso, type Clock } from './clock.js';
import type { DomainBus } from './events.js';
import { icsEvent } from './ics.js';
import { wantedNotifications } from './notification-delivery.js';
import { plausibleId } from './rules/visible-ideas.js';
import { isMember, isProgramme, requireMember, requireProgramme, requireSignedIn, type Member } from './rules/who-may-act.js';
import { cleaned, parse } from './validation.js';

export const CHECK_IN_LIMITS = { moments: 3, note: 500, place: 300, minMinutes: 15, maxMinutes: 240, defaultMinutes: 30 } as const;

/** A start time in Brussels, offset written out; that it is Brussels' own offset and in the future is checked after parsing. */
export const momentSchema = z.string().trim()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?[+-]\d{2}:\d{2}$/, 'check_ins.errors.moment_format')
  .refine((s) => !Number.isNaN(Date.parse(s)), { message: 'check_ins.errors.moment_format' })
  .openapi({ example: '2030-03-12T10:00:00+01:00', description: 'ISO 8601 in Brussels time with its offset written out (+01:00 in winter, +02:00 in summer).' });

const note = cleaned(z.string().trim().max(CHECK_IN_LIMITS.note)).default('');
const moments = z.array(momentSchema).min(1).max(CHECK_IN_LIMITS.moments);
const place = cleaned(z.string().trim().max(CHECK_IN_LIMITS.place)).nullish().transform((v) => (v ? v : null));
const minutes = z.number().int().min(CHECK_IN_LIMITS.minMinutes).max(CHECK_IN_LIMITS.maxMinutes);

export const requestCheckInSchema = z.object({
  subject: z.object({ type: z.enum(['idea', 'partnership']), id: z.string().trim().min(1).max(64) }).strict(),
  moments,
  note,
}).strict();

/** The programme team picks one of the preferred moments. */
export const confirmCheckInSchema = z.object({ moment: momentSchema, durationMinutes: minutes.optional(), place }).strict();
/** The programme team proposes another moment. */
export const proposeCheckInSchema = confirmCheckInSchema;
/** The requester asks again with new moments (after a proposal it does not take). */
export const askAgainCheckInSchema = z.object({ moments, note: note.optional() }).strict();

const OPEN: readonly CheckInStatus[] = ['requested', 'proposed'];
const ACTIVE: readonly CheckInStatus[] = ['requested', 'proposed', 'confirmed'];

export interface CheckInPermissions {
  confirm: boolean; propose: boolean; accept: boolean; askAgain: boolean; cancel: boolean; ics: boolean;
}

/** A check-in as the organisation's members and the programme team see it. */
export interface CheckInView extends CheckInRecord {
  organisationName: string;
  permissions: CheckInPermissions;
}

/** A line of the board's "this week": no contacts, no note. */
export interface WeekCheckIn { id: string; moment: string; durationMinutes: number; organisation: { id: string; name: string }; subject: { type: string; id: string; title: string } }

export interface CheckInsDeps {
  store: Store;
  clock: Clock;
  bus: DomainBus;
  audit: Audit;
}

export const checkInLink = (id: string): string => `/check-ins#check-in-${id}`;
const sameInstant = (a: string | null, b: string | null): boolean => (a === null || b === null ? a === b : Date.parse(a) === Date.parse(b));

/** The moment in notification texts: the Brussels wall clock, the same in both languages (`2026-03-02 10:00`). */
export const momentText = (moment: string): string => toBrusselsIso(new Date(moment)).slice(0, 16).replace('T', ' ');

/**
 * The steps and who may take them (refusals as elsewhere: 401 signed out, 403 wrong role or
 * organisation, 404 unknown, 409 a step the status does not allow or a write that lost a race, 400
 * naming the field):
 *   request    a member, for its organisation's idea (or a partnership it is a member of)   → requested
 *   confirm    the programme team, one of the preferred moments                             → confirmed
 *   propose    the programme team, another moment (also to move a confirmed one)            → proposed
 *   accept     a member of the organisation, a proposal                                     → confirmed
 *   askAgain   a member of the organisation, new moments instead of a proposal              → requested
 *   cancel     either side, while not cancelled                                             → cancelled
 * Each step is one store write with its notifications (one per person per event) and an audit record.
 */
export function createCheckIns({ store, clock, bus, audit }: CheckInsDeps) {
  const onlyMembers = (viewer: Viewer): Member => requireMember(viewer, 'check_ins.errors.only_members');
  const invalid = (field: string, key: string, params?: Record<string, string | number>) =>
    new AppError('validation_failed', 'errors.validation_failed', { fields: { [field]: { key, ...(params ? { params } : {}) } } });

  /** In the future, in Brussels time; the error names the field (`moments.1`, `moment`). */
  function checkMoment(moment: string, field: string): void {
    if (!writtenInBrussels(moment)) throw invalid(field, 'check_ins.errors.moment_brussels');
    if (Date.parse(moment) <= clock.now().getTime()) throw invalid(field, 'check_ins.errors.moment_past');
  }
  function checkMoments(list: string[]): void {
    list.forEach((m, i) => checkMoment(m, `moments.${i}`));
    list.forEach((m, i) => { if (list.slice(0, i).some((o) => sameInstant(o, m))) throw invalid(`moments.${i}`, 'check_ins.errors.moment_twice'); });
  }

  async function organisationName(id: string): Promise<string> {
    return (await store.getOrganisation(id))?.name ?? id;
  }

  /** The subject's title, once the actor's organisation is known to own it (idea) or be a member of it (partnership). */
  async function subjectTitle(actor: Member, subject: { type: 'idea' | 'partnership'; id: string }): Promise<string> {
    if (subject.type === 'idea') {
      const idea = plausibleId(subject.id) ? await store.getIdea(subject.id) : null;
      if (!idea || (idea.hidden && idea.organisationId !== actor.organisationId)) throw new AppError('not_found', 'errors.idea_not_found');
      if (idea.organisationId !== actor.organisationId) throw new AppError('forbidden', 'check_ins.errors.not_your_subject');
      if (idea.status !== 'open') throw new AppError('conflict', 'check_ins.errors.subject_closed');
      return idea.title;
    }
    const partnership = plausibleId(subject.id) ? await store.getPartnership(subject.id) : null;
    if (!partnership) throw new AppError('not_found', 'check_ins.errors.partnership_not_found');
    const member = partnership.memberships.some((m) => m.organisationId === actor.organisationId && m.state === 'member');
    if (!member) throw new AppError('forbidden', 'check_ins.errors.not_your_subject');
    return partnership.title;
  }

  const permissions = (viewer: Viewer, c: CheckInRecord): CheckInPermissions => {
    const programme = isProgramme(viewer);
    const own = isMember(viewer) && viewer.organisationId === c.organisationId;
    return {
      confirm: programme && OPEN.includes(c.status),
      propose: programme && ACTIVE.includes(c.status),
      accept: own && c.status === 'proposed',
      askAgain: own && c.status === 'proposed',
      cancel: (programme || own) && ACTIVE.includes(c.status),
      ics: (programme || own) && c.status === 'confirmed' && c.moment !== null,
    };
  };

  async function view(viewer: Viewer, c: CheckInRecord, names?: Map<string, string>): Promise<CheckInView> {
    return { ...c, organisationName: names?.get(c.organisationId) ?? await organisationName(c.organisationId), permissions: permissions(viewer, c) };
  }

  /** The check-in, for those who may see it: its organisation's members and the programme team. */
  async function find(viewer: Viewer, id: string): Promise<CheckInRecord> {
    const actor = requireSignedIn(viewer);
    const found = plausibleId(id) ? await store.getCheckIn(id) : null;
    if (!found) throw new AppError('not_found', 'check_ins.errors.not_found');
    if (!isProgramme(actor) && actor.organisationId !== found.organisationId) throw new AppError('forbidden', 'check_ins.errors.not_yours');
    return found;
  }

  const programmeTeam = async (except?: string) => (await store.listUsers({ role: 'programme', active: true })).filter((u) => u.id !== except);
  const organisationMembers = async (organisationId: string, except?: string) => (await store.listActiveMembers([organisationId])).filter((u) => u.id !== except);

  /** The notices of one event, one per person, with what the mail's calendar file needs when it is a confirmation. */
  async function notices(c: CheckInRecord, kind: Notification['kind'], userIds: string[], now: string): Promise<Notification[]> {
    const params: Record<string, string> = { organisation: await organisationName(c.organisationId), subject: c.subjectTitle };
    if (c.moment) params.moment = momentText(c.moment);
    if (kind === 'check_in_confirmed' && c.moment) {
      Object.assign(params, { checkInId: c.id, start: c.moment, minutes: String(c.durationMinutes), place: c.place ?? '', sequence: String(c.sequence) });
    }
    const list = [...new Set(userIds)].map((userId): Notification => ({ id: newId(), userId, kind, params: { ...params }, link: checkInLink(c.id), createdAt: now, readAt: null }));
    return wantedNotifications(store, list);
  }

  /** Writes one step over the version read; 409 when another step came first. */
  async function step(before: CheckInRecord, after: Omit<CheckInRecord, 'version' | 'updatedAt' | 'sequence'>, kind: Notification['kind'] | null, to: string[], now: string): Promise<CheckInRecord> {
    const moved = !sameInstant(before.moment, after.moment) && (before.moment !== null || before.sequence > 0);
    const next: CheckInRecord = { ...after, sequence: before.sequence + (moved ? 1 : 0), updatedAt: now, version: before.version + 1 };
    const notifications = kind ? await notices(next, kind, to, now) : [];
    if (!(await store.saveCheckInStep({ checkIn: next, expectedVersion: before.version, notifications }))) {
      throw new AppError('conflict', 'check_ins.errors.changed');
    }
    if (notifications.length > 0) bus.emit('notification:created', { userIds: [...new Set(notifications.map((n) => n.userId))], notifications });
    return next;
  }

  const requireStatus = (c: CheckInRecord, allowed: readonly CheckInStatus[]) => {
    if (!allowed.includes(c.status)) throw new AppError('conflict', 'check_ins.errors.wrong_status', { params: { status: c.status } });
  };
  const ownMember = (viewer: Viewer, c: CheckInRecord): Member => {
    const actor = onlyMembers(viewer);
    if (actor.organisationId !== c.organisationId) throw new AppError('forbidden', 'check_ins.errors.not_yours');
    return actor;
  };

  async function decide(viewer: Viewer, id: string, input: unknown, how: 'confirm' | 'propose'): Promise<CheckInView> {
    const actor = requireProgramme(viewer);
    const data = parse(how === 'confirm' ? confirmCheckInSchema : proposeCheckInSchema, input ?? {});
    const found = await find(actor, id);
    requireStatus(found, how === 'confirm' ? OPEN : ACTIVE);
    checkMoment(data.moment, 'moment');
    if (how === 'confirm' && !found.preferredMoments.some((m) => sameInstant(m, data.moment))) throw invalid('moment', 'check_ins.errors.not_preferred');
    const moment = toBrusselsIso(new Date(data.moment));
    const now = iso(clock);
    const common = { ...found, moment, durationMinutes: data.durationMinutes ?? found.durationMinutes, place: data.place ?? found.place };
    const members = (await organisationMembers(found.organisationId)).map((u) => u.id);
    const saved = how === 'confirm'
      ? await step(found, { ...common, status: 'confirmed', confirmedBy: actor.id }, 'check_in_confirmed', members, now)
      : await step(found, { ...common, status: 'proposed', proposedBy: actor.id, confirmedBy: null }, 'check_in_proposed', members, now);
    await audit.record(actor, how === 'confirm' ? 'check_in.confirmed' : 'check_in.proposed', { type: 'check_in', id }, { moment, organisation: found.organisationId });
    return view(actor, saved);
  }

  return {
    /** A member asks for a check-in for its organisation; the programme team is told. */
    async request(viewer: Viewer, input: unknown): Promise<CheckInView> {
      const actor = onlyMembers(viewer);
      const data = parse(requestCheckInSchema, input ?? {});
      checkMoments(data.moments);
      const title = await subjectTitle(actor, data.subject);
      const open = await store.listCheckIns({ organisationId: actor.organisationId, statuses: [...OPEN] });
      if (open.some((c) => c.subject.type === data.subject.type && c.subject.id === data.subject.id)) throw new AppError('conflict', 'check_ins.errors.already_open');
      const now = iso(clock);
      const checkIn: CheckInRecord = {
        id: newId(), organisationId: actor.organisationId, requestedBy: actor.id, subject: data.subject, subjectTitle: title,
        preferredMoments: data.moments.map((m) => toBrusselsIso(new Date(m))), note: data.note, status: 'requested', moment: null,
        durationMinutes: CHECK_IN_LIMITS.defaultMinutes, place: null, confirmedBy: null, proposedBy: null, cancelledBy: null,
        sequence: 0, createdAt: now, updatedAt: now, version: 1,
      };
      const notifications = await notices(checkIn, 'check_in_requested', (await programmeTeam()).map((u) => u.id), now);
      await store.createCheckIn(checkIn, notifications);
      if (notifications.length > 0) bus.emit('notification:created', { userIds: [...new Set(notifications.map((n) => n.userId))], notifications });
      await audit.record(actor, 'check_in.requested', { type: 'check_in', id: checkIn.id }, { subject: `${data.subject.type}:${data.subject.id}`, moments: checkIn.preferredMoments.join(', ') });
      return view(actor, checkIn);
    },

    confirm: (viewer: Viewer, id: string, input: unknown) => decide(viewer, id, input, 'confirm'),
    propose: (viewer: Viewer, id: string, input: unknown) => decide(viewer, id, input, 'propose'),

    /** The organisation takes the proposed moment: confirmed; the programme team and the other members are told. */
    async accept(viewer: Viewer, id: string): Promise<CheckInView> {
      const found = await find(viewer, id);
      const actor = ownMember(viewer, found);
      requireStatus(found, ['proposed']);
      if (found.moment === null || Date.parse(found.moment) <= clock.now().getTime()) throw new AppError('conflict', 'check_ins.errors.moment_past');
      const to = [...(await programmeTeam()), ...(await organisationMembers(found.organisationId, actor.id))].map((u) => u.id);
      const saved = await step(found, { ...found, status: 'confirmed', confirmedBy: actor.id }, 'check_in_confirmed', to, iso(clock));
      await audit.record(actor, 'check_in.accepted', { type: 'check_in', id }, { moment: found.moment });
      return view(actor, saved);
    },

    /** The organisation answers a proposal with new moments: requested again; the programme team is told. */
    async askAgain(viewer: Viewer, id: string, input: unknown): Promise<CheckInView> {
      const found = await find(viewer, id);
      const actor = ownMember(viewer, found);
      const data = parse(askAgainCheckInSchema, input ?? {});
      requireStatus(found, ['proposed']);
      checkMoments(data.moments);
      const after = {
        ...found, status: 'requested' as const, requestedBy: actor.id, preferredMoments: data.moments.map((m) => toBrusselsIso(new Date(m))),
        note: data.note ?? found.note, moment: null, proposedBy: null,
      };
      const saved = await step(found, after, 'check_in_requested', (await programmeTeam()).map((u) => u.id), iso(clock));
      await audit.record(actor, 'check_in.asked_again', { type: 'check_in', id }, { moments: after.preferredMoments.join(', ') });
      return view(actor, saved);
    },

    /** Either side calls it off; the other side (and the organisation's other members) are told. */
    async cancel(viewer: Viewer, id: string): Promise<CheckInView> {
      const found = await find(viewer, id);
      const actor: Actor = isProgramme(viewer) ? requireProgramme(viewer) : ownMember(viewer, found);
      requireStatus(found, ACTIVE);
      const to = isProgramme(actor)
        ? await organisationMembers(found.organisationId)
        : [...(await programmeTeam()), ...(await organisationMembers(found.organisationId, actor.id))];
      const saved = await step(found, { ...found, status: 'cancelled', cancelledBy: actor.id }, 'check_in_cancelled', to.map((u) => u.id), iso(clock));
      await audit.record(actor, 'check_in.cancelled', { type: 'check_in', id }, { organisation: found.organisationId });
      return view(actor, saved);
    },

    async get(viewer: Viewer, id: string): Promise<CheckInView> {
      return view(viewer, await find(viewer, id));
    },

    /** A member: its organisation's, newest first. The programme team: all, open ones first (requested, proposed), then upcoming confirmed, then the rest. */
    async list(viewer: Viewer): Promise<CheckInView[]> {
      const actor = requireSignedIn(viewer);
      if (!isProgramme(actor) && !isMember(actor)) throw new AppError('forbidden', 'check_ins.errors.only_members');
      const all = await store.listCheckIns(isProgramme(actor) ? {} : { organisationId: actor.organisationId! });
      const now = clock.now().getTime();
      const rank = (c: CheckInRecord) => c.status === 'requested' ? 0 : c.status === 'proposed' ? 1
        : c.status === 'confirmed' && c.moment !== null && Date.parse(c.moment) >= now ? 2 : 3;
      const names = new Map<string, string>();
      for (const id of new Set(all.map((c) => c.organisationId))) names.set(id, await organisationName(id));
      const ordered = isProgramme(actor) ? [...all].sort((a, b) => rank(a) - rank(b)) : all;
      return Promise.all(ordered.map((c) => view(actor, c, names)));
    },

    /** The calendar file of a confirmed check-in: its organisation's members and the programme team. */
    async ics(viewer: Viewer, id: string, host: string, locale: Locale): Promise<{ filename: string; text: string }> {
      const found = await find(viewer, id);
      if (found.status !== 'confirmed' || found.moment === null) throw new AppError('conflict', 'check_ins.errors.not_confirmed');
      const text = checkInIcs({
        checkInId: found.id, start: found.moment, minutes: found.durationMinutes, place: found.place, sequence: found.sequence,
        organisation: await organisationName(found.organisationId), subject: found.subjectTitle, host, stamp: iso(clock), locale,
      });
      return { filename: `check-in-${found.id}.ics`, text };
    },

    /** This week's confirmed check-ins (Monday to Sunday in Brussels), by moment: for the programme team's board. */
    async week(viewer: Viewer): Promise<WeekCheckIn[]> {
      requireProgramme(viewer);
      const { from, to } = brusselsWeek(clock.now());
      const found = await store.listCheckIns({ statuses: ['confirmed'], momentFrom: from, momentTo: to });
      found.sort((a, b) => Date.parse(a.moment!) - Date.parse(b.moment!));
      const names = new Map<string, string>();
      for (const id of new Set(found.map((c) => c.organisationId))) names.set(id, await organisationName(id));
      return found.map((c) => ({
        id: c.id, moment: c.moment!, durationMinutes: c.durationMinutes,
        organisation: { id: c.organisationId, name: names.get(c.organisationId) ?? c.organisationId },
        subject: { ...c.subject, title: c.subjectTitle },
      }));
    },
  };
}

/** What a check-in's calendar file says; the same for the download and the mail (built there from the notification's params). */
export interface CheckInCalendar {
  checkInId: string; start: string; minutes: number; place: string | null; sequence: number;
  organisation: string; subject: string; host: string; stamp: string; locale: Locale;
  organizer?: { name?: string; email: string }; attendees?: { name?: string; email: string }[];
}

export function checkInIcs(c: CheckInCalendar): string {
  return icsEvent({
    uid: `check-in-${c.checkInId}@${c.host}`, stamp: c.stamp, start: c.start, minutes: c.minutes, sequence: c.sequence,
    summary: t(c.locale, 'check_ins.ics.summary', { subject: c.subject, organisation: c.organisation }),
    description: t(c.locale, 'check_ins.ics.description', { subject: c.subject, organisation: c.organisation }),
    ...(c.place ? { location: c.place } : {}),
    ...(c.organizer ? { organizer: c.organizer } : {}), ...(c.attendees ? { attendees: c.attendees } : {}),
  });
}

export type CheckIns = ReturnType<typeof createCheckIns>;

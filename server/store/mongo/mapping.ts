/**
 * Between the port's plain records and the documents in models/. Reads use `lean()`, so documents
 * arrive as plain objects; these functions pick the port's fields by name, which drops `_id`, `__v`,
 * `searchText`, `emailKey` and `purgeAt`, turns missing optional fields into null, and copies arrays
 * and objects so a caller never holds a reference into the driver's result.
 */
import type {
  AuditEntryDoc,
  BoardEventDoc,
  ClusterStateDoc,
  ConnectionDoc,
  DigestItemDoc,
  EndorsementDoc,
  IdeaDoc,
  InvitationDoc,
  NotificationDoc,
  OrganisationDoc,
  OutboxMailDoc,
  SessionDoc,
  UserDoc,
} from '../../../models/index.js';
import {
  DEFAULT_NOTIFICATION_SETTINGS,
  MAIL_KINDS,
  type AuditEntry,
  type BoardEvent,
  type ClusterState,
  type Connection,
  type DigestItem,
  type Endorsement,
  type Idea,
  type Invitation,
  type Notification,
  type NotificationSettings,
  type Organisation,
  type OutboxMail,
  type SessionRecord,
  type User,
} from '../store.js';
import { searchTextOf } from './search.js';

/** A lean document as it may come back: optional fields can be missing rather than null. */
type Lean<T> = { [K in keyof T]?: T[K] | null } & { _id: string };

const orNull = <T>(v: T | null | undefined): T | null => (v === undefined ? null : v);
const str = (v: unknown): string => String(v);

export const emailKey = (email: string): string => email.trim().toLowerCase();
export const isoUtc = (when: string): string => new Date(when).toISOString();

export function toOrganisation(d: Lean<OrganisationDoc>): Organisation {
  return {
    id: d._id, kind: d.kind as Organisation['kind'], country: str(d.country), code: str(d.code), name: str(d.name),
    province: orNull(d.province), arrondissement: orNull(d.arrondissement), createdAt: str(d.createdAt),
  };
}

export function organisationDoc(o: Organisation): OrganisationDoc {
  return {
    _id: o.id, kind: o.kind, country: o.country, code: o.code, name: o.name,
    province: o.province, arrondissement: o.arrondissement, createdAt: o.createdAt,
  };
}

export function toUser(d: Lean<UserDoc>): User {
  return {
    id: d._id, email: str(d.email), name: str(d.name), phone: orNull(d.phone), passwordHash: orNull(d.passwordHash),
    role: d.role as User['role'], organisationId: orNull(d.organisationId), locale: d.locale as User['locale'],
    active: d.active === true, createdAt: str(d.createdAt), updatedAt: str(d.updatedAt),
  };
}

export function userDoc(u: User): UserDoc {
  return {
    _id: u.id, email: u.email, emailKey: emailKey(u.email), name: u.name, phone: u.phone, passwordHash: u.passwordHash,
    role: u.role, organisationId: u.organisationId, locale: u.locale, active: u.active,
    createdAt: u.createdAt, updatedAt: u.updatedAt,
  };
}

export function toInvitation(d: Lean<InvitationDoc>): Invitation {
  return {
    id: d._id, tokenHash: str(d.tokenHash), email: str(d.email), name: str(d.name), role: d.role as Invitation['role'],
    organisationId: orNull(d.organisationId), invitedBy: orNull(d.invitedBy), createdAt: str(d.createdAt),
    expiresAt: str(d.expiresAt), usedAt: orNull(d.usedAt), revokedAt: orNull(d.revokedAt),
  };
}

export function invitationDoc(i: Invitation): InvitationDoc {
  return {
    _id: i.id, tokenHash: i.tokenHash, email: i.email, name: i.name, role: i.role, organisationId: i.organisationId,
    invitedBy: i.invitedBy, createdAt: i.createdAt, expiresAt: i.expiresAt, usedAt: i.usedAt, revokedAt: i.revokedAt,
  };
}

export function toSession(d: Lean<SessionDoc>): SessionRecord {
  return { sid: d._id, userId: orNull(d.userId), data: str(d.data), expiresAt: str(d.expiresAt) };
}

/** The fields of a session document other than `_id` (the sid), for an upsert. */
export function sessionFields(s: SessionRecord): Omit<SessionDoc, '_id'> {
  return { userId: s.userId, data: s.data, expiresAt: s.expiresAt, purgeAt: new Date(s.expiresAt) };
}

export function toIdea(d: Lean<IdeaDoc>): Idea {
  const contact = d.contact ?? { name: '', email: '', phone: null };
  return {
    id: d._id, organisationId: str(d.organisationId), authorId: str(d.authorId), title: str(d.title),
    description: str(d.description), theme: d.theme as Idea['theme'], tags: [...(d.tags ?? [])],
    contact: { name: str(contact.name), email: str(contact.email), phone: orNull(contact.phone) },
    status: d.status as Idea['status'], language: d.language as Idea['language'], hidden: d.hidden === true,
    callId: orNull(d.callId),
    version: Number(d.version), createdAt: str(d.createdAt), updatedAt: str(d.updatedAt),
  };
}

export function ideaDoc(i: Idea): IdeaDoc {
  return {
    _id: i.id, organisationId: i.organisationId, authorId: i.authorId, title: i.title, description: i.description,
    theme: i.theme, tags: [...i.tags], contact: { name: i.contact.name, email: i.contact.email, phone: i.contact.phone },
    status: i.status, language: i.language, hidden: i.hidden, callId: i.callId, version: i.version,
    createdAt: i.createdAt, updatedAt: i.updatedAt, searchText: searchTextOf(i),
  };
}

export function toEndorsement(d: Lean<EndorsementDoc>): Endorsement {
  return {
    id: d._id, ideaId: str(d.ideaId), organisationId: str(d.organisationId), userId: str(d.userId),
    message: orNull(d.message), createdAt: str(d.createdAt),
  };
}

export function endorsementDoc(e: Endorsement): EndorsementDoc {
  return { _id: e.id, ideaId: e.ideaId, organisationId: e.organisationId, userId: e.userId, message: e.message, createdAt: e.createdAt };
}

export function toConnection(d: Lean<ConnectionDoc>): Connection {
  return {
    id: d._id, ideaId: str(d.ideaId), organisationA: str(d.organisationA), organisationB: str(d.organisationB),
    via: d.via as Connection['via'], createdAt: str(d.createdAt),
  };
}

/** `c` with its pair already ordered by the caller (`orderedPair`). */
export function connectionDoc(c: Connection): ConnectionDoc {
  return { _id: c.id, ideaId: c.ideaId, organisationA: c.organisationA, organisationB: c.organisationB, via: c.via, createdAt: c.createdAt };
}

export function toNotification(d: Lean<NotificationDoc>): Notification {
  return {
    id: d._id, userId: str(d.userId), kind: d.kind as Notification['kind'], params: { ...(d.params ?? {}) },
    link: str(d.link), createdAt: str(d.createdAt), readAt: orNull(d.readAt),
    ...(typeof d.groupKey === 'string' ? { groupKey: d.groupKey } : {}),
  };
}

export function notificationDoc(n: Notification): NotificationDoc {
  return {
    _id: n.id, userId: n.userId, kind: n.kind, params: { ...n.params }, link: n.link, createdAt: n.createdAt, readAt: n.readAt,
    ...(n.groupKey !== undefined ? { groupKey: n.groupKey } : {}),
  };
}

export function toDigestItem(d: Lean<DigestItemDoc>): DigestItem {
  return { id: d._id, userId: str(d.userId), ideaId: str(d.ideaId), createdAt: str(d.createdAt) };
}

export function digestItemDoc(i: DigestItem): DigestItemDoc {
  return { _id: i.id, userId: i.userId, ideaId: i.ideaId, createdAt: i.createdAt };
}

export function toClusterState(d: Lean<ClusterStateDoc>): ClusterState {
  return { version: Number(d.version), state: str(d.state), updatedAt: str(d.updatedAt) };
}

/** A settings document (older ones lack the mail kinds: the defaults), or the defaults when there is none. */
export function settingsOf(d: { clusterJoined: NotificationSettings['clusterJoined'] } & Partial<NotificationSettings> | null | undefined): NotificationSettings {
  const settings: NotificationSettings = { ...DEFAULT_NOTIFICATION_SETTINGS };
  if (!d) return settings;
  settings.clusterJoined = d.clusterJoined;
  for (const k of MAIL_KINDS) if (typeof d[k] === 'string') settings[k] = d[k];
  return settings;
}

export const toBoardEvent = (d: BoardEventDoc): BoardEvent => ({
  seq: d.seq,
  kind: d.kind,
  params: { ...(d.params ?? {}) },
  clusterId: d.clusterId ?? null,
  ideaId: d.ideaId ?? null,
  createdAt: d.createdAt,
});

export function toAuditEntry(d: Partial<AuditEntryDoc> & { _id: string }): AuditEntry {
  return {
    id: d._id, at: String(d.at), actorId: d.actorId ?? null, actorName: String(d.actorName), action: String(d.action),
    targetType: String(d.targetType), targetId: String(d.targetId), details: { ...(d.details ?? {}) },
  };
}

/** The outbox document a notification owes when created (issue 16): pending, due at once. */
export function owedMailDoc(n: Notification): OutboxMailDoc {
  return {
    _id: n.id, userId: n.userId, kind: n.kind, params: { ...n.params }, link: n.link, state: 'pending', attempts: 0,
    nextAttemptAt: n.createdAt, leaseUntil: null, lastError: null, createdAt: n.createdAt, doneAt: null,
  };
}

export function toOutboxMail(d: OutboxMailDoc): OutboxMail {
  return {
    id: d._id, userId: String(d.userId), kind: d.kind, params: { ...(d.params ?? {}) }, link: String(d.link), state: d.state,
    attempts: Number(d.attempts), nextAttemptAt: String(d.nextAttemptAt), leaseUntil: d.leaseUntil ?? null,
    lastError: d.lastError ?? null, createdAt: String(d.createdAt), doneAt: d.doneAt ?? null,
  };
}

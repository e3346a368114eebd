/**
 * Between SQLite rows and the port's plain records, in one place: every feature adapter reads users,
 * ideas, notifications … the same way. Row columns are snake_case; records are the port's types.
 */
import type Database from 'better-sqlite3';
import {
  DEFAULT_NOTIFICATION_SETTINGS,
  MAIL_KINDS,
  type AuditEntry,
  type CallKind,
  type CallRecord,
  type BoardEvent,
  type ClusterState,
  type Connection,
  type DigestItem,
  type Endorsement,
  type Idea,
  type Invitation,
  type Notification,
  type NotificationKind,
  type NotificationSettings,
  type Organisation,
  type OrganisationKind,
  type OutboxMail,
  type OutboxState,
  type Role,
  type Theme,
  type SessionRecord,
  type User,
} from '../store.js';

export type Row = Record<string, unknown>;
export type Db = Database.Database;

const str = (v: unknown): string => String(v);
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export const emailKey = (email: string): string => email.trim().toLowerCase();
export const isoUtc = (when: string): string => new Date(when).toISOString();

export function toOrganisation(r: Row): Organisation {
  return {
    id: str(r.id), kind: str(r.kind) as OrganisationKind, country: str(r.country), code: str(r.code),
    name: str(r.name), province: strOrNull(r.province), arrondissement: strOrNull(r.arrondissement),
    createdAt: str(r.created_at),
  };
}

export function toUser(r: Row): User {
  return {
    id: str(r.id), email: str(r.email), name: str(r.name), phone: strOrNull(r.phone),
    passwordHash: strOrNull(r.password_hash), role: str(r.role) as Role,
    organisationId: strOrNull(r.organisation_id), locale: str(r.locale) as User['locale'],
    active: r.active === 1, createdAt: str(r.created_at), updatedAt: str(r.updated_at),
  };
}

export function toInvitation(r: Row): Invitation {
  return {
    id: str(r.id), tokenHash: str(r.token_hash), email: str(r.email), name: str(r.name),
    role: str(r.role) as Role, organisationId: strOrNull(r.organisation_id),
    invitedBy: strOrNull(r.invited_by), createdAt: str(r.created_at), expiresAt: str(r.expires_at),
    usedAt: strOrNull(r.used_at), revokedAt: strOrNull(r.revoked_at),
  };
}

export function toSession(r: Row): SessionRecord {
  return { sid: str(r.sid), userId: strOrNull(r.user_id), data: str(r.data), expiresAt: str(r.expires_at) };
}

export function toIdea(r: Row): Idea {
  return {
    id: str(r.id), organisationId: str(r.organisation_id), authorId: str(r.author_id),
    title: str(r.title), description: str(r.description), theme: str(r.theme) as Idea['theme'],
    tags: JSON.parse(str(r.tags)) as string[],
    contact: { name: str(r.contact_name), email: str(r.contact_email), phone: strOrNull(r.contact_phone) },
    status: str(r.status) as Idea['status'], language: str(r.language) as Idea['language'],
    hidden: r.hidden === 1, callId: strOrNull(r.call_id), version: Number(r.version),
    createdAt: str(r.created_at), updatedAt: str(r.updated_at),
  };
}

/** An idea as the named parameters of its INSERT and UPDATE (tags as JSON, contact flattened). */
export function ideaParams(idea: Idea): Record<string, unknown> {
  return {
    id: idea.id, organisationId: idea.organisationId, authorId: idea.authorId,
    title: idea.title, description: idea.description, theme: idea.theme,
    tags: JSON.stringify(idea.tags),
    contactName: idea.contact.name, contactEmail: idea.contact.email, contactPhone: idea.contact.phone,
    status: idea.status, language: idea.language, hidden: Number(idea.hidden), callId: idea.callId,
    version: idea.version, createdAt: idea.createdAt, updatedAt: idea.updatedAt,
  };
}

export function toEndorsement(r: Row): Endorsement {
  return {
    id: str(r.id), ideaId: str(r.idea_id), organisationId: str(r.organisation_id), userId: str(r.user_id),
    message: strOrNull(r.message), createdAt: str(r.created_at),
  };
}

export function toConnection(r: Row): Connection {
  return {
    id: str(r.id), ideaId: str(r.idea_id), organisationA: str(r.organisation_a), organisationB: str(r.organisation_b),
    via: str(r.via) as Connection['via'], createdAt: str(r.created_at),
  };
}

export function toNotification(r: Row): Notification {
  return {
    id: str(r.id), userId: str(r.user_id), kind: str(r.kind) as Notification['kind'],
    params: JSON.parse(str(r.params)) as Record<string, string>, link: str(r.link),
    createdAt: str(r.created_at), readAt: strOrNull(r.read_at),
    ...(r.group_key !== null && r.group_key !== undefined ? { groupKey: str(r.group_key) } : {}),
  };
}

/** A settings row (migration 6 added a column per mail kind, defaulting to 'mail'). */
export function toSettings(r: Row): NotificationSettings {
  const settings = { ...DEFAULT_NOTIFICATION_SETTINGS, clusterJoined: String(r.cluster_joined) as NotificationSettings['clusterJoined'] };
  for (const k of MAIL_KINDS) if (typeof r[k] === 'string') settings[k] = r[k] as NotificationSettings[typeof k];
  return settings;
}

export const toSettingsOrDefault = (r: Row | undefined): NotificationSettings => (r ? toSettings(r) : { ...DEFAULT_NOTIFICATION_SETTINGS });

export function toDigestItem(r: Row): DigestItem {
  return { id: str(r.id), userId: str(r.user_id), ideaId: str(r.idea_id), createdAt: str(r.created_at) };
}

export function toClusterState(r: Row): ClusterState {
  return { version: Number(r.version), state: str(r.state), updatedAt: str(r.updated_at) };
}

export const toBoardEvent = (r: Row): BoardEvent => ({
  seq: Number(r.seq),
  kind: String(r.kind),
  params: JSON.parse(String(r.params)) as Record<string, string>,
  clusterId: r.cluster_id === null ? null : Number(r.cluster_id),
  ideaId: r.idea_id === null ? null : String(r.idea_id),
  createdAt: String(r.created_at),
});

export function toAuditEntry(r: Row): AuditEntry {
  return {
    id: String(r.id), at: String(r.at), actorId: r.actor_id === null || r.actor_id === undefined ? null : String(r.actor_id),
    actorName: String(r.actor_name), action: String(r.action), targetType: String(r.target_type), targetId: String(r.target_id),
    details: JSON.parse(String(r.details)) as Record<string, string>,
  };
}

export function toOutboxMail(r: Row): OutboxMail {
  return {
    id: String(r.id), userId: String(r.user_id), kind: String(r.kind) as NotificationKind,
    params: JSON.parse(String(r.params)) as Record<string, string>, link: String(r.link),
    state: String(r.state) as OutboxState, attempts: Number(r.attempts), nextAttemptAt: String(r.next_attempt_at),
    leaseUntil: typeof r.lease_until === 'string' ? r.lease_until : null,
    lastError: typeof r.last_error === 'string' ? r.last_error : null,
    createdAt: String(r.created_at), doneAt: typeof r.done_at === 'string' ? r.done_at : null,
  };
}

export function toCall(r: Row): CallRecord {
  return {
    id: str(r.id), number: Number(r.number), name: str(r.name), type: str(r.type) as CallKind,
    themes: r.themes === null ? null : (JSON.parse(str(r.themes)) as Theme[]),
    opensAt: strOrNull(r.opens_at), closesAt: str(r.closes_at), decided: r.decided === 1, decidedOn: strOrNull(r.decided_on),
    maxSubsidyEur: Number(r.max_subsidy_eur), maxDurationMonths: r.max_duration_months === null ? null : Number(r.max_duration_months),
    realiseBy: strOrNull(r.realise_by), rules: JSON.parse(str(r.rules)) as CallRecord['rules'],
    description: str(r.description), sourceUrls: JSON.parse(str(r.source_urls)) as string[],
    createdAt: str(r.created_at), updatedAt: str(r.updated_at),
  };
}

/**
 * A value that changes whenever the file may have changed for this connection: its own writes
 * (`total_changes()`) and any other connection's commits (`PRAGMA data_version`: another process such as
 * `seed:demo`, or the store's writing thread when this is its read-only connection). For caches of
 * what is read often and written rarely; read it inside the read's transaction.
 */
export function fileVersion(db: Db): string {
  return `${db.prepare('PRAGMA data_version').pluck().get()}:${db.prepare('SELECT total_changes()').pluck().get()}`;
}

/**
 * The store port: everything the domain needs from persistence, and nothing more.
 *
 * Rules every adapter follows (checked by test/contract/store-contract.ts):
 * - All methods are async and return plain objects (no driver records, no class instances).
 * - The domain generates ids (`newId()`) and timestamps (its clock) and passes whole records in;
 *   adapters never invent them, so every adapter stores the same thing.
 * - Dates are ISO-8601 strings in UTC (`2026-11-29T10:57:01.000Z`).
 * - Uniqueness is enforced by the adapter (unique index) and surfaces as `StoreConflictError`.
 * - Multi-record operations (`acceptInvitation`) are atomic: all or nothing.
 * - `updateIdea` is optimistic: it only writes when the stored version equals `expectedVersion`.
 *
 * Later issues add endorsements, connections, notifications and cluster state as further
 * sections of this interface (and further migrations), beside the ones here.
 */

export type OrganisationKind = 'municipality' | 'ocmw' | 'intermunicipal' | 'other';
export type Role = 'member' | 'programme';
export type Theme = 'services' | 'democracy' | 'workplace';
export const THEMES: readonly Theme[] = ['services', 'democracy', 'workplace'];
export type IdeaStatus = 'open' | 'withdrawn';
export type Language = 'nl' | 'fr' | 'en';

export interface Organisation {
  id: string;
  kind: OrganisationKind;
  country: string;          // ISO 3166-1 alpha-2, 'BE'
  code: string;             // national code: NIS code for Belgian municipalities
  name: string;
  province: string | null;
  arrondissement: string | null;
  createdAt: string;
}

export interface User {
  id: string;
  email: string;            // stored lower-cased; unique
  name: string;
  phone: string | null;
  passwordHash: string | null;  // null until the invitation is accepted
  role: Role;
  organisationId: string | null; // null only for the programme team
  locale: 'nl' | 'en';
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface Invitation {
  id: string;
  tokenHash: string;        // sha-256 of the one-time token; the token itself is never stored
  email: string;
  name: string;
  role: Role;
  organisationId: string | null;
  invitedBy: string | null; // user id
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  revokedAt: string | null;
}

export interface ContactPerson {
  name: string;
  email: string;
  phone: string | null;
}

export interface Idea {
  id: string;
  organisationId: string;
  authorId: string;
  title: string;
  description: string;
  theme: Theme;
  tags: string[];
  contact: ContactPerson;
  status: IdeaStatus;
  language: Language;
  hidden: boolean;          // moderation (later issue); hidden ideas are left out of lists unless asked for
  version: number;          // starts at 1, +1 on every update
  createdAt: string;
  updatedAt: string;
}

export interface SessionRecord {
  sid: string;
  userId: string | null;
  data: string;             // the serialised session (JSON)
  expiresAt: string;
}

export interface IdeaQuery {
  q?: string;               // full-text search on title, description and tags
  theme?: Theme;
  province?: string;
  organisationId?: string;
  status?: IdeaStatus;      // omitted: every status
  includeHidden?: boolean;  // default false
  limit: number;            // 1..100
  offset: number;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface IdeaPatch {
  title?: string;
  description?: string;
  theme?: Theme;
  tags?: string[];
  contact?: ContactPerson;
  status?: IdeaStatus;
  language?: Language;
  hidden?: boolean;
}

export interface UserPatch {
  name?: string;
  phone?: string | null;
  passwordHash?: string | null;
  locale?: 'nl' | 'en';
  active?: boolean;
}

export interface Store {
  /** Creates the schema or applies pending migrations. Safe to call on every start. */
  init(): Promise<void>;
  /** True when the store answers; used by /healthz. */
  ping(): Promise<boolean>;
  close(): Promise<void>;

  /** Inserts organisations that are not there yet (matched on country + kind + code); returns how many were added. */
  upsertOrganisations(orgs: Organisation[]): Promise<number>;
  getOrganisation(id: string): Promise<Organisation | null>;
  listOrganisations(filter?: { province?: string; kind?: OrganisationKind }): Promise<Organisation[]>;

  createUser(user: User): Promise<void>;            // StoreConflictError on a taken e-mail
  getUser(id: string): Promise<User | null>;
  getUserByEmail(email: string): Promise<User | null>; // e-mail compared lower-cased
  updateUser(id: string, patch: UserPatch, updatedAt: string): Promise<User | null>;
  countUsers(filter?: { role?: Role }): Promise<number>;

  createInvitation(inv: Invitation): Promise<void>;
  getInvitationByTokenHash(tokenHash: string): Promise<Invitation | null>;
  listInvitations(): Promise<Invitation[]>;         // newest first
  /**
   * Atomically marks the invitation used and creates the user. Returns false (and writes nothing)
   * when the invitation is already used or revoked, or expired at `now`.
   * StoreConflictError (and nothing written) when the e-mail is taken.
   */
  acceptInvitation(invitationId: string, user: User, now: string): Promise<boolean>;

  getSession(sid: string, now: string): Promise<SessionRecord | null>; // null when missing or expired
  setSession(session: SessionRecord): Promise<void>;
  destroySession(sid: string): Promise<void>;
  destroyUserSessions(userId: string): Promise<number>;
  purgeExpiredSessions(now: string): Promise<number>;

  createIdea(idea: Idea): Promise<void>;
  getIdea(id: string): Promise<Idea | null>;
  /** Applies the patch when the stored version is `expectedVersion`; returns the new record, or null when the idea does not exist. Throws StoreVersionError on a version mismatch. */
  updateIdea(id: string, patch: IdeaPatch, expectedVersion: number, updatedAt: string): Promise<Idea | null>;
  listIdeas(query: IdeaQuery): Promise<Page<Idea>>;   // newest first
  /** Every open, visible idea: the corpus the matching engine is built from. */
  allOpenIdeas(): Promise<Idea[]>;

  // ---- Finding allies (issue 4): endorsements, connections, notifications, cluster state ----

  /** StoreConflictError('endorsement') when this organisation already endorsed this idea. */
  createEndorsement(e: Endorsement): Promise<void>;
  /** Removes and returns the organisation's endorsement of the idea; null when there was none. */
  deleteEndorsement(ideaId: string, organisationId: string): Promise<Endorsement | null>;
  /** Newest first. Filters combine with AND; `ideaOrganisationId`: endorsements received by that organisation's ideas. */
  listEndorsements(filter?: EndorsementFilter): Promise<Endorsement[]>;

  /** Stores the pair ordered (see `orderedPair`). StoreConflictError('connection') when idea + pair + via exists. */
  createConnection(c: Connection): Promise<void>;
  /** Removes the one connection for idea + pair (either order) + via; returns it, or null when there was none. */
  deleteConnection(key: ConnectionKey): Promise<Connection | null>;
  /** Newest first; `organisationId` matches either side. Records come with organisationA < organisationB. */
  listConnections(filter?: { organisationId?: string; ideaId?: string }): Promise<Connection[]>;
  /** True when some connection (any via) joins the two organisations, around `ideaId` when given. */
  areConnected(orgA: string, orgB: string, ideaId?: string): Promise<boolean>;

  /** Inserts all or none (StoreConflictError('notification') on a taken id). */
  createNotifications(list: Notification[]): Promise<void>;
  /** Newest first (createdAt, then id, descending). `since`: only createdAt > since (reconnect catch-up). */
  listNotifications(userId: string, query: NotificationQuery): Promise<Notification[]>;
  countUnread(userId: string): Promise<number>;
  /** Sets readAt on the user's own unread notifications among `ids` (or all of them); returns how many changed. Others' ids are ignored. */
  markRead(userId: string, ids: string[] | 'all', at: string): Promise<number>;

  /** The user's settings, or the defaults (`DEFAULT_NOTIFICATION_SETTINGS`) when never set. */
  getNotificationSettings(userId: string): Promise<NotificationSettings>;
  /** Changes the settings given; the others stay as they were (or the defaults). */
  setNotificationSettings(userId: string, settings: Partial<NotificationSettings>): Promise<void>;

  /** Active users (active = true) belonging to any of these organisations: who is told about their ideas. */
  listActiveMembers(organisationIds: string[]): Promise<User[]>;

  /** 'cluster_joined' news held back for users on the daily digest. */
  queueDigestItems(items: DigestItem[]): Promise<void>;

  // ---- Notifications that aggregate (issue 19; store/*/notification-batches.ts) ----
  /** For each `{userId, groupKey}`: that user's newest notification with that group key, read or not (none: left out). */
  latestGroupedNotifications(keys: { userId: string; groupKey: string }[]): Promise<Notification[]>;
  /**
   * One transaction: inserts `create`, rewrites `update` (params, link, createdAt) where still unread,
   * and queues `digest`. Returns the ids in `update` that were read meanwhile and so left as they were.
   */
  writeNotificationBatch(batch: NotificationBatch): Promise<{ stale: string[] }>;
  /** Each user's settings, the defaults for those who never set any. */
  listNotificationSettings(userIds: string[]): Promise<Map<string, NotificationSettings>>;
  /** Every held-back item with createdAt <= until, oldest first. */
  listDigestItems(until: string): Promise<DigestItem[]>;
  /** Atomically creates the digest notifications and removes the items they consumed. */
  deliverDigest(notifications: Notification[], consumedItemIds: string[]): Promise<void>;

  /** The engine's persisted cluster state, or null before the first save. */
  getClusterState(): Promise<ClusterState | null>;
  /**
   * Optimistic write: succeeds only when the stored version equals `expectedVersion` (null: nothing
   * stored yet). Otherwise StoreVersionError with the stored version (0 when nothing is stored).
   */
  saveClusterState(state: ClusterState, expectedVersion: number | null): Promise<void>;

  /**
   * Atomically: the endorsement, its connection (when given) and the notifications; all or nothing.
   * StoreConflictError('endorsement' | 'connection' | 'notification') and nothing written on a duplicate.
   */
  endorse(change: { endorsement: Endorsement; connection: Connection | null; notifications: Notification[] }): Promise<void>;
  /**
   * Atomically removes the organisation's endorsement, with `dropConnection` its 'endorsement' connection
   * around the idea, and creates the notifications. Returns the removed endorsement; null (and nothing
   * written) when there was none.
   */
  unendorse(change: { ideaId: string; organisationId: string; dropConnection: boolean; notifications: Notification[] }): Promise<Endorsement | null>;

  // ---- The live board's timeline (issue 5; store/sqlite/board.ts, store/mongo/board.ts) ----

  /**
   * Appends the events in order and returns them with their sequence numbers: one numbering for every
   * instance, strictly increasing, never reused (gaps are allowed). The last one is the board's version.
   */
  appendBoardEvents(events: NewBoardEvent[]): Promise<BoardEvent[]>;
  /** With `after`: the events with seq > after, oldest first. Without: the newest `limit`, newest first. */
  listBoardEvents(query: { after?: number; limit: number }): Promise<BoardEvent[]>;
  /**
   * Endorsements and connections per idea, for the board's running numbers: for the given ideas (each
   * listed, zeros included), or without ids for every idea that has at least one of either. Any status.
   */
  countPerIdea(ideaIds?: string[]): Promise<IdeaCounts[]>;
  /** How many endorsements and connections the store holds in all (any idea): the board's cheap check that it missed none. */
  countAll(): Promise<{ endorsements: number; connections: number }>;

  // ---- Account management (issue 5; store/sqlite/accounts-admin.ts, store/mongo/accounts-admin.ts) ----

  getInvitation(id: string): Promise<Invitation | null>;
  /**
   * Applies the patch (resend: a new token hash and expiry; revoke: revokedAt) only while the invitation
   * is neither used nor revoked. Returns the new record; null, and nothing written, otherwise or when missing.
   */
  updateInvitation(id: string, patch: InvitationPatch): Promise<Invitation | null>;
  /** Newest first (createdAt, then id, descending). Filters combine with AND. */
  listUsers(filter?: UserFilter): Promise<User[]>;
  /**
   * Sets `active` (and updatedAt). Deactivating the last active programme-team account is refused
   * atomically, also against a concurrent deactivation: `{ ok: false, reason: 'last_programme' }`, nothing written.
   */
  setUserActive(id: string, active: boolean, updatedAt: string): Promise<SetUserActiveResult>;

  // ---- Moderation and the audit log (issue 5; store/sqlite/moderation.ts, store/mongo/moderation.ts) ----

  /** Append-only: entries are never changed or removed. Throws on a taken id. */
  appendAudit(entry: AuditEntry): Promise<void>;
  /** Newest first (at, then id, descending); `before`: only entries older than the entry with that id. */
  listAudit(query: AuditQuery): Promise<AuditEntry[]>;
  /**
   * One "introduce all" of a cluster, atomically: the connections that do not exist yet (idea + pair + via
   * already there: skipped, not an error) and all the notifications. Returns how many connections were new.
   */
  introduce(change: { connections: Connection[]; notifications: Notification[] }): Promise<number>;

  // ---- The mail outbox (issue 16; store/*/mail-outbox.ts). Rows are added with their notification. ----

  /**
   * Takes up to `limit` mails due at `now` (pending with nextAttemptAt <= now, or sending with an expired
   * lease) and marks them 'sending' until `leaseUntil`, attempts + 1, atomically: two senders never take
   * the same mail. Oldest first.
   */
  claimOutbox(now: string, leaseUntil: string, limit: number): Promise<OutboxMail[]>;
  /** Ends a mail that is 'sending': sent, skipped (the user's setting) or failed (given up). False when it was not 'sending'. */
  settleOutbox(id: string, outcome: { state: 'sent' | 'skipped' | 'failed'; at: string; error?: string }): Promise<boolean>;
  /** Puts a 'sending' mail back to 'pending' until `nextAttemptAt`, with the error. False when it was not 'sending'. */
  deferOutbox(id: string, nextAttemptAt: string, error: string): Promise<boolean>;
  /** Newest first. */
  listOutbox(filter: { userId?: string; state?: OutboxState; limit: number }): Promise<OutboxMail[]>;
  /** When the next pending mail is due (null: none pending or sending). */
  nextOutboxDue(): Promise<string | null>;

  // ---- Outside writes (issue 16.1) ----
  /**
   * A value that changes when another process (e.g. `npm run seed:demo`) committed to the same store
   * since the last call; null when the adapter cannot tell (several instances use Redis for that).
   */
  outsideChangeMarker(): Promise<string | null>;

  // ---- Personal data (issue 16.6) ----
  /**
   * Atomically: replaces the user's name, e-mail and phone with `anonymous`, removes the password, sets
   * the user inactive, ends their sessions, removes their notifications, settings, held digest items and
   * unsent mail, and replaces the contact person of ideas where it was this user (matched on `email`) with
   * `contact`. Returns false (nothing written) when the user does not exist.
   */
  anonymiseUser(change: { userId: string; anonymous: { name: string; email: string }; contact: ContactPerson; at: string }): Promise<boolean>;
}

export class StoreConflictError extends Error {
  constructor(readonly what: 'email' | 'organisation' | 'invitation' | 'idea' | 'endorsement' | 'connection' | 'notification', message = `${what} already exists`) {
    super(message);
    this.name = 'StoreConflictError';
  }
}

export class StoreVersionError extends Error {
  constructor(readonly currentVersion: number) {
    super(`version conflict: stored version is ${currentVersion}`);
    this.name = 'StoreVersionError';
  }
}

// ---- Finding allies (issue 4) ----

/** "We find this valuable too": one organisation backing another organisation's idea. Unique per (ideaId, organisationId). */
export interface Endorsement {
  id: string;
  ideaId: string;
  organisationId: string;   // the endorsing organisation
  userId: string;           // who clicked, for the record
  message: string | null;   // at most 500 characters
  createdAt: string;
}

export interface EndorsementFilter {
  ideaId?: string;
  organisationId?: string;
  ideaOrganisationId?: string;
}

export type ConnectionVia = 'endorsement' | 'introduction';

/**
 * Two organisations put in contact around one idea. The pair is unordered: adapters store it with
 * organisationA < organisationB (`orderedPair`), so (A,B) and (B,A) are the same connection.
 * Unique per idea + pair + via: an endorsement and an introduction may both hold the same pair.
 */
export interface Connection {
  id: string;
  ideaId: string;
  organisationA: string;
  organisationB: string;
  via: ConnectionVia;
  createdAt: string;
}

export interface ConnectionKey {
  ideaId: string;
  organisationA: string;
  organisationB: string;
  via: ConnectionVia;
}

/** The two ids in the order adapters keep them (plain code-unit order; ids are ASCII). */
export function orderedPair(a: string, b: string): [string, string] {
  return a < b ? [a, b] : [b, a];
}

/**
 * 'cluster_digest' is the once-a-day summary of 'cluster_joined' news for users who chose the daily digest.
 */
export type NotificationKind = 'endorsed' | 'connected' | 'cluster_joined' | 'introduced' | 'cluster_digest' | 'idea_hidden';
export const NOTIFICATION_KINDS: readonly NotificationKind[] = ['endorsed', 'connected', 'cluster_joined', 'introduced', 'cluster_digest', 'idea_hidden'];

/** A persisted notice for one user; the text is `notifications.kind.<kind>` filled with `params`. */
export interface Notification {
  id: string;
  userId: string;
  kind: NotificationKind;
  params: Record<string, string>;
  link: string;             // a path in the app, e.g. /ideas/<id>
  /** When it was created, or last updated while unread (an aggregated notice moves to the top). */
  createdAt: string;
  readAt: string | null;
  /** Notifications with the same key (e.g. `cluster:7`) tell one story: updated while unread instead of added. */
  groupKey?: string;
}

export interface NotificationBatch { create: Notification[]; update: Notification[]; digest: DigestItem[] }

export interface NotificationQuery {
  unreadOnly?: boolean;
  since?: string;           // only createdAt > since
  limit: number;            // 1..100
}

export type DigestFrequency = 'immediate' | 'daily' | 'never';
/** How a user wants one kind of notice: by mail (and in the app), in the app only, or not at all. */
export type Delivery = 'mail' | 'app' | 'never';
export const DELIVERIES: readonly Delivery[] = ['mail', 'app', 'never'];
/** The kinds of notice that can go out by mail, each with its own setting (and unsubscribe link). */
export type MailKind = 'endorsed' | 'connected' | 'introduced' | 'digest' | 'hidden';
export const MAIL_KINDS: readonly MailKind[] = ['endorsed', 'connected', 'introduced', 'digest', 'hidden'];
/** Which setting decides about a notification; 'cluster_joined' has its own (clusterJoined) and is never mailed. */
export const MAIL_KIND_OF: Readonly<Partial<Record<NotificationKind, MailKind>>> = Object.freeze({
  endorsed: 'endorsed', connected: 'connected', introduced: 'introduced', cluster_digest: 'digest', idea_hidden: 'hidden',
});
export interface NotificationSettings extends Record<MailKind, Delivery> {
  clusterJoined: DigestFrequency;
}
export const DEFAULT_NOTIFICATION_SETTINGS: Readonly<NotificationSettings> = Object.freeze({
  clusterJoined: 'immediate', endorsed: 'mail', connected: 'mail', introduced: 'mail', digest: 'mail', hidden: 'mail',
});

/**
 * One mail owed for a notification (issue 16), written in the same transaction as the notification
 * itself (adapters do it in their notification insert), so it is never lost. `id` is the notification's
 * id: one mail per notification at most. The content is a copy of the notification's at that moment.
 * 'sending' is held under a lease (`leaseUntil`): a sender that died mid-way is taken over after it.
 */
export type OutboxState = 'pending' | 'sending' | 'sent' | 'skipped' | 'failed';
export interface OutboxMail {
  id: string;
  userId: string;
  kind: NotificationKind;
  params: Record<string, string>;
  link: string;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: string;
  leaseUntil: string | null;
  lastError: string | null;
  createdAt: string;
  doneAt: string | null;
}

/** One 'cluster_joined' notice held back for a user on the daily digest: idea `ideaId` joined a cluster of theirs. */
export interface DigestItem {
  id: string;
  userId: string;
  ideaId: string;
  createdAt: string;
}

/** What the matching engine persists so cluster ids and labels survive a restart; `state` is its own JSON. */
export interface ClusterState {
  version: number;
  state: string;
  updatedAt: string;
}

// ---- Account management (issue 5) ----

export interface InvitationPatch {
  tokenHash?: string;
  expiresAt?: string;
  revokedAt?: string;
}

export interface UserFilter {
  organisationId?: string;
  role?: Role;
  active?: boolean;
}

export type SetUserActiveResult = { ok: true; user: User } | { ok: false; reason: 'not_found' | 'last_programme' };

// ---- Moderation and the audit log (issue 5) ----

/** One thing the programme team (or the system) did, kept for the record. `details` are short strings. */
export interface AuditEntry {
  id: string;
  at: string;
  actorId: string | null;   // null: the system
  actorName: string;        // as it was at the time
  action: string;           // 'idea.hidden', 'cluster.renamed', 'invitation.created', … (see domain/audit.ts)
  targetType: string;       // 'idea', 'cluster', 'invitation', 'user', 'export'
  targetId: string;
  details: Record<string, string>;
}

export interface AuditQuery {
  limit: number;            // 1..200
  before?: string;          // an entry id: only entries older than it (the next page)
  targetType?: string;
  targetId?: string;
  actions?: string[];       // only these actions
}

// ---- The live board's timeline (issue 5) ----

/** One change the board's timeline shows; the text is `board.event.<kind>` filled with `params`. */
export interface BoardEvent {
  seq: number;
  kind: string;
  params: Record<string, string>;
  clusterId: number | null;
  ideaId: string | null;
  createdAt: string;
}
export type NewBoardEvent = Omit<BoardEvent, 'seq'>;
export interface IdeaCounts { ideaId: string; endorsements: number; connections: number }

/**
 * The port in slices, one per feature module of an adapter: sqlite/ and mongo/ each implement every
 * slice in a file of the same name (allies.ts, accounts-admin.ts, moderation.ts, board.ts).
 */
export type AlliesMethods = Pick<Store,
  | 'createEndorsement' | 'deleteEndorsement' | 'listEndorsements'
  | 'createConnection' | 'deleteConnection' | 'listConnections' | 'areConnected'
  | 'createNotifications' | 'listNotifications' | 'countUnread' | 'markRead'
  | 'getNotificationSettings' | 'setNotificationSettings' | 'listActiveMembers'
  | 'queueDigestItems' | 'listDigestItems' | 'deliverDigest'
  | 'getClusterState' | 'saveClusterState' | 'endorse' | 'unendorse'>;
export type AccountsAdminMethods = Pick<Store, 'getInvitation' | 'updateInvitation' | 'listUsers' | 'setUserActive'>;
export type ModerationMethods = Pick<Store, 'appendAudit' | 'listAudit' | 'introduce'>;
export type NotificationBatchMethods = Pick<Store, 'latestGroupedNotifications' | 'writeNotificationBatch' | 'listNotificationSettings'>;
export type BoardMethods = Pick<Store, 'appendBoardEvents' | 'listBoardEvents' | 'countPerIdea' | 'countAll'>;
export type MailOutboxMethods = Pick<Store, 'claimOutbox' | 'settleOutbox' | 'deferOutbox' | 'listOutbox' | 'nextOutboxDue'>;

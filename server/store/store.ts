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
}

export class StoreConflictError extends Error {
  constructor(readonly what: 'email' | 'organisation' | 'invitation' | 'idea', message = `${what} already exists`) {
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

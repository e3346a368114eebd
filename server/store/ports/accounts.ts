/**
 * The accounts port: users, invitations and sessions, what signing in and account management use.
 * Password resets need nothing here: their links are signed, not stored (domain/passwords.ts).
 */

export type Role = 'member' | 'programme';

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

export interface UserPatch {
  name?: string;
  phone?: string | null;
  passwordHash?: string | null;
  locale?: 'nl' | 'en';
  active?: boolean;
}

export interface UserFilter {
  organisationId?: string;
  role?: Role;
  active?: boolean;
}

export type SetUserActiveResult = { ok: true; user: User } | { ok: false; reason: 'not_found' | 'last_programme' };

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

export interface InvitationPatch {
  tokenHash?: string;
  expiresAt?: string;
  revokedAt?: string;
}

export interface SessionRecord {
  sid: string;
  userId: string | null;
  data: string;             // the serialised session (JSON)
  expiresAt: string;
}

export interface UsersPort {
  createUser(user: User): Promise<void>;            // StoreConflictError on a taken e-mail
  getUser(id: string): Promise<User | null>;
  getUserByEmail(email: string): Promise<User | null>; // e-mail compared lower-cased
  updateUser(id: string, patch: UserPatch, updatedAt: string): Promise<User | null>;
  countUsers(filter?: { role?: Role }): Promise<number>;
  /** Newest first (createdAt, then id, descending). Filters combine with AND. */
  listUsers(filter?: UserFilter): Promise<User[]>;
  /** Active users (active = true) belonging to any of these organisations: who is told about their ideas. */
  listActiveMembers(organisationIds: string[]): Promise<User[]>;
  /**
   * Sets `active` (and updatedAt). Deactivating the last active programme-team account is refused
   * atomically, also against a concurrent deactivation: `{ ok: false, reason: 'last_programme' }`, nothing written.
   */
  setUserActive(id: string, active: boolean, updatedAt: string): Promise<SetUserActiveResult>;
}

export interface InvitationsPort {
  createInvitation(inv: Invitation): Promise<void>;
  getInvitation(id: string): Promise<Invitation | null>;
  getInvitationByTokenHash(tokenHash: string): Promise<Invitation | null>;
  listInvitations(): Promise<Invitation[]>;         // newest first
  /**
   * Applies the patch (resend: a new token hash and expiry; revoke: revokedAt) only while the invitation
   * is neither used nor revoked. Returns the new record; null, and nothing written, otherwise or when missing.
   */
  updateInvitation(id: string, patch: InvitationPatch): Promise<Invitation | null>;
  /**
   * Atomically marks the invitation used and creates the user. Returns false (and writes nothing)
   * when the invitation is already used or revoked, or expired at `now`.
   * StoreConflictError (and nothing written) when the e-mail is taken.
   */
  acceptInvitation(invitationId: string, user: User, now: string): Promise<boolean>;
}

export interface SessionsPort {
  getSession(sid: string, now: string): Promise<SessionRecord | null>; // null when missing or expired
  setSession(session: SessionRecord): Promise<void>;
  destroySession(sid: string): Promise<void>;
  destroyUserSessions(userId: string): Promise<number>;
  purgeExpiredSessions(now: string): Promise<number>;
}

export type AccountsPort = UsersPort & InvitationsPort & SessionsPort;

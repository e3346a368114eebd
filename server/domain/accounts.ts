// How people get in: invitations from the programme team, accepting one, and signing in, without the
// answers or their timing giving away who has an account.
import { createHash, randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import { z } from 'zod';
import { AppError } from '../errors.js';
import type { Invitation, SessionRecord, Store, User } from '../store/store.js';
import { StoreConflictError } from '../store/store.js';
import { newId } from '../store/ids.js';
import type { Mailer } from '../mail.js';
import type { Actor, Viewer } from './actor.js';
import type { Audit } from './audit.js';
import { iso, type Clock } from './clock.js';
import { assertStrongPassword } from './password-strength.js';
import { email, parse, password, phone, text } from './validation.js';
import { requireProgramme } from './rules/who-may-act.js';

export interface AccountsDeps {
  store: Store;
  clock: Clock;
  mailer: Mailer;
  log: { info(obj: object, msg: string): void };
  baseUrl: string;
  invitationTtlMs: number;
  /** Write invitation links to the log: development only, a link is a bearer token (issue 15.10). */
  logLinks?: boolean;
  /** When given, account actions are written to the audit log. */
  audit?: Pick<Audit, 'record'>;
}

export const inviteSchema = z
  .object({
    email,
    name: text(2, 100),
    role: z.enum(['member', 'programme']).default('member'),
    organisationId: z.string().trim().max(64).optional().transform((v) => v || undefined),
  })
  .superRefine((v, ctx) => {
    if (v.role === 'member' && !v.organisationId) ctx.addIssue({ code: 'custom', path: ['organisationId'], message: 'errors.field.required' });
  });

const acceptSchema = z
  .object({ password, passwordConfirm: z.string().max(256).optional(), phone: phone.optional() })
  .superRefine((v, ctx) => {
    if (v.passwordConfirm !== undefined && v.passwordConfirm !== v.password) {
      ctx.addIssue({ code: 'custom', path: ['passwordConfirm'], message: 'errors.field.password_mismatch' });
    }
  });

export const signInSchema = z.object({ email: z.string().trim().toLowerCase().min(1).max(254), password: z.string().min(1).max(256) });

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

// Verified against when the e-mail is unknown, so that answering takes as long as for a known one.
let dummyHash: Promise<string> | undefined;

export function createAccounts(deps: AccountsDeps) {
  const { store, clock } = deps;

  /** The invitation `id` for the programme team, while it can still change (neither used nor revoked). */
  async function openInvitation(actor: Actor, id: unknown): Promise<Invitation> {
    requireProgramme(actor);
    const inv = typeof id === 'string' && id.length <= 64 ? await store.getInvitation(id) : null;
    if (!inv) throw new AppError('not_found', 'accounts_admin.errors.invitation_not_found');
    if (inv.usedAt || inv.revokedAt) throw new AppError('conflict', 'accounts_admin.errors.invitation_closed');
    return inv;
  }

  async function deliverLink(inv: Invitation, token: string, what: string): Promise<{ link: string; mailed: boolean }> {
    const link = `${deps.baseUrl}/invitations/${token}`;
    logLink(inv.email, link, what);
    if (!deps.mailer.enabled) return { link, mailed: false };
    await deps.mailer.send({ to: inv.email, subject: 'Medestander: uitnodiging / invitation', text: `${inv.name},\n\n${link}\n` });
    return { link, mailed: true };
  }

  function logLink(to: string, link: string, what: string): void {
    deps.log.info(deps.logLinks ? { email: to, link } : { email: to }, what);
  }

  async function hashPassword(pw: string): Promise<string> {
    return argon2.hash(pw, { type: argon2.argon2id });
  }

  return {
    hashPassword,

    /** The programme team invites a person; the one-time link is returned (shown to them), logged, and mailed when mail is on. */
    async invite(actor: Actor, input: unknown): Promise<{ invitation: Invitation; link: string; mailed: boolean }> {
      requireProgramme(actor);
      const v = parse(inviteSchema, input);
      const organisationId = v.role === 'member' ? v.organisationId! : null;
      if (organisationId && !(await store.getOrganisation(organisationId))) {
        throw new AppError('validation_failed', 'errors.validation_failed', { fields: { organisationId: { key: 'errors.field.unknown_organisation' } } });
      }
      if (await store.getUserByEmail(v.email)) {
        throw new AppError('conflict', 'errors.email_taken', { fields: { email: { key: 'errors.email_taken' } } });
      }
      const token = randomBytes(32).toString('base64url');
      const invitation: Invitation = {
        id: newId(), tokenHash: hashToken(token), email: v.email, name: v.name, role: v.role, organisationId,
        invitedBy: actor.id, createdAt: iso(clock), expiresAt: iso(clock, deps.invitationTtlMs), usedAt: null, revokedAt: null,
      };
      await store.createInvitation(invitation);
      await deps.audit?.record(actor, 'invitation.created', { type: 'invitation', id: invitation.id }, { email: v.email, role: v.role, organisationId: organisationId ?? '' });
      const link = `${deps.baseUrl}/invitations/${token}`;
      logLink(v.email, link, 'invitation created');
      let mailed = false;
      if (deps.mailer.enabled) {
        await deps.mailer.send({ to: v.email, subject: 'Medestander: uitnodiging / invitation', text: `${v.name},\n\n${link}\n` });
        mailed = true;
      }
      return { invitation, link, mailed };
    },

    /** The invitation behind a one-time token, if it can still be used. */
    async findOpenInvitation(token: string): Promise<Invitation> {
      const inv = typeof token === 'string' && token.length <= 100 ? await store.getInvitationByTokenHash(hashToken(token)) : null;
      if (!inv || inv.usedAt || inv.revokedAt || inv.expiresAt <= iso(clock)) throw new AppError('not_found', 'errors.invitation_invalid');
      return inv;
    },

    /** Sets the password through the one-time link: creates the account and uses up the invitation, atomically. */
    async acceptInvitation(token: string, input: unknown): Promise<User> {
      const inv = await this.findOpenInvitation(token);
      const v = parse(acceptSchema, input);
      assertStrongPassword(v.password, inv);
      const now = iso(clock);
      const user: User = {
        id: newId(), email: inv.email, name: inv.name, phone: v.phone ?? null, passwordHash: await hashPassword(v.password),
        role: inv.role, organisationId: inv.organisationId, locale: 'nl', active: true, createdAt: now, updatedAt: now,
      };
      try {
        if (!(await store.acceptInvitation(inv.id, user, now))) throw new AppError('not_found', 'errors.invitation_invalid');
      } catch (err) {
        if (err instanceof StoreConflictError) throw new AppError('conflict', 'errors.email_taken');
        throw err;
      }
      return user;
    },

    /**
     * A new one-time link for a pending or expired invitation: the old link stops working at once and the
     * expiry starts again. The link is returned (shown again), logged, and mailed when mail is on.
     */
    async resendInvitation(actor: Actor, id: unknown): Promise<{ invitation: Invitation; link: string; mailed: boolean }> {
      const current = await openInvitation(actor, id);
      const token = randomBytes(32).toString('base64url');
      const invitation = await store.updateInvitation(current.id, { tokenHash: hashToken(token), expiresAt: iso(clock, deps.invitationTtlMs) });
      if (!invitation) throw new AppError('conflict', 'accounts_admin.errors.invitation_closed'); // used or revoked meanwhile
      await deps.audit?.record(actor, 'invitation.resent', { type: 'invitation', id: invitation.id }, { email: invitation.email, expiresAt: invitation.expiresAt });
      return { invitation, ...(await deliverLink(invitation, token, 'invitation resent')) };
    },

    /** A pending or expired invitation can no longer be used. */
    async revokeInvitation(actor: Actor, id: unknown): Promise<Invitation> {
      const current = await openInvitation(actor, id);
      const invitation = await store.updateInvitation(current.id, { revokedAt: iso(clock) });
      if (!invitation) throw new AppError('conflict', 'accounts_admin.errors.invitation_closed');
      await deps.audit?.record(actor, 'invitation.revoked', { type: 'invitation', id: invitation.id }, { email: invitation.email });
      return invitation;
    },

    /** The programme team's list of invitations, newest first. */
    async listInvitations(actor: Viewer): Promise<Invitation[]> {
      requireProgramme(actor);
      return store.listInvitations();
    },

    /** One invitation, whatever its state, for the programme team (404 when unknown). */
    async invitation(actor: Viewer, id: unknown): Promise<Invitation> {
      requireProgramme(actor);
      const inv = typeof id === 'string' && id.length <= 64 ? await store.getInvitation(id) : null;
      if (!inv) throw new AppError('not_found', 'accounts_admin.errors.invitation_not_found');
      return inv;
    },

    /** The user a session names, as stored (null when gone): the realtime edge checks it at every handshake. */
    signedInUser: (userId: string): Promise<User | null> => store.getUser(userId),

    /** A session while it is live (null: ended or expired), for sockets that live no longer than their session. */
    liveSession: (sid: string): Promise<SessionRecord | null> => store.getSession(sid, iso(clock)),

    /** Checks e-mail and password; the same answer whether the e-mail is unknown or the password wrong. */
    async authenticate(input: unknown): Promise<User> {
      const v = parse(signInSchema, input);
      const user = await store.getUserByEmail(v.email);
      if (!user || !user.passwordHash || !user.active) {
        dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
        await argon2.verify(await dummyHash, v.password).catch(() => false);
        throw new AppError('unauthenticated', 'errors.signin_failed');
      }
      if (!(await argon2.verify(user.passwordHash, v.password))) throw new AppError('unauthenticated', 'errors.signin_failed');
      return user;
    },

    /** For `npm run admin:create`: a programme-team account with a password, no invitation needed. */
    async createProgrammeAccount(input: unknown): Promise<User> {
      const v = parse(z.object({ email, password, name: text(2, 100) }), input);
      assertStrongPassword(v.password, v);
      const now = iso(clock);
      const user: User = {
        id: newId(), email: v.email, name: v.name, phone: null, passwordHash: await hashPassword(v.password), role: 'programme',
        organisationId: null, locale: 'nl', active: true, createdAt: now, updatedAt: now,
      };
      try {
        await store.createUser(user);
      } catch (err) {
        if (err instanceof StoreConflictError) throw new AppError('conflict', 'errors.email_taken', { fields: { email: { key: 'errors.email_taken' } } });
        throw err;
      }
      return user;
    },
  };
}

export type Accounts = ReturnType<typeof createAccounts>;

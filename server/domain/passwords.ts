// Changing a password and resetting a forgotten one, through a one-time reset link that needs no table.
import { createHmac, timingSafeEqual } from 'node:crypto';
import argon2 from 'argon2';
import { z } from 'zod';
import { AppError } from '../errors.js';
import type { Mailer } from '../mail.js';
import type { Store, User } from '../store/store.js';
import type { Actor } from './actor.js';
import { iso, type Clock } from './clock.js';
import type { DomainBus } from './events.js';
import { assertStrongPassword } from './password-strength.js';
import { email, parse, password } from './validation.js';

export interface PasswordsDeps {
  store: Store;
  clock: Clock;
  bus: Pick<DomainBus, 'emit'>;
  mailer: Mailer;
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
  baseUrl: string;
  /** Signs the reset links (derived from SESSION_SECRET, never the secret itself). */
  secret: string;
  resetTtlMs: number;
  /** Write reset links to the log (development only: a link is a bearer token). */
  logLinks: boolean;
  hashPassword(pw: string): Promise<string>;
}

const confirmed = <T extends z.ZodRawShape>(shape: T) => z.object({ ...shape, password, passwordConfirm: z.string().max(256).optional() })
  .superRefine((v, ctx) => {
    if (v.passwordConfirm !== undefined && v.passwordConfirm !== v.password) ctx.addIssue({ code: 'custom', path: ['passwordConfirm'], message: 'errors.field.password_mismatch' });
  });
export const changeSchema = confirmed({ currentPassword: z.string().min(1).max(256) });
export const resetSchema = confirmed({});
export const forgotSchema = z.object({ email });

const invalidLink = () => new AppError('not_found', 'account.errors.reset_invalid');

/**
 * Changing a password (signed in, with the current one) and resetting a forgotten one through a
 * one-time, expiring link. The link needs no table: it carries the user id and its expiry, signed
 * with a key that also covers the current password hash, so it stops working the moment any new
 * password is set (one-time) or when it expires. Both end every session of the user, and so their
 * sockets on every instance ('user:sessions-ended'); the edge then signs this browser in anew.
 */
export function createPasswords(deps: PasswordsDeps) {
  const { store, clock } = deps;
  const key = createHmac('sha256', deps.secret).update('medestander password reset v1').digest();
  /** Users whose password a reset link is setting right now. */
  const resetting = new Set<string>();
  const sign = (userId: string, expires: number, hash: string) => createHmac('sha256', key).update(`${userId}.${expires}.${hash}`).digest('base64url');

  async function userOfLink(token: unknown): Promise<User> {
    if (typeof token !== 'string' || token.length > 200) throw invalidLink();
    const [userId, expiresText, sig] = token.split('.');
    const expires = Number(expiresText);
    if (!userId || !sig || !Number.isSafeInteger(expires) || expires <= clock.now().getTime()) throw invalidLink();
    const user = await store.getUser(userId);
    if (!user?.active || !user.passwordHash) throw invalidLink();
    const want = Buffer.from(sign(user.id, expires, user.passwordHash));
    const got = Buffer.from(sig);
    if (want.length !== got.length || !timingSafeEqual(want, got)) throw invalidLink();
    return user;
  }


  async function setPassword(user: User, pw: string, why: string): Promise<User> {
    const updated = await store.updateUser(user.id, { passwordHash: await deps.hashPassword(pw) }, iso(clock));
    if (!updated) throw invalidLink();
    await store.destroyUserSessions(user.id);
    deps.bus.emit('user:sessions-ended', { userId: user.id });
    deps.log.info({ userId: user.id }, why);
    return updated;
  }

  return {
    /** Signed in: the current password, then a strong new one. Ends every session of the user. */
    async change(actor: Actor, input: unknown): Promise<User> {
      const v = parse(changeSchema, input);
      const user = await store.getUser(actor.id);
      if (!user?.passwordHash) throw new AppError('unauthenticated', 'errors.signin_required');
      if (!(await argon2.verify(user.passwordHash, v.currentPassword))) {
        throw new AppError('validation_failed', 'errors.validation_failed', { fields: { currentPassword: { key: 'errors.field.password.wrong_current' } } });
      }
      assertStrongPassword(v.password, user);
      return setPassword(user, v.password, 'password changed');
    },

    /**
     * Forgotten password: mails a one-time link when the address belongs to an active account. The
     * answer is the same either way, and the mail goes out after it, so neither tells whether the
     * address is known.
     */
    async requestReset(input: unknown): Promise<void> {
      const v = parse(forgotSchema, input);
      const user = await store.getUserByEmail(v.email);
      if (!user?.active || !user.passwordHash) return;
      const expires = clock.now().getTime() + deps.resetTtlMs;
      const link = `${deps.baseUrl}/password/reset/${user.id}.${expires}.${sign(user.id, expires, user.passwordHash)}`;
      if (deps.logLinks) deps.log.info({ email: user.email, link }, 'password reset link (development only)');
      if (!deps.mailer.enabled) return;
      const text = `${user.name},\n\nNieuw wachtwoord kiezen / choose a new password:\n${link}\n\n`
        + `Deze link werkt één keer en vervalt na ${Math.round(deps.resetTtlMs / 60_000)} minuten. Niet gevraagd? Negeer deze e-mail.\n`
        + `This link works once and expires in ${Math.round(deps.resetTtlMs / 60_000)} minutes. Did not ask? Ignore this e-mail.\n`;
      void deps.mailer.send({ to: user.email, subject: 'Medestander: nieuw wachtwoord / new password', text })
        .catch((err: unknown) => deps.log.warn({ err, userId: user.id }, 'mailing a password reset link failed'));
    },

    /** The account behind a reset link, while the link can still be used (else 404). */
    async checkReset(token: unknown): Promise<Pick<User, 'name' | 'email'>> {
      const { name, email: address } = await userOfLink(token);
      return { name, email: address };
    },

    /**
     * Sets the new password through the link; the link is used up, every session of the user ends.
     * Two uses of one link at once: hashing takes tens of milliseconds, in which both would still
     * find the old hash; the second finds the first under way and gets what a used link gets. (Across
     * instances, on MongoDB, the same needs a conditional update in the store: docs/deployment.md.)
     */
    async reset(token: unknown, input: unknown): Promise<User> {
      const user = await userOfLink(token);
      const v = parse(resetSchema, input);
      assertStrongPassword(v.password, user);
      if (resetting.has(user.id)) throw invalidLink();
      resetting.add(user.id);
      try {
        return await setPassword(user, v.password, 'password reset through a link');
      } finally {
        resetting.delete(user.id);
      }
    },
  };
}

export type Passwords = ReturnType<typeof createPasswords>;

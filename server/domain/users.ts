// The programme team decides who may use the product: listing users, deactivating and reactivating them.
import { z } from 'zod';
import { AppError } from '../errors.js';
import type { Store, User, UserFilter } from '../store/store.js';
import type { Viewer } from './actor.js';
import type { Audit } from './audit.js';
import { iso, type Clock } from './clock.js';
import type { DomainBus } from './events.js';
import { parse } from './validation.js';
import { requireProgramme } from './rules/who-may-act.js';

export interface UsersDeps {
  store: Store;
  clock: Clock;
  bus: DomainBus;
  /** When given, deactivations and reactivations are written to the audit log. */
  audit?: Pick<Audit, 'record'>;
}

/** An empty query-string value means "any". */
const blank = (v: unknown) => (v === '' ? undefined : v);

export const filterSchema = z.object({
  organisation: z.preprocess(blank, z.string().trim().max(64).optional()),
  role: z.preprocess(blank, z.enum(['member', 'programme']).optional()),
  active: z.preprocess(blank, z.enum(['true', 'false']).optional()),
}).strip();

export type UsersFilterInput = { organisation?: unknown; role?: unknown; active?: unknown };

/**
 * The programme team's user management. Deactivation is enforced where it matters, not here: sign-in
 * refuses an inactive account (accounts.authenticate), every request re-reads the user (loadActor) and a
 * socket is refused at its handshake. Here it also ends their sessions and, through 'user:deactivated',
 * their live sockets at once.
 */
export function createUsers({ store, clock, bus, audit }: UsersDeps) {
  async function existing(id: unknown): Promise<User> {
    const user = typeof id === 'string' && id.length <= 64 ? await store.getUser(id) : null;
    if (!user) throw new AppError('not_found', 'accounts_admin.errors.user_not_found');
    return user;
  }

  return {
    /** Every user, newest first; `active` is 'true' or 'false', empty values mean any. */
    async list(viewer: Viewer, input: UsersFilterInput = {}): Promise<User[]> {
      requireProgramme(viewer);
      const v = parse(filterSchema, input);
      const filter: UserFilter = {
        ...(v.organisation ? { organisationId: v.organisation } : {}),
        ...(v.role ? { role: v.role } : {}),
        ...(v.active ? { active: v.active === 'true' } : {}),
      };
      return store.listUsers(filter);
    },

    /** One account, for the programme team (404 when unknown). */
    async get(viewer: Viewer, id: unknown): Promise<User> {
      requireProgramme(viewer);
      return existing(id);
    },

    /** Not yourself, never the last active programme account. Idempotent: an inactive user stays inactive (and signed out). */
    async deactivate(viewer: Viewer, id: unknown): Promise<User> {
      const actor = requireProgramme(viewer);
      const before = await existing(id);
      if (before.id === actor.id) throw new AppError('conflict', 'accounts_admin.errors.self');
      const result = await store.setUserActive(before.id, false, iso(clock));
      if (!result.ok) {
        throw result.reason === 'last_programme'
          ? new AppError('conflict', 'accounts_admin.errors.last_programme')
          : new AppError('not_found', 'accounts_admin.errors.user_not_found');
      }
      // After the flag: a session made meanwhile is refused on its next request anyway (loadActor).
      await store.destroyUserSessions(before.id);
      bus.emit('user:deactivated', { userId: before.id });
      if (before.active) await audit?.record(actor, 'user.deactivated', { type: 'user', id: before.id }, { email: before.email, role: before.role });
      return result.user;
    },

    /** They can sign in again with their password; their sessions ended at deactivation stay ended. */
    async reactivate(viewer: Viewer, id: unknown): Promise<User> {
      const actor = requireProgramme(viewer);
      const before = await existing(id);
      const result = await store.setUserActive(before.id, true, iso(clock));
      if (!result.ok) throw new AppError('not_found', 'accounts_admin.errors.user_not_found');
      if (!before.active) await audit?.record(actor, 'user.reactivated', { type: 'user', id: before.id }, { email: before.email, role: before.role });
      return result.user;
    },
  };
}

export type Users = ReturnType<typeof createUsers>;

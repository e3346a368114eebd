/**
 * What the contract suites share: how a suite is given its store, and small helpers for records that
 * most features need around them (an organisation with a member, a few stored ideas).
 */
import { newId } from '../../server/store/ids.js';
import type { Idea, Notification, Organisation, Store, User } from '../../server/store/store.js';
import { T0, makeIdea, makeOrganisation, makeUser } from '../support/factories.js';

export interface ContractOptions {
  /** Shown in every suite's title: 'SQLite', 'MongoDB'. */
  name: string;
  /** A new, empty store on every call; the suites call `init()` and `close()` themselves. */
  create: () => Promise<Store>;
}

/**
 * A new, initialised store before each test of the enclosing `describe`, closed after it; `use` is
 * handed each one (`let store: Store; freshStoreEachTest(create, (s) => { store = s; });`).
 */
export function freshStoreEachTest(create: ContractOptions['create'], use: (store: Store) => void): void {
  let store: Store | undefined;
  beforeEach(async () => {
    store = await create();
    await store.init();
    use(store);
  });
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });
}

/** The error a promise rejects with, or null when it fulfils. */
export const failure = (p: Promise<unknown>): Promise<unknown> => p.then(() => null, (e: unknown) => e);

/** An organisation with one member, both stored. */
export async function orgWithMember(store: Store, over: Partial<Organisation> = {}): Promise<{ org: Organisation; user: User }> {
  const org = makeOrganisation(over);
  await store.upsertOrganisations([org]);
  const user = makeUser(org.id);
  await store.createUser(user);
  return { org, user };
}

/** An organisation with one member and one idea of theirs, all stored. */
export async function orgWithIdea(store: Store, orgName: string): Promise<{ org: Organisation; user: User; idea: Idea }> {
  const { org, user } = await orgWithMember(store, { name: orgName });
  const idea = makeIdea(org.id, user.id);
  await store.createIdea(idea);
  return { org, user, idea };
}

/** An unread notice of `kind` for the user. */
export const notice = (userId: string, kind: Notification['kind'], createdAt = T0): Notification => ({
  id: newId(), userId, kind, params: { organisation: 'Lier', idea: 'Loket' }, link: '/ideas/x', createdAt, readAt: null,
});

export async function storeIdeas(store: Store, ideas: Idea[]): Promise<Idea[]> {
  for (const idea of ideas) await store.createIdea(idea);
  return ideas;
}

export const ids = (ideas: Idea[]): string[] => ideas.map((i) => i.id);

/**
 * What the contract suites share: how a suite is given its store, and small helpers for records that
 * most features need around them (an organisation with a member, a few stored ideas).
 */
import type { Idea, Organisation, Store, User } from '../../server/store/store.js';
import { makeOrganisation, makeUser } from '../support/factories.js';

export interface ContractOptions {
  /** Shown in every suite's title: 'SQLite', 'MongoDB'. */
  name: string;
  /** A new, empty store on every call; the suites call `init()` and `close()` themselves. */
  create: () => Promise<Store>;
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

export async function storeIdeas(store: Store, ideas: Idea[]): Promise<Idea[]> {
  for (const idea of ideas) await store.createIdea(idea);
  return ideas;
}

export const ids = (ideas: Idea[]): string[] => ideas.map((i) => i.id);

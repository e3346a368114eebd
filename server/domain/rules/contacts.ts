// Whose contact person a viewer sees: the one rule for this personal data, used by the idea pages, the
// endorsements, "My organisation" and the clusters alike (it used to live inside endorsements.ts).
import type { Connection, ContactPerson, Endorsement, Idea, Store } from '../../store/store.js';
import type { Viewer } from '../actor.js';
import { isProgramme } from './who-may-act.js';

/** What a viewer may see of contact persons; built once per request, then decided without store reads. */
export interface ContactPolicy {
  /** The contact person of `organisationId` around idea `ideaId` (the idea's own, or an endorser's). */
  seesContactOf(organisationId: string, ideaId: string): boolean;
  /** The idea's own contact person. */
  seesIdeaContact(idea: Pick<Idea, 'id' | 'organisationId'>): boolean;
}

/**
 * The rule: the programme team sees them all; a member sees their own organisation's, and those of an
 * organisation connected with theirs around that idea. Visitors and unconnected organisations see none.
 * `connections` are (some of) the viewer's organisation's connections.
 */
export function contactPolicy(viewer: Viewer, connections: readonly Connection[]): ContactPolicy {
  const own = viewer?.organisationId ?? null;
  const linked = new Set<string>();
  for (const c of connections) {
    if (c.organisationA === own) linked.add(`${c.ideaId} ${c.organisationB}`);
    else if (c.organisationB === own) linked.add(`${c.ideaId} ${c.organisationA}`);
  }
  const seesContactOf = (organisationId: string, ideaId: string): boolean =>
    isProgramme(viewer) || (own !== null && (own === organisationId || linked.has(`${ideaId} ${organisationId}`)));
  return { seesContactOf, seesIdeaContact: (idea) => seesContactOf(idea.organisationId, idea.id) };
}

/** The rule over the store: the connections it needs are read here, once per policy. */
export function createContacts({ store }: { store: Pick<Store, 'listConnections' | 'getUser' | 'getIdea'> }) {
  /** The viewer's policy: one store read for a member (their organisation's connections, around one idea when given), none otherwise. */
  async function policy(viewer: Viewer, scope: { ideaId?: string } = {}): Promise<ContactPolicy> {
    const organisationId = viewer && !isProgramme(viewer) ? viewer.organisationId : null;
    return contactPolicy(viewer, organisationId ? await store.listConnections({ organisationId, ...scope }) : []);
  }

  /** The programme team, the idea's own organisation, or an organisation connected with it around this idea. */
  async function canSee(viewer: Viewer, idea: Idea): Promise<boolean> {
    return (await policy(viewer, { ideaId: idea.id })).seesIdeaContact(idea);
  }

  return {
    policy,
    canSee,

    /** As canSee, by id (false for an idea that is gone), whatever the idea's state: for answers about an endorsement taken back. */
    async canSeeById(viewer: Viewer, ideaId: string): Promise<boolean> {
      const idea = await store.getIdea(ideaId);
      return idea ? canSee(viewer, idea) : false;
    },

    /** The idea's contact person when this viewer may see it, otherwise null. */
    async ideaContact(viewer: Viewer, idea: Idea): Promise<ContactPerson | null> {
      return (await canSee(viewer, idea)) ? idea.contact : null;
    },

    /** Who endorsed, as the endorsing organisation's contact person; null once their account is deactivated. Callers check the policy first. */
    async endorserContact(e: Endorsement): Promise<ContactPerson | null> {
      const user = await store.getUser(e.userId);
      return user?.active ? { name: user.name, email: user.email, phone: user.phone } : null;
    },
  };
}

export type Contacts = ReturnType<typeof createContacts>;

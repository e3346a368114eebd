// A member sees their organisation's whole network on one page: ideas, endorsements and connections.
import type { ConnectionVia, ContactPerson, Endorsement, Idea, IdeaStatus, Organisation, Store } from '../store/store.js';
import type { Viewer } from './actor.js';
import type { Contacts } from './rules/contacts.js';
import { notHidden } from './rules/visible-ideas.js';
import { requireMember } from './rules/who-may-act.js';

interface OrgRef { id: string; name: string }
interface IdeaRef { id: string; title: string; status: IdeaStatus; organisation: OrgRef }

/** What "My organisation" shows a member: everything about their organisation's allies, in one read model. */
export interface OrganisationOverview {
  organisation: OrgRef & { province: string | null };
  /** Our ideas (every status, not hidden), newest first, with how many organisations endorse each. */
  ideas: { id: string; title: string; status: IdeaStatus; createdAt: string; endorsementCount: number }[];
  /** Endorsements our organisation gave, newest first. */
  given: { id: string; idea: IdeaRef; message: string | null; createdAt: string }[];
  /** Endorsements our ideas received, newest first, with the endorser as the other side's contact person. */
  received: { id: string; idea: IdeaRef; organisation: OrgRef; message: string | null; createdAt: string; contact: ContactPerson | null }[];
  /**
   * One row per idea and other organisation we are connected with, newest first. `contact` is the other
   * side's contact person around that idea: the idea's contact when the idea is theirs (`idea_contact`),
   * otherwise the member of theirs who endorsed it (`endorser`); null when neither exists (an introduction
   * around our idea that they have not endorsed).
   */
  connections: { idea: IdeaRef; organisation: OrgRef; via: ConnectionVia[]; since: string; contact: ContactPerson | null; contactKind: 'idea_contact' | 'endorser' | null }[];
}

const PAGE = 100;

/**
 * "My organisation": our ideas, endorsements given and received, and our connections with their contact
 * people. Members only: the programme team belongs to no organisation (403 with a pointer to the
 * organisations pages). Ideas hidden by moderation are left out, as everywhere else members look.
 * Whose contact person a member sees is the contact rule (rules/contacts.ts), nothing decided here.
 */
export function createMyOrganisation({ store, contacts }: { store: Store; contacts: Contacts }) {
  async function allIdeasOf(organisationId: string): Promise<Idea[]> {
    const all: Idea[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await store.listIdeas({ organisationId, limit: PAGE, offset });
      all.push(...page.items);
      if (page.items.length < PAGE) return all;
    }
  }

  return {
    async overview(viewer: Viewer): Promise<OrganisationOverview> {
      const ownId = requireMember(viewer, 'myorg.errors.members_only').organisationId;
      const [own, ownIdeas, given, received, connections, policy] = await Promise.all([
        store.getOrganisation(ownId), allIdeasOf(ownId), store.listEndorsements({ organisationId: ownId }),
        store.listEndorsements({ ideaOrganisationId: ownId }), store.listConnections({ organisationId: ownId }), contacts.policy(viewer),
      ]);

      const orgs = new Map<string, Organisation | null>(own ? [[own.id, own]] : []);
      const org = async (id: string): Promise<OrgRef> => {
        if (!orgs.has(id)) orgs.set(id, await store.getOrganisation(id));
        return { id, name: orgs.get(id)?.name ?? id };
      };
      const ideas = new Map<string, Idea | null>(ownIdeas.map((i) => [i.id, i]));
      const idea = async (id: string): Promise<Idea | null> => {
        if (!ideas.has(id)) ideas.set(id, await store.getIdea(id));
        const found = ideas.get(id) ?? null;
        return found && notHidden(found) ? found : null;
      };
      const ideaRef = async (i: Idea): Promise<IdeaRef> => ({ id: i.id, title: i.title, status: i.status, organisation: await org(i.organisationId) });
      const endorsementOf = (organisationId: string, ideaId: string): Endorsement | undefined =>
        [...given, ...received].find((e) => e.organisationId === organisationId && e.ideaId === ideaId);

      const counts = new Map<string, number>();
      for (const e of received) counts.set(e.ideaId, (counts.get(e.ideaId) ?? 0) + 1);

      const givenRows: OrganisationOverview['given'] = [];
      for (const e of given) {
        const i = await idea(e.ideaId);
        if (i) givenRows.push({ id: e.id, idea: await ideaRef(i), message: e.message, createdAt: e.createdAt });
      }

      const receivedRows: OrganisationOverview['received'] = [];
      for (const e of received) {
        const i = await idea(e.ideaId);
        if (!i) continue;
        const contact = policy.seesContactOf(e.organisationId, i.id) ? await contacts.endorserContact(e) : null;
        receivedRows.push({ id: e.id, idea: await ideaRef(i), organisation: await org(e.organisationId), message: e.message, createdAt: e.createdAt, contact });
      }

      // An endorsement and an introduction may both hold the same pair around an idea: one row, both ways listed.
      const rows = new Map<string, OrganisationOverview['connections'][number]>();
      for (const c of connections) {
        const otherId = c.organisationA === ownId ? c.organisationB : c.organisationA;
        const key = `${c.ideaId} ${otherId}`;
        const row = rows.get(key);
        if (row) {
          if (!row.via.includes(c.via)) row.via.push(c.via);
          if (c.createdAt < row.since) row.since = c.createdAt;
          continue;
        }
        const i = await idea(c.ideaId);
        if (!i) continue;
        let contact: ContactPerson | null = null;
        let contactKind: 'idea_contact' | 'endorser' | null = null;
        if (policy.seesContactOf(otherId, i.id)) {
          const theirEndorsement = endorsementOf(otherId, i.id);
          if (i.organisationId === otherId) [contact, contactKind] = [i.contact, 'idea_contact'];
          else if (theirEndorsement) [contact, contactKind] = [await contacts.endorserContact(theirEndorsement), 'endorser'];
        }
        rows.set(key, { idea: await ideaRef(i), organisation: await org(otherId), via: [c.via], since: c.createdAt, contact, contactKind: contact ? contactKind : null });
      }

      return {
        organisation: { id: ownId, name: own?.name ?? ownId, province: own?.province ?? null },
        ideas: ownIdeas.filter(notHidden).map((i) => ({ id: i.id, title: i.title, status: i.status, createdAt: i.createdAt, endorsementCount: counts.get(i.id) ?? 0 })),
        given: givenRows,
        received: receivedRows,
        connections: [...rows.values()],
      };
    },
  };
}

export type MyOrganisation = ReturnType<typeof createMyOrganisation>;

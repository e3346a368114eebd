/**
 * Whom the lead might invite: the local governments it is in contact with, those with ideas in the
 * idea's cluster, and those behind the idea's similar ideas, each once with every reason that holds,
 * leaving out whoever already stands in the partnership. A search by name comes beside them.
 */
import type { Idea, Organisation, Partnership, Store } from '../../store/store.js';
import type { Viewer } from '../actor.js';
import type { Matching } from '../matching.js';

export type SuggestionReason = 'connection' | 'cluster' | 'similar';
export const SUGGESTION_REASONS: readonly SuggestionReason[] = ['connection', 'cluster', 'similar'];

export interface Suggestion {
  organisation: { id: string; name: string };
  reasons: SuggestionReason[];
}

/** At most this many ideas of the cluster are looked at, and this many suggestions answered. */
export const SUGGESTION_LIMITS = { clusterIdeas: 60, similar: 10, answered: 30 } as const;

export interface SuggestionsDeps {
  store: Pick<Store, 'listConnections' | 'getIdea' | 'getOrganisation'>;
  matching: Pick<Matching, 'clusterOf' | 'clusters' | 'similarToIdea'>;
}

/** Those already in, invited or asking: suggesting them again helps nobody. */
const taken = (p: Partnership): Set<string> =>
  new Set(p.memberships.filter((m) => m.state === 'member' || m.state === 'invited' || m.state === 'requested').map((m) => m.organisationId));

export function createSuggestions({ store, matching }: SuggestionsDeps) {
  async function clusterOrganisations(idea: Idea): Promise<string[]> {
    const ref = matching.clusterOf(idea.id);
    if (!ref) return [];
    const members = matching.clusters().find((c) => c.id === ref.id)?.members ?? [];
    const ideas = await Promise.all(members.filter((id) => id !== idea.id).slice(0, SUGGESTION_LIMITS.clusterIdeas).map((id) => store.getIdea(id)));
    return ideas.filter((i): i is Idea => i !== null && !i.hidden).map((i) => i.organisationId);
  }

  async function similarOrganisations(viewer: Viewer, idea: Idea): Promise<string[]> {
    try {
      return (await matching.similarToIdea(viewer, idea.id, { k: SUGGESTION_LIMITS.similar })).map((s) => s.idea.organisationId);
    } catch {
      return []; // an idea the engine does not hold (withdrawn since): no similar ideas, still the other reasons
    }
  }

  return {
    async forPartnership(viewer: Viewer, p: Partnership, idea: Idea): Promise<Suggestion[]> {
      const lead = p.leadOrganisationId;
      const connections = (await store.listConnections({ organisationId: lead }))
        .map((c) => (c.organisationA === lead ? c.organisationB : c.organisationA));
      const found: Record<SuggestionReason, string[]> = {
        connection: connections,
        cluster: await clusterOrganisations(idea),
        similar: await similarOrganisations(viewer, idea),
      };
      const skip = taken(p);
      const reasons = new Map<string, SuggestionReason[]>();
      for (const reason of SUGGESTION_REASONS) {
        for (const id of found[reason]) {
          if (skip.has(id) || id === lead) continue;
          const list = reasons.get(id) ?? [];
          if (!list.includes(reason)) list.push(reason);
          reasons.set(id, list);
        }
      }
      const orgs = await Promise.all([...reasons.keys()].map((id) => store.getOrganisation(id)));
      return orgs.filter((o): o is Organisation => o !== null)
        .map((o) => ({ organisation: { id: o.id, name: o.name }, reasons: reasons.get(o.id)! }))
        // More reasons first, then by name: the strongest candidates on top.
        .sort((a, b) => b.reasons.length - a.reasons.length || a.organisation.name.localeCompare(b.organisation.name, 'nl'))
        .slice(0, SUGGESTION_LIMITS.answered);
    },

    /** Drops those already standing in the partnership from a search by name. */
    withoutTaken(p: Partnership, orgs: Organisation[]): { id: string; name: string }[] {
      const skip = taken(p);
      return orgs.filter((o) => !skip.has(o.id)).map((o) => ({ id: o.id, name: o.name }));
    },
  };
}

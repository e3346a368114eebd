/**
 * What the live board (board.ts) knows, passed explicitly to the two halves that share it: the bus
 * handlers (board-events.ts) take the domain's changes in, the updates (board-updates.ts) write and
 * announce them. Each half keeps the rest of its bookkeeping to itself.
 */
import type { Idea, Organisation, Store } from '../store/store.js';
import { emptyView, type ClusterView, type DiffEvent } from './board-diff.js';
import type { Matching } from './matching.js';

export type BoardState = ReturnType<typeof newBoardState>;

export function newBoardState() {
  return {
    ideas: new Map<string, Idea>(),
    organisations: new Map<string, Organisation>(),
    positions: new Map<string, { x: number; y: number }>(),
    departed: new Map<string, Idea>(),        // left the board since the last update: still named in its events
    seen: emptyView(),
    pending: [] as DiffEvent[],
    localIdeas: new Set<string>(),            // ideas posted or edited here since the last write
    localLabels: new Set<number>(),           // clusters renamed here since the last write
    changed: new Set<string>(),               // ideas whose BoardIdea may differ from the one last announced
    recount: new Set<string>(),               // ideas whose endorsements or connections may have changed
    pushed: 0,                                // with peers: the last version announced here
    written: 0,                               // with peers: the highest version this board may announce
    clustersNeeded: 0,                        // with peers: the matching version those events describe
    waitingSince: 0,
  };
}

export const visible = (i: Idea) => i.status === 'open' && !i.hidden;
export const ideaOf = (s: BoardState, id: string) => s.ideas.get(id) ?? s.departed.get(id);
export const orgName = (s: BoardState, ideaId: string) => s.organisations.get(ideaOf(s, ideaId)?.organisationId ?? '')?.name ?? '';

export function currentClusterView(s: BoardState, matching: Pick<Matching, 'clusters'>): ClusterView {
  const view = emptyView();
  for (const id of s.ideas.keys()) view.ideas.set(id, null);
  for (const c of matching.clusters()) {
    const members = c.members.filter((m) => s.ideas.has(m));
    if (members.length === 0) continue;
    view.clusters.set(c.id, { label: c.label, members, representative: c.representative });
    for (const m of members) view.ideas.set(m, c.id);
  }
  return view;
}

export async function organisationsOf(s: BoardState, store: Store, list: Idea[]): Promise<void> {
  for (const id of new Set(list.map((i) => i.organisationId))) {
    if (s.organisations.has(id)) continue;
    const org = await store.getOrganisation(id);
    if (org) s.organisations.set(id, org);
  }
}

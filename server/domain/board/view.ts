/**
 * The board's picture at one moment, from plain data (pure): which ideas are on it, in which cluster,
 * and each idea as the map shows it. The state (state.ts) feeds these from what it knows; snapshots and
 * live updates both go through them.
 */
import type { Idea, Organisation } from '../../store/store.js';
import { emptyView, type ClusterView } from './diff.js';
import type { BoardIdea } from './types.js';
import { isListed } from '../rules/visible-ideas.js';

/** A cluster as the matching service has it: members in its own order, possibly ideas not on the board. */
export interface MatchedCluster { id: number; label: string; members: string[]; representative?: string | null }

/** Which ideas the board shows: the listed ones (domain/rules/visible-ideas.ts). */
export const visible = (i: Idea): boolean => isListed(i);

/** The ideas on the board (`onBoard`) and the clusters restricted to them; a cluster with none of them is left out. */
export function clusterView(onBoard: ReadonlyMap<string, unknown>, clusters: readonly MatchedCluster[]): ClusterView {
  const view = emptyView();
  for (const id of onBoard.keys()) view.ideas.set(id, null);
  for (const c of clusters) {
    const members = c.members.filter((m) => onBoard.has(m));
    if (members.length === 0) continue;
    view.clusters.set(c.id, { label: c.label, members, representative: c.representative });
    for (const m of members) view.ideas.set(m, c.id);
  }
  return view;
}

/** Puts an idea in `view`'s cluster (null: none, undefined: off the board), members included; changes `view`. */
export function setIn(view: ClusterView, id: string, clusterId: number | null | undefined): void {
  const was = view.ideas.get(id);
  const from = was === undefined || was === null ? undefined : view.clusters.get(was);
  if (from) from.members = from.members.filter((m) => m !== id);
  if (clusterId === undefined) { view.ideas.delete(id); return; }
  view.ideas.set(id, clusterId);
  if (clusterId !== null) view.clusters.get(clusterId)?.members.push(id);
}

export function boardIdea(i: Idea, clusterId: number | null, position: { x: number; y: number } | undefined, organisations: ReadonlyMap<string, Organisation>): BoardIdea {
  return {
    id: i.id, title: i.title, organisationId: i.organisationId, organisation: organisations.get(i.organisationId)?.name ?? '', theme: i.theme,
    clusterId, x: position ? position.x : null, y: position ? position.y : null,
  };
}

/** True when `b` is `a` moved: only its position or cluster may differ (a BoardMove says all there is). */
export function onlyMoved(a: BoardIdea, b: BoardIdea): boolean {
  return a.id === b.id && a.title === b.title && a.organisationId === b.organisationId && a.organisation === b.organisation && a.theme === b.theme;
}

/** True when `a` is `b` as the board shows it (every field the same): nothing to announce. */
export function sameBoardIdea(a: BoardIdea | undefined, b: BoardIdea): boolean {
  return a !== undefined && a.id === b.id && a.title === b.title && a.organisationId === b.organisationId && a.organisation === b.organisation
    && a.theme === b.theme && a.clusterId === b.clusterId && a.x === b.x && a.y === b.y;
}

/**
 * What changed between two views of the clusters, as timeline events a person cares about ("new
 * cluster 'Digitaal grafregister' with Geel, Lier, Mol"; "Tienen joined 'Online afspraken'"; one line
 * for a recompute that moved several ideas). Pure: the board (state.ts and updates.ts) keeps the views and
 * stores what this returns.
 *
 *   const events = diffClusters(before, after, (ideaId) => ({ organisation, title }));
 *
 * A view is every cluster (id, label, members) and the ideas that are on the board at all. An idea
 * close to no cluster is on the board without one (not yet matched).
 */

export interface ClusterView {
  clusters: Map<number, { label: string; members: string[]; representative?: string | null }>;
  /** Every idea on the board, with its cluster (null: none yet). */
  ideas: Map<string, number | null>;
}

export interface DiffEvent {
  kind: string;
  params: Record<string, string>;
  clusterId: number | null;
  ideaId: string | null;
}

/**
 * More joins, moves and leaves than this in one step (a recompute that moved several ideas) are told
 * in one 'reshuffled' line naming up to MAX_NAMED organisations.
 */
export const MAX_MOVE_EVENTS = 2;
const MAX_NAMED = 5;

export const emptyView = (): ClusterView => ({ clusters: new Map(), ideas: new Map() });

export type Describe = (ideaId: string) => { organisation: string; title: string };

/** Names in Dutch order: what localeCompare(…, 'nl') does, with one collator instead of one per comparison (issue 19). */
export const byName = new Intl.Collator('nl').compare;

const names = (ideaIds: string[], describe: Describe): string =>
  [...new Set(ideaIds.map((id) => describe(id).organisation))].sort(byName).join(', ');

function mostCommon(values: (number | null | undefined)[], allowed: (v: number) => boolean): [number, number] | null {
  const counts = new Map<number, number>();
  for (const v of values) if (v !== null && v !== undefined && allowed(v)) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: [number, number] | null = null;
  for (const [v, n] of counts) if (!best || n > best[1] || (n === best[1] && v < best[0])) best = [v, n];
  return best;
}

/**
 * `candidates`: when given, every idea whose cluster may differ between the two views (a superset is
 * fine); the ideas are then compared only there instead of over every idea on the board. The board
 * passes the ideas it changed since the last write, which keeps a live update at 10,000 ideas from
 * walking all of them (issue 19).
 */
export function diffClusters(before: ClusterView, after: ClusterView, describe: Describe, candidates?: ReadonlySet<string>): DiffEvent[] {
  const events: DiffEvent[] = [];
  const explained = new Set<string>();
  const prevOf = (id: string) => before.ideas.get(id);
  const nextOf = (id: string) => after.ideas.get(id);
  const labelBefore = (id: number) => before.clusters.get(id)?.label ?? '';
  const labelAfter = (id: number) => after.clusters.get(id)?.label ?? '';
  const appeared = [...after.clusters.keys()].filter((id) => !before.clusters.has(id));
  const gone = [...before.clusters.keys()].filter((id) => !after.clusters.has(id));
  const survives = (id: number) => before.clusters.has(id) && after.clusters.has(id);

  for (const id of appeared) {
    const members = after.clusters.get(id)!.members;
    const source = mostCommon(members.map(prevOf), survives);
    members.forEach((m) => explained.add(m));
    if (source && source[1] >= 2) {
      events.push({ kind: 'cluster_split', params: { from: labelAfter(source[0]), cluster: labelAfter(id) }, clusterId: id, ideaId: null });
    } else {
      events.push({ kind: 'cluster_appeared', params: { cluster: labelAfter(id), organisations: names(members, describe), size: String(members.length) }, clusterId: id, ideaId: null });
    }
  }
  for (const id of gone) {
    const members = before.clusters.get(id)!.members;
    const into = mostCommon(members.map(nextOf), (c) => after.clusters.has(c));
    if (into) {
      for (const m of members) if (nextOf(m) === into[0]) explained.add(m);
      events.push({ kind: 'cluster_merged', params: { from: labelBefore(id), cluster: labelAfter(into[0]) }, clusterId: into[0], ideaId: null });
    } else {
      events.push({ kind: 'cluster_gone', params: { cluster: labelBefore(id) }, clusterId: null, ideaId: null });
    }
  }
  for (const [id, c] of after.clusters) {
    const previous = before.clusters.get(id);
    if (previous && previous.label !== c.label) events.push({ kind: 'cluster_renamed', params: { from: previous.label, cluster: c.label }, clusterId: id, ideaId: null });
  }

  // Every idea whose cluster changed and that no cluster event above explains: a move (from one
  // cluster to another), a join (from no cluster) or a leave (to no cluster, or off the board).
  const moves: { id: string; from: number | null; to: number | null }[] = [];
  const posted: string[] = [];
  const inCluster = (c: number | null | undefined, view: ClusterView): number | null => (c !== null && c !== undefined && view.clusters.has(c) ? c : null);
  for (const id of candidates ?? after.ideas.keys()) {
    const next = after.ideas.get(id);
    if (next === undefined) continue;
    const prev = prevOf(id);
    if (prev === next || explained.has(id)) continue;
    if (prev === undefined && next === null) { posted.push(id); continue; }
    const from = inCluster(prev, before);
    const to = inCluster(next, after);
    if (from !== null && !after.clusters.has(from) && to === null) continue; // its cluster went: told above
    if (from !== to) moves.push({ id, from: from !== null && after.clusters.has(from) ? from : null, to });
  }
  for (const id of candidates ?? before.ideas.keys()) {
    const prev = before.ideas.get(id);
    if (prev === undefined || after.ideas.has(id) || prev === null || !after.clusters.has(prev)) continue;
    moves.push({ id, from: prev, to: null });
  }
  const told = moves.filter((m) => m.from !== null || m.to !== null);

  if (told.length > MAX_MOVE_EVENTS) {
    // A recompute that moves several ideas is one line, not a page of joins and leaves.
    const orgs = [...new Set(told.map((m) => describe(m.id).organisation))].sort(byName);
    const shown = orgs.length > MAX_NAMED ? `${orgs.slice(0, MAX_NAMED).join(', ')}, …` : orgs.join(', ');
    events.push({ kind: 'reshuffled', params: { count: String(told.length), organisations: shown }, clusterId: null, ideaId: null });
  } else {
    for (const m of told) {
      const organisations = describe(m.id).organisation;
      if (m.from !== null && m.to !== null) events.push({ kind: 'idea_moved', params: { from: labelBefore(m.from), cluster: labelAfter(m.to), organisations }, clusterId: m.to, ideaId: m.id });
      else if (m.to !== null) events.push({ kind: 'cluster_gained', params: { cluster: labelAfter(m.to), organisations }, clusterId: m.to, ideaId: m.id });
      else events.push({ kind: 'cluster_lost', params: { cluster: labelBefore(m.from!), organisations }, clusterId: m.from, ideaId: after.ideas.has(m.id) ? m.id : null });
    }
  }
  for (const id of posted) events.push({ kind: 'idea_posted', params: { organisations: describe(id).organisation, title: describe(id).title }, clusterId: null, ideaId: id });
  return events;
}

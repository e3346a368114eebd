// Stable cluster identities across recomputations.
//
// A new cluster inherits the id of the previous cluster it shares most members with (Jaccard,
// greedy best-first), so "cluster 7" stays cluster 7 when one idea is added. When members cannot
// be compared (after a restore without assignments), centroid similarity decides instead.
// Unmatched clusters get fresh ids from a counter that never reuses an id.

export interface MatchInput {
  /** Member ids of each new cluster. */
  members: string[][];
  /** Previous cluster id of each idea. */
  previous: Map<string, number>;
  /** Cosine between new cluster i and previous cluster id, when members cannot be compared. */
  centroidSimilarity?: (i: number) => Map<number, number>;
  nextId: number;
  minJaccard?: number;
  minCentroidSimilarity?: number;
}

export function matchClusterIds(input: MatchInput): { ids: number[]; nextId: number } {
  const minJ = input.minJaccard ?? 0.2;
  const prevSize = new Map<number, number>();
  for (const c of input.previous.values()) prevSize.set(c, (prevSize.get(c) ?? 0) + 1);
  const pairs: { i: number; id: number; score: number }[] = [];
  input.members.forEach((ms, i) => {
    const overlap = new Map<number, number>();
    for (const m of ms) {
      const p = input.previous.get(m);
      if (p !== undefined) overlap.set(p, (overlap.get(p) ?? 0) + 1);
    }
    for (const [id, o] of overlap) {
      const score = o / (ms.length + prevSize.get(id)! - o);
      if (score >= minJ) pairs.push({ i, id, score });
    }
    if (overlap.size === 0 && input.centroidSimilarity) {
      for (const [id, s] of input.centroidSimilarity(i)) {
        if (s >= (input.minCentroidSimilarity ?? 0.6)) pairs.push({ i, id, score: s });
      }
    }
  });
  pairs.sort((a, b) => b.score - a.score || a.id - b.id || a.i - b.i);
  const ids = new Array<number>(input.members.length).fill(-1);
  const taken = new Set<number>();
  for (const p of pairs) {
    if (ids[p.i] !== -1 || taken.has(p.id)) continue;
    ids[p.i] = p.id;
    taken.add(p.id);
  }
  let nextId = input.nextId;
  for (const t of taken) nextId = Math.max(nextId, t + 1);
  // Fresh ids in a deterministic order: largest new cluster first.
  const order = input.members.map((m, i) => i).sort((a, b) => input.members[b]!.length - input.members[a]!.length || a - b);
  for (const i of order) if (ids[i] === -1) ids[i] = nextId++;
  return { ids, nextId };
}

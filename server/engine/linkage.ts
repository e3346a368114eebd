// Clusters at a programme's scale: average-linkage agglomerative clustering with a similarity floor.
//
//   const sim = pairSimilarities(rows, points, { denseWeight: 0.3 });   // n x n, symmetric
//   const labels = averageLinkage(sim, n, { floor: 0.2 });             // cluster index per idea, -1: matched with nobody
//
// Why not k-means at this scale: a programme has 50-1,000 ideas in many small groups (3-6 ideas of
// one project) and ideas that match nothing yet. k-means must put every idea somewhere, so the
// loose ones gather in a catch-all, and its k, centroids and seeds move every cluster when one idea
// is added. Average linkage merges two groups only while the mean similarity between them stays at
// or above the floor, so every cluster is cohesive by construction, an idea close to nothing stays
// alone (shown as not yet matched), a new project's ideas find each other without moving the
// others, and the number of clusters follows from the floor instead of being chosen. The cost is
// quadratic in the number of ideas (memory n x n floats), which is why the recompute uses it up to
// `linkageMaxIdeas` and k-means above (docs/engine.md, "Clusters at a programme's scale").

import type { Points } from './cluster.js';
import type { Row } from './reduce.js';

export interface SimilarityOptions {
  /** Share of the reduced (LSA) cosine beside the TF-IDF cosine (0: TF-IDF only). */
  denseWeight: number;
}

/** Blended cosine of every pair: (1 - w) * TF-IDF rows + w * reduced points. Row i, column j at i * n + j. */
export function pairSimilarities(rows: Row[], points: Points, o: SimilarityOptions): Float32Array {
  const n = rows.length;
  const sim = new Float32Array(n * n);
  let width = 0;
  const norms = new Float64Array(n);
  rows.forEach((r, i) => {
    let s = 0;
    for (let k = 0; k < r.ids.length; k++) { width = Math.max(width, r.ids[k]! + 1); s += r.w[k]! * r.w[k]!; }
    norms[i] = Math.sqrt(s);
  });
  const scatter = new Float64Array(width);
  const ws = 1 - o.denseWeight;
  const dims = points[0]?.length ?? 0;
  for (let i = 0; i < n; i++) {
    const a = rows[i]!;
    for (let k = 0; k < a.ids.length; k++) scatter[a.ids[k]!] = a.w[k]!;
    const pa = points[i]!;
    for (let j = i + 1; j < n; j++) {
      const b = rows[j]!;
      let d = 0;
      for (let k = 0; k < b.ids.length; k++) d += scatter[b.ids[k]!]! * b.w[k]!;
      const norm = norms[i]! * norms[j]!;
      let s = ws * (norm > 0 ? d / norm : 0);
      if (o.denseWeight > 0) {
        // Four running sums: independent additions pipeline (as sqDist in cluster.ts).
        const pb = points[j]!;
        let d0 = 0; let d1 = 0; let d2 = 0; let d3 = 0;
        let k = 0;
        for (; k + 3 < dims; k += 4) { d0 += pa[k]! * pb[k]!; d1 += pa[k + 1]! * pb[k + 1]!; d2 += pa[k + 2]! * pb[k + 2]!; d3 += pa[k + 3]! * pb[k + 3]!; }
        for (; k < dims; k++) d0 += pa[k]! * pb[k]!;
        s += o.denseWeight * Math.max(0, (d0 + d1) + (d2 + d3));
      }
      sim[i * n + j] = s;
      sim[j * n + i] = s;
    }
    for (let k = 0; k < a.ids.length; k++) scatter[a.ids[k]!] = 0;
  }
  return sim;
}

export interface LinkageOptions {
  /** Two groups merge while the mean similarity of their pairs is at least this. */
  floor: number;
}

/**
 * Average-linkage clustering of n items from their pair similarities (changed in place), merging
 * the most similar pair of groups while it is at or above the floor. Returns the group of each item,
 * numbered 0, 1, … in order of each group's first item; items that merged with nobody get -1.
 * Ties go to the lowest indices, so the result depends only on the similarities.
 */
export function averageLinkage(sim: Float32Array, n: number, o: LinkageOptions): Int32Array {
  const size = new Int32Array(n).fill(1);
  const active = new Uint8Array(n).fill(1);
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const best = new Int32Array(n).fill(-1);
  const bestSim = new Float64Array(n).fill(-Infinity);
  const rescan = (i: number) => {
    let b = -1;
    let s = -Infinity;
    const row = i * n;
    for (let j = 0; j < n; j++) if (j !== i && active[j] === 1 && sim[row + j]! > s) { s = sim[row + j]!; b = j; }
    best[i] = b;
    bestSim[i] = s;
  };
  for (let i = 0; i < n; i++) rescan(i);
  for (;;) {
    let a = -1;
    let s = -Infinity;
    for (let i = 0; i < n; i++) if (active[i] === 1 && bestSim[i]! > s) { s = bestSim[i]!; a = i; }
    if (a < 0 || s < o.floor) break;
    let b = best[a]!;
    if (b < a) [a, b] = [b, a];
    // Lance-Williams for average linkage: the merged group's mean similarity to every other group.
    const sa = size[a]!;
    const sb = size[b]!;
    for (let c = 0; c < n; c++) {
      if (active[c] === 0 || c === a || c === b) continue;
      const v = (sa * sim[a * n + c]! + sb * sim[b * n + c]!) / (sa + sb);
      sim[a * n + c] = v;
      sim[c * n + a] = v;
    }
    size[a] = sa + sb;
    active[b] = 0;
    parent[b] = a;
    rescan(a);
    for (let c = 0; c < n; c++) {
      if (active[c] === 0 || c === a) continue;
      if (best[c] === a || best[c] === b) rescan(c);
      else if (sim[c * n + a]! > bestSim[c]! || (sim[c * n + a]! === bestSim[c]! && a < best[c]!)) { best[c] = a; bestSim[c] = sim[c * n + a]!; }
    }
  }
  const root = (i: number): number => { while (parent[i] !== i) i = parent[i]!; return i; };
  const labels = new Int32Array(n).fill(-1);
  const number = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const r = root(i);
    if (size[r]! < 2) continue;
    let g = number.get(r);
    if (g === undefined) { g = number.size; number.set(r, g); }
    labels[i] = g;
  }
  return labels;
}

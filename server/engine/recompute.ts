// The full recompute: vectors -> reduced dense vectors -> k -> k-means -> stable ids -> labels -> map.
// Pure: everything it needs comes in as arguments, everything it decides goes out in the result.

import { assign, candidateKs, centroidsOf, dissolveSmall, inertia, lloyd, plainRows, scoreKs, seedCentroids, type KmeansRun, type Points } from './cluster.js';
import { matchClusterIds } from './ids.js';
import { averageLinkage, pairSimilarities } from './linkage.js';
import { labelClusters, type SparseMeans } from './labels.js';
import { nameClusters } from './names.js';
import { alignLayout, learnLayout, orientFirstRun, placeXY, type Layout } from './layout2d.js';
import { sampleIndices } from './random.js';
import { project, type Basis, type Row } from './reduce.js';
import { inCanonicalOrder, type Corpus } from './corpus.js';
import { clusterRows, reducedPoints } from './vectors.js';
import { assignmentRecord, type ClusterOptions, type EngineState, type PlacementModel, type RecomputeResult } from './types.js';

export type RecomputeOptions = Required<ClusterOptions> & { ngramShare: number };

export const RECOMPUTE_DEFAULTS: RecomputeOptions = {
  k: 0, seed: 1, reduction: 'svd', dims: 100, svdSample: 2000, powerIterations: 1, minDf: 2, maxDf: 0.5, minK: 2, maxK: 60,
  kDims: 10, restarts: 10, restartBudget: 60000, kSample: 1000, kStability: 0.05, kMargin: 0.01, minClusterSize: 2,
  kmeansSample: 2500, maxIterations: 25, restartIterations: 12, fullIterations: 2, labelTerms: 3, centroidTerms: 100, ngramShare: 0.3,
  linkageMaxIdeas: 3000, linkageFloor: 0.2, linkageDenseWeight: 0.3, linkageStickiness: 0.03,
};

/** Defaults merged once; undefined options keep their default. */
export function recomputeOptions(o: Partial<RecomputeOptions> = {}): RecomputeOptions {
  const keys = Object.keys(RECOMPUTE_DEFAULTS) as (keyof RecomputeOptions)[];
  const defined = Object.fromEntries(keys.filter((key) => o[key] !== undefined).map((key) => [key, o[key]]));
  return { ...RECOMPUTE_DEFAULTS, ...defined };
}

export interface RecomputeInput {
  corpus: Corpus;
  state: EngineState;
  options: RecomputeOptions;
}

export function recomputeClusters({ corpus: given, state, options }: RecomputeInput): RecomputeResult {
  const t0 = performance.now();
  const corpus = inCanonicalOrder(given);
  const timings: Record<string, number> = {};
  const lap = (name: string, since: number) => { timings[name] = Math.round(performance.now() - since) / 1000; return performance.now(); };
  const { allIds, ids, index, rows, colTerms, termId, colOf } = clusterRows(corpus, options);
  const nAll = allIds.length;
  const n = ids.length;
  let t = lap('vectors', t0);
  const version = state.version + 1;
  if (n === 0) return emptyResult(allIds, version, state, timings);

  const { basis, points, packed } = reducedPoints(rows, colTerms, options);
  t = lap('reduce', t);

  const linkage = options.k <= 0 && n <= options.linkageMaxIdeas;
  let run: KmeansRun;
  let scored = false;
  if (linkage) {
    run = linkageRun(rows, points, ids, state, options);
    t = lap('linkage', t);
  } else {
    const chosen = chooseK(points, n, state, options);
    scored = chosen.scored;
    t = lap('chooseK', t);
    const warm = warmSeeds(state, termId, colOf, basis, chosen.k);
    run = kmeansRun(points, chosen.k, warm, options);
    run = dissolveSmall(points, run, Math.min(options.minClusterSize, Math.max(1, Math.floor(n / Math.max(1, chosen.k)))));
    t = lap('kmeans', t);
  }

  const members: string[][] = run.centroids.map(() => []);
  const memberRows: number[][] = run.centroids.map(() => []);
  ids.forEach((id, i) => { const c = run.labels[i]!; if (c >= 0) { members[c]!.push(id); memberRows[c]!.push(index[i]!); } });
  const previous = new Map(Object.entries(state.assignments));
  const sparse = sparseCentroids(rows, run, colTerms.length);
  const prevCentroids = state.clusters.map((c) => ({ id: c.id, terms: new Map(c.centroid) }));
  const { ids: clusterIds, nextId } = matchClusterIds({
    members, previous, nextId: state.nextClusterId,
    centroidSimilarity: (i) => new Map(prevCentroids.map((p) => [p.id, cosineSparse(sparse.means[i]!, colTerms, p.terms)])),
  });
  // Members by how central they are (reduced cosine to their cluster's centroid): the first is the
  // cluster's most representative idea, and the names come from the titles of the central ones.
  const central = run.centroids.map(() => [] as { row: number; id: string; s: number }[]);
  ids.forEach((id, i) => {
    const c = run.labels[i]!;
    if (c < 0) return;
    const centroid = run.centroids[c]!;
    let s = 0;
    for (let d = 0; d < centroid.length; d++) s += centroid[d]! * points[i]![d]!;
    central[c]!.push({ row: index[i]!, id, s });
  });
  // Rounded: the two ideas of a pair are exactly as central, and float noise must not pick one.
  for (const list of central) list.sort((a, b) => Math.round(1e6 * (b.s - a.s)) || (a.id < b.id ? -1 : 1));
  const previousLabel = new Map(state.clusters.map((c) => [c.id, c.label]));
  const names = nameClusters({
    corpus, means: sparse, colOf: (term) => { const id = termId.get(term); return id === undefined ? -1 : colOf[id]!; },
    clusters: central.map((list, c) => ({ rows: memberRows[c]!, central: list.map((m) => m.row), previous: previousLabel.get(clusterIds[c]!) })),
  });
  // Term labels only where no title names a cluster (a corpus without titles).
  const terms = names.some((name) => name === '') ? labelClusters({ means: sparse, terms: colTerms, termId, corpus, memberRows, n: options.labelTerms }) : [];
  const labels = names.map((name, c) => name || terms[c]!);
  const representative = central.map((list) => list[0]?.id ?? null);
  const layout = layoutFor(points, ids, state, options.seed);
  t = lap('labels+layout', t);

  const overrides = new Map(state.clusters.filter((c) => c.override !== null).map((c) => [c.id, c.override]));
  const clusters = clusterIds.map((id, i) => ({
    id, autoLabel: labels[i]!, override: overrides.get(id) ?? null,
    label: overrides.get(id) ?? labels[i]!, size: members[i]!.length, members: members[i]!, representative: representative[i] ?? null,
  })).sort((a, b) => a.id - b.id);
  const assignments = assignmentRecord();
  const placed = ids.map((id, i) => {
    const c = run.labels[i]!;
    const clusterId = c >= 0 ? clusterIds[c]! : null;
    if (clusterId !== null) assignments[id] = clusterId;
    const [x, y] = placeXY(layout, points[i]!);
    return { id, clusterId, x, y };
  });
  const items = [...placed];
  if (n < nAll) {
    const inCluster = new Set(ids);
    for (const id of allIds) if (!inCluster.has(id)) items.push({ id, clusterId: null, x: 0, y: 0 });
    items.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
  const anchorIdx = sampleIndices(n, 2000, options.seed);
  const model: PlacementModel = {
    terms: colTerms, basis: basis.data, dims: basis.dims, clusterIds,
    centroids: run.centroids.map((c) => Array.from(c)), layout: serialiseLayout(layout),
    ids, points: packed,
  };
  const newState: EngineState = {
    // The effective k (after dissolving tiny clusters) is what the next run keeps.
    version, k: options.k > 0 ? state.k : clusters.length, kChosenAt: scored ? n : state.kChosenAt,
    nextClusterId: nextId, assignments,
    clusters: clusterIds.map((id, i) => ({
      id, label: labels[i]!, override: overrides.get(id) ?? null, size: members[i]!.length, representative: representative[i] ?? null,
      centroid: topTerms(sparse.means[i]!, colTerms, options.centroidTerms),
    })).sort((a, b) => a.id - b.id),
    anchors: anchorIdx.map((i) => [placed[i]!.id, placed[i]!.x, placed[i]!.y]),
    floor: linkage ? { similarity: options.linkageFloor, denseWeight: options.linkageDenseWeight } : null,
  };
  timings.total = Math.round(performance.now() - t0) / 1000;
  return { version, k: clusters.length, clusters, items, model, state: newState, timings };
}

/**
 * Average linkage over the blended pair similarities (linkage.ts), with hysteresis: two ideas that
 * shared a cluster in the previous result are a little more similar (linkageStickiness), two that
 * were in two different clusters a little less. A pair near the floor then keeps its clusters as idf
 * moves with every new idea; only a real change of what the ideas say joins, splits or merges them.
 */
function linkageRun(rows: Row[], points: Points, ids: string[], state: EngineState, o: RecomputeOptions): KmeansRun {
  const n = ids.length;
  const sim = pairSimilarities(rows, points, { denseWeight: o.linkageDenseWeight });
  if (o.linkageStickiness > 0) {
    const before = ids.map((id) => state.assignments[id] ?? -1);
    for (let i = 0; i < n; i++) {
      if (before[i]! < 0) continue;
      for (let j = i + 1; j < n; j++) {
        if (before[j]! < 0) continue;
        // Together before: a little closer; in two different clusters before: a little further apart.
        const s = sim[i * n + j]! + (before[j] === before[i] ? o.linkageStickiness : -o.linkageStickiness);
        sim[i * n + j] = s;
        sim[j * n + i] = s;
      }
    }
  }
  const labels = averageLinkage(sim, n, { floor: o.linkageFloor });
  let k = 0;
  for (const l of labels) k = Math.max(k, l + 1);
  return { labels, centroids: centroidsOf(points, labels, k, points[0]!.length) };
}

/**
 * The k to cluster with; `scored` when candidates were scored, which starts a new hysteresis window
 * at this collection size (also when the same k won again).
 */
function chooseK(points: Points, n: number, state: EngineState, o: RecomputeOptions): { k: number; scored: boolean } {
  const maxK = Math.max(1, Math.min(o.maxK, Math.floor(n / o.minClusterSize)));
  if (o.k > 0) return { k: Math.min(o.k, n), scored: false };
  if (n < 4) return { k: 1, scored: false };
  // Hysteresis: keep the previous k until the collection has changed by more than kStability.
  if (state.k !== null && state.k <= maxK && Math.abs(n - state.kChosenAt) <= o.kStability * Math.max(state.kChosenAt, 1)) return { k: state.k, scored: false };
  const ks = candidateKs(Math.min(2, maxK), maxK);
  if (state.k !== null && state.k <= maxK && !ks.includes(state.k)) ks.push(state.k);
  // Silhouette on all 100 LSA dimensions keeps rising with k (every extra topic direction looks
  // like separation); on the leading components it peaks where the dominant topics separate.
  const scores = scoreKs(points, ks, { seed: o.seed, sampleSize: o.kSample, dims: () => o.kDims });
  let best = ks[0] ?? 1;
  for (const [k, s] of scores) if (s > (scores.get(best) ?? -Infinity) + 1e-12) best = k;
  const prev = state.k !== null ? scores.get(state.k) : undefined;
  if (prev !== undefined && prev >= (scores.get(best) ?? 0) - o.kMargin) return { k: state.k!, scored: true };
  return { k: best, scored: true };
}

function warmSeeds(state: EngineState, termId: Map<string, number>, colOf: Int32Array, basis: Basis, k: number): Float64Array[] {
  // Previous centroids live in term space (by term string), so they survive a new SVD basis.
  return [...state.clusters].sort((a, b) => b.size - a.size || a.id - b.id).slice(0, k).map((c) => {
    const pairs: [number, number][] = [];
    for (const [term, w] of c.centroid) { const id = termId.get(term); const col = id === undefined ? -1 : colOf[id]!; if (col >= 0) pairs.push([col, w]); }
    pairs.sort((a, b) => a[0] - b[0]);
    return project({ ids: Int32Array.from(pairs, (p) => p[0]), w: Float32Array.from(pairs, (p) => p[1]) }, basis);
  }).filter((v) => v.some((x) => x !== 0));
}

function kmeansRun(points: Points, k: number, warm: Float64Array[], o: RecomputeOptions): KmeansRun {
  if (k <= 1) return { labels: new Int32Array(points.length), centroids: centroidsOf(points, new Int32Array(points.length), 1, points[0]!.length) };
  // Large collections: converge on a seeded sample, then a few Lloyd passes over everything.
  const sample = points.length > o.kmeansSample ? sampleIndices(points.length, o.kmeansSample, o.seed + 1).map((i) => points[i]!) : points;
  // Without a warm start, keep the best of a few seeded starts (lowest inertia), like n_init.
  // Restarts are cheap for small k and expensive for large k: keep their total work bounded.
  const restarts = warm.length < k ? Math.max(1, Math.min(o.restarts, Math.floor(o.restartBudget / (k * sample.length)))) : 1;
  const rows = plainRows(sample);
  let run: KmeansRun;
  if (restarts === 1 || o.restartIterations >= o.maxIterations) {
    run = lloyd(sample, seedCentroids(sample, k, o.seed, warm), o.maxIterations, rows);
    let best = restarts > 1 ? inertia(sample, run) : 0;
    for (let r = 1; r < restarts; r++) {
      const alt = lloyd(sample, seedCentroids(sample, k, o.seed + 7919 * r, warm), o.maxIterations, rows);
      const e = inertia(sample, alt);
      if (e < best) { best = e; run = alt; }
    }
  } else {
    // Every start runs restartIterations Lloyd iterations; only the one with the lowest inertia
    // then runs on to maxIterations (Lloyd from its centroids continues the same trajectory).
    let best = Infinity;
    run = { centroids: [], labels: new Int32Array(0) };
    for (let r = 0; r < restarts; r++) {
      const alt = lloyd(sample, seedCentroids(sample, k, o.seed + 7919 * r, warm), o.restartIterations, rows);
      const e = inertia(sample, alt);
      if (e < best) { best = e; run = alt; }
    }
    run = lloyd(sample, run.centroids, o.maxIterations - o.restartIterations, rows);
  }
  // Refinement over every point with typed-array passes: ml-kmeans's per-point distance calls on
  // plain arrays cost more than the sample run itself at 100k points.
  let labels = assign(points, run.centroids);
  if (sample !== points) {
    for (let it = 0; it < o.fullIterations; it++) {
      const next = centroidsOf(points, labels, k, points[0]!.length).map((c, i) => (labels.includes(i) ? c : run.centroids[i]!));
      run = { centroids: next, labels };
      labels = assign(points, next);
    }
  }
  return { centroids: run.centroids, labels };
}

function sparseCentroids(rows: Row[], run: KmeansRun, nCols: number): SparseMeans {
  const k = run.centroids.length;
  const means = Array.from({ length: k }, () => new Float64Array(nCols));
  const overall = new Float64Array(nCols);
  const counts = new Int32Array(k);
  rows.forEach((r, i) => {
    for (let j = 0; j < r.ids.length; j++) overall[r.ids[j]!] = overall[r.ids[j]!]! + r.w[j]! / rows.length;
    const c = run.labels[i]!;
    if (c < 0) return;
    counts[c] = counts[c]! + 1;
    const m = means[c]!;
    for (let j = 0; j < r.ids.length; j++) m[r.ids[j]!] = m[r.ids[j]!]! + r.w[j]!;
  });
  means.forEach((m, c) => { for (let j = 0; j < nCols; j++) m[j] = m[j]! / Math.max(1, counts[c]!); });
  return { means, overall };
}

function topTerms(mean: Float64Array, terms: string[], n: number): [string, number][] {
  const idx: number[] = [];
  mean.forEach((v, j) => { if (v > 0) idx.push(j); });
  idx.sort((a, b) => mean[b]! - mean[a]! || a - b);
  return idx.slice(0, n).map((j) => [terms[j]!, Math.round(mean[j]! * 1e6) / 1e6]);
}

function cosineSparse(mean: Float64Array, terms: string[], prev: Map<string, number>): number {
  let d = 0; let na = 0; let nb = 0;
  mean.forEach((v, j) => { na += v * v; const p = prev.get(terms[j]!); if (p !== undefined) d += v * p; });
  for (const p of prev.values()) nb += p * p;
  return na > 0 && nb > 0 ? d / Math.sqrt(na * nb) : 0;
}

function layoutFor(points: Points, ids: string[], state: EngineState, seed: number): Layout {
  const dims = points[0]!.length;
  const layout = learnLayout(sampleIndices(points.length, 1000, seed + 2).map((i) => points[i]!), dims);
  const index = new Map(ids.map((id, i) => [id, i]));
  const cur: [number, number][] = [];
  const prev: [number, number][] = [];
  for (const [id, x, y] of state.anchors) { const i = index.get(id); if (i !== undefined) { cur.push(placeXY(layout, points[i]!)); prev.push([x, y]); } }
  if (cur.length >= 3) alignLayout(layout, cur, prev);
  else orientFirstRun(layout, sampleIndices(points.length, 1000, seed + 3).map((i) => placeXY(layout, points[i]!)));
  return layout;
}

export function serialiseLayout(l: Layout): PlacementModel['layout'] {
  return { mean: Array.from(l.mean), axes: [Array.from(l.axes[0]), Array.from(l.axes[1])], rotation: l.rotation, scale: l.scale };
}

function emptyResult(ids: string[], version: number, state: EngineState, timings: Record<string, number>): RecomputeResult {
  const items = ids.map((id) => ({ id, clusterId: null, x: 0, y: 0 }));
  // Nothing to cluster: keep the overrides so that they return with their clusters.
  const clusters = state.clusters.filter((c) => c.override !== null).map((c) => ({ ...c, size: 0 }));
  return { version, k: 0, clusters: [], items, model: null, state: { ...state, version, assignments: assignmentRecord(), clusters }, timings };
}

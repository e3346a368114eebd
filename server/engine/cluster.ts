// k-means on reduced unit vectors, choice of k, small-cluster guard and stable cluster ids.
//
// Lloyd iterations run in ml-kmeans. Its built-in k-means++ took seconds at 10k points (it goes
// through ml-matrix row copies), so seeding is done here on typed arrays with the same seeded D²
// sampling, and warm starts pass previous centroids as the initialization instead.

import { kmeans } from 'ml-kmeans';
import { createRng, sampleIndices } from './random.js';

// Points are stored as float32 (half the memory at 100k ideas); centroids and sums stay float64.
export type Points = Float32Array[];

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/**
 * Squared Euclidean distance in four running sums: independent additions pipeline where one long
 * chain waits on each previous sum. Two copies on purpose, each seeing one kind of array: `sqDist`
 * for our typed arrays and `sqDistRows` for the plain arrays ml-kmeans works on. One function fed
 * both kinds ran ml-kmeans' Lloyd iterations 1.5 times slower than its own distance; each copy
 * alone runs them about 1.5 times faster (docs/engine.md, "Distances").
 */
function sqDist(a: Float32Array | Float64Array, b: Float64Array): number {
  const n = a.length;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const d0 = a[i]! - b[i]!;
    const d1 = a[i + 1]! - b[i + 1]!;
    const d2 = a[i + 2]! - b[i + 2]!;
    const d3 = a[i + 3]! - b[i + 3]!;
    s0 += d0 * d0;
    s1 += d1 * d1;
    s2 += d2 * d2;
    s3 += d3 * d3;
  }
  for (; i < n; i++) {
    const d = a[i]! - b[i]!;
    s0 += d * d;
  }
  return (s0 + s1) + (s2 + s3);
}

function sqDistRows(a: number[], b: number[]): number {
  const n = a.length;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const d0 = a[i]! - b[i]!;
    const d1 = a[i + 1]! - b[i + 1]!;
    const d2 = a[i + 2]! - b[i + 2]!;
    const d3 = a[i + 3]! - b[i + 3]!;
    s0 += d0 * d0;
    s1 += d1 * d1;
    s2 += d2 * d2;
    s3 += d3 * d3;
  }
  for (; i < n; i++) {
    const d = a[i]! - b[i]!;
    s0 += d * d;
  }
  return (s0 + s1) + (s2 + s3);
}

/** Seeded k-means++ (D² sampling); `initial` centroids are kept and the rest are added to them. */
export function seedCentroids(points: Points, k: number, seed: number, initial: Float64Array[] = []): Float64Array[] {
  const rng = createRng(seed);
  const centers = initial.slice(0, k).map((c) => Float64Array.from(c));
  const closest = new Float64Array(points.length).fill(Infinity);
  const update = (c: Float64Array) => {
    for (let i = 0; i < points.length; i++) closest[i] = Math.min(closest[i]!, sqDist(points[i]!, c));
  };
  if (centers.length === 0) centers.push(Float64Array.from(points[Math.floor(rng() * points.length)]!));
  centers.forEach(update);
  while (centers.length < k) {
    let total = 0;
    for (let i = 0; i < points.length; i++) total += closest[i]!;
    let pick = 0;
    if (total > 0) {
      let r = rng() * total;
      for (pick = 0; pick < points.length - 1; pick++) {
        r -= closest[pick]!;
        if (r <= 0) break;
      }
    } else pick = Math.floor(rng() * points.length);
    const c = Float64Array.from(points[pick]!);
    centers.push(c);
    update(c);
  }
  return centers;
}

export interface KmeansRun {
  centroids: Float64Array[];
  labels: Int32Array;
}

/** The points as the plain arrays ml-kmeans takes; convert once when several runs share them. */
export function plainRows(points: Points): number[][] {
  return points.map((p) => Array.from(p));
}

/** Lloyd iterations by ml-kmeans from the given seeds (`rows`: the same points, from plainRows). */
export function lloyd(points: Points, seeds: Float64Array[], maxIterations = 30, rows: number[][] = plainRows(points)): KmeansRun {
  const res = kmeans(rows, seeds.length, {
    initialization: seeds.map((c) => Array.from(c)),
    maxIterations,
    tolerance: 1e-6,
    distanceFunction: sqDistRows,
  });
  return { centroids: res.centroids.map((c) => Float64Array.from(c)), labels: Int32Array.from(res.clusters) };
}

/** Nearest centroid for every point (centroids need not be unit length). */
export function assign(points: Points, centroids: Float64Array[]): Int32Array {
  const labels = new Int32Array(points.length);
  for (let i = 0; i < points.length; i++) labels[i] = nearest(points[i]!, centroids).index;
  return labels;
}

export function nearest(p: Float32Array | Float64Array, centroids: Float64Array[], skip?: Set<number>): { index: number; distance: number } {
  let best = -1;
  let bestD = Infinity;
  for (let c = 0; c < centroids.length; c++) {
    if (skip?.has(c)) continue;
    const d = sqDist(p, centroids[c]!);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return { index: best, distance: bestD };
}

export function centroidsOf(points: Points, labels: Int32Array, k: number, dims: number): Float64Array[] {
  const sums = Array.from({ length: k }, () => new Float64Array(dims));
  const counts = new Int32Array(k);
  points.forEach((p, i) => {
    const c = labels[i]!;
    if (c < 0) return; // matched with nobody (linkage.ts)
    counts[c] = counts[c]! + 1;
    const s = sums[c]!;
    for (let d = 0; d < dims; d++) s[d] = s[d]! + p[d]!;
  });
  sums.forEach((s, c) => {
    if (counts[c]! > 0) for (let d = 0; d < dims; d++) s[d] = s[d]! / counts[c]!;
  });
  return sums;
}

/**
 * Guard against one-idea clusters: clusters smaller than `minSize` are dissolved and their members
 * join the nearest remaining cluster. Returns compacted labels and centroids.
 */
export function dissolveSmall(points: Points, run: KmeansRun, minSize: number): KmeansRun {
  const k = run.centroids.length;
  const counts = new Int32Array(k);
  for (const l of run.labels) counts[l] = counts[l]! + 1;
  const small = new Set<number>();
  for (let c = 0; c < k; c++) if (counts[c]! < minSize) small.add(c);
  if (small.size === 0 || small.size === k) return dropEmpty(points, run);
  const labels = Int32Array.from(run.labels);
  for (let i = 0; i < points.length; i++) {
    if (small.has(labels[i]!)) labels[i] = nearest(points[i]!, run.centroids, small).index;
  }
  return dropEmpty(points, { centroids: run.centroids, labels });
}

function dropEmpty(points: Points, run: KmeansRun): KmeansRun {
  const used = [...new Set(run.labels)].sort((a, b) => a - b);
  const remap = new Map(used.map((c, i) => [c, i]));
  const labels = run.labels.map((l) => remap.get(l)!);
  const dims = run.centroids[0]?.length ?? 0;
  return { labels, centroids: centroidsOf(points, labels, used.length, dims) };
}

/**
 * Mean silhouette with cosine distance over unit vectors. The mean distance of a point to a cluster
 * is 1 - x·(sum of the cluster's vectors)/size, so per-cluster sums replace the n x n distance
 * matrix: O(n k d) instead of O(n² + n² d), the same figure up to rounding.
 */
export function silhouette(points: Points, labels: Int32Array, k: number): number {
  const n = points.length;
  if (k < 2 || n === 0) return 0;
  const dims = points[0]!.length;
  const counts = new Int32Array(k);
  const sums = Array.from({ length: k }, () => new Float64Array(dims));
  for (let i = 0; i < n; i++) {
    const c = labels[i]!;
    counts[c] = counts[c]! + 1;
    const s = sums[c]!;
    const p = points[i]!;
    for (let d = 0; d < dims; d++) s[d] = s[d]! + p[d]!;
  }
  let total = 0;
  for (let i = 0; i < n; i++) {
    const own = labels[i]!;
    if (counts[own]! <= 1) continue; // silhouette of a singleton is 0
    const p = points[i]!;
    const self = dot(p, p);
    // Distance to itself (1 - x·x, 0 for a unit vector) is not part of its own cluster's mean.
    const a = (counts[own]! - dot(p, sums[own]!) - (1 - self)) / (counts[own]! - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && counts[c]! > 0) b = Math.min(b, 1 - dot(p, sums[c]!) / counts[c]!);
    total += b === Infinity ? 0 : (b - a) / Math.max(a, b);
  }
  return total / n;
}

export interface ChooseKOptions {
  seed: number;
  sampleSize?: number;
  starts?: number;
  /** Leading dimensions on which the silhouette of a given k is measured (default: all). */
  dims?: (k: number) => number;
  minK?: number;
  maxK?: number;
}

/** Candidate ks on a geometric grid, so that large k ranges stay cheap. */
export function candidateKs(minK: number, maxK: number): number[] {
  const out: number[] = [];
  for (let k = minK; k <= maxK; k = Math.max(k + 1, Math.round(k * 1.3))) out.push(k);
  if (out[out.length - 1] !== maxK && maxK >= minK) out.push(maxK);
  return out;
}

/** Silhouette of every candidate k, measured on a seeded sample. */
export function scoreKs(points: Points, ks: number[], options: ChooseKOptions): Map<number, number> {
  const idx = sampleIndices(points.length, options.sampleSize ?? 1000, options.seed);
  const full = idx.map((i) => points[i]!);
  const n = full.length;
  const scores = new Map<number, number>();
  let sample: Points = [];
  let rows: number[][] = [];
  let dims = -1;
  for (const k of ks) {
    if (k >= n) continue;
    const want = options.dims ? options.dims(k) : full[0]!.length;
    if (want !== dims) {
      dims = want;
      sample = full.map((p) => leading(p, dims));
      rows = plainRows(sample);
    }
    // Best of a few starts: one unlucky start would otherwise make the silhouette curve jumpy.
    let best: KmeansRun | null = null;
    let bestInertia = Infinity;
    for (let r = 0; r < (options.starts ?? 1); r++) {
      const run = lloyd(sample, seedCentroids(sample, k, options.seed + k + 7919 * r), 15, rows);
      const e = inertia(sample, run);
      if (e < bestInertia) { bestInertia = e; best = run; }
    }
    scores.set(k, silhouette(sample, assign(sample, best!.centroids), k));
  }
  return scores;
}

/** The first `dims` coordinates of a reduced vector, as a unit vector again. */
export function leading(p: Float32Array, dims: number): Float32Array {
  const q = p.slice(0, dims);
  let s = 0;
  for (const x of q) s += x * x;
  const f = s > 0 ? 1 / Math.sqrt(s) : 0;
  for (let i = 0; i < q.length; i++) q[i] = q[i]! * f;
  return q;
}

/** Sum of squared distances of points to their nearest centroid. */
export function inertia(points: Points, run: KmeansRun): number {
  let s = 0;
  for (const p of points) s += nearest(p, run.centroids).distance;
  return s;
}

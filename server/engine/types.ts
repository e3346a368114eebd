// Shapes shared by the engine's modules, the worker and the app. All plain JSON-compatible data
// (typed arrays aside) so that results cross worker threads and states fit in any store.

import type { Language } from './language.js';

/** What the app gives the engine for each idea. */
export interface EngineDoc {
  id: string;
  title: string;
  description: string;
  organisationId?: string;
  /** Detected when absent. Other codes (e.g. 'pl' in research corpora) use a generic pipeline. */
  language?: Language | (string & {});
}

export interface ClusterOptions {
  /** Fixed number of clusters; 0 (default) chooses k automatically. */
  k?: number;
  seed?: number;
  reduction?: 'svd' | 'random';
  dims?: number;
  svdSample?: number;
  /** Power iterations of the randomized SVD (more: sharper topics, slower). */
  powerIterations?: number;
  minDf?: number;
  maxDf?: number;
  minK?: number;
  maxK?: number;
  /** Leading LSA components on which the silhouette is measured when choosing k. */
  kDims?: number;
  /** Seeded k-means starts when there is no warm start; the lowest inertia wins. */
  restarts?: number;
  /** Lloyd iterations every restart runs before they are compared; only the best runs on to maxIterations. */
  restartIterations?: number;
  /** Upper bound on restarts x k x sample rows, so restarts only happen where they are cheap. */
  restartBudget?: number;
  /** Rows used for the silhouette when choosing k. */
  kSample?: number;
  /** Keep the previous k until the number of ideas changed by more than this share. */
  kStability?: number;
  /** Keep the previous k when its silhouette is within this margin of the best. */
  kMargin?: number;
  minClusterSize?: number;
  kmeansSample?: number;
  maxIterations?: number;
  fullIterations?: number;
  labelTerms?: number;
  centroidTerms?: number;
  /** Up to this many ideas, automatic k clusters by average linkage with a floor (linkage.ts); above it, k-means. */
  linkageMaxIdeas?: number;
  /** Mean blended similarity two groups need to merge; the cohesion floor of every cluster. */
  linkageFloor?: number;
  /** Share of the reduced (LSA) cosine in the linkage similarity, beside the TF-IDF cosine. */
  linkageDenseWeight?: number;
  /** Added to the similarity of two ideas that shared a cluster in the previous result (hysteresis). */
  linkageStickiness?: number;
}

export interface ClusterInfo {
  id: number;
  /** The override when there is one, else the automatic label. */
  label: string;
  autoLabel: string;
  override: string | null;
  size: number;
  members: string[];
  /** The idea most central to the cluster (its title says what the cluster is about); null when unknown. */
  representative?: string | null;
}

export interface PlacedItem {
  id: string;
  clusterId: number | null;
  x: number;
  y: number;
}

/** What the engine needs to persist between runs and restarts (JSON). */
export interface EngineState {
  version: number;
  k: number | null;
  kChosenAt: number;
  nextClusterId: number;
  clusters: { id: number; label: string; override: string | null; size: number; representative?: string | null; centroid: [string, number][] }[];
  assignments: Record<string, number>;
  /** A sample of map coordinates used to keep the map's orientation between runs. */
  anchors: [string, number, number][];
  /**
   * Set when the clusters came from average linkage: a new idea joins a cluster only at this blended
   * similarity (see linkage.ts); null for k-means clusters, where every idea joins its nearest one.
   */
  floor?: { similarity: number; denseWeight: number } | null;
}

/** Enough of a recompute to place new ideas live without another recompute. */
export interface PlacementModel {
  terms: string[];
  basis: Float64Array;
  dims: number;
  clusterIds: number[];
  centroids: number[][];
  /** Reduced vectors of the clustered ideas (ids[i] at rows i * dims ...), for re-ranking without projecting. */
  ids: string[];
  points: Float32Array;
  layout: { mean: number[]; axes: [number[], number[]]; rotation: [number, number, number, number]; scale: number };
}

export interface RecomputeResult {
  version: number;
  k: number;
  clusters: ClusterInfo[];
  items: PlacedItem[];
  model: PlacementModel | null;
  state: EngineState;
  /** Seconds per stage. */
  timings: Record<string, number>;
}

export function emptyState(): EngineState {
  return { version: 0, k: null, kChosenAt: 0, nextClusterId: 1, clusters: [], assignments: assignmentRecord(), anchors: [], floor: null };
}

/**
 * Idea id -> cluster id, without a prototype: ids such as "constructor" or "__proto__" are then
 * ordinary keys (on a plain object, reading an unset "constructor" finds Object's own, and setting
 * "__proto__" is lost).
 */
export function assignmentRecord(from: Readonly<Record<string, number>> = {}): Record<string, number> {
  const record = Object.create(null) as Record<string, number>;
  // for…in rather than Object.entries: no array per idea (at 100k ideas this copy is on the main thread).
  for (const id in from) if (Object.prototype.hasOwnProperty.call(from, id)) record[id] = from[id]!;
  return record;
}

/**
 * A saved state as the engine can use it: fields missing from an older or hand-made state get their
 * empty values (a missing next cluster id continues after the highest id in use). Anything that is
 * not a state object is refused with the field named.
 */
export function normaliseState(input: unknown): EngineState {
  if (input === null || typeof input !== 'object') throw new TypeError('engine state: expected an object');
  const s = input as Partial<EngineState>;
  const e = emptyState();
  const num = (v: unknown, field: string, fallback: number): number => {
    if (v === undefined || v === null) return fallback;
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new TypeError(`engine state: ${field} must be a number`);
    return v;
  };
  if (s.clusters !== undefined && !Array.isArray(s.clusters)) throw new TypeError('engine state: clusters must be an array');
  const clusters = (s.clusters ?? []).map((c, i) => {
    if (c === null || typeof c !== 'object') throw new TypeError(`engine state: clusters[${i}] must be an object`);
    return {
      id: num(c.id, `clusters[${i}].id`, NaN),
      label: typeof c.label === 'string' ? c.label : '',
      override: typeof c.override === 'string' ? c.override : null,
      size: num(c.size, `clusters[${i}].size`, 0),
      representative: typeof c.representative === 'string' ? c.representative : null,
      centroid: Array.isArray(c.centroid) ? c.centroid : [],
    };
  });
  for (const [i, c] of clusters.entries()) if (!Number.isInteger(c.id)) throw new TypeError(`engine state: clusters[${i}].id must be an integer`);
  if (s.assignments !== undefined && (s.assignments === null || typeof s.assignments !== 'object')) throw new TypeError('engine state: assignments must be an object');
  const highest = clusters.reduce((m, c) => Math.max(m, c.id), 0);
  return {
    version: num(s.version, 'version', e.version),
    k: s.k === null || s.k === undefined ? null : num(s.k, 'k', 0),
    kChosenAt: num(s.kChosenAt, 'kChosenAt', e.kChosenAt),
    nextClusterId: Math.max(num(s.nextClusterId, 'nextClusterId', highest + 1), highest + 1),
    clusters,
    assignments: assignmentRecord(s.assignments ?? {}),
    anchors: Array.isArray(s.anchors) ? s.anchors : [],
    floor: s.floor && typeof s.floor === 'object' && typeof s.floor.similarity === 'number' && typeof s.floor.denseWeight === 'number'
      ? { similarity: s.floor.similarity, denseWeight: s.floor.denseWeight } : null,
  };
}

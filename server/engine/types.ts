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
}

export interface ClusterInfo {
  id: number;
  /** The override when there is one, else the automatic label. */
  label: string;
  autoLabel: string;
  override: string | null;
  size: number;
  members: string[];
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
  clusters: { id: number; label: string; override: string | null; size: number; centroid: [string, number][] }[];
  assignments: Record<string, number>;
  /** A sample of map coordinates used to keep the map's orientation between runs. */
  anchors: [string, number, number][];
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
  return { version: 0, k: null, kChosenAt: 0, nextClusterId: 1, clusters: [], assignments: {}, anchors: [] };
}

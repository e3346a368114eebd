// The reduced (LSA) space of the last recompute, bound to the live vocabulary: places new ideas
// in their nearest cluster and on the map, and gives dense vectors for re-ranking similar ideas.
//
// Why re-rank: TF-IDF cosine only sees shared words; short idea titles often say the same thing
// in different words. Blending in the LSA cosine for the best TF-IDF candidates lifted P@10 on
// every corpus we measured (docs/engine.md) while the explaining terms stay the shared words.

import { nearest } from './cluster.js';
import { placeXY, type Layout } from './layout2d.js';
import { project, type Basis } from './reduce.js';
import type { SparseTfIdf, SparseVector } from './tfidf.js';
import type { PlacementModel } from './types.js';

/** Positions in a vector stay below this (a text is cut at 3,000 tokens): column * SLOT + position is exact in a double. */
const SLOT = 1 << 20;

export class DenseModel {
  readonly clusterIds: number[];
  private readonly colOf: Int32Array;
  private readonly basis: Basis;
  private readonly centroids: Float64Array[];
  /** The centroids again, row after row (clusters × dims): one tight loop for meanCosines, run on every placement. */
  private readonly flat: Float64Array;
  private readonly indexOfId = new Map<number, number>();
  private readonly layout: Layout;
  private readonly points: Float32Array;
  private readonly dims: number;
  /** Row of each clustered idea in `points`; ideas added or edited since have their own vector in `extra`. */
  private readonly row = new Map<string, number>();
  private readonly extra = new Map<string, Float32Array>();

  constructor(m: PlacementModel, private readonly tfidf: SparseTfIdf) {
    this.colOf = new Int32Array(tfidf.terms.length).fill(-1);
    m.terms.forEach((t, c) => { const id = tfidf.termId(t); if (id !== undefined) this.colOf[id] = c; });
    this.basis = { data: m.basis, nCols: m.terms.length, dims: m.dims };
    this.clusterIds = m.clusterIds;
    this.centroids = m.centroids.map((c) => Float64Array.from(c));
    this.flat = new Float64Array(this.centroids.length * m.dims);
    this.centroids.forEach((c, i) => this.flat.set(c.subarray(0, m.dims), i * m.dims));
    this.clusterIds.forEach((id, i) => this.indexOfId.set(id, i));
    this.points = m.points;
    this.dims = m.dims;
    for (let i = 0; i < m.ids.length; i++) this.row.set(m.ids[i]!, i);
    const l = m.layout;
    this.layout = { mean: Float64Array.from(l.mean), axes: [Float64Array.from(l.axes[0]), Float64Array.from(l.axes[1])], rotation: l.rotation, scale: l.scale };
  }

  /** Unit vector in the reduced space; terms newer than the model are ignored. */
  project(v: SparseVector): Float64Array {
    // The model's columns in ascending order (the order the sums are taken in, as before), found by one
    // numeric sort of column * SLOT + position instead of an array of pairs and a comparator: every
    // placement runs this, and the pairs were the largest part of placing an idea under load (issue 19).
    if (v.ids.length >= SLOT) throw new Error(`DenseModel.project: a vector of ${v.ids.length} terms (at most ${SLOT - 1})`);
    const keys = new Float64Array(v.ids.length);
    let m = 0;
    for (let i = 0; i < v.ids.length; i++) { const c = this.colOf[v.ids[i]!] ?? -1; if (c >= 0) keys[m++] = c * SLOT + i; }
    const sorted = keys.subarray(0, m).sort();
    const ids = new Int32Array(m);
    const w = new Float32Array(m);
    for (let j = 0; j < m; j++) { const key = sorted[j]!; const i = key % SLOT; ids[j] = (key - i) / SLOT; w[j] = v.w[i]!; }
    return project({ ids, w }, this.basis);
  }

  /** Dense vector of a stored idea: its row of the model, or projected (and kept) when it is newer than the model. */
  of(id: string): Float32Array | null {
    const i = this.row.get(id);
    if (i !== undefined) return this.points.subarray(i * this.dims, (i + 1) * this.dims);
    let d = this.extra.get(id);
    if (!d) {
      const v = this.tfidf.vectorOf(id);
      if (!v) return null;
      d = Float32Array.from(this.project(v));
      this.extra.set(id, d);
    }
    return d;
  }

  /** The idea changed or went away: its next vector is projected from its current text. */
  forget(id: string): void {
    this.row.delete(id);
    this.extra.delete(id);
  }

  /** The map position of a reduced vector. */
  xy(p: Float64Array): [number, number] { return placeXY(this.layout, p); }

  /**
   * The mean reduced cosine of a vector to each cluster's ideas, by cluster index (the centroids are
   * means of unit vectors, so this is one dot product per cluster). Over the flat copy, into one typed
   * array: it runs for every placement, and a recompute's adoption places every idea that arrived while
   * it ran (about 100 ideas, 53–70 ms in one turn, at the first adoption of issue 19's load run).
   */
  meanCosines(p: Float64Array): Float64Array {
    const { flat, dims } = this;
    const out = new Float64Array(this.centroids.length);
    for (let c = 0, o = 0; c < out.length; c++, o += dims) {
      let d = 0;
      for (let i = 0; i < dims; i++) d += flat[o + i]! * p[i]!;
      out[c] = d;
    }
    return out;
  }

  /** The index of a cluster in meanCosines' answer; -1 when this model does not hold it. */
  indexOf(clusterId: number): number { return this.indexOfId.get(clusterId) ?? -1; }

  place(p: Float64Array): { clusterId: number; x: number; y: number } | null {
    // No word in common with the clustered vocabulary: there is no meaningful nearest cluster yet;
    // the next recompute places the idea.
    if (this.centroids.length === 0 || !p.some((x) => x !== 0)) return null;
    const c = nearest(p, this.centroids);
    const [x, y] = placeXY(this.layout, p);
    return { clusterId: this.clusterIds[c.index]!, x, y };
  }
}

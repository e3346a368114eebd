// 2-D coordinates for the live map.
//
// The first two principal axes of the reduced vectors (learned on a sample) give a map in which
// clusters separate. PCA axes have arbitrary sign and can swap, so each run is aligned to the
// previous run's coordinates by orthogonal Procrustes on the ideas both runs share: the map keeps
// its orientation instead of flipping or rotating between recomputations.

import { EigenvalueDecomposition, Matrix, SingularValueDecomposition } from 'ml-matrix';
import type { Points } from './cluster.js';

export interface Layout {
  mean: Float64Array;
  /** Two axes of length dims. */
  axes: [Float64Array, Float64Array];
  /** Row-major 2x2 orthogonal alignment, applied after the axes, then `scale`. */
  rotation: [number, number, number, number];
  scale: number;
}

export function learnLayout(sample: Points, dims: number): Layout {
  const mean = new Float64Array(dims);
  for (const p of sample) for (let d = 0; d < dims; d++) mean[d] = mean[d]! + p[d]! / sample.length;
  const c = new Float64Array(dims * dims);
  const x = new Float64Array(dims);
  for (const p of sample) {
    for (let a = 0; a < dims; a++) x[a] = p[a]! - mean[a]!;
    for (let a = 0; a < dims; a++) {
      const xa = x[a]!;
      const row = a * dims;
      for (let b = a; b < dims; b++) c[row + b] = c[row + b]! + xa * x[b]!;
    }
  }
  const cov = new Matrix(dims, dims);
  for (let a = 0; a < dims; a++) for (let b = a; b < dims; b++) { cov.set(a, b, c[a * dims + b]!); cov.set(b, a, c[a * dims + b]!); }
  const eig = new EigenvalueDecomposition(cov, { assumeSymmetric: true });
  const order = eig.realEigenvalues.map((v, i) => [v, i] as const).sort((x, y) => y[0] - x[0]).map((x) => x[1]);
  const axis = (r: number) => {
    const v = new Float64Array(dims);
    const e = order[r];
    if (e !== undefined) for (let d = 0; d < dims; d++) v[d] = eig.eigenvectorMatrix.get(d, e);
    return v;
  };
  const layout: Layout = { mean, axes: [axis(0), axis(1)], rotation: [1, 0, 0, 1], scale: 1 };
  let maxAbs = 0;
  for (const p of sample) for (const x of rawXY(layout, p)) maxAbs = Math.max(maxAbs, Math.abs(x));
  layout.scale = maxAbs > 0 ? 1 / maxAbs : 1;
  return layout;
}

function rawXY(l: Layout, p: ArrayLike<number>): [number, number] {
  let x = 0;
  let y = 0;
  for (let d = 0; d < l.mean.length; d++) {
    const c = p[d]! - l.mean[d]!;
    x += c * l.axes[0][d]!;
    y += c * l.axes[1][d]!;
  }
  return [x, y];
}

export function placeXY(l: Layout, p: ArrayLike<number>): [number, number] {
  const [x, y] = rawXY(l, p);
  const [a, b, c, d] = l.rotation;
  return [round((x * a + y * c) * l.scale), round((x * b + y * d) * l.scale)];
}

function round(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}

/**
 * Chooses the rotation/reflection that best maps this run's coordinates of shared ideas onto their
 * previous coordinates.
 */
export function alignLayout(l: Layout, current: [number, number][], previous: [number, number][]): void {
  if (current.length >= 3) {
    const m = new Matrix(2, 2);
    current.forEach(([x, y], i) => {
      const [px, py] = previous[i]!;
      m.set(0, 0, m.get(0, 0) + x * px);
      m.set(0, 1, m.get(0, 1) + x * py);
      m.set(1, 0, m.get(1, 0) + y * px);
      m.set(1, 1, m.get(1, 1) + y * py);
    });
    const svd = new SingularValueDecomposition(m);
    const r = svd.leftSingularVectors.mmul(svd.rightSingularVectors.transpose());
    l.rotation = [r.get(0, 0), r.get(0, 1), r.get(1, 0), r.get(1, 1)];
  }
}

/**
 * Sign convention for a first run: each axis is flipped so that the third moment (skew) of the
 * anchor coordinates is positive; centred coordinates would make a plain sum useless.
 */
export function orientFirstRun(l: Layout, anchors: [number, number][]): void {
  let sx = 0;
  let sy = 0;
  for (const [x, y] of anchors) {
    sx += x * x * x;
    sy += y * y * y;
  }
  l.rotation = [sx < 0 ? -1 : 1, 0, 0, sy < 0 ? -1 : 1];
}

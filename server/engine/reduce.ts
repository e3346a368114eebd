// Dimension reduction of sparse TF-IDF rows to dense vectors for k-means.
//
// Truncated SVD (LSA) by the randomized range finder (Halko, Martinsson & Tropp 2011): the basis is
// learned on a seeded sample of rows (enough to find the main topics), then every row is projected.
// Random projection is kept as the cheap alternative we measured against (docs/engine.md).
// Columns must be in a canonical order (sorted terms) and random draws are derived per term, so
// the result does not depend on the order in which ideas were added.

import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { hashString, sampleIndices } from './random.js';

export interface Row {
  ids: Int32Array;
  w: Float32Array;
}

export interface Basis {
  /** nCols x dims, row-major: the reduced coordinates of each term. */
  data: Float64Array;
  nCols: number;
  dims: number;
}

export interface ReduceOptions {
  method?: 'svd' | 'random';
  dims?: number;
  seed?: number;
  /** Rows used to learn the SVD basis (default 3000). */
  sampleSize?: number;
  oversample?: number;
  powerIterations?: number;
}

/** Learns a basis over `nCols` canonical columns; `colKeys` seeds per-column random draws. */
export function learnBasis(rows: Row[], colKeys: string[], options: ReduceOptions = {}): Basis {
  const nCols = colKeys.length;
  const method = options.method ?? 'svd';
  const seed = options.seed ?? 1;
  const dims = Math.max(1, Math.min(options.dims ?? 100, method === 'svd' ? Math.max(1, Math.min(rows.length, nCols)) : 100000));
  if (method === 'random') return randomBasis(colKeys, dims, seed);
  const full = sampleIndices(rows.length, options.sampleSize ?? 2000, seed).map((i) => rows[i]!);
  // Work only on the columns the sample uses: at 100k ideas most terms are rare and absent.
  const localOf = new Map<number, number>();
  const globalOf: number[] = [];
  for (const r of full) for (const j of r.ids) if (!localOf.has(j)) localOf.set(j, -1);
  [...localOf.keys()].sort((a, b) => a - b).forEach((j, i) => { localOf.set(j, i); globalOf.push(j); });
  const sample: Row[] = full.map((r) => ({ ids: Int32Array.from(r.ids, (j) => localOf.get(j)!), w: r.w }));
  const nLocal = globalOf.length;
  const l = Math.min(dims + (options.oversample ?? 10), sample.length, nLocal);
  const m = sample.length;
  // Omega: columns x l Gaussian, each term's row drawn from its own seed.
  const omega = randomBasis(globalOf.map((j) => colKeys[j]!), l, seed, false).data;
  // Y = X * Omega (m x l), stored column-major.
  let y = multiplyRows(sample, omega, l);
  orthonormalise(y, m, l);
  for (let it = 0; it < (options.powerIterations ?? 1); it++) {
    const z = transposeMultiply(sample, y, nLocal, l);
    normaliseColumns(z, nLocal, l);
    y = multiplyRows(sample, z, l);
    orthonormalise(y, m, l);
  }
  // Bt = X^T Q (nLocal x l, row-major); B B^T = Bt^T Bt is small (l x l), summed over Bt's
  // columns (dot products of contiguous arrays were the fastest order we measured).
  const bt = transposeMultiply(sample, y, nLocal, l);
  const btCols = Array.from({ length: l }, (_, a) => { const col = new Float64Array(nLocal); for (let j = 0; j < nLocal; j++) col[j] = bt[j * l + a]!; return col; });
  const g = new Matrix(l, l);
  for (let a = 0; a < l; a++) {
    const ca = btCols[a]!;
    let b = a;
    // Two dot products per pass over ca: two independent sums (each in the same order as one at a
    // time, so the same values) instead of one long chain of dependent additions.
    for (; b + 1 < l; b += 2) {
      const cb = btCols[b]!;
      const cc = btCols[b + 1]!;
      let s = 0;
      let t = 0;
      for (let j = 0; j < nLocal; j++) { const x = ca[j]!; s += x * cb[j]!; t += x * cc[j]!; }
      g.set(a, b, s); g.set(b, a, s);
      g.set(a, b + 1, t); g.set(b + 1, a, t);
    }
    if (b < l) {
      const cb = btCols[b]!;
      let s = 0;
      for (let j = 0; j < nLocal; j++) s += ca[j]! * cb[j]!;
      g.set(a, b, s); g.set(b, a, s);
    }
  }
  const eig = new EigenvalueDecomposition(g, { assumeSymmetric: true });
  const values = eig.realEigenvalues;
  const vectors = eig.eigenvectorMatrix;
  const order = values.map((v, i) => [v, i] as const).sort((p, q) => q[0] - p[0]).map((p) => p[1]);
  const k = Math.min(dims, l);
  // Right singular vectors: V = Bt U / sigma (nLocal x k), one row per term.
  const u = new Float64Array(l * k);
  for (let c = 0; c < k; c++) {
    const e = order[c]!;
    const sigma = Math.sqrt(Math.max(values[e]!, 1e-12));
    for (let a = 0; a < l; a++) u[a * k + c] = vectors.get(a, e) / sigma;
  }
  const data = sharedFloat64(nCols * k);
  const maxAbs = new Float64Array(k);
  const sign = new Float64Array(k).fill(1);
  // Two rows of Bt per pass over U (each row's sums in the same order as one row at a time).
  const acc = new Float64Array(k);
  const acc2 = new Float64Array(k);
  const keep = (row: Float64Array, j: number) => {
    data.set(row, globalOf[j]! * k);
    for (let c = 0; c < k; c++) {
      const v = row[c]!;
      if (Math.abs(v) > maxAbs[c]!) { maxAbs[c] = Math.abs(v); sign[c] = Math.sign(v) || 1; }
    }
  };
  for (let j = 0; j < nLocal; j += 2) {
    const two = j + 1 < nLocal;
    acc.fill(0);
    acc2.fill(0);
    const off = j * l;
    for (let a = 0; a < l; a++) {
      const x = bt[off + a]!;
      const x2 = two ? bt[off + l + a]! : 0;
      const ua = a * k;
      for (let c = 0; c < k; c++) { const w = u[ua + c]!; acc[c] = acc[c]! + x * w; acc2[c] = acc2[c]! + x2 * w; }
    }
    keep(acc, j);
    if (two) keep(acc2, j + 1);
  }
  // Fix each vector's sign so that its largest loading is positive.
  for (let c = 0; c < k; c++) {
    if (sign[c] === 1) continue;
    for (let j = 0; j < nLocal; j++) data[globalOf[j]! * k + c] = data[globalOf[j]! * k + c]! * -1;
  }
  return { data, nCols, dims: k };
}

/** Achlioptas-style random projection: each term maps to a seeded Gaussian row. */
export function randomBasis(colKeys: string[], dims: number, seed: number, shared = true): Basis {
  const data = shared ? sharedFloat64(colKeys.length * dims) : new Float64Array(colKeys.length * dims);
  const scale = 1 / Math.sqrt(dims);
  // gaussian(createRng(hashString(key, seed))) per term, inlined: the same draws in the same order
  // (mulberry32, then Box-Muller's cosine and sine in turn) without two closures per term (a third
  // of the basis' time on long texts, whose samples hold tens of thousands of terms).
  const TWO_PI = 2 * Math.PI;
  for (let j = 0; j < colKeys.length; j++) {
    let a = hashString(colKeys[j]!, seed) >>> 0;
    let spare = 0;
    let hasSpare = false;
    const off = j * dims;
    for (let c = 0; c < dims; c++) {
      if (hasSpare) {
        hasSpare = false;
        data[off + c] = spare * scale;
        continue;
      }
      let u = 0;
      let v = 0;
      for (let draw = 0; draw < 2; draw++) {
        let x: number;
        do {
          a = (a + 0x6d2b79f5) >>> 0;
          let t = a;
          t = Math.imul(t ^ (t >>> 15), t | 1);
          t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
          x = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
        } while (draw === 0 && x === 0);
        if (draw === 0) u = x; else v = x;
      }
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(TWO_PI * v);
      hasSpare = true;
      data[off + c] = r * Math.cos(TWO_PI * v) * scale;
    }
  }
  return { data, nCols: colKeys.length, dims };
}

/**
 * Arrays that go into a placement model live in shared memory: a worker's result then reaches the
 * main thread without being serialised and copied (at 100k ideas the points and basis are about
 * 57 MB, held three times at once when copied). Transferring them instead would detach array
 * buffers, which slowed every later recompute in that worker (docs/engine.md).
 */
export function sharedFloat64(n: number): Float64Array { return new Float64Array(new SharedArrayBuffer(n * 8)); }
export function sharedFloat32(n: number): Float32Array { return new Float32Array(new SharedArrayBuffer(n * 4)); }

/** Projects one sparse row (canonical column ids) and L2-normalises it. */
export function project(row: Row, basis: Basis, out = new Float64Array(basis.dims)): Float64Array {
  out.fill(0);
  const k = basis.dims;
  for (let i = 0; i < row.ids.length; i++) {
    const j = row.ids[i]!;
    if (j < 0 || j >= basis.nCols) continue;
    const x = row.w[i]!;
    const off = j * k;
    for (let c = 0; c < k; c++) out[c] = out[c]! + x * basis.data[off + c]!;
  }
  let norm = 0;
  for (let c = 0; c < k; c++) norm += out[c]! * out[c]!;
  if (norm > 0) {
    const f = 1 / Math.sqrt(norm);
    for (let c = 0; c < k; c++) out[c] = out[c]! * f;
  }
  return out;
}

function multiplyRows(rows: Row[], dense: Float64Array, l: number): Float64Array[] {
  const cols = Array.from({ length: l }, () => new Float64Array(rows.length));
  const acc = new Float64Array(l);
  rows.forEach((row, r) => {
    acc.fill(0);
    for (let i = 0; i < row.ids.length; i++) {
      const off = row.ids[i]! * l;
      const x = row.w[i]!;
      for (let c = 0; c < l; c++) acc[c] = acc[c]! + x * dense[off + c]!;
    }
    for (let c = 0; c < l; c++) cols[c]![r] = acc[c]!;
  });
  return cols;
}

/** X^T Q for column-major Q (m x l): nCols x l, row-major. */
function transposeMultiply(rows: Row[], q: Float64Array[], nCols: number, l: number): Float64Array {
  const out = new Float64Array(nCols * l);
  const qr = new Float64Array(l);
  rows.forEach((row, r) => {
    for (let c = 0; c < l; c++) qr[c] = q[c]![r]!;
    for (let i = 0; i < row.ids.length; i++) {
      const off = row.ids[i]! * l;
      const x = row.w[i]!;
      for (let c = 0; c < l; c++) out[off + c] = out[off + c]! + x * qr[c]!;
    }
  });
  return out;
}

/** Scales each column of a row-major n x l matrix to unit length (zero columns stay zero). */
function normaliseColumns(z: Float64Array, n: number, l: number): void {
  const s = new Float64Array(l);
  for (let j = 0; j < n; j++) for (let c = 0; c < l; c++) s[c] = s[c]! + z[j * l + c]! * z[j * l + c]!;
  for (let c = 0; c < l; c++) s[c] = s[c]! > 0 ? 1 / Math.sqrt(s[c]!) : 0;
  for (let j = 0; j < n; j++) for (let c = 0; c < l; c++) z[j * l + c] = z[j * l + c]! * s[c]!;
}

/** Modified Gram-Schmidt on column vectors; dependent columns become zero. */
function orthonormalise(cols: Float64Array[], m: number, l: number): void {
  for (let c = 0; c < l; c++) {
    const v = cols[c]!;
    // v -= (u_p . v) u_p for p = 0 .. c-1 in turn. The dot product with u_(p+1) is summed in the
    // same pass that subtracts u_p (element i of v is final for step p when it is read), so each
    // step reads v once; the sums and the subtractions are those of one loop after the other.
    let dot = 0;
    if (c > 0) { const u0 = cols[0]!; for (let i = 0; i < m; i++) dot += u0[i]! * v[i]!; }
    for (let p = 0; p < c; p++) {
      const u = cols[p]!;
      const next = p + 1 < c ? cols[p + 1]! : null;
      let nextDot = 0;
      if (dot !== 0 && next) {
        for (let i = 0; i < m; i++) { const x = v[i]! - dot * u[i]!; v[i] = x; nextDot += next[i]! * x; }
      } else if (dot !== 0) {
        for (let i = 0; i < m; i++) v[i] = v[i]! - dot * u[i]!;
      } else if (next) {
        for (let i = 0; i < m; i++) nextDot += next[i]! * v[i]!;
      }
      dot = nextDot;
    }
    let s = 0;
    for (let i = 0; i < m; i++) s += v[i]! * v[i]!;
    const f = s > 1e-20 ? 1 / Math.sqrt(s) : 0;
    for (let i = 0; i < m; i++) v[i] = v[i]! * f;
  }
}

// The first two stages of a recompute: TF-IDF rows over the clustering vocabulary, then reduced
// dense vectors (LSA). Shared by the recompute and by scripts that study the reduced space.

import { weigh, type Corpus, type WeighOptions } from './corpus.js';
import { domainFactor, domainFit, TERM_CONCEPT, TERM_WORD } from './domain.js';
import { learnBasis, project, sharedFloat32, type Basis, type Row } from './reduce.js';
import type { Points } from './cluster.js';

export interface VectorOptions extends Pick<WeighOptions, 'ngramShare'> {
  /**
   * Terms in fewer ideas than this, or in more than this share of them, are not clustered on. Rows
   * are normalised over the terms of at least minDf ideas, so a row's clustered part has about unit
   * length however many words only that idea uses.
   */
  minDf: number;
  maxDf: number;
}

export interface ClusterRows {
  /** Every idea (canonical order) and the ideas that have at least one clustered term. */
  allIds: string[];
  ids: string[];
  /** The corpus row of each clustered idea (ids[i] is corpus.ids[index[i]]). */
  index: number[];
  rows: Row[];
  /** Clustering vocabulary, sorted; term id (in the corpus) -> column, -1 when not clustered. */
  colTerms: string[];
  termId: Map<string, number>;
  colOf: Int32Array;
}

export interface ReduceStageOptions {
  reduction: 'svd' | 'random';
  dims: number;
  seed: number;
  svdSample: number;
  powerIterations: number;
}

/** TF-IDF rows (fresh idf) of the ideas, restricted to the clustering vocabulary. */
export function clusterRows(corpus: Corpus, options: VectorOptions): ClusterRows {
  // Canonical order: ideas by id (the corpus comes sorted), clustering terms by string.
  const { ids: allIds, terms, df } = corpus;
  const nAll = allIds.length;
  const maxDf = nAll >= 20 ? options.maxDf * nAll : nAll;
  // The glossary's concepts and generic words weigh as far as the collection is of the domain (domain.ts);
  // a term that weighs nothing is not clustered on (at fit 0 the columns are those of a plain TF-IDF).
  const factor = domainFactors(corpus);
  const colTerms = terms.map((t, i) => [t, i] as const)
    .filter(([, i]) => (df[i] ?? 0) >= Math.min(options.minDf, nAll) && (df[i] ?? 0) <= maxDf && factor(i) > 0)
    .map(([t]) => t).sort();
  const termId = new Map(terms.map((t, i) => [t, i]));
  const colOf = new Int32Array(terms.length).fill(-1);
  colTerms.forEach((t, c) => { colOf[termId.get(t)!] = c; });
  const idf = (t: number) => (1 + Math.log((1 + nAll) / (1 + (df[t] ?? 0)))) * factor(t);
  const weighOptions: WeighOptions = { normMinDf: options.minDf, ngramShare: options.ngramShare };
  const allRows: Row[] = allIds.map((_, i) => {
    const cols = corpus.cols.subarray(corpus.offsets[i]!, corpus.offsets[i + 1]!);
    const w = weigh(cols, corpus.raw.subarray(corpus.offsets[i]!, corpus.offsets[i + 1]!), idf, (t) => corpus.ngram[t] === 1, (t) => df[t] ?? 0, weighOptions);
    return toRow({ ids: cols, w }, colOf);
  });
  // An idea without a single clustered word (empty, emoji only, only unique words) joins no cluster.
  const clustered = allIds.map((_, i) => i).filter((i) => allRows[i]!.ids.length > 0);
  return { allIds, ids: clustered.map((i) => allIds[i]!), index: clustered, rows: clustered.map((i) => allRows[i]!), colTerms, termId, colOf };
}

/** Each term's domain factor in this collection (its idf share; domain.ts). */
export function domainFactors(corpus: Corpus): (t: number) => number {
  const kind = corpus.kind;
  if (!kind) return () => 1;
  let conceptDf = 0;
  let wordDf = 0;
  for (let t = 0; t < corpus.terms.length; t++) {
    if (kind[t] === TERM_CONCEPT) conceptDf += corpus.df[t]!;
    else if (kind[t] === TERM_WORD && corpus.ngram[t] !== 1) wordDf += corpus.df[t]!;
  }
  const fit = domainFit(conceptDf, wordDf);
  return (t) => domainFactor(kind[t]!, fit);
}

/**
 * Learns the reduced basis on a seeded sample and projects every row (unit vectors, float32).
 * `points[i]` are views of one `packed` array (row i at i * dims), which the placement model
 * carries as it is; it lives in shared memory, like the basis, so that a worker's result hands
 * both to the main thread without a copy (see "Memory" in docs/engine.md).
 */
export function reducedPoints(rows: Row[], colTerms: string[], o: ReduceStageOptions): { basis: Basis; points: Points; packed: Float32Array } {
  const basis = learnBasis(rows, colTerms, {
    method: o.reduction, dims: o.dims, seed: o.seed, sampleSize: o.svdSample, powerIterations: o.powerIterations,
  });
  const dims = basis.dims;
  const packed = sharedFloat32(rows.length * dims);
  const buf = new Float64Array(dims);
  const points = rows.map((r, i) => {
    const p = packed.subarray(i * dims, (i + 1) * dims);
    p.set(project(r, basis, buf));
    return p;
  });
  return { basis, points, packed };
}

/**
 * The row restricted to clustered columns, sorted by column. Written without intermediate pairs: at
 * 100k ideas a [column, weight] array per term was over a million short-lived arrays in the worker.
 * Insertion sort: rows are short, and a 100 KB text (3,000 tokens at most) still sorts in milliseconds.
 */
function toRow(v: { ids: Int32Array; w: Float32Array }, colOf: Int32Array): Row {
  let n = 0;
  for (let i = 0; i < v.ids.length; i++) if (colOf[v.ids[i]!]! >= 0) n++;
  const ids = new Int32Array(n);
  const w = new Float32Array(n);
  let m = 0;
  for (let i = 0; i < v.ids.length; i++) {
    const c = colOf[v.ids[i]!]!;
    if (c < 0) continue;
    const x = v.w[i]!;
    let j = m - 1;
    while (j >= 0 && ids[j]! > c) { ids[j + 1] = ids[j]!; w[j + 1] = w[j]!; j--; }
    ids[j + 1] = c;
    w[j + 1] = x;
    m++;
  }
  return { ids, w };
}

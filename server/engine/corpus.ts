// The collection as plain arrays: what a full recompute needs, cheap to copy to a worker thread.
//
// Raw weights (sub-linear, title-weighted tf) travel instead of finished vectors so that the main
// thread only copies arrays; idf and normalisation happen wherever the recompute runs, with the
// same `weigh` the live index uses.

export interface Corpus {
  /** Idea ids; row i of the CSR arrays belongs to ids[i]. recomputeClusters takes them in canonical (sorted) order (inCanonicalOrder). */
  ids: string[];
  /** Term strings by term id, their document frequency, n-gram flag and written form. */
  terms: string[];
  df: Int32Array;
  ngram: Uint8Array;
  /** TERM_WORD, TERM_CONCEPT or TERM_GENERIC per term (domain.ts); absent: every term a word. */
  kind?: Uint8Array;
  forms: string[];
  offsets: Int32Array;
  cols: Int32Array;
  raw: Float32Array;
  /** Title and language of each idea (row order), for cluster names (names.ts); absent in older snapshots. */
  titles?: string[];
  languages?: string[];
}

/**
 * The corpus with its ideas in canonical (sorted) order, or itself when they are: the order a
 * recompute needs so that the same ideas give the same clusters for a seed, however they were stored.
 * engine.snapshot() lists them in slot order, and the sort happens here, in the worker for the app.
 */
export function inCanonicalOrder(corpus: Corpus): Corpus {
  const { ids } = corpus;
  let sorted = true;
  for (let i = 1; i < ids.length && sorted; i++) sorted = ids[i - 1]! < ids[i]!;
  if (sorted) return corpus;
  const order = ids.map((_, i) => i).sort((a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0));
  const offsets = new Int32Array(ids.length + 1);
  const cols = new Int32Array(corpus.offsets[ids.length]!);
  const raw = new Float32Array(cols.length);
  let at = 0;
  for (let i = 0; i < order.length; i++) {
    const from = corpus.offsets[order[i]!]!;
    const to = corpus.offsets[order[i]! + 1]!;
    cols.set(corpus.cols.subarray(from, to), at);
    raw.set(corpus.raw.subarray(from, to), at);
    at += to - from;
    offsets[i + 1] = at;
  }
  const permuted = (xs: string[] | undefined) => xs && order.map((r) => xs[r]!);
  return { ...corpus, ids: order.map((r) => ids[r]!), offsets, cols, raw, titles: permuted(corpus.titles), languages: permuted(corpus.languages) };
}

export interface WeighOptions {
  /** Terms in fewer ideas than this stay out of the norm. */
  normMinDf: number;
  /** Share of the squared norm given to the n-gram block when both blocks are present. */
  ngramShare: number;
}

/**
 * TF-IDF weights of one row, L2-normalised in two blocks (words, n-grams). Terms no other idea
 * shares cannot make two stored ideas alike but would shrink every cosine of an idea full of rare
 * words: they stay in the vector (a typed text may share them) and out of the norm, as min_df=2
 * does for the baseline (similarity.ts counts them in the norm where a text does share them). A
 * block without a single frequent term falls back to its full norm. Negative ids are terms unknown
 * to the collection (unsaved text): never in the norm.
 * Writes into `w` when given (as long as `ids`), else into a new array; returns it.
 */
export function weigh(
  ids: Int32Array, raw: Float32Array, idf: (t: number) => number, isNgram: (t: number) => boolean,
  df: (t: number) => number, o: WeighOptions, w: Float32Array = new Float32Array(ids.length),
): Float32Array {
  let normWord = 0;
  let normGram = 0;
  let allWord = 0;
  let allGram = 0;
  for (let i = 0; i < ids.length; i++) {
    const t = ids[i]!;
    const x = raw[i]! * idf(t);
    w[i] = x;
    const gram = t >= 0 && isNgram(t);
    if (gram) allGram += x * x;
    else allWord += x * x;
    if (t < 0 || df(t) < o.normMinDf) continue;
    if (gram) normGram += x * x;
    else normWord += x * x;
  }
  // A block made only of rare terms falls back to its full norm.
  if (normWord === 0) normWord = allWord;
  if (normGram === 0) normGram = allGram;
  const share = normWord > 0 && normGram > 0 ? o.ngramShare : normGram > 0 ? 1 : 0;
  const fWord = normWord > 0 ? Math.sqrt(1 - share) / Math.sqrt(normWord) : 0;
  const fGram = normGram > 0 ? Math.sqrt(share) / Math.sqrt(normGram) : 0;
  for (let i = 0; i < ids.length; i++) {
    const t = ids[i]!;
    w[i] = w[i]! * (t >= 0 && isNgram(t) ? fGram : fWord);
  }
  return w;
}

// Top-k cosine neighbours over the inverted index.
//
// Vectors are L2-normalised, so cosine is a sparse dot product: we walk the postings of the query's
// terms only, accumulate into a reusable score buffer, and keep the k best in a small sorted list.
// Cost is proportional to the postings touched, not to the collection size.
//
// Terms fewer than two ideas have stay out of a vector's norm (corpus.ts), so that an idea's unique
// words do not shrink its scores. When a query shares such a term after all (typed text and the one
// idea that has the word, or an idea added since the last refresh that made a word frequent), the
// term is counted in the norms of both sides for that pair: score = q·d / sqrt((1 + Σ q_t²)(1 + Σ d_t²))
// over the shared terms that were out of q's or d's norm. The frequent part of each vector has norm
// 1, so by Cauchy-Schwarz the score stays at most 1; without shared rare terms it is the plain dot
// product.

import type { SparseTfIdf, SparseVector } from './tfidf.js';

export interface SimilarOptions {
  k?: number;
  /** Leave out ideas of this organisation (our own). */
  excludeOrganisationId?: string;
  /** Leave out hits scoring below this cosine (default 0.05). */
  minScore?: number;
  /** Leave out this idea (the query itself). */
  excludeId?: string;
  /** Number of explaining terms per hit (default 5). */
  explainTerms?: number;
  /** Language in which shared concepts are named (default: the query's language, else Dutch). */
  explainLanguage?: string;
}

export interface SimilarHit {
  id: string;
  score: number;
  /** Written forms of the shared terms that contribute most to the score, best first. */
  terms: string[];
}

export class SimilarityIndex {
  private scores = new Float64Array(0);
  private touched = new Int32Array(0);
  private seen = new Uint8Array(0);
  /** Per touched slot: squares of shared weights that were out of the query's norm, and of the idea's (words, n-grams). */
  private outQ = new Float64Array(0);
  private outWord = new Float64Array(0);
  private outGram = new Float64Array(0);
  /** The slots that have such squares (few: rare terms have short postings). */
  private outSlots = new Int32Array(0);
  private hasOut = new Uint8Array(0);

  constructor(
    private readonly tfidf: SparseTfIdf,
    private readonly organisationOf: (id: string) => string | undefined,
    /** The written form of a term for a reader of `language` (a glossary concept is named in that language). */
    private readonly writtenForm: (stem: string, language: string) => string,
  ) {}

  /** `querySlot`: the slot of a stored query (its norm as weighed then); null for text weighed now. */
  query(q: SparseVector, options: SimilarOptions = {}, querySlot: number | null = null): SimilarHit[] {
    const k = Math.max(0, Math.floor(options.k ?? 10));
    const minScore = options.minScore ?? 0.05;
    if (k === 0 || q.ids.length === 0) return [];
    const n = this.tfidf.slotCount;
    if (this.scores.length < n) {
      this.scores = new Float64Array(Math.max(n, this.scores.length * 2));
      this.touched = new Int32Array(this.scores.length);
      this.seen = new Uint8Array(this.scores.length);
      this.outQ = new Float64Array(this.scores.length);
      this.outWord = new Float64Array(this.scores.length);
      this.outGram = new Float64Array(this.scores.length);
      this.outSlots = new Int32Array(this.scores.length);
      this.hasOut = new Uint8Array(this.scores.length);
    }
    const { seen, scores, outQ, outWord, outGram, outSlots, hasOut, tfidf } = this;
    let nOut = 0;
    let qBlocks: { word: boolean; gram: boolean } | null = null;
    let nTouched = 0;
    for (let i = 0; i < q.ids.length; i++) {
      const t = q.ids[i]!;
      const qw = q.w[i]!;
      // Common case: the term is in every norm, a plain dot product.
      const rare = tfidf.mayBeOutOfNorm(t);
      const gram = rare && tfidf.ngram(t);
      let qOut = false;
      if (rare && !tfidf.inNorm(t, querySlot)) {
        qBlocks ??= tfidf.blocksInNorm(q, querySlot);
        qOut = gram ? qBlocks.gram : qBlocks.word; // a block without frequent terms was normed over all of them
      }
      for (const p of tfidf.postings(t)) {
        const docs = p.docs;
        const ws = p.w;
        if (!rare) {
          // The hot loop (common terms, long postings) stays as tight as a plain dot product.
          for (let j = 0; j < docs.length; j++) {
            const d = docs[j]!;
            if (seen[d] === 0) {
              seen[d] = 1;
              this.touched[nTouched++] = d;
            }
            scores[d] = scores[d]! + qw * ws[j]!;
          }
          continue;
        }
        for (let j = 0; j < docs.length; j++) {
          const d = docs[j]!;
          if (seen[d] === 0) {
            seen[d] = 1;
            this.touched[nTouched++] = d;
          }
          const w = ws[j]!;
          scores[d] = scores[d]! + qw * w;
          const dOut = !tfidf.inNorm(t, d);
          if (!qOut && !dOut) continue;
          if (hasOut[d] === 0) { hasOut[d] = 1; outSlots[nOut++] = d; }
          if (qOut) outQ[d] = outQ[d]! + qw * qw;
          if (dOut) {
            if (gram) outGram[d] = outGram[d]! + w * w;
            else outWord[d] = outWord[d]! + w * w;
          }
        }
      }
    }
    // Shared terms that were out of a norm: count them in both norms for that pair.
    for (let i = 0; i < nOut; i++) {
      const slot = outSlots[i]!;
      let outD = 0;
      if (outWord[slot]! > 0 || outGram[slot]! > 0) {
        const v = tfidf.vectorAt(slot);
        const blocks = v ? tfidf.blocksInNorm(v, slot) : { word: true, gram: true };
        outD = (blocks.word ? outWord[slot]! : 0) + (blocks.gram ? outGram[slot]! : 0);
      }
      scores[slot] = scores[slot]! / Math.sqrt((1 + outQ[slot]!) * (1 + outD));
      outQ[slot] = 0;
      outWord[slot] = 0;
      outGram[slot] = 0;
      hasOut[slot] = 0;
    }
    // Best k in descending score, ties broken by id so results never depend on insertion order.
    const best: { slot: number; id: string; score: number }[] = [];
    for (let i = 0; i < nTouched; i++) {
      const slot = this.touched[i]!;
      const score = scores[slot]!;
      scores[slot] = 0;
      seen[slot] = 0;
      if (score < minScore) continue;
      const worst = best[best.length - 1];
      if (best.length === k && worst && score < worst.score) continue;
      const id = this.tfidf.idAt(slot);
      if (id === null || id === options.excludeId) continue;
      if (options.excludeOrganisationId !== undefined && this.organisationOf(id) === options.excludeOrganisationId) continue;
      if (best.length === k && worst && score === worst.score && id > worst.id) continue;
      let pos = best.length;
      while (pos > 0 && (best[pos - 1]!.score < score || (best[pos - 1]!.score === score && best[pos - 1]!.id > id))) pos--;
      best.splice(pos, 0, { slot, id, score });
      if (best.length > k) best.pop();
    }
    const nTerms = options.explainTerms ?? 5;
    return best.map((b) => ({
      id: b.id,
      score: Math.min(1, b.score), // rounding only: the score is a cosine (see the top of this file)
      terms: nTerms > 0 ? this.explain(q, this.tfidf.vectorAt(b.slot), nTerms, options.explainLanguage ?? 'nl') : [],
    }));
  }

  /**
   * Shared word terms and glossary concepts ranked by their contribution q_t * d_t to the dot
   * product, in written form: a concept by its name in `language` ("afspraak" for a Dutch reader of a
   * French idea that shares "rendez-vous"), each form once.
   */
  explain(q: SparseVector, d: SparseVector | null, n: number, language = 'nl'): string[] {
    if (!d) return [];
    const contrib: [number, number][] = [];
    let i = 0;
    let j = 0;
    while (i < q.ids.length && j < d.ids.length) {
      const a = q.ids[i]!;
      const b = d.ids[j]!;
      if (a === b) {
        // Terms that weigh nothing here (a generic word of the domain in a collection of the domain) explain nothing.
        if (!this.tfidf.ngram(a) && q.w[i]! * d.w[j]! > 0) contrib.push([a, q.w[i]! * d.w[j]!]);
        i++;
        j++;
      } else if (a < b) i++;
      else j++;
    }
    contrib.sort((x, y) => y[1] - x[1] || x[0] - y[0]);
    const out: string[] = [];
    for (const [t] of contrib) {
      const form = this.writtenForm(this.tfidf.terms[t]!, language);
      // One thing named once: a concept's name and the word it came from ("herinnering", "herinneringen"; "e-mail", "mail").
      if (!out.some((o) => sameThing(o, form))) out.push(form);
      if (out.length >= n) break;
    }
    return out;
  }
}

function sameThing(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.min(a.length, b.length) < 4) return false;
  return a.startsWith(b) || b.startsWith(a) || a.endsWith(b) || b.endsWith(a);
}

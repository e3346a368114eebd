// Automatic cluster labels: a few distinctive words, in written form.

import type { Corpus } from './corpus.js';
import { NGRAM_PREFIX } from './text.js';

/** Mean TF-IDF weight per clustered column: per cluster, and over every clustered idea. */
export interface SparseMeans { means: Float64Array[]; overall: Float64Array }

export interface LabelInput {
  means: SparseMeans;
  /** Clustering vocabulary (the columns of the means) and its term ids in the corpus. */
  terms: string[];
  termId: Map<string, number>;
  corpus: Corpus;
  /** Per cluster, the corpus rows of its ideas. */
  memberRows: number[][];
  /** Words per label. */
  n: number;
}

/**
 * Distinctive words: frequent in the cluster and more frequent there than overall, each thing named
 * once ("voorstel, voorstellen" becomes "voorstel"). A cluster held together by compound n-grams,
 * or by words too rare to cluster on, can have fewer such words than `n`, or none. A label with
 * none is made of its ideas' own words, first those whose n-grams the cluster shares (see
 * ownWords); a short label is completed only with words the cluster shares (by n-grams or by two
 * ideas using them), never with one idea's incidental words.
 */
export function labelClusters({ means, terms, termId, corpus, memberRows, n }: LabelInput): string[] {
  const form = writtenForm(corpus);
  return means.means.map((m, c) => {
    const out: string[] = [];
    const take = (f: string): boolean => {
      if (!out.some((o) => o === f || (Math.min(o.length, f.length) >= 4 && (o.startsWith(f) || f.startsWith(o))))) out.push(f);
      return out.length >= n;
    };
    const scored: [number, number][] = [];
    m.forEach((v, j) => { if (v > 0 && corpus.ngram[termId.get(terms[j]!)!] !== 1) scored.push([j, v * Math.log(1 + v / means.overall[j]!)]); });
    scored.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    let full = false;
    for (const [j] of scored) if ((full = take(form(termId.get(terms[j]!)!)))) break;
    if (!full) {
      // An empty label takes any of the ideas' words; a short one only words the cluster shares.
      const any = out.length === 0;
      for (const w of ownWords(m, terms, corpus, memberRows[c] ?? [])) {
        if ((any || w.shared > 0 || w.uses > 1) && take(form(w.t))) break;
      }
    }
    return out.join(', ');
  });
}

/**
 * The words of a cluster's ideas, best first: by the weight of the cluster's n-grams found in the
 * word ("bootcamps" and "sportbootcamp" share "bootc", "tcamp", …), then by how many of its ideas
 * use the word, then alphabetically (so insertion order never matters).
 */
function ownWords(mean: Float64Array, terms: string[], corpus: Corpus, rows: number[]): { t: number; shared: number; uses: number }[] {
  const uses = new Map<number, number>();
  for (const r of rows) {
    for (let k = corpus.offsets[r]!; k < corpus.offsets[r + 1]!; k++) {
      const t = corpus.cols[k]!;
      if (corpus.ngram[t] !== 1) uses.set(t, (uses.get(t) ?? 0) + 1);
    }
  }
  const grams: [string, number][] = [];
  mean.forEach((v, j) => { if (v > 0 && terms[j]!.startsWith(NGRAM_PREFIX)) grams.push([terms[j]!.slice(NGRAM_PREFIX.length), v]); });
  const name = writtenForm(corpus);
  const words = [...uses].map(([t, n]) => {
    const word = `<${name(t)}>`;
    let shared = 0;
    for (const [g, v] of grams) if (word.includes(g)) shared += v;
    return { t, shared, uses: n };
  });
  return words.sort((a, b) => b.shared - a.shared || b.uses - a.uses || (name(a.t) < name(b.t) ? -1 : name(a.t) > name(b.t) ? 1 : 0));
}

/** A term's written form in the corpus (the stem when it has none). */
function writtenForm(corpus: Corpus): (t: number) => string {
  return (t) => corpus.forms[t] || corpus.terms[t]!;
}

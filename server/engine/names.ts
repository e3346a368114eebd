// Cluster names a person would write: a phrase of two to five words taken from the titles of the
// cluster's ideas, in the cluster's language (Dutch when it has a Dutch idea), chosen because the
// most ideas of the cluster say it, in their words or by a synonym in any language (the glossary's
// concepts). "Digitaal grafregister" rather than "graf, regist, concessie".
//
//   nameClusters({ corpus, clusters: [{ rows, central, previous }], means, terms })
//     -> ['Online afspraken', 'Digitaal grafregister', '3D-model van de riolering']
//
// A phrase starts and ends with a word that carries meaning (no "voor", "digitaal" may start but
// not end it) and is scored by how many ideas of the cluster cover every meaningful word of it
// (the word's stem, or a concept of it), then by length (two to four words beat one), then by how
// distinctive its words are for the cluster. Without a phrase two ideas share, the most
// representative title, cut to its first clause of at most five words, names the cluster. The
// cluster's previous name stays while two of its ideas still cover it, so a name does not change
// when one idea joins or idf moves. '' only for a cluster without titles (labels.ts then names it by terms).

import type { Corpus } from './corpus.js';
import { CONCEPT_PREFIX, Glossary } from './glossary.js';
import { TextPipeline } from './text.js';

export interface NameInput {
  corpus: Corpus;
  clusters: { rows: number[]; central: number[]; previous?: string }[];
  /** Mean TF-IDF weight per clustering column, per cluster and overall (for distinctiveness). */
  means: { means: Float64Array[]; overall: Float64Array };
  colOf: (term: string) => number;
}

/** Titles whose words are candidates, per cluster (the most central ones). */
const CANDIDATE_TITLES = 12;
/** Ideas over which a candidate's coverage is counted (the most central ones). */
const COVERAGE_SAMPLE = 200;
const MAX_WORDS = 4;

const WORD = /[\p{L}\p{N}]+(?:[-'’.][\p{L}\p{N}]+)*/gu;

const stopSets = new Map<string, Set<string>>();
/** Stop words and the generic words of the domain: neither carries a name ("Digitaal platform" names nothing). */
function stopAndGeneric(language: string): Set<string> {
  let set = stopSets.get(language);
  if (!set) stopSets.set(language, set = new Set([...text().stopWords(language), ...Glossary.genericWords(language)]));
  return set;
}

let pipeline: TextPipeline | null = null;
let plainPipeline: TextPipeline | null = null;
const text = () => (pipeline ??= new TextPipeline());
/** Function words only: a name may start with a generic word of the domain, never with "voor" or "de". */
const functionWords = (language: string) => (plainPipeline ??= new TextPipeline({ glossary: false, domainStopWords: {} })).stopWords(language);

interface Word { written: string; keys: string[]; content: boolean; edge: boolean }

export function nameClusters(input: NameInput): string[] {
  const { corpus } = input;
  return input.clusters.map((cluster, c) => {
    if (cluster.rows.length < 2) return '';
    const language = clusterLanguage(corpus, cluster.rows);
    const sample = cluster.central.slice(0, COVERAGE_SAMPLE).map((r) => termSet(corpus, r));
    const mean = input.means.means[c]!;
    const distinct = (key: string) => {
      const j = input.colOf(key);
      if (j < 0) return 0;
      const v = mean[j]!;
      return v > 0 ? v * Math.log(1 + v / Math.max(1e-9, input.means.overall[j]!)) : 0;
    };
    // The name it had stays while two of its ideas still say it (the bar a new name must clear).
    if (cluster.previous && covered(words(cluster.previous, language), sample) >= 2) return cluster.previous;
    let best: { name: string; score: number; distinct: number } | null = null;
    const seen = new Set<string>();
    for (const r of cluster.central.slice(0, CANDIDATE_TITLES)) {
      if ((corpus.languages?.[r] ?? language) !== language) continue;
      const ws = words(corpus.titles?.[r] ?? '', language);
      for (let i = 0; i < ws.length; i++) {
        for (let j = i; j < Math.min(ws.length, i + MAX_WORDS); j++) {
          const span = ws.slice(i, j + 1);
          if (!span[0]!.edge || !span[span.length - 1]!.content) continue;
          const key = span.map((w) => w.written.toLowerCase()).join(' ');
          if (seen.has(key)) continue;
          seen.add(key);
          const cover = covered(span, sample);
          if (cover < 2) continue;
          const d = span.filter((w) => w.content).reduce((s, w) => s + Math.max(0, ...w.keys.map(distinct)), 0);
          const score = cover * (1 + 0.25 * Math.min(span.length - 1, 2));
          if (!best || score > best.score + 1e-9 || (Math.abs(score - best.score) <= 1e-9 && (d > best.distinct + 1e-12 || (d === best.distinct && key < best.name.toLowerCase())))) {
            best = { name: span.map((w) => w.written).join(' '), score, distinct: d };
          }
        }
      }
    }
    if (best) return capitalise(best.name);
    // No phrase said by two ideas: the name it had while one of its ideas still says it, else the
    // most representative title, cut to its first words.
    if (cluster.previous && covered(words(cluster.previous, language), sample) >= 1) return cluster.previous;
    const central = cluster.central.find((r) => (corpus.languages?.[r] ?? language) === language) ?? cluster.central[0];
    return central === undefined ? '' : shortTitle(corpus.titles?.[central] ?? '', corpus.languages?.[central] ?? language);
  });
}

/** A title's first clause, at most five words, without function words at its end: "3D-model van de riolering". */
function shortTitle(title: string, language: string): string {
  const clause = title.split(/[:;,()–—]| - /)[0] ?? '';
  const ws = words(clause, language).slice(0, MAX_WORDS + 1);
  while (ws.length > 0 && !ws[ws.length - 1]!.content) ws.pop();
  return ws.length === 0 ? '' : capitalise(ws.map((w) => w.written).join(' '));
}

/** Dutch when any idea is Dutch (the programme's language), else the most frequent language. */
function clusterLanguage(corpus: Corpus, rows: number[]): string {
  const count = new Map<string, number>();
  for (const r of rows) { const l = corpus.languages?.[r] ?? 'nl'; count.set(l, (count.get(l) ?? 0) + 1); }
  if (count.has('nl')) return 'nl';
  return [...count].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? 'nl';
}

/** The written words of a title with what they match: stems and glossary concepts. */
function words(title: string, language: string): Word[] {
  const t = text();
  const stop = stopAndGeneric(language);
  const plainStop = functionWords(language);
  return [...title.matchAll(WORD)].map((m) => {
    const written = m[0];
    const tokens = t.tokenize(written);
    const content = tokens.some((w) => !stop.has(w));
    const keys = tokens.filter((w) => !stop.has(w)).map((w) => t.stem(w, language));
    const concepts = t.concepts?.conceptsOf(tokens, language) ?? [];
    for (const c of concepts) keys.push(CONCEPT_PREFIX + c);
    // A generic word of the domain ("digitaal", "online") may open a name but not carry or end it.
    return { written, keys, content: content && keys.length > 0, edge: tokens.some((w) => !plainStop.has(w)) };
  }).filter((w) => w.written.length > 0);
}

/** Ideas (term sets) that cover every meaningful word of the span by one of its keys. */
function covered(span: Word[], sample: Set<string>[]): number {
  const content = span.filter((w) => w.content);
  if (content.length === 0) return 0;
  let n = 0;
  for (const terms of sample) if (content.every((w) => w.keys.some((k) => terms.has(k)))) n++;
  return n;
}

function termSet(corpus: Corpus, r: number): Set<string> {
  const out = new Set<string>();
  for (let k = corpus.offsets[r]!; k < corpus.offsets[r + 1]!; k++) out.add(corpus.terms[corpus.cols[k]!]!);
  return out;
}

function capitalise(s: string): string {
  return s.charAt(0).toLocaleUpperCase('nl') + s.slice(1);
}

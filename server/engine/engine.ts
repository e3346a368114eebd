// MatchingEngine: the facade the app uses. Pure and synchronous; persist `state()` in the store.
//
//   const engine = new MatchingEngine({ seed: 42 });       // options: see EngineOptions
//   engine.restore(savedState);                             // optional: ids, labels, overrides, k, version
//   engine.addMany(ideas);                                  // EngineDoc = {id,title,description,organisationId?,language?}
//   const result = engine.recompute();                      // or off-thread: worker.recompute(engine.snapshot(), engine.state())
//   save(engine.state());                                   // after every recompute and setLabel
//   engine.add(doc) / engine.update(doc) -> Placement|null  // placed in the nearest cluster at once
//   engine.remove(id) -> boolean
//   engine.similarTo(id | {title, description}, { k, excludeOrganisationId, minScore }) -> SimilarHit[]
//   engine.place(id) -> Placement | null                    // {clusterId, x, y}
//   engine.setLabel(clusterId, 'Meldingen' | null)          // a human label; null returns to the automatic one
//   engine.clusters() -> ClusterInfo[]                      // current clusters with labels and members

import { CONCEPT_PREFIX } from './glossary.js';
import { detectLanguage, type Language } from './language.js';
import { DenseModel } from './dense.js';
import type { Corpus } from './corpus.js';
import { recomputeClusters, recomputeOptions, type RecomputeOptions } from './recompute.js';
import { SimilarityIndex, type SimilarHit, type SimilarOptions } from './similarity.js';
import { TextPipeline, type Analysed, type TextOptions, type WordInfo } from './text.js';
import { SparseTfIdf, type SparseVector, type TfIdfOptions } from './tfidf.js';
import { assignmentRecord, emptyState, normaliseState, type ClusterInfo, type ClusterOptions, type EngineDoc, type EngineState, type RecomputeResult } from './types.js';

export type { EngineDoc, EngineState, RecomputeResult, ClusterInfo, SimilarHit, SimilarOptions, Language };

export interface EngineOptions extends TextOptions, TfIdfOptions, ClusterOptions {
  /** Share of the LSA cosine in the similar-ideas score once clusters exist (default 0.3; 0 = TF-IDF only). */
  denseWeight?: number;
  /** Language assumed when detection is undecided (default 'nl'). */
  defaultLanguage?: Language;
}

export interface Placement {
  /** null: close to no cluster, not yet matched (clusters made by average linkage only). */
  clusterId: number | null;
  x: number;
  y: number;
}

// Only the text is kept per idea: its analysis is redone on removal (cheap, deterministic), which
// saves a third of the engine's heap at 100k ideas.
interface Stored { doc: EngineDoc; language: string }

export class MatchingEngine {
  private readonly options: RecomputeOptions;
  private readonly defaultLanguage: Language;
  private readonly denseWeight: number;
  private readonly text: TextPipeline;
  private readonly tfidf: SparseTfIdf;
  private readonly index: SimilarityIndex;
  private readonly docs = new Map<string, Stored>();
  /** Per stem, the records of its written forms with their counts (text.ts, WordInfo). */
  private readonly forms = new Map<string, WordInfo[]>();
  private current: EngineState = emptyState();
  private model: DenseModel | null = null;
  /** The clusters as they are now: the last recompute's, with live placements and removals moved in and out of `members`. */
  private lastClusters: ClusterInfo[] = [];
  /** Cluster id -> position in lastClusters. */
  private clusterAt = new Map<number, number>();
  private sparseCentroids: SparseMeansIndex | null = null;
  /** Ideas added, edited or removed since the last snapshot() (what a worker result does not know). */
  private changedSinceSnapshot = new Set<string>();
  /** Ideas an adopted result left without a cluster, for placePending, which has placed those before `unplacedAt`. */
  private unplaced: string[] = [];
  private unplacedAt = 0;

  constructor(options: EngineOptions = {}) {
    this.options = recomputeOptions(options);
    this.defaultLanguage = options.defaultLanguage ?? 'nl';
    this.denseWeight = options.denseWeight ?? 0.3;
    this.text = new TextPipeline(options);
    this.tfidf = new SparseTfIdf(options);
    this.index = new SimilarityIndex(this.tfidf, (id) => this.docs.get(id)?.doc.organisationId, (s, l) => this.writtenForm(s, l));
  }

  get size(): number { return this.docs.size; }
  has(id: string): boolean { return this.docs.has(id); }
  languageOf(id: string): string | undefined { return this.docs.get(id)?.language; }

  /** Adds (or replaces) an idea; returns its live cluster placement when clusters exist. */
  add(doc: EngineDoc): Placement | null {
    this.store(doc);
    return this.place(doc.id);
  }

  update(doc: EngineDoc): Placement | null { return this.add(doc); }

  /** Bulk load (start-up, workers): keeps restored assignments; the next recompute places the rest. */
  addMany(docs: Iterable<EngineDoc>): void {
    const list = Array.isArray(docs) ? docs as EngineDoc[] : [...docs];
    // As many ideas as would refresh the index on the way (a start-up, a worker): weigh and index once, at the end.
    const bulk = this.tfidf.refreshesAfter(list.length);
    for (const d of list) this.store(d, bulk);
    if (bulk) this.tfidf.endBulk();
  }

  private store(doc: EngineDoc, bulk = false): void {
    if (this.docs.has(doc.id)) this.remove(doc.id);
    this.changedSinceSnapshot.add(doc.id);
    const language = doc.language ?? detectLanguage(`${doc.title} ${doc.description}`, { fallback: this.defaultLanguage });
    const title = this.text.analyse(doc.title ?? '', language);
    const description = this.text.analyse(doc.description ?? '', language);
    this.docs.set(doc.id, { doc: { ...doc }, language });
    this.countForms(title, 1);
    this.countForms(description, 1);
    if (bulk) this.tfidf.addBulk(doc.id, title, description);
    else this.tfidf.add(doc.id, title, description);
  }

  remove(id: string): boolean {
    const s = this.docs.get(id);
    if (!s) return false;
    this.countForms(this.text.analyse(s.doc.title ?? '', s.language), -1);
    this.countForms(this.text.analyse(s.doc.description ?? '', s.language), -1);
    this.docs.delete(id);
    this.changedSinceSnapshot.add(id);
    this.tfidf.remove(id);
    this.model?.forget(id);
    this.assign(id, undefined);
    return true;
  }

  /** Most similar stored ideas to a stored idea (by id) or to unsaved text. */
  similarTo(query: string | { title: string; description: string; language?: string }, options: SimilarOptions = {}): SimilarHit[] {
    let q: SparseVector | null;
    let excludeId = options.excludeId;
    let querySlot: number | null = null;
    let language: string;
    if (typeof query === 'string') {
      q = this.tfidf.vectorOf(query);
      querySlot = this.tfidf.slotOf(query);
      excludeId ??= query;
      language = this.docs.get(query)?.language ?? this.defaultLanguage;
    } else {
      language = query.language ?? detectLanguage(`${query.title} ${query.description}`, { fallback: this.defaultLanguage });
      q = this.tfidf.queryVector(this.text.analyse(query.title ?? '', language), this.text.analyse(query.description ?? '', language));
    }
    options = { ...options, explainLanguage: options.explainLanguage ?? language };
    if (!q) return [];
    const k = Math.max(0, Math.floor(options.k ?? 10));
    if (k === 0) return [];
    if (!this.model || this.denseWeight <= 0) return this.index.query(q, { ...options, excludeId }, querySlot);
    // Re-rank the best TF-IDF candidates by a blend with the LSA cosine (see dense.ts).
    const dq = typeof query === 'string' ? this.model.of(query) : this.model.project(q);
    const hits = this.index.query(q, { ...options, excludeId, k: Math.max(50, 5 * k), explainTerms: 0 }, querySlot);
    const blended = hits.map((h) => {
      const d = this.model!.of(h.id);
      let cos = 0;
      if (dq && d) for (let i = 0; i < d.length; i++) cos += dq[i]! * d[i]!;
      return { id: h.id, score: (1 - this.denseWeight) * h.score + this.denseWeight * Math.max(0, cos) };
    }).filter((h) => h.score >= (options.minScore ?? 0.05))
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1)).slice(0, k);
    const n = options.explainTerms ?? 5;
    return blended.map((h) => ({ ...h, terms: n > 0 ? this.index.explain(q!, this.tfidf.vectorOf(h.id), n, options.explainLanguage) : [] }));
  }

  /** Nearest cluster and map position of a stored idea, without a full recompute. */
  place(id: string): Placement | null {
    const v = this.tfidf.vectorOf(id);
    if (!v) return null;
    let placement: Placement | null = null;
    const dense = this.model?.of(id);
    if (this.current.floor) placement = this.placeAboveFloor(v, this.model && dense ? Float64Array.from(dense) : null);
    else if (this.model && dense) placement = this.model.place(Float64Array.from(dense));
    else if (this.current.clusters.length > 0) placement = this.placeBySparseCentroid(v);
    if (placement) this.assign(id, placement.clusterId ?? undefined);
    return placement;
  }

  /**
   * The full recompute on this thread without adopting its result: for a caller that only wants the
   * clusters (a script writing them out), not this engine's live placements and similar ideas.
   */
  computeClusters(): RecomputeResult {
    return recomputeClusters({ corpus: this.snapshot(), state: this.current, options: this.options });
  }

  /** Full recompute on this thread; see worker.ts to run it off the main thread. */
  recompute(): RecomputeResult {
    const result = recomputeClusters({ corpus: this.snapshot(), state: this.current, options: this.options });
    // Fresh idf for the live index too (a worker's recompute leaves this to the drift refresh).
    this.tfidf.refresh();
    this.applyResult(result);
    // A copy: the engine's own clusters change with every live placement.
    result.clusters = this.lastClusters.map((c) => ({ ...c, members: c.members.slice() }));
    return result;
  }

  /**
   * Adopts a result computed elsewhere (a worker). Results not newer than the current state are
   * ignored; label overrides set on this thread while the worker ran win over the worker's copy.
   */
  applyResult(result: RecomputeResult): boolean {
    if (!this.adoptResult(result)) return false;
    this.placePending(Infinity);
    return true;
  }

  /**
   * applyResult without placing the ideas the result does not know (added or edited while the
   * worker ran): they wait, without a cluster, for placePending, which a caller on the main thread
   * calls in slices, giving the thread back in between (the first adoption under posting placed
   * ~100 ideas in one turn, 53-70 ms, issue 19). An idea placed or removed meanwhile is no longer waiting.
   * `owned`: the caller hands the result's state over (a result fresh from a worker, read for nothing
   * else afterwards), so it is taken as it is instead of cloned (the clusters' sparse centroids).
   */
  adoptResult(result: RecomputeResult, { owned = false }: { owned?: boolean } = {}): boolean {
    if (result.version <= this.current.version) return false;
    const overrides = new Map(this.current.clusters.map((c) => [c.id, c.override]));
    // The assignments are copied once, into an object without a prototype (see assignmentRecord), not cloned and then copied.
    const { assignments, ...rest } = result.state;
    // Owned, the assignments (an object fresh from a message) lose their prototype instead of being
    // copied: the copy took 10-36 ms of the main thread at 10,000 ideas under load (issue 19).
    this.current = owned
      ? { ...rest, assignments: Object.setPrototypeOf(assignments, null) as Record<string, number> }
      : { ...structuredClone(rest), assignments: assignmentRecord(assignments) };
    for (const c of this.current.clusters) if (overrides.has(c.id)) c.override = overrides.get(c.id) ?? null;
    // Members copied: they change here (below, and with every live placement), the result stays as it was.
    this.setClusters(result.clusters.map((c) => {
      const override = overrides.has(c.id) ? overrides.get(c.id) ?? null : c.override;
      return { ...c, override, label: override ?? c.autoLabel, members: c.members.slice() };
    }));
    this.model = result.model ? new DenseModel(result.model, this.tfidf) : null;
    this.sparseCentroids = null;
    // Ideas added, edited or removed while a worker was computing (one recompute in flight at a time).
    for (const id of this.changedSinceSnapshot) {
      this.model?.forget(id);
      this.assign(id, undefined);
    }
    for (const id of Object.keys(this.current.assignments)) if (!this.docs.has(id)) this.assign(id, undefined);
    this.unplaced = [];
    this.unplacedAt = 0;
    for (const id of this.docs.keys()) if (this.current.assignments[id] === undefined) this.unplaced.push(id);
    return true;
  }

  /**
   * Places ideas left by adoptResult until none are left (returns true) or `budgetMs` has passed
   * (returns false: call again). Each idea is placed against the clusters as they are then.
   */
  placePending(budgetMs: number): boolean {
    const until = performance.now() + budgetMs;
    // In the order of the collection, as applyResult always placed them.
    while (this.unplacedAt < this.unplaced.length) {
      const id = this.unplaced[this.unplacedAt++]!;
      if (this.docs.has(id) && this.current.assignments[id] === undefined) this.place(id);
      if (budgetMs !== Infinity && performance.now() >= until) break;
    }
    if (this.unplacedAt < this.unplaced.length) return false;
    this.unplaced = [];
    this.unplacedAt = 0;
    return true;
  }

  /** The clusters of the last recompute, with members and sizes as they are now (live placements and removals included). */
  clusters(): ClusterInfo[] { return this.lastClusters; }

  private setClusters(clusters: ClusterInfo[]): void {
    this.lastClusters = clusters;
    this.clusterAt = new Map(clusters.map((c, i) => [c.id, i]));
  }

  /**
   * Sets (or, with undefined, clears) an idea's cluster in the state and moves it between the
   * clusters' member lists: the cost of the two clusters touched, not of the whole collection (at
   * 100k ideas regrouping every assignment after each live placement took 60-85 ms).
   */
  private assign(id: string, clusterId: number | undefined): void {
    const from = this.current.assignments[id];
    if (from === clusterId) return;
    if (clusterId === undefined) delete this.current.assignments[id];
    else this.current.assignments[id] = clusterId;
    const leave = from === undefined ? undefined : this.lastClusters[this.clusterAt.get(from) ?? -1];
    if (leave) {
      const i = leave.members.lastIndexOf(id);
      if (i >= 0) leave.members.splice(i, 1);
      leave.size = leave.members.length;
    }
    const join = clusterId === undefined ? undefined : this.lastClusters[this.clusterAt.get(clusterId) ?? -1];
    if (join) {
      join.members.push(id);
      join.size = join.members.length;
    }
  }

  setLabel(clusterId: number, label: string | null): boolean {
    const c = this.current.clusters.find((x) => x.id === clusterId);
    if (!c) return false;
    c.override = label === null || label.trim() === '' ? null : label.trim();
    this.lastClusters = this.lastClusters.map((x) => (x.id === clusterId ? { ...x, override: c.override, label: c.override ?? x.autoLabel } : x));
    return true;
  }

  state(): EngineState { return structuredClone(this.current); }

  /**
   * The state as it is now, not a copy: for postMessage, which copies it at once (a worker's
   * recompute), without a copy before that one. Read it at once; do not keep or change it.
   */
  stateNow(): Readonly<EngineState> { return this.current; }

  /** JSON.stringify(state()) without the copy (the sparse centroids make it 30-40 ms at the first adoption under load). */
  stateJson(): string { return JSON.stringify(this.current); }

  /**
   * The cluster of each idea as it is now, without copying the whole state as state() does (about
   * 0.5 s of CPU at 100k ideas): read it at once, do not keep or change it.
   */
  assignments(): Readonly<Record<string, number>> { return this.current.assignments; }

  /** Takes a saved state (fields missing from an older state get their empty values; see normaliseState). */
  restore(saved: EngineState): void {
    const state = normaliseState(structuredClone(saved));
    this.current = state;
    this.unplaced = [];
    this.unplacedAt = 0;
    this.model = null;
    this.sparseCentroids = null;
    const members = membersByCluster(state.assignments);
    this.setClusters(state.clusters.map((c) => ({
      id: c.id, label: c.override ?? c.label, autoLabel: c.label, override: c.override, size: c.size, members: members.get(c.id) ?? [],
      representative: c.representative ?? null,
    })));
  }

  /**
   * Recomputes idf and every vector of the live similarity index (it also refreshes itself when
   * the collection drifts 25 %). With a worker, call it now and then in a quiet moment: it blocks
   * this thread for time proportional to the collection (see docs/engine.md).
   */
  refreshIndex(): void {
    this.tfidf.refresh();
  }

  /**
   * refreshIndex in steps of about `sliceMs` each, for a caller on the main thread that gives it back
   * between them (`for (const _ of engine.refreshIndexSteps(8)) await nextTurn();`); similar ideas,
   * posts and edits go on meanwhile, against the index as it was (tfidf.ts, refreshSteps).
   */
  refreshIndexSteps(sliceMs: number): Generator<void, void, void> {
    return this.tfidf.refreshSteps(sliceMs);
  }

  /**
   * Whether the live index is due for a refresh that it leaves to the caller: with `syncRefreshUpTo`,
   * a collection larger than that is not refreshed inside add, update and remove (tfidf.ts).
   */
  indexRefreshDue(): boolean {
    return this.tfidf.refreshDue();
  }

  /** How far the collection has changed in size since the index was last refreshed (0.05: by 5 %). */
  indexDrift(): number {
    return this.tfidf.drift();
  }

  /** The collection as plain arrays, for a recompute here or in a worker (see worker.ts), in canonical order. */
  snapshot(): Corpus {
    const steps = this.snapshotSteps(Infinity, true);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  }

  /**
   * snapshot() in steps of about `sliceMs` each, for a caller on the main thread that gives it back
   * between them (at 10,000 ideas the snapshot held the thread for 35-110 ms in one piece under load,
   * issue 19). Ideas posted, edited or removed meanwhile are left to the placements after the result
   * (they count as changed since the snapshot, which begins at the first step); see tfidf.exportSteps.
   * The ideas come in slot order unless `sorted`; recomputeClusters sorts them (inCanonicalOrder).
   */
  *snapshotSteps(sliceMs: number, sorted = false): Generator<void, Corpus, void> {
    this.changedSinceSnapshot = new Set();
    const raw = yield* this.tfidf.exportSteps(sliceMs, (id) => this.changedSinceSnapshot.has(id), sorted);
    const forms = new Array<string>(raw.terms.length);
    let until = performance.now() + sliceMs;
    for (let t = 0; t < forms.length; t++) {
      if ((t & 255) === 0 && performance.now() >= until) {
        yield;
        until = performance.now() + sliceMs;
      }
      forms[t] = raw.ngram[t] === 1 ? '' : this.writtenForm(raw.terms[t]!);
    }
    const titles = raw.ids.map((id) => this.docs.get(id)?.doc.title ?? '');
    const languages = raw.ids.map((id) => this.docs.get(id)?.language ?? this.defaultLanguage);
    return { ...raw, forms, titles, languages };
  }

  /**
   * Makes the next applyResult take the result's placement for every idea, also for those added or
   * edited here since (a follower adopting the leader's result, which saw them).
   */
  trustNextResult(): void {
    this.changedSinceSnapshot = new Set();
  }

  /** All stored ideas (a worker also accepts these; snapshot() is lighter). */
  documents(): EngineDoc[] {
    this.changedSinceSnapshot = new Set();
    return [...this.docs.values()].map((s) => s.doc);
  }

  /** A stem's most frequent written form; a glossary concept's name for a reader of `language`. */
  writtenForm(stem: string, language = 'nl'): string {
    if (stem.startsWith(CONCEPT_PREFIX)) return this.text.concepts?.name(stem.slice(CONCEPT_PREFIX.length), language) ?? stem;
    const list = this.forms.get(stem);
    if (!list) return stem;
    if (list.length === 1) return list[0]!.word;
    // One form in several languages (or a record made again after its cache was emptied): summed.
    const counts = new Map<string, number>();
    for (const info of list) counts.set(info.word, (counts.get(info.word) ?? 0) + info.tally);
    let best = stem;
    let bestN = 0;
    for (const [form, n] of counts) if (n > bestN || (n === bestN && form < best)) { best = form; bestN = n; }
    return best;
  }

  private countForms(a: Analysed, delta: number): void {
    const words = a.words;
    if (!words) throw new Error('countForms: an analysis without its word records');
    for (let i = 0; i < words.length; i++) {
      const info = words[i]!;
      info.tally += delta;
      if (info.tally > 0 && !info.listed) {
        info.listed = true;
        const list = this.forms.get(info.term);
        if (list) list.push(info); else this.forms.set(info.term, [info]);
      } else if (info.tally <= 0 && info.listed) {
        info.listed = false;
        info.tally = 0;
        const list = this.forms.get(info.term)!;
        list.splice(list.indexOf(info), 1);
        if (list.length === 0) this.forms.delete(info.term);
      }
    }
  }

  /**
   * Clusters made by average linkage (linkage.ts): the idea joins the cluster it is most similar to
   * on average, by the same blend of TF-IDF and reduced cosines, when that reaches the floor; below
   * it the idea is not yet matched (and the map still shows it). The TF-IDF part uses the cluster's
   * saved mean (its strongest terms), the reduced part the model's centroid.
   */
  private placeAboveFloor(v: SparseVector, p: Float64Array | null): Placement | null {
    const { similarity, denseWeight } = this.current.floor!;
    // Without the reduced space (after a restore, before the first recompute) the TF-IDF part stands for both.
    const model = p ? this.model : null;
    const dense = model && p ? model.meanCosines(p) : null;
    let norm = 0;
    for (let i = 0; i < v.w.length; i++) norm += v.w[i]! * v.w[i]!;
    let best = -1;
    let bestS = -Infinity;
    const means = this.sparseMeans();
    const dots = means.dots(v, this.tfidf.terms);
    for (let c = 0; c < means.ids.length; c++) {
      const id = means.ids[c]!;
      const sparse = norm > 0 ? dots[c]! / Math.sqrt(norm) : 0;
      const at = dense ? model!.indexOf(id) : -1;
      const s = dense ? (1 - denseWeight) * sparse + denseWeight * Math.max(0, at >= 0 ? dense[at]! : 0) : sparse;
      if (s > bestS || (s === bestS && id < best)) { bestS = s; best = id; }
    }
    const clusterId = best >= 0 && bestS >= similarity ? best : null;
    // Without the reduced space there is no map position either: an idea that joins nothing is not placed.
    if (!this.model || !p) return clusterId === null ? null : { clusterId, x: 0, y: 0 };
    const [x, y] = this.model.xy(p);
    return { clusterId, x, y };
  }

  /** The saved TF-IDF mean of each cluster that has ideas (clusters kept only for a label take none), indexed by term. */
  private sparseMeans(): SparseMeansIndex {
    return this.sparseCentroids ??= new SparseMeansIndex(this.current.clusters.filter((c) => c.size > 0));
  }

  private placeBySparseCentroid(v: SparseVector): Placement | null {
    let best: { id: number; s: number } | null = null;
    // Clusters kept only for their label override (every idea removed) take no ideas.
    const means = this.sparseMeans();
    const dots = means.dots(v, this.tfidf.terms);
    for (let c = 0; c < means.ids.length; c++) {
      const nb = means.squaredNorms[c]!;
      const s = nb > 0 ? dots[c]! / Math.sqrt(nb) : 0;
      if (!best || s > best.s) best = { id: means.ids[c]!, s };
    }
    // An idea that shares no word with any centroid is not placed (as with the model; see dense.ts).
    return best && best.s > 0 ? { clusterId: best.id, x: 0, y: 0 } : null;
  }
}

/**
 * The clusters' saved TF-IDF means as an inverted index (term -> clusters holding it), so that placing
 * an idea costs the postings of its own terms instead of a lookup per term for every cluster: with
 * average linkage there are hundreds of clusters, and this ran on every post (issue 19's profile).
 */
class SparseMeansIndex {
  readonly ids: number[];
  readonly squaredNorms: Float64Array;
  private readonly postings = new Map<string, { clusters: number[]; weights: number[] }>();

  constructor(clusters: { id: number; centroid: [string, number][] }[]) {
    this.ids = clusters.map((c) => c.id);
    this.squaredNorms = new Float64Array(clusters.length);
    clusters.forEach((c, index) => {
      for (const [term, w] of c.centroid) {
        this.squaredNorms[index] = this.squaredNorms[index]! + w * w;
        let p = this.postings.get(term);
        if (!p) { p = { clusters: [], weights: [] }; this.postings.set(term, p); }
        p.clusters.push(index);
        p.weights.push(w);
      }
    });
  }

  /** The dot product of `v` with each cluster's mean, in the order of `ids`. */
  dots(v: SparseVector, terms: readonly string[]): Float64Array {
    const out = new Float64Array(this.ids.length);
    for (let i = 0; i < v.ids.length; i++) {
      const p = this.postings.get(terms[v.ids[i]!]!);
      if (!p) continue;
      const w = v.w[i]!;
      for (let j = 0; j < p.clusters.length; j++) { const c = p.clusters[j]!; out[c] = out[c]! + w * p.weights[j]!; }
    }
    return out;
  }
}

function membersByCluster(assignments: Record<string, number>): Map<number, string[]> {
  const members = new Map<number, string[]>();
  for (const [id, c] of Object.entries(assignments)) {
    const list = members.get(c);
    if (list) list.push(id);
    else members.set(c, [id]);
  }
  return members;
}

// Incremental sparse TF-IDF with an inverted index.
//
// natural's TfIdf wipes its idf cache on every addDocument/removeDocument and then computes each
// term's idf by scanning every document; removal is a linear search and its tokenizer is
// module-wide. With live edits at 10k-100k ideas that is O(N) per term after every change. We keep
// natural's stemmers and stop words and weigh here, in the same spirit (sub-linear tf, smooth idf):
//   weight = (1 + ln(titleWeight * tf_title + tf_description)) * idf,
//   idf = 1 + ln((1 + N) / (1 + df)),
// then L2-normalise. Word stems and compound n-grams are normalised as two blocks so that n-grams
// contribute a fixed share (`ngramShare`) of every cosine.
//
// idf values are frozen in a snapshot so that stored vectors and the inverted index stay valid
// between refreshes; `refresh()` (run by an in-thread recompute, by engine.refreshIndex(), and
// automatically when the collection has drifted by `autoRefreshRatio`) recomputes every vector and
// compacts the index.

import { weigh, type Corpus } from './corpus.js';
import { InvertedIndex, RowArena, type Postings } from './postings.js';
import { domainFactor, domainFit, TERM_CONCEPT, TERM_WORD } from './domain.js';
import { CONCEPT_PREFIX } from './glossary.js';
import { NGRAM_PREFIX, termKind, type Analysed } from './text.js';

export interface TfIdfOptions {
  titleWeight?: number;
  ngramShare?: number;
  autoRefreshRatio?: number;
  /**
   * The largest collection that add() and remove() refresh themselves, in one piece, once it has
   * drifted by autoRefreshRatio (default: any size). Beyond it the caller refreshes, when
   * `refreshDue()` says so, for instance in steps (refreshSteps): a refresh in one piece held the
   * main thread for 65-140 ms at 5,000-8,000 ideas on the request path of a post (issue 19).
   */
  syncRefreshUpTo?: number;
  /**
   * Terms in fewer ideas than this stay out of the vector norm (default 2, as min_df=2: an idea's
   * words that no other idea has do not shrink its scores). Where such terms are shared after all
   * (typed text), the score counts them in both norms (similarity.ts), so it stays a cosine.
   */
  normMinDf?: number;
  /**
   * Raw weight of a glossary concept against a word's (default 1.5): a concept stands for a word
   * and its synonyms in three languages, and is what ideas in different words or languages share.
   */
  conceptWeight?: number;
  /** false: every term is a word (no domain fit); see TextOptions.glossary. */
  glossary?: boolean;
}

export interface SparseVector {
  /** Term ids, ascending. */
  ids: Int32Array;
  /** L2-normalised weights aligned with ids. */
  w: Float32Array;
}

interface Raw {
  ids: Int32Array;
  raw: Float32Array;
}

export class SparseTfIdf {
  readonly terms: string[] = [];
  readonly df: number[] = [];
  private readonly vocab = new Map<string, number>();
  private readonly isNgram: boolean[] = [];
  /** TERM_WORD, TERM_CONCEPT or TERM_GENERIC per term (domain.ts). */
  private readonly kind: number[] = [];
  /** Summed document frequencies of concepts and of (non-generic, non-n-gram) words: the collection's domain fit. */
  private conceptDf = 0;
  private wordDf = 0;
  private readonly kindOf: (term: string) => number;
  private readonly idSlot = new Map<string, number>();
  private slotIds: (string | null)[] = [];
  /** Every idea's row by slot; removed and replaced ideas leave theirs until a refresh compacts. */
  private rows = new RowArena();
  private index = new InvertedIndex();
  private idfSnap = new Float64Array(0);
  private nSnap = 0;
  private dead = 0;
  /** Whether an idea was added or removed since the last refresh (without, a refresh would compute what is there). */
  private changed = false;
  /** Ideas added or removed, and refreshes, so far: what refreshSteps checks between its steps. */
  private mutations = 0;
  private refreshes = 0;
  /** Ideas added by addBulk wait, unweighed and unindexed, for endBulk's refresh. */
  private bulk = false;
  /** Term frequencies in a title and a description by term id, zero between calls (rawWeights). */
  private tfTitle = new Float64Array(1024);
  private tfDesc = new Float64Array(1024);
  /**
   * Terms whose df reached normMinDf since the last refresh, with the slot of the idea that took it
   * there: ideas in earlier slots were weighed with the term out of their norm (until the refresh).
   */
  private readonly crossedAt = new Map<number, number>();
  private readonly titleWeight: number;
  private readonly ngramShare: number;
  private readonly autoRefreshRatio: number;
  private readonly syncRefreshUpTo: number;
  private readonly normMinDf: number;
  private readonly conceptWeight: number;

  // What weigh() needs, made once rather than per idea (a refresh weighs every idea).
  private readonly idfOf = (t: number) => (t >= 0 ? this.idf(t) : this.unseenIdf());
  private readonly isNgramOf = (t: number) => this.isNgram[t] === true;
  private readonly dfOf = (t: number) => this.df[t] ?? 0;
  private readonly weighOptions: { normMinDf: number; ngramShare: number };

  constructor(options: TfIdfOptions = {}) {
    this.titleWeight = options.titleWeight ?? 1.5;
    this.ngramShare = options.ngramShare ?? 0.3;
    this.autoRefreshRatio = options.autoRefreshRatio ?? 0.25;
    this.syncRefreshUpTo = options.syncRefreshUpTo ?? Infinity;
    this.normMinDf = options.normMinDf ?? 2;
    this.conceptWeight = options.conceptWeight ?? 1.5;
    this.kindOf = options.glossary === false ? () => TERM_WORD : termKind;
    this.weighOptions = { normMinDf: this.normMinDf, ngramShare: this.ngramShare };
  }

  get size(): number { return this.idSlot.size; }
  get slotCount(): number { return this.slotIds.length; }
  has(id: string): boolean { return this.idSlot.has(id); }
  idAt(slot: number): string | null { return this.slotIds[slot] ?? null; }

  /** The stored vector of a slot (views into the row arena: use it at once, do not keep it). */
  vectorAt(slot: number): SparseVector | null {
    return this.slotIds[slot] == null ? null : { ids: this.rows.ids(slot), w: this.rows.weights(slot) };
  }

  vectorOf(id: string): SparseVector | null {
    const slot = this.idSlot.get(id);
    return slot === undefined ? null : this.vectorAt(slot);
  }

  termId(term: string): number | undefined { return this.vocab.get(term); }
  ngram(termId: number): boolean { return this.isNgram[termId] === true; }
  slotOf(id: string): number | null { return this.idSlot.get(id) ?? null; }

  /** Whether some vector may hold `termId` out of its norm: a rare term, or one that stopped being rare since the last refresh. */
  mayBeOutOfNorm(termId: number): boolean {
    return (this.df[termId] ?? 0) < this.normMinDf || this.crossedAt.has(termId);
  }

  /**
   * Whether `termId` counted in the norm of the vector in `slot` (null: a vector weighed now, as for
   * typed text), before a block's fallback (see blocksInNorm).
   */
  inNorm(termId: number, slot: number | null): boolean {
    if (termId < 0 || (this.df[termId] ?? 0) < this.normMinDf) return false;
    const crossed = this.crossedAt.get(termId);
    return slot === null || crossed === undefined || slot >= crossed;
  }

  /**
   * Per block (words, n-grams) of a vector, whether its norm was taken over its frequent terms (true)
   * or, having none, fell back to all its terms (false: every term of it counts in the norm).
   */
  blocksInNorm(v: SparseVector, slot: number | null): { word: boolean; gram: boolean } {
    let word = false;
    let gram = false;
    for (let i = 0; i < v.ids.length && !(word && gram); i++) {
      const t = v.ids[i]!;
      if (!this.inNorm(t, slot)) continue;
      if (this.isNgram[t] === true) gram = true; else word = true;
    }
    return { word, gram };
  }

  /** A term's postings (slot and weight), in up to two parts: as of the last refresh, and added since. */
  postings(termId: number): Postings[] {
    return this.index.of(termId);
  }

  idf(termId: number): number {
    if (termId < this.idfSnap.length) return this.idfSnap[termId]!;
    // A term newer than the snapshot: live counts (df <= N keeps it positive), the live domain fit.
    return (1 + Math.log((1 + this.idSlot.size) / (1 + (this.df[termId] ?? 0)))) * domainFactor(this.kind[termId] ?? TERM_WORD, this.fit());
  }

  /** How far the collection is of the domain (domain.ts), from live counts. */
  fit(): number {
    return domainFit(this.conceptDf, this.wordDf);
  }

  private countDf(t: number, delta: number): void {
    this.df[t] = (this.df[t] ?? 0) + delta;
    const k = this.kind[t];
    if (k === TERM_CONCEPT) this.conceptDf += delta;
    else if (k === TERM_WORD && this.isNgram[t] !== true) this.wordDf += delta;
  }

  /** idf of a term the collection has never seen (for unsaved text). */
  unseenIdf(): number {
    return 1 + Math.log(1 + Math.max(this.nSnap, this.idSlot.size));
  }

  add(id: string, title: Analysed, description: Analysed): void {
    const slot = this.addRaw(id, title, description);
    const w = this.weigh({ ids: this.rows.ids(slot), raw: this.rows.raw(slot) }, this.rows.weights(slot));
    this.index.add(slot, this.rows.ids(slot), w);
    this.maybeRefresh();
  }

  /**
   * Whether adding `count` ideas at once will refresh the index anyway (the collection drifts by
   * more than autoRefreshRatio): then addBulk + endBulk do the same work once instead of weighing
   * and indexing every idea and refreshing several times on the way.
   */
  refreshesAfter(count: number): boolean {
    return count > this.autoRefreshRatio * Math.max(this.nSnap, 20);
  }

  /** Adds an idea without weighing or indexing it: only until endBulk(), which refreshes. */
  addBulk(id: string, title: Analysed, description: Analysed): void {
    this.bulk = true;
    this.addRaw(id, title, description);
  }

  /** Ends a run of addBulk: idf, every vector and the inverted index afresh. */
  endBulk(): void {
    if (!this.bulk) return;
    this.bulk = false;
    this.refresh();
  }

  private addRaw(id: string, title: Analysed, description: Analysed): number {
    if (this.idSlot.has(id)) this.remove(id);
    const raw = this.rawWeights(title, description, true);
    this.changed = true;
    this.mutations++;
    const slot = this.slotIds.length;
    for (let i = 0; i < raw.ids.length; i++) {
      const t = raw.ids[i]!;
      this.countDf(t, 1);
      const df = this.df[t]!;
      if (df === this.normMinDf && df > 1) this.crossedAt.set(t, slot);
    }
    this.slotIds.push(id);
    this.idSlot.set(id, slot);
    this.rows.append(slot, raw.ids, raw.raw);
    return slot;
  }

  remove(id: string): boolean {
    const slot = this.idSlot.get(id);
    if (slot === undefined) return false;
    for (const t of this.rows.ids(slot)) this.countDf(t, -1);
    this.idSlot.delete(id);
    this.slotIds[slot] = null;
    this.dead++;
    this.changed = true;
    this.mutations++;
    this.maybeRefresh();
    return true;
  }

  /** Weights for text that is not stored (the form as it is typed); terms no idea has are dropped, and stay out of the norm. */
  queryVector(title: Analysed, description: Analysed): SparseVector {
    const r = this.rawWeights(title, description, false);
    const w = this.weigh(r);
    let keep = 0;
    while (keep < r.ids.length && r.ids[keep]! < 0) keep++;
    // Unknown terms (negative ids, sorted first) match nothing and are left out of the norm (a
    // half-typed word must not lower every score): drop them.
    return keep === 0 ? { ids: r.ids, w } : { ids: r.ids.slice(keep), w: w.slice(keep) };
  }

  /** Recomputes idf from the live collection, every vector, and a compacted inverted index. */
  refresh(): void {
    // Nothing added or removed since the last refresh: idf, every vector and the index would come out the same.
    if (!this.changed) return;
    this.changed = false;
    this.refreshes++;
    const n = this.idSlot.size;
    this.nSnap = n;
    this.idfSnap = this.idfNow(n);
    const old = { slotIds: this.slotIds, rows: this.rows };
    let nnz = 0;
    for (let slot = 0; slot < old.slotIds.length; slot++) if (old.slotIds[slot] != null) nnz += old.rows.lengthOf(slot);
    this.rows = new RowArena(Math.ceil(nnz * 1.25));
    // Without removed ideas every slot keeps its number; otherwise the live ones are renumbered.
    const renumber = this.dead > 0;
    if (renumber) { this.slotIds = []; this.idSlot.clear(); }
    for (let s = 0; s < old.slotIds.length; s++) {
      const id = old.slotIds[s];
      if (id == null) continue;
      const raw = { ids: old.rows.ids(s), raw: old.rows.raw(s) };
      let slot = s;
      if (renumber) {
        slot = this.slotIds.length;
        this.slotIds.push(id);
        this.idSlot.set(id, slot);
      }
      this.weigh(raw, this.rows.append(slot, raw.ids, raw.raw));
    }
    this.index.rebuild(this.terms.length, this.slotIds.length, this.rows);
    this.dead = 0;
    this.crossedAt.clear();
  }

  /**
   * refresh() in steps, for a caller that gives the thread back between them (issue 19: at 10,000
   * ideas under posting, refresh() held the main thread for 22-79 ms in one piece). Each step weighs
   * rows for about `sliceMs`; the live index goes on answering and taking ideas until the last step
   * puts the new one in its place. The vectors come out as refresh() would have made them when the
   * steps began; an idea added meanwhile is weighed at the last step, with that refresh's idf and
   * the df of then (as add() after that refresh, except that a term two of them made frequent counts
   * in the norms of both), and one removed meanwhile is left out (a dead slot, as after remove()).
   * A refresh() meanwhile (a drift, endBulk) ends the steps without a change.
   */
  *refreshSteps(sliceMs: number): Generator<void, void, void> {
    if (!this.changed || this.bulk) return;
    const refreshes = ++this.refreshes;
    const mutations = this.mutations;
    // As refresh() computes them now: idf, and the df that decides which terms count in a norm.
    const n = this.idSlot.size;
    const idf = this.idfNow(n);
    const df = Int32Array.from(this.df);
    const idfOf = (t: number) => idf[t]!; // every term of a row stored now is known now
    const dfOf = (t: number) => df[t] ?? 0;
    const oldRows = this.rows; // appended to meanwhile; the rows of the slots below stay where they are
    const oldSlotIds = this.slotIds.slice();
    let nnz = 0;
    for (let s = 0; s < oldSlotIds.length; s++) if (oldSlotIds[s] != null) nnz += oldRows.lengthOf(s);
    const rows = new RowArena(Math.ceil(nnz * 1.25));
    const slotIds: (string | null)[] = [];
    const from: number[] = []; // new slot -> the slot it had when the steps began
    let until = performance.now() + sliceMs;
    for (let s = 0; s < oldSlotIds.length; s++) {
      const id = oldSlotIds[s];
      if (id == null) continue;
      const slot = slotIds.length;
      slotIds.push(id);
      from.push(s);
      const ids = oldRows.ids(s);
      const raw = oldRows.raw(s);
      weigh(ids, raw, idfOf, this.isNgramOf, dfOf, this.weighOptions, rows.append(slot, ids, raw));
      if (performance.now() >= until) {
        yield;
        if (this.refreshes !== refreshes) return;
        until = performance.now() + sliceMs;
      }
    }
    // The new index of those rows, in steps of its own (in one it held the thread for 20-80 ms at 10,000 ideas).
    yield;
    if (this.refreshes !== refreshes) return;
    const index = new InvertedIndex();
    for (const _ of index.rebuildSteps(this.terms.length, slotIds.length, rows, sliceMs)) {
      yield;
      if (this.refreshes !== refreshes) return;
    }
    yield;
    if (this.refreshes !== refreshes) return;
    // The last step. Removed meanwhile (or removed and added again): a dead slot here, as after remove().
    let dead = 0;
    for (let k = 0; k < slotIds.length; k++) if (this.idSlot.get(slotIds[k]!) !== from[k]) { slotIds[k] = null; dead++; }
    const added: number[] = []; // old slots of the ideas added meanwhile, still there
    for (let s = oldSlotIds.length; s < this.slotIds.length; s++) { const id = this.slotIds[s]; if (id != null && this.idSlot.get(id) === s) added.push(s); }
    const liveRows = this.rows;
    const liveSlotIds = this.slotIds;
    this.idfSnap = idf;
    this.nSnap = n;
    this.rows = rows;
    this.slotIds = slotIds;
    this.idSlot.clear();
    for (let k = 0; k < slotIds.length; k++) if (slotIds[k] != null) this.idSlot.set(slotIds[k]!, k);
    this.crossedAt.clear();
    this.index = index;
    const firstAdded = slotIds.length;
    for (const s of added) {
      const id = liveSlotIds[s]!;
      const slot = this.slotIds.length;
      this.slotIds.push(id);
      this.idSlot.set(id, slot);
      const ids = liveRows.ids(s);
      const raw = liveRows.raw(s);
      const w = this.weigh({ ids, raw }, this.rows.append(slot, ids, raw));
      this.index.add(slot, this.rows.ids(slot), w); // as add() does
      // A term that became frequent through these ideas counts in their norms (weighed with the live
      // df), not in those weighed above: as after the ideas were added one by one after a refresh.
      for (let i = 0; i < ids.length; i++) {
        const t = ids[i]!;
        if (this.normMinDf > 1 && (df[t] ?? 0) < this.normMinDf && (this.df[t] ?? 0) >= this.normMinDf && !this.crossedAt.has(t)) this.crossedAt.set(t, firstAdded);
      }
    }
    this.dead = dead;
    this.changed = this.mutations !== mutations;
  }

  /** Every known term's idf from the live counts, for a refresh over `n` ideas. */
  private idfNow(n: number): Float64Array<ArrayBuffer> {
    const fit = this.fit();
    const idf = new Float64Array(this.terms.length);
    for (let t = 0; t < idf.length; t++) idf[t] = (1 + Math.log((1 + n) / (1 + (this.df[t] ?? 0)))) * domainFactor(this.kind[t] ?? TERM_WORD, fit);
    return idf;
  }

  /** How far the collection has grown or shrunk since the last refresh, as a share of it then (0.05: 5 %). */
  drift(): number {
    return Math.abs(this.idSlot.size - this.nSnap) / Math.max(this.nSnap, 20);
  }

  /**
   * Whether the index is due for a refresh: the collection has drifted by more than autoRefreshRatio
   * since the last one, or it holds more dead slots (removed ideas) than live ones.
   */
  refreshDue(): boolean {
    return this.drift() > this.autoRefreshRatio || this.dead > Math.max(100, this.idSlot.size);
  }

  private maybeRefresh(): void {
    if (this.bulk || this.idSlot.size > this.syncRefreshUpTo) return;
    if (this.refreshDue()) this.refresh();
  }

  private rawWeights(title: Analysed, description: Analysed, create: boolean): Raw {
    // Counts by term id in two scratch arrays (terms seen first in this text listed in `touched`);
    // unseen terms of unsaved text (negative ids) in two small lists. Methods rather than closures:
    // this runs for every idea, and under tsx every closure made also gets its name set.
    const c = this.counting;
    c.touched = [];
    c.unseen = null;
    c.unseenTitle = [];
    c.unseenDesc = [];
    c.create = create;
    this.countText(title, true);
    this.countText(description, false);
    const { touched, unseenTitle, unseenDesc } = c;
    for (let u = 0; u < unseenTitle.length; u++) touched.push(-1 - u);
    const ids = Int32Array.from(touched).sort();
    const raw = new Float32Array(ids.length);
    for (let i = 0; i < ids.length; i++) {
      const t = ids[i]!;
      const a = t >= 0 ? this.tfTitle[t]! : unseenTitle[-1 - t]!;
      const b = t >= 0 ? this.tfDesc[t]! : unseenDesc[-1 - t]!;
      // A title occurrence counts as titleWeight occurrences; then sub-linear tf, as sklearn's.
      const tf = this.titleWeight * a + b;
      raw[i] = tf > 0 ? 1 + Math.log(tf) : 0;
      // Unseen terms (negative ids) are dropped from a query and never in a norm: their weight does not matter.
      if (t >= 0) {
        if (this.terms[t]!.startsWith(CONCEPT_PREFIX)) raw[i] = raw[i]! * this.conceptWeight;
        this.tfTitle[t] = 0;
        this.tfDesc[t] = 0;
      }
    }
    c.touched = [];
    c.unseen = null;
    return { ids, raw };
  }

  /** The state of one rawWeights call (see there). */
  private readonly counting: { touched: number[]; unseen: Map<string, number> | null; unseenTitle: number[]; unseenDesc: number[]; create: boolean } = {
    touched: [], unseen: null, unseenTitle: [], unseenDesc: [], create: false,
  };

  /** A term's id; a new term gets one when creating, else (unsaved text) a negative id of this call. */
  private idOf(term: string): number {
    const c = this.counting;
    let t = this.vocab.get(term) ?? c.unseen?.get(term);
    if (t === undefined) {
      // Unsaved text: unseen terms get negative ids; they weigh in the norm but match nothing.
      if (!c.create) {
        c.unseen ??= new Map();
        t = -1 - c.unseen.size;
        c.unseen.set(term, t);
        c.unseenTitle.push(0);
        c.unseenDesc.push(0);
      } else {
        t = this.terms.length;
        this.vocab.set(term, t);
        this.terms.push(term);
        this.df.push(0);
        this.isNgram.push(term.startsWith(NGRAM_PREFIX));
        this.kind.push(term.startsWith(NGRAM_PREFIX) ? TERM_WORD : this.kindOf(term));
      }
    }
    return t;
  }

  private tally(t: number, title: boolean): void {
    if (t < 0) {
      const u = -1 - t;
      if (title) this.counting.unseenTitle[u]! += 1; else this.counting.unseenDesc[u]! += 1;
      return;
    }
    if (t >= this.tfTitle.length) {
      const size = Math.max(t + 1, this.tfTitle.length * 2);
      const a = new Float64Array(size); a.set(this.tfTitle); this.tfTitle = a;
      const b = new Float64Array(size); b.set(this.tfDesc); this.tfDesc = b;
    }
    if (this.tfTitle[t] === 0 && this.tfDesc[t] === 0) this.counting.touched.push(t);
    if (title) this.tfTitle[t]! += 1; else this.tfDesc[t]! += 1;
  }

  private countTerms(terms: string[], title: boolean): void {
    for (let i = 0; i < terms.length; i++) this.tally(this.idOf(terms[i]!), title);
  }

  /**
   * With the pipeline's word records (text.ts), a word's term id and its n-grams' ids are looked up
   * once per index and kept on the record: integers from then on, no string hashed per token.
   */
  private countText(a: Analysed, title: boolean): void {
    const words = a.words;
    if (!words || words.length !== a.terms.length) {
      this.countTerms(a.terms, title);
      this.countTerms(a.concepts, title);
      this.countTerms(a.ngrams, title);
      return;
    }
    for (let i = 0; i < words.length; i++) {
      const info = words[i]!;
      let t = info.index === this ? info.termId : -1;
      if (t < 0) {
        t = this.idOf(info.term);
        if (t >= 0) { info.index = this; info.termId = t; info.gramIds = null; }
      }
      this.tally(t, title);
    }
    this.countTerms(a.concepts, title);
    for (let i = 0; i < words.length; i++) {
      const info = words[i]!;
      const grams = info.ngrams;
      if (!grams) continue;
      let ids = info.index === this ? info.gramIds : null;
      if (!ids) {
        const fresh = new Int32Array(grams.length);
        let known = true;
        for (let g = 0; g < grams.length; g++) { fresh[g] = this.idOf(grams[g]!); if (fresh[g]! < 0) known = false; }
        if (known && info.index === this) info.gramIds = fresh;
        ids = fresh;
      }
      for (let g = 0; g < ids.length; g++) this.tally(ids[g]!, title);
    }
  }

  /** TF-IDF weights of raw term frequencies with the frozen idf (unknown terms: the unseen idf), into `out` when given. */
  private weigh(r: Raw, out?: Float32Array): Float32Array {
    return weigh(r.ids, r.raw, this.idfOf, this.isNgramOf, this.dfOf, this.weighOptions, out);
  }

  /**
   * Raw weights of every stored idea, in slot order (recomputeClusters puts them in canonical order),
   * for a recompute here or in a worker: in steps of about `sliceMs` (Infinity: at once, without
   * yielding). The collection is taken as it is at the first step. Posts, edits and removals may go on
   * between steps: an idea for which `skip(id)` is true when its row is copied (the engine's ideas
   * changed since the first step) is left out, and an idea added meanwhile is not in it. The
   * document frequencies are those of the first step; an idea left out still counts in them.
   * `sorted`: the ideas in canonical order already (a sort of every id in the first step), as an
   * export at once for a recompute on this thread wants them.
   */
  *exportSteps(sliceMs: number, skip: (id: string) => boolean, sorted = false): Generator<void, Omit<Corpus, 'forms'>, void> {
    const listed: string[] = [];
    let nnz = 0;
    for (let s = 0; s < this.slotIds.length; s++) {
      const id = this.slotIds[s];
      if (id != null && this.idSlot.get(id) === s) { listed.push(id); nnz += this.rows.lengthOf(s); }
    }
    if (sorted) listed.sort();
    const termCount = this.terms.length; // every row taken below is as it was now, so its term ids are below this
    const df = Int32Array.from(this.df);
    const ngram = new Uint8Array(termCount);
    for (let t = 0; t < termCount; t++) ngram[t] = this.isNgram[t] ? 1 : 0;
    const kind = Uint8Array.from(this.kind);
    const ids: string[] = [];
    const offsets = new Int32Array(listed.length + 1);
    const cols = new Int32Array(nnz);
    const raw = new Float32Array(nnz);
    let at = 0;
    let until = performance.now() + sliceMs;
    for (let i = 0; i < listed.length; i++) {
      if (performance.now() >= until) {
        yield;
        until = performance.now() + sliceMs;
      }
      const id = listed[i]!;
      const slot = this.idSlot.get(id); // a refresh between steps may have moved it
      if (slot === undefined || skip(id)) continue;
      cols.set(this.rows.ids(slot), at);
      raw.set(this.rows.raw(slot), at);
      at += this.rows.lengthOf(slot);
      ids.push(id);
      offsets[ids.length] = at;
    }
    return {
      ids, terms: this.terms.slice(0, termCount), df, ngram, kind,
      offsets: offsets.subarray(0, ids.length + 1), cols: cols.subarray(0, at), raw: raw.subarray(0, at),
    };
  }
}

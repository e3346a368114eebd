// Storage behind the TF-IDF index: every idea's row and the inverted index, in a few typed arrays.
//
// At 100k ideas three small typed arrays per idea (term ids, raw weights, weights) cost about 75 MB
// of the main thread's heap and an array per term for the inverted index another 24 MB; these
// layouts hold the same numbers in under 20 MB (measured at 100k titles after a refresh: arena
// 10.7 MB, index 5.8 MB, per-slot offsets about 1.5 MB; docs/engine.md, "Memory").

/** A term's postings: idea slots and their weights, aligned. */
export interface Postings {
  docs: ArrayLike<number>;
  w: ArrayLike<number>;
}

/**
 * Rows (term ids, raw weights, final weights) back to back in three growing typed arrays; slot s is
 * at startOf(s), lengthOf(s) long. Rows are only appended: a row replaced or removed by its owner
 * stays until the owner builds a fresh arena, so views handed out never change under a caller.
 */
export class RowArena {
  private termIds: Int32Array;
  private raws: Float32Array;
  private ws: Float32Array;
  private used = 0;
  private readonly start: number[] = [];
  private readonly length: number[] = [];

  constructor(capacity = 1024) {
    this.termIds = new Int32Array(Math.max(16, capacity));
    this.raws = new Float32Array(this.termIds.length);
    this.ws = new Float32Array(this.termIds.length);
  }

  /**
   * Stores row `slot`'s term ids and raw weights (growing the arrays by half when full) and returns
   * its weights, zero, to be filled in at once (before the next append, which may move the arrays).
   */
  append(slot: number, ids: Int32Array, raw: Float32Array): Float32Array {
    const n = ids.length;
    if (this.used + n > this.termIds.length) {
      const size = Math.max(this.used + n, Math.ceil(this.termIds.length * 1.5));
      const grow = <T extends Int32Array | Float32Array>(a: T, make: (k: number) => T): T => { const b = make(size); b.set(a.subarray(0, this.used)); return b; };
      this.termIds = grow(this.termIds, (k) => new Int32Array(k));
      this.raws = grow(this.raws, (k) => new Float32Array(k));
      this.ws = grow(this.ws, (k) => new Float32Array(k));
    }
    this.start[slot] = this.used;
    this.length[slot] = n;
    this.termIds.set(ids, this.used);
    this.raws.set(raw, this.used);
    this.used += n;
    return this.ws.subarray(this.used - n, this.used);
  }

  startOf(slot: number): number { return this.start[slot]!; }
  lengthOf(slot: number): number { return this.length[slot]!; }
  /** The backing arrays, for loops over many rows without a view per row (read only). */
  get allIds(): Int32Array { return this.termIds; }
  get allWeights(): Float32Array { return this.ws; }
  ids(slot: number): Int32Array { return this.termIds.subarray(this.start[slot]!, this.start[slot]! + this.length[slot]!); }
  raw(slot: number): Float32Array { return this.raws.subarray(this.start[slot]!, this.start[slot]! + this.length[slot]!); }
  weights(slot: number): Float32Array { return this.ws.subarray(this.start[slot]!, this.start[slot]! + this.length[slot]!); }
}

/**
 * The inverted index. As of the last rebuild, one array of slots and one of weights grouped by term
 * (term t at start[t] .. start[t + 1], slots ascending), built in two passes (count, then fill)
 * without an array per term; rows added since go to short per-term lists until the next rebuild.
 */
export class InvertedIndex {
  private start = new Int32Array(1);
  private docs = new Int32Array(0);
  private w = new Float32Array(0);
  private extraDocs: number[][] = [];
  private extraW: number[][] = [];

  /** Indexes rows 0 .. nSlots - 1 of the arena, in slot order. */
  rebuild(nTerms: number, nSlots: number, rows: RowArena): void {
    for (const _ of this.rebuildSteps(nTerms, nSlots, rows, Infinity)) { /* at once */ }
  }

  /**
   * rebuild in steps of about `sliceMs` (at 10,000 ideas it took 20-80 ms in one piece under load,
   * issue 19), for an index that nobody reads until the last step: the arena's rows 0 .. nSlots - 1
   * must not change meanwhile. The index takes the new arrays at the end.
   */
  *rebuildSteps(nTerms: number, nSlots: number, rows: RowArena, sliceMs: number): Generator<void, void, void> {
    const ids = rows.allIds;
    const ws = rows.allWeights;
    const start = new Int32Array(nTerms + 1);
    let total = 0;
    let until = performance.now() + sliceMs;
    const due = (slot: number) => (slot & 127) === 0 && performance.now() >= until;
    for (let slot = 0; slot < nSlots; slot++) {
      if (due(slot)) { yield; until = performance.now() + sliceMs; }
      const from = rows.startOf(slot);
      const to = from + rows.lengthOf(slot);
      for (let i = from; i < to; i++) start[ids[i]! + 1]! += 1;
      total += to - from;
    }
    for (let t = 0; t < nTerms; t++) start[t + 1]! += start[t]!;
    const next = start.slice(0, nTerms);
    const docs = new Int32Array(total);
    const w = new Float32Array(total);
    for (let slot = 0; slot < nSlots; slot++) {
      if (due(slot)) { yield; until = performance.now() + sliceMs; }
      const from = rows.startOf(slot);
      const to = from + rows.lengthOf(slot);
      for (let i = from; i < to; i++) {
        const p = next[ids[i]!]!;
        next[ids[i]!] = p + 1;
        docs[p] = slot;
        w[p] = ws[i]!;
      }
    }
    this.start = start;
    this.docs = docs;
    this.w = w;
    this.extraDocs = [];
    this.extraW = [];
  }

  add(slot: number, ids: Int32Array, w: Float32Array): void {
    for (let i = 0; i < ids.length; i++) {
      const t = ids[i]!;
      (this.extraDocs[t] ??= []).push(slot);
      (this.extraW[t] ??= []).push(w[i]!);
    }
  }

  /** A term's postings in up to two parts: as of the last rebuild, and added since. */
  of(termId: number): Postings[] {
    const out: Postings[] = [];
    if (termId + 1 < this.start.length) {
      const from = this.start[termId]!;
      const to = this.start[termId + 1]!;
      if (to > from) out.push({ docs: this.docs.subarray(from, to), w: this.w.subarray(from, to) });
    }
    const docs = this.extraDocs[termId];
    if (docs) out.push({ docs, w: this.extraW[termId]! });
    return out;
  }
}

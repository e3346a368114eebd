// Full recompute off the main thread.
//
//   const worker = new RecomputeWorker({ seed: 42 });          // same EngineOptions as the engine
//   const result = await worker.recompute(engine.snapshot(), engine.state());
//   engine.applyResult(result);                                 // ignored if a newer result exists
//   await worker.close();
//
// This file is both the client class and the worker entry. Under tsx the module is a .ts file and
// the worker needs tsx's loader too; Node 20 ignores `--import` in a worker's execArgv, so a .ts
// entry is started through a two-line bootstrap that registers tsx's ESM hooks first. Compiled by
// tsc to dist/ it is plain .js and starts directly.

import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { inCanonicalOrder, type Corpus } from './corpus.js';
import { MatchingEngine, type EngineOptions } from './engine.js';
import { recomputeClusters, recomputeOptions } from './recompute.js';
import type { EngineDoc, EngineState, RecomputeResult } from './types.js';

interface Request { id: number; corpus: Corpus | EngineDoc[]; state: EngineState }
type Reply = { id: number; ok: true; result: RecomputeResult } | { id: number; ok: false; error: string };

const MARKER = 'medestander-engine-worker';

/**
 * The distinct ArrayBuffers behind these typed arrays, to move instead of copy (postMessage's transfer
 * list): copying them is main-thread time, tens of milliseconds at 10,000 ideas (issue 19).
 */
function buffersOf(...arrays: (ArrayBufferView | null | undefined)[]): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  for (const a of arrays) if (a && a.buffer instanceof ArrayBuffer && a.buffer.byteLength > 0) out.add(a.buffer);
  return [...out];
}

export class RecomputeWorker {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: RecomputeResult) => void; reject: (e: Error) => void }>();
  /** Set once the thread has failed or exited: later calls are refused at once instead of waiting for ever. */
  private dead: Error | null = null;

  constructor(options: EngineOptions = {}) {
    const url = new URL(import.meta.url);
    const workerData = { marker: MARKER, options };
    if (url.pathname.endsWith('.ts')) {
      // createRequire also works when a test runner has compiled this module to CommonJS; it finds
      // the package's require entry, whose ESM twin (.mjs) is the one that registers ESM hooks.
      const tsx = pathToFileURL(createRequire(url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
      const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });`;
      this.worker = new Worker(boot, { eval: true, workerData });
    } else {
      this.worker = new Worker(url, { workerData });
    }
    this.worker.on('message', (reply: Reply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      if (reply.ok) p.resolve(reply.result);
      else p.reject(new Error(reply.error));
    });
    // A reply that cannot be deserialised cannot be matched to its call: fail every pending call.
    this.worker.on('messageerror', (err) => this.failAll(err));
    this.worker.on('error', (err) => { this.dead ??= err; this.failAll(err); });
    this.worker.on('exit', (code) => { this.dead ??= new Error(`engine worker exited with code ${code}`); this.failAll(this.dead); });
  }

  /**
   * Recomputes clusters for a snapshot (engine.snapshot()) starting from `state`; resolves with a
   * versioned result for engine.applyResult. Keep one recompute in flight at a time. Passing
   * engine.documents() instead still works, but the worker then builds a second engine (slower,
   * twice the memory). Rejects at once when the worker has exited or failed (after close(), or a
   * crash): start a new RecomputeWorker then. `handOver`: the snapshot's typed arrays move to the
   * worker instead of being copied, and are empty here afterwards (for a snapshot made for this call only).
   */
  recompute(corpus: Corpus | EngineDoc[], state: EngineState, { handOver = false }: { handOver?: boolean } = {}): Promise<RecomputeResult> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.nextId++;
    const transfer = handOver && !Array.isArray(corpus) ? buffersOf(corpus.df, corpus.ngram, corpus.kind, corpus.offsets, corpus.cols, corpus.raw) : [];
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, corpus, state } satisfies Request, transfer);
    });
  }

  async close(): Promise<void> {
    this.dead ??= new Error('engine worker closed');
    await this.worker.terminate();
  }

  private failAll(err: Error): void {
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }
}

if (!isMainThread && parentPort && (workerData as { marker?: string } | null)?.marker === MARKER) {
  const port = parentPort;
  const engineOptions = (workerData as { options: EngineOptions }).options;
  const options = recomputeOptions(engineOptions);
  port.on('message', (req: Request) => {
    try {
      let result: RecomputeResult;
      if (Array.isArray(req.corpus)) {
        const engine = new MatchingEngine(engineOptions);
        engine.restore(req.state);
        engine.addMany(req.corpus);
        result = engine.recompute();
      } else {
        // The worker holds no engine: the snapshot's arrays are all a recompute needs. Sorted here (a
        // snapshot lists the ideas in slot order), and the message lets go of the unsorted arrays, so
        // that they are not held beside the sorted copy through the whole recompute (memory).
        const corpus = inCanonicalOrder(req.corpus);
        req.corpus = [];
        result = recomputeClusters({ corpus, state: req.state, options });
      }
      // The model's large arrays are in shared memory already (reduce.ts, sharedFloat64): nothing to copy.
      port.postMessage({ id: req.id, ok: true, result } satisfies Reply);
    } catch (err) {
      port.postMessage({ id: req.id, ok: false, error: err instanceof Error ? err.message : String(err) } satisfies Reply);
    }
  });
}

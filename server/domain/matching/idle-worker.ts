// The recompute's worker thread, started when a recompute needs it and ended once idle: an idle worker
// still holds the heap of its last run (155 MB of the app's 441 MB at 10,000 ideas, issue 19).
import type { EngineOptions } from '../../engine/engine.js';
import type { Corpus } from '../../engine/corpus.js';
import type { EngineState, RecomputeResult } from '../../engine/types.js';
import { RecomputeWorker } from '../../engine/worker.js';

export function createIdleWorker(engineOptions: EngineOptions, idleMs: number, fail: (err: unknown) => void) {
  let worker: RecomputeWorker | null = null;
  let parkTimer: NodeJS.Timeout | null = null;

  /** Ends the idle worker thread and frees its heap; the next recompute starts a new one. */
  function park(): void {
    parkTimer = null;
    const idle = worker;
    worker = null;
    void idle?.close().catch(fail);
  }

  return {
    /** Stops the idle countdown: a recompute is about to run. */
    busy(): void {
      if (parkTimer) { clearTimeout(parkTimer); parkTimer = null; }
    },

    /**
     * The snapshot's arrays: the worker recomputes on them directly instead of building a second
     * engine. They move to the worker (the snapshot is made for this run and not read again).
     */
    recompute(corpus: Corpus, state: EngineState): Promise<RecomputeResult> {
      worker ??= new RecomputeWorker(engineOptions);
      return worker.recompute(corpus, state, { handOver: true });
    },

    /** After a failed run: a fresh worker next time. */
    async discard(): Promise<void> {
      const broken = worker;
      worker = null;
      await broken?.close().catch(() => undefined);
    },

    /** A run ended: the worker is ended after `idleMs` unless another run starts first. */
    idle(): void {
      if (worker) parkTimer = setTimeout(park, idleMs).unref();
    },

    get running(): boolean { return worker !== null; },

    /** Terminates the worker (a running recompute is dropped). */
    async close(): Promise<void> {
      if (parkTimer) clearTimeout(parkTimer);
      await worker?.close().catch(() => undefined);
    },
  };
}

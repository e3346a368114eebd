// The knobs of matching.ts, each with its default and why it is what it is (config.ts sets the first three).
import type { EngineOptions } from '../../engine/engine.js';
import type { SchedulerTimers } from '../recompute-scheduler.js';

export interface MatchingOptions {
  /** Quiet time after the last change before a full recompute starts (default 2000 ms). */
  debounceMs?: number;
  /** The longest a change waits for its recompute while changes keep coming (default 30000 ms). */
  maxWaitMs?: number;
  /**
   * How long the recompute's worker thread may sit idle before it is ended (default 15000 ms); the next
   * recompute starts a new one (about a second more, on the worker's own thread). An idle worker still
   * holds the heap of its last run: 155 MB of the app's 441 MB at 10,000 ideas (issue 19). Under steady
   * posting a recompute comes every 30 s at most (RECOMPUTE_MAX_WAIT_MS), so the memory is freed in between.
   */
  workerIdleMs?: number;
  /**
   * Lowest score (0..1: TF-IDF cosine, blended with the LSA cosine once clusters exist) shown as similar.
   * 0.12 keeps ideas that share a few distinctive words and drops those that share one common word.
   */
  minScore?: number;
  engine?: EngineOptions;
  /** The recompute's quiet time on fake timers (tests); default the real ones. */
  timers?: SchedulerTimers;
}

/** The largest collection whose live index add() refreshes at once, in one piece (see withDefaults). */
export const SYNC_REFRESH_UP_TO = 2000;

/** The options with every default filled in, once. The engine's seed: the same clusters for the same ideas, run after run. */
export function withDefaults(options: MatchingOptions): Required<Omit<MatchingOptions, 'timers'>> {
  return {
    debounceMs: options.debounceMs ?? 2000,
    maxWaitMs: options.maxWaitMs ?? 30_000,
    workerIdleMs: options.workerIdleMs ?? 15_000,
    minScore: options.minScore ?? 0.12,
    // Beyond 2,000 ideas the live index is refreshed in steps by matching.ts, off the request path
    // (tfidf.ts, syncRefreshUpTo); below it a refresh in one piece takes a few milliseconds.
    engine: { seed: 42, syncRefreshUpTo: SYNC_REFRESH_UP_TO, ...options.engine },
  };
}

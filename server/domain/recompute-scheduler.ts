/** The scheduler's only view of time, so tests drive it with a fake clock instead of waiting. */
export interface SchedulerTimers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: SchedulerTimers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface RecomputeSchedulerOptions {
  /** One run; the scheduler never starts a second while one is in flight. */
  run: () => Promise<void>;
  /** Quiet time after the last schedule() before the run starts. */
  debounceMs: number;
  /**
   * The longest a change waits for its run, however often schedule() is called meanwhile (default: no
   * limit). Without it, steady changes (one a second with a 2 s quiet time) would put the run off forever.
   */
  maxWaitMs?: number;
  /** false: schedule() does nothing (closed, or another instance recomputes). */
  enabled: () => boolean;
  timers?: SchedulerTimers;
}

/**
 * Runs `run` after changes settle: schedule() restarts the quiet time, but never beyond `maxWaitMs`
 * after the first change not yet served; at most one run is in flight, and a trigger during a run
 * queues exactly one more (shared by every trigger until it starts), so a run always follows the last
 * change without runs piling up.
 */
export function createRecomputeScheduler({ run, debounceMs, maxWaitMs = Infinity, enabled, timers = realTimers }: RecomputeSchedulerOptions) {
  let timer: unknown = null;
  let firstAt: number | null = null; // when the oldest change still waiting for a run was scheduled
  let inflight: Promise<void> | null = null;
  let queued: Promise<void> | null = null;

  /** Starts a run now, or, when one runs, exactly one more after it; resolves when that one is done. */
  function trigger(): Promise<void> {
    if (!inflight) {
      inflight = run().finally(() => { inflight = null; });
      return inflight;
    }
    // After a failed run too: otherwise this stays a rejected promise and no run is ever queued again.
    queued ??= inflight.catch(() => undefined).then(() => { queued = null; return trigger(); });
    return queued;
  }

  function cancel(): void {
    if (timer !== null) { timers.clearTimeout(timer); timer = null; }
    firstAt = null;
  }

  return {
    trigger,

    schedule(): void {
      if (!enabled()) return;
      const now = timers.now();
      firstAt ??= now;
      const due = Math.min(now + debounceMs, firstAt + maxWaitMs);
      if (timer !== null) timers.clearTimeout(timer);
      // run() reports its own failures; a rejection here would be unhandled and end the process.
      timer = timers.setTimeout(() => { timer = null; firstAt = null; trigger().catch(() => undefined); }, Math.max(0, due - now));
    },

    /** Drops the pending run, if any; one in flight goes on. */
    cancel,

    /** The run in flight (null: none), for waiting on it when closing. */
    get inflight(): Promise<void> | null { return inflight; },
  };
}

export type RecomputeScheduler = ReturnType<typeof createRecomputeScheduler>;

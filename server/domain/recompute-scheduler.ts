export interface RecomputeSchedulerOptions {
  /** One run; the scheduler never starts a second while one is in flight. */
  run: () => Promise<void>;
  /** Quiet time after the last schedule() before the run starts. */
  debounceMs: number;
  /** false: schedule() does nothing (closed, or another instance recomputes). */
  enabled: () => boolean;
}

/**
 * Runs `run` after changes settle: schedule() restarts the quiet time, at most one run is in flight,
 * and a trigger during a run queues exactly one more (shared by every trigger until it starts),
 * so a run always follows the last change without runs piling up.
 */
export function createRecomputeScheduler({ run, debounceMs, enabled }: RecomputeSchedulerOptions) {
  let timer: NodeJS.Timeout | null = null;
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

  return {
    trigger,

    schedule(): void {
      if (!enabled()) return;
      if (timer) clearTimeout(timer);
      // run() reports its own failures; a rejection here would be unhandled and end the process.
      timer = setTimeout(() => { timer = null; trigger().catch(() => undefined); }, debounceMs);
    },

    /** Drops the pending run, if any; one in flight goes on. */
    cancel(): void {
      if (timer) { clearTimeout(timer); timer = null; }
    },

    /** The run in flight (null: none), for waiting on it when closing. */
    get inflight(): Promise<void> | null { return inflight; },
  };
}

export type RecomputeScheduler = ReturnType<typeof createRecomputeScheduler>;

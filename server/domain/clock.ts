/**
 * The domain's only source of time and timers, so tests can use a fake clock (test/support/fake-timers.ts)
 * instead of waiting.
 */
export interface Clock {
  now(): Date;
  /** Calls `fn` once after `ms` on this clock's time; the handle is for clearTimeout only. */
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => new Date(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export const iso = (clock: Clock, offsetMs = 0): string => new Date(clock.now().getTime() + offsetMs).toISOString();

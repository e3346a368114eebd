/**
 * A fake clock with timers, for code that takes `SchedulerTimers` (server/domain/recompute-scheduler.ts;
 * also createMatching's `options.timers` and scheduleDailyDigest's `timers`):
 *
 *   const timers = new FakeTimers();
 *   createRecomputeScheduler({ ..., timers });
 *   timers.advance(2000);   // fires every timer due by then, in time order
 *
 * or takes a domain Clock (server/domain/clock.ts): `createBoard({ ..., clock: timers.clock(Date.parse(T0)) })`.
 */
import type { Clock } from '../../server/domain/clock.js';
import type { SchedulerTimers } from '../../server/domain/recompute-scheduler.js';

interface Pending { id: number; at: number; fn: () => void }

export class FakeTimers implements SchedulerTimers {
  private time = 0;
  private seq = 0;
  private pending: Pending[] = [];

  now(): number { return this.time; }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.pending.push({ id, at: this.time + Math.max(0, ms), fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.pending = this.pending.filter((p) => p.id !== handle);
  }

  /** Moves time forward by `ms`, firing each timer due on the way at its own time. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const next = this.pending.filter((p) => p.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!next) break;
      this.pending = this.pending.filter((p) => p !== next);
      this.time = next.at;
      next.fn();
    }
    this.time = end;
  }

  /** The same time and timers as a domain Clock, whose time starts at `start` (ms since the epoch). */
  clock(start = 0): Clock {
    return { now: () => new Date(start + this.time), setTimeout: (fn, ms) => this.setTimeout(fn, ms), clearTimeout: (handle) => this.clearTimeout(handle) };
  }

  /** Timers not yet fired. */
  get size(): number { return this.pending.length; }
}

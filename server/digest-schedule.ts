// When the daily digest goes out: at a fixed hour in Brussels, right across daylight saving changes,
// without a cron dependency.
import type { Logger } from 'pino';
import type { Clock } from './domain/clock.js';
import { realTimers, type SchedulerTimers } from './domain/recompute-scheduler.js';

/** The wall-clock parts of `instant` in `timeZone`. */
function wallClock(instant: number, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/** How far `timeZone` is ahead of UTC at `instant`, in ms (Brussels: one hour in winter, two in summer). */
function offsetAt(instant: number, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(instant / 1000) * 1000;
}

/** The UTC instant at which it is `hour`:00 on the given calendar day in `timeZone`. */
function instantOf(year: number, month: number, day: number, hour: number, timeZone: string): number {
  const guess = Date.UTC(year, month - 1, day, hour);
  const first = guess - offsetAt(guess, timeZone);
  return guess - offsetAt(first, timeZone); // a second pass lands right across a DST change
}

/** The first moment strictly after `now` at which it is `hour`:00 in `timeZone`. */
export function nextRunAt(now: Date, hour: number, timeZone = 'Europe/Brussels'): Date {
  const today = wallClock(now.getTime(), timeZone);
  for (let days = 0; days <= 2; days++) {
    const d = new Date(Date.UTC(today.year, today.month - 1, today.day + days));
    const at = instantOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), hour, timeZone);
    if (at > now.getTime()) return new Date(at);
  }
  throw new Error('unreachable: a day always has its hour within two days');
}

/**
 * Runs `run(now)` once a day at `hour`:00 Brussels time. The timer is unref'd (it never keeps the
 * process alive) and re-armed after every run, so a slow run or a DST change does not drift it.
 * `stop()` clears it. A failed run is logged; the next day's run picks up what it left (the digest
 * includes older held items).
 */
export function scheduleDailyDigest(opts: {
  hour: number;
  clock: Clock;
  logger: Logger;
  run: (nowIso: string) => Promise<unknown>;
  timeZone?: string;
  /** Tests pass fake timers to fire the hour without waiting for it. */
  timers?: SchedulerTimers;
}): { stop(): void; nextRun(): Date | null } {
  const timers = opts.timers ?? realTimers;
  let timer: unknown;
  let next: Date | null = null;
  let stopped = false;

  const arm = () => {
    if (stopped) return;
    const now = opts.clock.now();
    // After a run, count from just past the hour it was for: a timer that fires a millisecond early must not run twice.
    const from = next && now.getTime() <= next.getTime() ? new Date(next.getTime() + 1000) : now;
    next = nextRunAt(from, opts.hour, opts.timeZone);
    timer = timers.setTimeout(fire, Math.max(0, next.getTime() - now.getTime()));
    (timer as { unref?: () => void }).unref?.();
  };
  const fire = () => {
    opts.run(opts.clock.now().toISOString()).then(
      (sent) => opts.logger.info({ sent: Array.isArray(sent) ? sent.length : undefined }, 'daily digest sent'),
      (err: unknown) => opts.logger.error({ err }, 'daily digest failed'),
    ).finally(arm);
  };

  arm();
  return {
    stop() {
      stopped = true;
      if (timer !== undefined) timers.clearTimeout(timer);
      next = null;
    },
    nextRun: () => next,
  };
}

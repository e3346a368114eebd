/** The domain's only source of time, so tests can use a fake clock. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export const iso = (clock: Clock, offsetMs = 0): string => new Date(clock.now().getTime() + offsetMs).toISOString();

import { expect } from 'chai';
import { pino } from 'pino';
import { nextRunAt, scheduleDailyDigest } from '../../server/digest-schedule.js';
import { systemClock } from '../../server/domain/clock.js';
import { FakeTimers } from '../support/fake-timers.js';

describe('daily digest schedule', () => {
  it('when it is before the hour in Brussels (winter), then the next run is today at that hour, UTC+1', () => {
    expect(nextRunAt(new Date('2026-01-15T05:00:00Z'), 7).toISOString()).to.equal('2026-01-15T06:00:00.000Z');
  });

  it('when the hour has passed, then the next run is tomorrow', () => {
    expect(nextRunAt(new Date('2026-01-15T06:00:00Z'), 7).toISOString()).to.equal('2026-01-16T06:00:00.000Z');
    expect(nextRunAt(new Date('2026-01-15T22:30:00Z'), 7).toISOString()).to.equal('2026-01-16T06:00:00.000Z');
  });

  it('when it is summer time, then the hour is UTC+2, also across the change in March and back in October', () => {
    expect(nextRunAt(new Date('2026-07-01T12:00:00Z'), 7).toISOString()).to.equal('2026-07-02T05:00:00.000Z');
    expect(nextRunAt(new Date('2026-03-28T12:00:00Z'), 7).toISOString()).to.equal('2026-03-29T05:00:00.000Z');
    expect(nextRunAt(new Date('2026-10-24T12:00:00Z'), 7).toISOString()).to.equal('2026-10-25T06:00:00.000Z');
  });

  it('when it is midnight in Brussels but still the day before in UTC, then the day is the Brussels day', () => {
    expect(nextRunAt(new Date('2026-01-14T23:30:00Z'), 0).toISOString()).to.equal('2026-01-15T23:00:00.000Z');
    expect(nextRunAt(new Date('2026-01-14T23:30:00Z'), 7).toISOString()).to.equal('2026-01-15T06:00:00.000Z');
  });

  it('when scheduled, then it knows its next run and stop() clears it', () => {
    const clock = { ...systemClock, now: () => new Date('2026-01-15T05:00:00Z') };
    let runs = 0;
    const schedule = scheduleDailyDigest({ hour: 7, clock, logger: pino({ level: 'silent' }), run: async () => { runs++; } });
    expect(schedule.nextRun()?.toISOString()).to.equal('2026-01-15T06:00:00.000Z');
    schedule.stop();
    expect(schedule.nextRun()).to.equal(null);
    expect(runs).to.equal(0);
  });

  it('when the hour comes, then it runs once with the time and re-arms for the next day, even if the clock lags the timer', async () => {
    const clock = { ...systemClock, now: () => new Date('2026-01-15T05:59:59.990Z') }; // a clock that never moves: the timer fires "early"
    const seen: string[] = [];
    const timers = new FakeTimers();
    let ran!: () => void;
    const runDone = new Promise<void>((resolve) => { ran = resolve; });
    const schedule = scheduleDailyDigest({ hour: 7, clock, logger: pino({ level: 'silent' }), timers, run: async (now) => { seen.push(now); ran(); } });
    timers.advance(10);
    await runDone;
    await new Promise((r) => setImmediate(r)); // the re-arm follows the run's promise
    expect(schedule.nextRun()?.toISOString(), 're-armed for the next day').to.equal('2026-01-16T06:00:00.000Z');
    timers.advance(60);
    schedule.stop();
    expect(timers.size).to.equal(0);
    expect(seen).to.deep.equal(['2026-01-15T05:59:59.990Z']);
  });
});

import { expect } from 'chai';
import { createRecomputeScheduler } from '../../server/domain/recompute-scheduler.js';
import { FakeTimers } from '../support/fake-timers.js';

/** Lets every promise callback already due run (a run's end, a queued run's start): one turn of the event loop. */
const settle = () => new Promise((r) => setImmediate(r));

describe('recompute scheduler (debounced, one run in flight, at most one more queued)', () => {
  /** A run that waits for release() before it ends, so a test decides when a run is in flight. */
  function gatedRuns() {
    const log: string[] = [];
    const gates: (() => void)[] = [];
    let started = 0;
    const run = () => new Promise<void>((resolve) => {
      const n = ++started;
      log.push(`start ${n}`);
      gates.push(() => { log.push(`end ${n}`); resolve(); });
    });
    return { run, log, release: () => gates.shift()!(), runs: () => started };
  }

  it('when schedule() is called several times within the quiet time, then one run follows', async () => {
    let runs = 0;
    const timers = new FakeTimers();
    const scheduler = createRecomputeScheduler({ run: async () => { runs++; }, debounceMs: 5, enabled: () => true, timers });
    for (let i = 0; i < 5; i++) scheduler.schedule();
    timers.advance(4);
    await settle();
    expect(runs).to.equal(0);
    timers.advance(1);
    await settle();
    expect(runs).to.equal(1);
    expect(timers.size, 'no later run pending').to.equal(0);
    expect(scheduler.inflight).to.equal(null);
  });

  it('when triggered while a run is in flight, then exactly one more run follows it, shared by every further trigger', async () => {
    const { run, log, release, runs } = gatedRuns();
    const scheduler = createRecomputeScheduler({ run, debounceMs: 5, enabled: () => true });
    const first = scheduler.trigger();
    expect(scheduler.inflight).to.equal(first);
    const second = scheduler.trigger();
    const third = scheduler.trigger();
    expect(third).to.equal(second);
    expect(runs()).to.equal(1);
    release();
    await first;
    await settle();
    expect(runs()).to.equal(2);
    const fourth = scheduler.trigger();
    expect(fourth).to.not.equal(second);
    release();
    await second;
    await settle();
    expect(runs()).to.equal(3);
    release();
    await fourth;
    await settle();
    expect(log).to.deep.equal(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
    expect(scheduler.inflight).to.equal(null);
  });

  it('when disabled, then schedule() does nothing', async () => {
    let runs = 0;
    let enabled = false;
    const timers = new FakeTimers();
    const scheduler = createRecomputeScheduler({ run: async () => { runs++; }, debounceMs: 5, enabled: () => enabled, timers });
    scheduler.schedule();
    expect(timers.size, 'nothing pending').to.equal(0);
    timers.advance(30);
    await settle();
    expect(runs).to.equal(0);
    enabled = true;
    scheduler.schedule();
    timers.advance(5);
    await settle();
    expect(runs).to.equal(1);
  });

  it('when cancelled, then the pending run does not start, and a later schedule() works again', async () => {
    let runs = 0;
    const timers = new FakeTimers();
    const scheduler = createRecomputeScheduler({ run: async () => { runs++; }, debounceMs: 5, enabled: () => true, timers });
    scheduler.schedule();
    scheduler.cancel();
    expect(timers.size, 'nothing pending').to.equal(0);
    timers.advance(30);
    await settle();
    expect(runs).to.equal(0);
    scheduler.schedule();
    timers.advance(5);
    await settle();
    expect(runs).to.equal(1);
  });

  it('when a run fails, a run queued behind it still runs, and later triggers start runs again', async () => {
    let runs = 0;
    let fail = true;
    let release: () => void = () => undefined;
    const run = () => new Promise<void>((resolve, reject) => {
      runs++;
      release = () => (fail ? reject(new Error('listener threw')) : resolve());
    });
    const scheduler = createRecomputeScheduler({ run, debounceMs: 5, enabled: () => true });
    const first = scheduler.trigger().catch(() => 'failed');
    const queued = scheduler.trigger();
    release();
    expect(await first).to.equal('failed');
    await settle();
    expect(runs).to.equal(2);
    fail = false;
    release();
    await queued;
    const third = scheduler.trigger();
    release();
    await third;
    expect(runs).to.equal(3);
  });
  describe('the maximum wait (a fake clock)', () => {
    function counted(maxWaitMs?: number) {
      const timers = new FakeTimers();
      let runs = 0;
      const scheduler = createRecomputeScheduler({
        run: async () => { runs++; }, debounceMs: 2000, enabled: () => true, timers, ...(maxWaitMs !== undefined ? { maxWaitMs } : {}),
      });
      /** Moves the fake time on, then lets a run that started end (its promise settles on the real event loop). */
      const advance = async (ms: number) => { timers.advance(ms); await new Promise((r) => setImmediate(r)); };
      return { timers, scheduler, advance, runs: () => runs };
    }

    it('when a change comes every second, then without a maximum wait no run starts in five minutes', async () => {
      const { scheduler, advance, runs } = counted();
      for (let s = 0; s < 300; s++) { scheduler.schedule(); await advance(1000); }
      expect(runs()).to.equal(0);
    });

    it('when a change comes every second with a maximum wait of 30 s, then a run starts every 30 s', async () => {
      const { scheduler, advance, runs } = counted(30_000);
      for (let s = 0; s < 300; s++) { scheduler.schedule(); await advance(1000); }
      expect(runs()).to.equal(10);
    });

    it('when the changes stop, then the run starts after the quiet time, and the next change waits again from its own time', async () => {
      const { scheduler, advance, runs } = counted(30_000);
      scheduler.schedule();
      await advance(1999);
      expect(runs()).to.equal(0);
      await advance(1);
      expect(runs()).to.equal(1);
      await advance(60_000);
      scheduler.schedule();
      await advance(1999);
      expect(runs()).to.equal(1);
      await advance(1);
      expect(runs()).to.equal(2);
    });

    it('when the maximum wait is shorter than the quiet time, then it wins', async () => {
      const { scheduler, advance, runs } = counted(500);
      scheduler.schedule();
      await advance(499);
      expect(runs()).to.equal(0);
      await advance(1);
      expect(runs()).to.equal(1);
    });

    it('when cancelled, then the maximum wait starts again with the next change', async () => {
      const { timers, scheduler, advance, runs } = counted(5000);
      for (let s = 0; s < 4; s++) { scheduler.schedule(); await advance(1000); }
      scheduler.cancel();
      expect(timers.size).to.equal(0);
      scheduler.schedule();
      await advance(1000); // the first change's maximum wait would have ended here
      expect(runs()).to.equal(0);
      await advance(1000);
      expect(runs()).to.equal(1);
    });
  });
});

/**
 * Loaded into the app's own process by scripts/bench-load.ts and bench-page-load.ts (`node --import
 * ./scripts/lib/load-probe.mjs scripts/start.mjs`, as `npm start` runs the app, or with `--runner tsx`
 * `node --import tsx --import ./scripts/lib/load-probe.mjs server/main.ts`; with an IPC channel). Plain
 * JavaScript, so that it needs no loader in the compiled app: measures the event loop's delay with perf_hooks.monitorEventLoopDelay
 * and answers the bench's `sample` messages with the delay since the last sample and the memory, and its
 * `phase` messages with the delay since the previous `phase` (in ms beyond the timer's resolution). Nothing else in the app knows it is there.
 * Each answer also carries the garbage collector's pauses in that interval (PerformanceObserver 'gc'):
 * the longest, how many took 20 ms or more, and their sum, so that a worst second can be told apart
 * as the app's own work or a collection.
 */
import { writeFileSync } from 'node:fs';
import { PerformanceObserver, constants, monitorEventLoopDelay } from 'node:perf_hooks';

if (typeof process.send === 'function') {
  // The histogram records the whole interval between two ticks of a RESOLUTION ms timer, so an idle
  // loop reads RESOLUTION ms; the delay is what exceeds it (as @fastify/under-pressure computes it).
  const RESOLUTION = 10;
  const window = monitorEventLoopDelay({ resolution: RESOLUTION });
  const phase = monitorEventLoopDelay({ resolution: RESOLUTION });
  window.enable();
  phase.enable();
  const ms = (ns) => Math.max(0, Math.round(ns / 1e4) / 100 - RESOLUTION);
  const stats = (h) => ({ p50: ms(h.percentile(50)), p99: ms(h.percentile(99)), max: ms(h.max), n: h.count });
  const KINDS = { [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor', [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major', [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental', [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak' };
  const noGc = () => ({ maxMs: 0, maxKind: '', over20: 0, totalMs: 0 });
  let gcWindow = noGc(), gcPhase = noGc();
  const tally = (g, e) => {
    if (e.duration > g.maxMs) { g.maxMs = Math.round(e.duration * 10) / 10; g.maxKind = KINDS[e.detail?.kind] ?? String(e.detail?.kind); }
    if (e.duration >= 20) g.over20++;
    g.totalMs = Math.round((g.totalMs + e.duration) * 10) / 10;
  };
  new PerformanceObserver((list) => { for (const e of list.getEntries()) { tally(gcWindow, e); tally(gcPhase, e); } }).observe({ entryTypes: ['gc'] });
  process.on('message', (m) => {
    // 'phase': the delay since the previous 'phase' (one phase of the run ends, the next starts).
    if (m?.type === 'phase') { process.send({ id: m.id, phase: stats(phase), gcPhase }); phase.reset(); gcPhase = noGc(); }
    if (m?.type === 'sample') {
      const mem = process.memoryUsage();
      const cpu = process.cpuUsage(); // the app's own CPU time, all threads: what it costs, whatever else the box runs
      process.send({ id: m.id, window: stats(window), phase: stats(phase), rssMb: Math.round(mem.rss / 1048576), heapMb: Math.round(mem.heapUsed / 1048576), externalMb: Math.round((mem.external + mem.arrayBuffers) / 1048576), cpuMs: (cpu.user + cpu.system) / 1000, gc: gcWindow, gcPhase });
      window.reset();
      gcWindow = noGc();
    }
  });
  process.channel?.unref(); // the probe never keeps the app alive

  // With LOAD_PROBE_TURNS=FILE (bench-load --cpu-prof sets it): every turn of the loop that took 50 ms
  // or more, as [from, to] in the monotonic microseconds a .cpuprofile uses, written to FILE at the
  // end, for scripts/long-turns.mjs to say what ran in each. A 1 ms timer marks the turns; it costs
  // a wake-up per millisecond, so it is only there when asked for.
  if (process.env.LOAD_PROBE_TURNS) {
    const turns = [];
    let last = process.hrtime.bigint();
    setInterval(() => {
      const now = process.hrtime.bigint();
      if (now - last >= 50_000_000n) turns.push({ from: Number(last / 1000n), to: Number(now / 1000n), ms: Math.round(Number(now - last) / 1e5) / 10 });
      last = now;
    }, 1).unref();
    process.on('exit', () => writeFileSync(process.env.LOAD_PROBE_TURNS, JSON.stringify({ turns })));
  }
}

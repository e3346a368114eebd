/**
 * The suite runs without mocha's `exit`, so it ends only when every test closed what it opened. This root
 * hook turns a leak into a named failure instead of a hung run: after all tests it waits (briefly, for
 * closes still in flight) until nothing but what was open at the start keeps the process alive, else it
 * fails, prints what is left, and ends the process once mocha has printed its summary.
 *
 * MEDESTANDER_OPEN_HANDLES=trace also prints where each leftover handle was created (slow: async_hooks).
 */
import { createHook } from 'node:async_hooks';

const GRACE_MS = 5000;
const TRACED = new Set(['TCPWRAP', 'TCPSERVERWRAP', 'Timeout', 'Immediate', 'WORKER', 'PROCESSWRAP', 'PIPEWRAP', 'FSEVENTWRAP', 'STATWATCHER', 'UDPWRAP', 'TTYWRAP', 'SIGNALWRAP']);

const origins = new Map<number, { type: string; where: Error; resource: object }>();
if (process.env['MEDESTANDER_OPEN_HANDLES'] === 'trace') {
  Error.stackTraceLimit = 30;
  createHook({
    // The Error's stack is formatted only when printed: formatting every timer's stack made the suite 5x slower.
    init(id, type, _trigger, resource) { if (TRACED.has(type)) origins.set(id, { type, where: new Error(), resource }); },
    destroy(id) { origins.delete(id); },
  }).enable();
}

const count = (list: string[]) => list.reduce((m, t) => m.set(t, (m.get(t) ?? 0) + 1), new Map<string, number>());
const baseline = count(process.getActiveResourcesInfo());

/** What keeps the process alive now that was not there before the first test. */
function leftover(): string[] {
  const now = count(process.getActiveResourcesInfo());
  const extra: string[] = [];
  for (const [type, n] of now) for (let i = baseline.get(type) ?? 0; i < n; i++) extra.push(type);
  return extra;
}

function describeOrigins(): string {
  const alive = [...origins.values()].filter(({ resource }) => {
    const r = resource as { hasRef?: () => boolean };
    return typeof r.hasRef !== 'function' || r.hasRef();
  });
  const stack = (e: Error) => (e.stack ?? '').split('\n').slice(1).filter((l) => !l.includes('node:internal') && !l.includes('open-handles')).slice(0, 12).join('\n');
  return alive.map((o) => `  ${o.type}\n${stack(o.where)}`).join('\n');
}

export const mochaHooks = {
  async afterAll(this: Mocha.Context) {
    this.timeout(GRACE_MS + 5000);
    const until = Date.now() + GRACE_MS;
    // Polling: a close in flight (a socket's FIN, a worker's exit) has no event to wait for from here.
    while (leftover().length > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    const left = leftover();
    if (left.length === 0) return;
    // The leftovers would keep the process alive after mocha's summary: end it once that is printed.
    setTimeout(() => process.exit(process.exitCode || 1), 2000).unref();
    const where = origins.size ? `\ncreated at:\n${describeOrigins()}` : '\n(run with MEDESTANDER_OPEN_HANDLES=trace to see where they were created)';
    throw new Error(`still open after all tests: ${left.join(', ')}${where}`);
  },
};

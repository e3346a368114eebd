/**
 * The suite runs without mocha's `exit`, so it ends only when every test closed what it opened. This root
 * hook turns a leak into a named failure instead of a hung run: once all tests are done it arms a timer
 * that does not itself keep the process alive; if the process is still alive when it fires, something
 * left open holds it, and the timer prints what and ends the run with exit code 1.
 *
 * MEDESTANDER_OPEN_HANDLES=trace also prints where each leftover handle was created (slower: async_hooks).
 */
import { createHook } from 'node:async_hooks';

// Closes still in flight after the last test (a socket's FIN, a worker thread's exit) take far less.
const GRACE_MS = 10_000;
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
    const r = resource as { hasRef?: () => boolean; _destroyed?: boolean };
    return r._destroyed !== true && (typeof r.hasRef !== 'function' || r.hasRef());
  });
  const stack = (e: Error) => (e.stack ?? '').split('\n').slice(1).filter((l) => !l.includes('node:internal') && !l.includes('open-handles')).slice(0, 12).join('\n');
  return alive.map((o) => `  ${o.type}\n${stack(o.where)}`).join('\n');
}

export const mochaHooks = {
  afterAll() {
    // Checked outside mocha's own hook (whose timer would count as open), after its summary is printed.
    setTimeout(() => {
      const where = origins.size ? `\ncreated at:\n${describeOrigins()}` : '\n(run with MEDESTANDER_OPEN_HANDLES=trace to see where they were created)';
      process.stderr.write(`\nFAILED: still open ${GRACE_MS / 1000} s after all tests, keeping the process alive: ${leftover().join(', ') || 'unknown'}${where}\n`);
      // mocha sets the exit code to its failure count when the process exits; this listener comes after its.
      process.on('exit', () => { process.exitCode = 1; });
      process.exit(1);
    }, GRACE_MS).unref();
  },
};

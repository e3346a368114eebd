/**
 * How the load benchmarks start the app with scripts/lib/load-probe.mjs inside it:
 * - `start` (default): as `npm start` runs it, compiled JavaScript through scripts/start.mjs;
 * - `tsx`: `server/main.ts` under tsx, as the tests run it (the figures before the eleventh session).
 *
 *   spawn('node', appArgs(runner, profileArgs), { env, stdio: [..., 'ipc'] })
 */
export const RUNNERS = ['start', 'tsx'] as const;
export type Runner = (typeof RUNNERS)[number];

export function appArgs(runner: string, nodeArgs: string[] = []): string[] {
  if (runner === 'start') return [...nodeArgs, '--import', './scripts/lib/load-probe.mjs', 'scripts/start.mjs'];
  if (runner === 'tsx') return [...nodeArgs, '--import', 'tsx', '--import', './scripts/lib/load-probe.mjs', 'server/main.ts'];
  throw new Error(`--runner must be one of ${RUNNERS.join(', ')}`);
}

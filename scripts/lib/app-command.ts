/**
 * How the load benchmarks start the app with scripts/lib/load-probe.mjs inside it:
 * - `start` (default): as `npm start` runs it: package.json's start command (compiled JavaScript
 *   through scripts/start.mjs, with its node flags such as the heap limit), run by sh as npm does;
 * - `tsx`: `server/main.ts` under tsx with node's defaults, as the tests run it (all runs before the
 *   eleventh session).
 *
 *   const { command, args } = appCommand(runner, profileArgs);
 *   spawn(command, args, { env, stdio: [..., 'ipc'] })   // `exec`: the IPC channel reaches node itself
 */
import { readFileSync } from 'node:fs';

export const RUNNERS = ['start', 'tsx'] as const;

export function appCommand(runner: string, nodeArgs: string[] = []): { command: string; args: string[] } {
  const probe = ['--import', './scripts/lib/load-probe.mjs'];
  if (runner === 'tsx') return { command: 'node', args: [...nodeArgs, '--import', 'tsx', ...probe, 'server/main.ts'] };
  if (runner !== 'start') throw new Error(`--runner must be one of ${RUNNERS.join(', ')}`);
  const start = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } }).scripts.start;
  const m = /^exec node (.*?)\s*scripts\/start\.mjs$/.exec(start);
  if (!m) throw new Error(`package.json's start script is not "exec node … scripts/start.mjs": ${start}`);
  const quoted = [...nodeArgs, ...probe].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  return { command: 'sh', args: ['-c', `exec node ${quoted} ${m[1]} scripts/start.mjs`] };
}

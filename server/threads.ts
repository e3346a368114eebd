// A worker thread for one of our own modules, started the same way whether the app runs compiled or under tsx.
//
//   const worker = startModuleThread(new URL(import.meta.url), { marker: 'my-thread', ... });
//
// Under tsx the module is a .ts file and the thread needs tsx's loader too; Node 20 ignores `--import`
// in a worker's execArgv, so a .ts entry is started through a two-line bootstrap that registers tsx's
// ESM hooks first. Compiled (npm start, scripts/start.mjs) it is plain .js and starts directly.
// server/engine/worker.ts does the same in its own lines: the engine imports nothing outside itself.

import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

export function startModuleThread(url: URL, workerData: unknown): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { workerData });
  // createRequire also works when a test runner has compiled this module to CommonJS; it finds the
  // package's require entry, whose ESM twin (.mjs) is the one that registers ESM hooks.
  const tsx = pathToFileURL(createRequire(url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(boot, { eval: true, workerData });
}

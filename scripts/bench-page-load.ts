/**
 * Issue 19's page load: pages under concurrency at N ideas, with the app's memory over the run.
 *   npm run -s bench-page-load [-- --ideas 10000 --connections 10 --seconds 20 --env development --runner start|tsx --pages /ideas,/,idea --cpu-prof DIR --keep]
 * Fills a temporary store with N ideas straight into the store (as bench-allies), starts the app with
 * scripts/lib/load-probe.mjs inside it, as `npm start` runs it (compiled; `--runner tsx`: under tsx), then for each page (/ideas, /, an idea page) requests it from
 * `connections` clients at once for `seconds`, as a visitor. Prints p50/p99 per page and the RSS
 * before and after each page (native memory shows in RSS, not in the heap).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { setPriority, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.js';
import { FLEMISH_MUNICIPALITIES, loadMunicipalities, municipalityId } from '../server/domain/organisations.js';
import { createRng } from '../server/engine/random.js';
import { newId } from '../server/store/ids.js';
import { createSqliteStore } from '../server/store/sqlite/index.js';
import type { Idea } from '../server/store/store.js';
import { appCommand } from './lib/app-command.js';
import { ideaTexts } from './lib/bench-texts.js';

const { values } = parseArgs({ options: {
  ideas: { type: 'string', default: '10000' }, connections: { type: 'string', default: '10' }, seconds: { type: 'string', default: '20' },
  env: { type: 'string', default: 'development' }, runner: { type: 'string', default: 'start' }, 'cpu-prof': { type: 'string' }, pages: { type: 'string', default: '/ideas,/,idea' }, keep: { type: 'boolean', default: false },
} });
const N = Number(values.ideas), C = Number(values.connections), SECONDS = Number(values.seconds);
const pct = (xs: number[], q: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN; };

const dir = mkdtempSync(path.join(tmpdir(), 'medestander-bench-pages-'));
const port = 3700 + Math.floor(Math.random() * 90);
const env = { ...process.env, NODE_ENV: values.env, DATA_DIR: dir, PORT: String(port), LOG_LEVEL: 'warn', ...(values.env === 'production' ? { SESSION_SECRET: randomBytes(32).toString('hex') } : {}) };
const store = createSqliteStore({ file: loadConfig(env).sqliteFile });
await store.init();
const now = new Date().toISOString();
await loadMunicipalities(store, now);
const text = ideaTexts(createRng(7));
const orgs = FLEMISH_MUNICIPALITIES.map((m) => municipalityId(m.nis));
const authors = orgs.map((organisationId, i) => ({ id: newId(), email: `lid${i}@bench.test`, name: `Lid ${i}`, phone: null, passwordHash: null, role: 'member' as const, organisationId, locale: 'nl' as const, active: true, createdAt: now, updatedAt: now }));
for (const u of authors) await store.createUser(u);
const ids: string[] = [];
for (let i = 0; i < N; i++) {
  const ts = new Date(Date.now() - (N - i) * 1000).toISOString();
  const idea: Idea = { id: newId(), organisationId: orgs[i % orgs.length]!, authorId: authors[i % orgs.length]!.id, ...text(), contact: { name: 'Bench', email: 'bench@bench.test', phone: null }, status: 'open', language: 'nl', hidden: false, callId: null, version: 1, createdAt: ts, updatedAt: ts };
  await store.createIdea(idea);
  ids.push(idea.id);
}
await store.close();

const base = `http://127.0.0.1:${port}`;
const profile = values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${values['cpu-prof']}`] : [];
const run = appCommand(values.runner!, profile);
const app = spawn(run.command, run.args, { env, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
// The clients stand in for browsers elsewhere: they run at a lower priority than the app on this box.
setPriority(10);
process.on('exit', () => app.kill('SIGTERM'));
let seq = 0;
interface Sample { rssMb: number; heapMb: number; cpuMs: number }
const answers = new Map<number, (m: Sample) => void>();
app.on('message', (m: Sample & { id: number }) => { answers.get(m.id)?.(m); answers.delete(m.id); });
const memory = () => new Promise<Sample>((resolve) => { const id = ++seq; answers.set(id, resolve); app.send({ type: 'sample', id }); });
for (const t = performance.now(); ;) {
  try { if ((await fetch(`${base}/healthz`)).ok) break; } catch { /* starting */ }
  if (performance.now() - t > 120_000) throw new Error('the app did not start within 2 minutes');
  await new Promise((r) => setTimeout(r, 50));
}
// The first recompute after the start runs in a worker thread: wait until the app is idle (under 5 % of
// a core for a second), so its CPU time is not counted against the first page.
for (let last = (await memory()).cpuMs, waited = 0; waited < 300; waited++) {
  await new Promise((r) => setTimeout(r, 1000));
  const now = (await memory()).cpuMs;
  if (now - last < 50) break;
  last = now;
}

console.log(`${new Date().toISOString().slice(0, 16)}Z · NODE_ENV=${values.env}, ${values.runner} · ${N} ideas · ${C} connections · ${SECONDS} s per page, as a visitor`);
// CPU ms per request: the app's CPU time (all its threads) over the page's requests. On one core of its
// own, 10 connections wait for one another: p50 comes to about 10 × this, whatever else shares the box.
console.log('| page | requests | p50 ms | p99 ms | app CPU ms per request | RSS before → after (MB) | heap after (MB) |');
console.log('|---|---|---|---|---|---|---|');
const pages = [['/ideas', () => '/ideas'], ['/', () => '/'], ['idea', () => `/ideas/${ids[Math.floor(Math.random() * ids.length)]}`]] as const;
for (const [name, url] of pages.filter(([name]) => values.pages.split(',').includes(name))) {
  const before = await memory();
  const times: number[] = [];
  const end = performance.now() + SECONDS * 1000;
  await Promise.all(Array.from({ length: C }, async () => {
    while (performance.now() < end) {
      const s = performance.now();
      const res = await fetch(`${base}${url()}`);
      await res.arrayBuffer();
      if (res.ok) times.push(performance.now() - s);
    }
  }));
  const after = await memory();
  console.log(`| ${name} | ${times.length} | ${pct(times, 0.5).toFixed(1)} | ${pct(times, 0.99).toFixed(1)} | ${((after.cpuMs - before.cpuMs) / times.length).toFixed(2)} | ${before.rssMb} → ${after.rssMb} | ${after.heapMb} |`);
}
app.kill('SIGTERM');
await new Promise((r) => app.once('exit', r));
if (values.keep) console.log(`store kept in ${dir}`); else rmSync(dir, { recursive: true, force: true });

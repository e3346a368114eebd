/**
 * Start-up time and page response times of the real app on the embedded store, with the demo data.
 *   npm run -s bench-pages [-- --requests 200 --concurrency 4]
 * Seeds the demo into a temporary DATA_DIR, starts `npm start` as a child process (time to the first
 * healthy /healthz = start-up), then requests each page sequentially and under concurrency over
 * real HTTP. Prints medians and p99 per page as a table; nothing is kept.
 */
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { requests: { type: 'string', default: '200' }, concurrency: { type: 'string', default: '4' } } });
const N = Number(values.requests);
const C = Number(values.concurrency);
const dir = mkdtempSync(path.join(tmpdir(), 'medestander-bench-'));
const port = 3900 + Math.floor(Math.random() * 90);
const env = { ...process.env, DATA_DIR: dir, PORT: String(port), LOG_LEVEL: 'warn', NODE_ENV: 'production', SESSION_SECRET: 'b'.repeat(40) };
execFileSync('npm', ['run', '-s', 'seed:demo', '--', '--password', 'bench-wachtwoord-2026'], { env, stdio: 'ignore' });

const base = `http://127.0.0.1:${port}`;
const t0 = performance.now();
const child = spawn('node', ['--import', 'tsx', 'server/main.ts'], { env, stdio: 'ignore' });
let startupMs = 0;
for (;;) {
  try {
    if ((await fetch(`${base}/healthz`)).ok) { startupMs = performance.now() - t0; break; }
  } catch { /* not listening yet */ }
  await new Promise((r) => setTimeout(r, 10));
  if (performance.now() - t0 > 30_000) throw new Error('the app did not start within 30 s');
}

const quantile = (xs: number[], q: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))]!; };
const anIdea = ((await (await fetch(`${base}/api/ideas?pageSize=1`)).json()) as { items: { id: string }[] }).items[0]!.id;
const pages = ['/', '/ideas', '/ideas?q=afspraken', '/ideas?theme=democracy&province=Limburg', `/ideas/${anIdea}`, '/organisations', '/api/ideas', '/api/organisations'];

async function timeOne(url: string): Promise<number> {
  const s = performance.now();
  const res = await fetch(base + url);
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return performance.now() - s;
}

const rows: string[] = [];
for (const url of pages) {
  for (let i = 0; i < 20; i++) await timeOne(url); // warm-up
  const seq: number[] = [];
  for (let i = 0; i < N; i++) seq.push(await timeOne(url));
  const conc: number[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: C }, async () => { while (next++ < N) conc.push(await timeOne(url)); }));
  rows.push(`| \`${url.replace(anIdea, ':id')}\` | ${quantile(seq, 0.5).toFixed(1)} | ${quantile(seq, 0.99).toFixed(1)} | ${quantile(conc, 0.5).toFixed(1)} | ${quantile(conc, 0.99).toFixed(1)} |`);
}
child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
rmSync(dir, { recursive: true, force: true });

console.log(`Start-up to healthy /healthz (process start included): ${startupMs.toFixed(0)} ms`);
console.log(`${N} requests per page, sequential and with ${C} concurrent clients; milliseconds, demo data (68 ideas).`);
console.log('| page | p50 | p99 | p50 (concurrent) | p99 (concurrent) |');
console.log('|---|---|---|---|---|');
for (const r of rows) console.log(r);

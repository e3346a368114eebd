/**
 * Issue 19's load run, over real HTTP and real sockets against the app in its own process:
 *   npm run -s bench-load [-- --ideas 10000 --members 250 --sockets 500 --board 2 --concurrency 8 --soak 300 --env development --runner start|tsx --cpu-prof DIR --settle-timeout 300 --rate 0 --client-nice 10]
 *
 * 1. A temporary store with the 285 municipalities, `members` members spread over them and two
 *    programme-team users (a cheap password hash: signing in is not what is measured here).
 * 2. Starts the app as `npm start` does (compiled, scripts/start.mjs; `--runner tsx`: server/main.ts
 *    under tsx; see lib/app-command.ts), NODE_ENV `--env`, with scripts/lib/load-probe.mjs inside it: perf_hooks.monitorEventLoopDelay and the memory, sampled every second over IPC.
 * 3. Signs the members in, connects `sockets` member sockets (round robin over them) and `board`
 *    board sockets, and counts what they receive.
 * 4. Posting: `ideas` ideas through POST /api/ideas by the members, `concurrency` at a time; then waits
 *    for the recompute that follows the last post.
 * 5. Soak for `soak` seconds: similar-idea queries, page views (/ideas, /, idea pages), a post a
 *    second, and an endorsement every second timed from the request to the owner's socket (taken back after).
 * Throughout, GET /healthz every 250 ms. Prints one Markdown report. Client and server share the
 * machine's cores; the figures include the client's own overhead.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { setPriority, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import argon2 from 'argon2';
import Database from 'better-sqlite3';
import { loadConfig } from '../server/config.js';
import { FLEMISH_MUNICIPALITIES, loadMunicipalities, municipalityId } from '../server/domain/organisations.js';
import { createRng } from '../server/engine/random.js';
import { newId } from '../server/store/ids.js';
import { createSqliteStore } from '../server/store/sqlite/index.js';
import type { User } from '../server/store/store.js';
import { appCommand } from './lib/app-command.js';
import { ideaTexts } from './lib/bench-texts.js';
import { clients, type Session } from './lib/load-clients.js';

const { values } = parseArgs({ options: {
  ideas: { type: 'string', default: '10000' }, members: { type: 'string', default: '250' }, sockets: { type: 'string', default: '500' },
  board: { type: 'string', default: '2' }, concurrency: { type: 'string', default: '8' }, soak: { type: 'string', default: '300' },
  env: { type: 'string', default: 'development' }, runner: { type: 'string', default: 'start' }, corpus: { type: 'string' }, 'cpu-prof': { type: 'string' },
  'settle-timeout': { type: 'string', default: '300' }, rate: { type: 'string', default: '0' }, 'client-nice': { type: 'string', default: '10' },
} });
const N = Number(values.ideas), M = Number(values.members), S = Number(values.sockets), B = Number(values.board);
const C = Number(values.concurrency), SOAK_S = Number(values.soak), RATE = Number(values.rate);
const PASSWORD = 'bench-wachtwoord-2026';
const rng = createRng(2026);
const text = ideaTexts(rng, values.corpus);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], q: number) => { if (xs.length === 0) return NaN; const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))]!; };
const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '–');

// --- 1. the store ---------------------------------------------------------------------------------
const dir = mkdtempSync(path.join(tmpdir(), 'medestander-bench-load-'));
const port = 3800 + Math.floor(Math.random() * 90);
// Production's session cookie is Secure (HTTPS in front): with --env production the bench still talks plain HTTP, so it sets TRUST_PROXY and says it is HTTPS.
const env = { ...process.env, NODE_ENV: values.env, DATA_DIR: dir, PORT: String(port), LOG_LEVEL: 'warn', SIGNIN_MAX_FAILURES: '100000',
  // An honest load, not abuse: the write limits of a real town hall would stop the benchmark's posters.
  LIMIT_IDEAS_PER_HOUR: '1000000', LIMIT_ENDORSEMENTS_PER_HOUR: '1000000', LIMIT_WRITES_PER_MINUTE: '1000000',
  LIMIT_SOCKET_REQUESTS_PER_MINUTE: '1000000', SIGNIN_MAX_FAILURES_PER_ADDRESS: '100000', SIGNIN_MAX_FAILURES_PER_ACCOUNT: '100000',
  ...(values.env === 'production' ? { SESSION_SECRET: randomBytes(32).toString('hex'), TRUST_PROXY: 'true' } : {}) };
const config = loadConfig(env);
const store = createSqliteStore({ file: config.sqliteFile });
await store.init();
const now = new Date().toISOString();
await loadMunicipalities(store, now);
const hash = await argon2.hash(PASSWORD, { type: argon2.argon2id, memoryCost: 1024, timeCost: 1 });
const orgs = FLEMISH_MUNICIPALITIES.map((m) => municipalityId(m.nis));
const user = (i: number, role: User['role']): User => ({ id: newId(), email: `${role}${i}@bench.test`, name: `${role} ${i}`, phone: null, passwordHash: hash, role,
  organisationId: role === 'member' ? orgs[i % orgs.length]! : null, locale: 'nl', active: true, createdAt: now, updatedAt: now });
const members = Array.from({ length: M }, (_, i) => user(i, 'member'));
const programme = Array.from({ length: Math.max(1, B) }, (_, i) => user(i, 'programme'));
for (const u of [...members, ...programme]) await store.createUser(u);
await store.close();

// --- 2. the app with the probe --------------------------------------------------------------------
const base = `http://127.0.0.1:${port}`;
const profile = values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${values['cpu-prof']}`] : []; // a .cpuprofile of the app, for finding what blocks
// With the profile, the probe lists the loop's turns of 50 ms or more beside it: `node scripts/long-turns.mjs DIR` says what ran in each.
if (values['cpu-prof']) Object.assign(env, { LOAD_PROBE_TURNS: path.resolve(values['cpu-prof'], 'long-turns.json') });
const run = appCommand(values.runner!, profile);
const app = spawn(run.command, run.args, { env, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
process.on('exit', () => app.kill('SIGTERM'));
// The load generator stands in for browsers on other machines: on this box it would take cores from the
// app and its delay would count against the app. It runs at a lower priority (the app keeps 0).
if (Number(values['client-nice']) > 0) setPriority(Number(values['client-nice']));
let seq = 0;
const answers = new Map<number, (m: ProbeSample) => void>();
interface Stats { p50: number; p99: number; max: number }
interface Gc { maxMs: number; maxKind: string; over20: number; totalMs: number }
interface ProbeSample { id: number; window: Stats; phase: Stats; gc: Gc; gcPhase: Gc; rssMb: number; heapMb: number; externalMb: number }
app.on('message', (m: ProbeSample) => { answers.get(m.id)?.(m); answers.delete(m.id); });
const probe = (type: 'sample' | 'phase') => new Promise<ProbeSample>((resolve) => { const id = ++seq; answers.set(id, resolve); app.send({ type, id }); });
const started = performance.now();
for (;;) {
  try { if ((await fetch(`${base}/healthz`)).ok) break; } catch { /* starting */ }
  if (performance.now() - started > 120_000) throw new Error('the app did not start within 2 minutes');
  await sleep(50);
}

// Every second: the loop's delay and the memory; every 250 ms: /healthz.
const timeline: { t: number; phase: string; eld: Stats; gc: Gc; rssMb: number; heapMb: number; externalMb: number }[] = [];
const healthz: { phase: string; ms: number }[] = [];
let phase = 'connecting';
let running = true;
const t0 = performance.now();
const wall0 = Date.now();
const sampler = (async () => { while (running) { await sleep(1000); const s = await probe('sample'); timeline.push({ t: Math.round((performance.now() - t0) / 1000), phase, eld: s.window, gc: s.gc, rssMb: s.rssMb, heapMb: s.heapMb, externalMb: s.externalMb }); } })();
const health = (async () => { while (running) { const s = performance.now(); await fetch(`${base}/healthz`).then((r) => r.arrayBuffer()).catch(() => undefined); healthz.push({ phase, ms: performance.now() - s }); await sleep(250); } })();

// --- 3. sessions and sockets ----------------------------------------------------------------------
const c = clients(base, PASSWORD);
const sessions: Session[] = await c.signInAll(members, 8);
const boards: Session[] = await c.signInAll(programme.slice(0, B), 2);
await c.connectAll(sessions, S);
await c.connectBoards(boards);

// --- 4. posting -----------------------------------------------------------------------------------
phase = 'posting';
await probe('phase');
const postMs: number[] = [];
let posted = 0;
let failures = 0;
const postStart = performance.now();
// --rate R: an open loop of R posts a second (what a busy programme might see), at most `concurrency`
// in flight; 0: as fast as `concurrency` clients can post (the server saturated, its queue included).
const slot = (i: number) => (RATE > 0 ? sleep(Math.max(0, postStart + (i * 1000) / RATE - performance.now())) : Promise.resolve());
await Promise.all(Array.from({ length: C }, async () => {
  while (posted < N) {
    const i = posted++;
    await slot(i);
    const r = await c.post(sessions[i % sessions.length]!, text()).catch(() => null);
    if (r) postMs.push(r.ms); else failures++;
  }
}));
const postSeconds = (performance.now() - postStart) / 1000;
const lastPost = new Date().toISOString();
const postingProbe = await probe('phase');
const postingEld = postingProbe.phase;
phase = 'settling';
const recomputedAfter = await c.recomputedAfter(lastPost, Number(values['settle-timeout']) * 1000);
await sleep(6000); // the news of the recompute's placements: batched each second, pushed at most every 5 s per user
const settleProbe = await probe('phase');
const settleEld = settleProbe.phase;
const pushedAfterPosting = c.counts();

// --- 5. the mixed soak ----------------------------------------------------------------------------
phase = 'soak';
const soakEnd = performance.now() + SOAK_S * 1000;
const soak = await c.soak({ until: soakEnd, text, pages: 2, similar: 2 });
const soakProbe = await probe('phase');
const soakEld = soakProbe.phase;
running = false;
await Promise.all([sampler, health]);
const pushed = c.counts();
c.closeAll();

const db = new Database(config.sqliteFile, { readonly: true });
const created = db.prepare('SELECT kind, count(*) AS n FROM notifications GROUP BY kind ORDER BY kind').all() as { kind: string; n: number }[];
const held = (db.prepare('SELECT count(*) AS n FROM digest_items').get() as { n: number }).n;
db.close();
app.kill('SIGTERM');
await new Promise((r) => app.once('exit', r));
rmSync(dir, { recursive: true, force: true });

// --- the report -----------------------------------------------------------------------------------
const hz = (p: string) => healthz.filter((h) => h.phase === p).map((h) => h.ms);
const rssOf = (p: string) => timeline.filter((x) => x.phase === p).map((x) => x.rssMb);
console.log(`${new Date().toISOString().slice(0, 16)}Z · NODE_ENV=${values.env}, ${values.runner} · ${N} ideas posted by ${sessions.length} members · ${c.socketCount()} member sockets + ${boards.length} board sockets · soak ${SOAK_S} s`);
console.log('');
console.log('| phase | figure |');
console.log('|---|---|');
console.log(`| posting | ${posted - failures} posts in ${postSeconds.toFixed(1)} s = **${((posted - failures) / postSeconds).toFixed(1)} posts/s** at ${C} concurrent${RATE > 0 ? `, paced at ${RATE}/s` : ''}; POST p50 ${f1(pct(postMs, 0.5))} ms, p99 ${f1(pct(postMs, 0.99))} ms; ${failures} failed |`);
console.log(`| posting | event-loop delay p50 ${postingEld.p50} ms, **p99 ${postingEld.p99} ms, max ${postingEld.max} ms**; /healthz max ${f1(Math.max(...hz('posting')))} ms |`);
console.log(`| after the last post | recompute adopted ${recomputedAfter === null ? `not seen within ${values['settle-timeout']} s` : `${(recomputedAfter / 1000).toFixed(1)} s later`}; event-loop delay p99 ${settleEld.p99} ms, max ${settleEld.max} ms; /healthz max ${f1(Math.max(...hz('settling')))} ms |`);
console.log(`| soak | ${soak.requests} requests (${soak.posts} posts, ${soak.similar} similar queries, ${soak.pages} page views, ${soak.endorsements} endorsements); event-loop delay p99 ${soakEld.p99} ms, max ${soakEld.max} ms; /healthz max ${f1(Math.max(...hz('soak')))} ms |`);
console.log(`| soak | endorsement → notification at the owner's socket: p50 ${f1(pct(soak.endorseMs, 0.5))} ms, **p99 ${f1(pct(soak.endorseMs, 0.99))} ms** (n = ${soak.endorseMs.length}, ${soak.missed} missed within 5 s) |`);
console.log(`| soak | pages p50 / p99: /ideas ${soak.pageMs('/ideas')}, / ${soak.pageMs('/')}, idea page ${soak.pageMs('idea')} ms; similar ${f1(pct(soak.similarMs, 0.5))} / ${f1(pct(soak.similarMs, 0.99))} ms |`);
const gcOf = (g: Gc) => `longest ${g.maxMs} ms (${g.maxKind || '–'}), ${g.over20} of 20 ms or more, ${(g.totalMs / 1000).toFixed(1)} s in all`;
console.log(`| garbage collection | pauses while posting: ${gcOf(postingProbe.gcPhase)}; after the last post: ${gcOf(settleProbe.gcPhase)}; soak: ${gcOf(soakProbe.gcPhase)} |`);
console.log(`| notifications | created (rows by kind): ${created.map((k) => `${k.kind} ${k.n}`).join(', ') || 'none'}; held for the digest: ${held} |`);
console.log(`| notifications | pushed to member sockets: ${pushed.notifications} events (${pushedAfterPosting.notifications} by 6 s after the recompute that followed the posting), ${pushed.unread} unread counts; max per socket ${pushed.maxPerSocket}; board updates ${pushed.board} |`);
console.log(`| memory | RSS MB: start ${timeline[0]?.rssMb}, end of posting ${rssOf('posting').at(-1)}, soak max ${Math.max(...rssOf('soak'))}, end ${timeline.at(-1)?.rssMb}; heap at the end ${timeline.at(-1)?.heapMb} MB |`);
console.log('');
console.log('RSS over time (MB, every 10 s; heap / external in brackets): ' + timeline.filter((_, i) => i % 10 === 0).map((x) => `${x.t}s ${x.phase[0]} ${x.rssMb} (${x.heapMb}/${x.externalMb})`).join(' · '));
// When the slowest endorsements were, beside the recomputes adopted during the soak (seconds on the timeline's clock).
const secondsOf = (at: number) => Math.round((at - t0) / 1000);
const soakFrom = soakEnd - SOAK_S * 1000;
console.log('Endorsement → notification, the slowest 5: ' + soak.endorseMs.map((ms, i) => ({ ms, i, t: secondsOf(soak.endorseAt[i]!) })).sort((a, b) => b.ms - a.ms).slice(0, 5)
  .map((x) => `${x.t}s ${f1(x.ms)} ms (#${x.i + 1})`).join(' · ') + '; recomputes adopted in the soak at: ' + c.recomputeTimes().map((at) => Math.round((Date.parse(at) - wall0) / 1000))
  .filter((t) => t >= secondsOf(soakFrom)).map((t) => `${t}s`).join(', '));
console.log('RSS, the highest 5 seconds (MB; heap / external in brackets): ' + [...timeline].sort((a, b) => b.rssMb - a.rssMb).slice(0, 5).map((x) => `${x.t}s ${x.phase} ${x.rssMb} (${x.heapMb}/${x.externalMb})`).join(' · '));
console.log('Event-loop delay per second, the worst 5 (max ms): ' + [...timeline].sort((a, b) => b.eld.max - a.eld.max).slice(0, 5).map((x) => `${x.t}s ${x.phase} ${x.eld.max} (longest GC pause ${x.gc.maxMs} ms ${x.gc.maxKind})`).join(' · '));

/**
 * Issue 4's figures, over real HTTP and real sockets against the app in its own process:
 *   npm run -s bench-allies [-- --ideas 10000 --requests 2000 --concurrency 4 --sockets 500 --endorsements 200 --corpus items.jsonl]
 *
 * 1. Fills a temporary store with N ideas from the 285 municipalities. Without --corpus the texts are
 *    Dutch, recombined (seeded) from the sentences of the demo ideas, so the benchmark needs nothing
 *    outside the repository; that corpus is harsher than real ideas (every sentence recurs in many
 *    ideas, so posting lists are long). With --corpus (JSON Lines with title/text, e.g. the UK petition
 *    titles in ../shared/data/corpora/) the ideas are real texts, the queries half-typed others from it.
 * 2. Starts the app (`node --import tsx server/main.ts`), waits for /healthz; reports the start-up time
 *    (the engine is built from the store during start-up).
 * 3. `POST /api/ideas/similar` under concurrent load (texts typed half-way, as in the form): p50/p99.
 * 4. Signs in S members of S different municipalities, connects one socket.io client each, then makes
 *    endorsements one after another and times each from sending the request to the notification
 *    arriving at the idea owner's socket: p50/p99. Each endorsement is taken back afterwards.
 * Client and server share the machine's cores; the figures include the client's own overhead.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { io as connect, type Socket } from 'socket.io-client';
import { loadConfig } from '../server/config.js';
import { createAccounts } from '../server/domain/accounts.js';
import { systemClock } from '../server/domain/clock.js';
import { FLEMISH_MUNICIPALITIES, loadMunicipalities, municipalityId } from '../server/domain/organisations.js';
import { createRng } from '../server/engine/random.js';
import { createMailer } from '../server/mail.js';
import { newId } from '../server/store/ids.js';
import { createSqliteStore } from '../server/store/sqlite/index.js';
import type { Idea, Theme, User } from '../server/store/store.js';

const { values } = parseArgs({ options: {
  ideas: { type: 'string', default: '10000' }, requests: { type: 'string', default: '2000' }, concurrency: { type: 'string', default: '8' },
  sockets: { type: 'string', default: '500' }, endorsements: { type: 'string', default: '200' }, corpus: { type: 'string' },
} });
const N = Number(values.ideas), R = Number(values.requests), C = Number(values.concurrency), S = Number(values.sockets), E = Number(values.endorsements);
const PASSWORD = 'bench-wachtwoord-2026';
const rng = createRng(2026);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
const pct = (xs: number[], q: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))]!; };
const ms = (x: number) => x.toFixed(1);

// --- 1. the store -------------------------------------------------------------------------------
type Demo = { title: string; description: string; theme: Theme; tags: string[] };
const demo = JSON.parse(readFileSync(new URL('./demo/ideas.json', import.meta.url), 'utf8')) as (Demo & { language: string })[];
const dutch = demo.filter((d) => d.language === 'nl');
const sentences = dutch.flatMap((d) => d.description.split(/(?<=[.!?])\s+/).filter((s) => s.length > 30));
const corpus = values.corpus
  ? readFileSync(values.corpus, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { title?: string; text?: string })
    .map((d) => ({ title: (d.title || d.text || '').slice(0, 140), description: (d.text && d.text !== d.title ? d.text : d.title ?? '').padEnd(20, '.').slice(0, 4900) }))
    .filter((d) => d.title.length >= 5)
  : null;
const text = () => {
  if (corpus) return { ...pick(corpus), theme: pick(['services', 'democracy', 'workplace'] as const), tags: [] as string[] };
  const base = pick(dutch);
  const description = [pick(sentences), pick(sentences), pick(sentences)].join(' ').slice(0, 4900);
  const words = base.title.split(' ');
  const title = `${words.slice(0, Math.max(3, Math.ceil(words.length * (0.5 + rng() / 2)))).join(' ')} ${pick(pick(dutch).title.split(' '))}`.slice(0, 140);
  return { title: title.length >= 5 ? title : base.title, description, theme: base.theme, tags: base.tags.slice(0, 3) };
};

const dir = mkdtempSync(path.join(tmpdir(), 'medestander-bench-allies-'));
const port = 3700 + Math.floor(Math.random() * 90);
const env = { ...process.env, DATA_DIR: dir, PORT: String(port), LOG_LEVEL: 'warn', SIGNIN_MAX_FAILURES: '100000' };
// Development mode: production's session cookie is Secure and would need HTTPS in front.
const config = loadConfig(env);
const store = createSqliteStore({ file: config.sqliteFile });
await store.init();
const now = new Date().toISOString();
await loadMunicipalities(store, now);
const accounts = createAccounts({ store, clock: systemClock, mailer: createMailer({ transport: 'off' }), log: { info: () => {} }, baseUrl: config.baseUrl, invitationTtlMs: 1 });
const hash = await accounts.hashPassword(PASSWORD);
const orgs = FLEMISH_MUNICIPALITIES.map((m) => municipalityId(m.nis));
const members: User[] = [];
for (let i = 0; i < Math.max(S, orgs.length); i++) {
  const organisationId = orgs[i % orgs.length]!;
  const u: User = { id: newId(), email: `lid${i}@bench.test`, name: `Lid ${i}`, phone: null, passwordHash: hash, role: 'member', organisationId, locale: 'nl', active: true, createdAt: now, updatedAt: now };
  await store.createUser(u);
  members.push(u);
}
let t = performance.now();
const ideasByOrg = new Map<string, Idea[]>();
for (let i = 0; i < N; i++) {
  const author = members[i % members.length]!;
  const d = text();
  const ts = new Date(Date.now() - (N - i) * 1000).toISOString();
  const idea: Idea = { id: newId(), organisationId: author.organisationId!, authorId: author.id, ...d, contact: { name: author.name, email: author.email, phone: null }, status: 'open', language: 'nl', hidden: false, callId: null, version: 1, createdAt: ts, updatedAt: ts };
  await store.createIdea(idea);
  (ideasByOrg.get(idea.organisationId) ?? ideasByOrg.set(idea.organisationId, []).get(idea.organisationId)!).push(idea);
}
console.error(`store filled: ${N} ideas, ${members.length} members in ${((performance.now() - t) / 1000).toFixed(1)} s`);
await store.close();

// --- 2. the app -----------------------------------------------------------------------------------
const base = `http://127.0.0.1:${port}`;
t = performance.now();
const app = spawn('node', ['--import', 'tsx', 'server/main.ts'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
for (;;) {
  try { if ((await fetch(`${base}/healthz`)).ok) break; } catch { /* starting */ }
  if (performance.now() - t > 120_000) throw new Error('the app did not start within 2 minutes');
  await new Promise((r) => setTimeout(r, 20));
}
const startupMs = performance.now() - t;
process.on('exit', () => app.kill('SIGTERM')); // never leave the server behind, also when a step fails

async function signIn(email: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
  if (res.status !== 201) throw new Error(`sign-in ${email}: ${res.status}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

// --- 3. similar under load ---------------------------------------------------------------------
const me = await signIn(members[0]!.email);
const similar = async () => {
  const d = text();
  const body = JSON.stringify({ title: d.title.slice(0, Math.ceil(d.title.length * 0.6)), description: d.description.slice(0, Math.ceil(d.description.length * 0.5)) });
  const s = performance.now();
  const res = await fetch(`${base}/api/ideas/similar`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: me.cookie, 'x-csrf-token': me.csrf }, body });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`similar: ${res.status}`);
  return performance.now() - s;
};
for (let i = 0; i < 100; i++) await similar(); // warm-up
const similarMs: number[] = [];
let issued = 0;
await Promise.all(Array.from({ length: C }, async () => { while (issued++ < R) similarMs.push(await similar()); }));

// --- 4. notifications with S sockets -------------------------------------------------------------
const sessions: { user: User; cookie: string; csrf: string }[] = [];
let next = 0;
await Promise.all(Array.from({ length: 4 }, async () => {
  while (next < S) { const user = members[next++]!; sessions.push({ user, ...(await signIn(user.email)) }); }
}));
const sockets = new Map<string, Socket>();
await Promise.all(sessions.map((s) => new Promise<void>((resolve, reject) => {
  const socket = connect(base, { transports: ['websocket'], extraHeaders: { cookie: s.cookie }, reconnection: false });
  socket.once('connect', () => { sockets.set(s.user.id, socket); resolve(); });
  socket.once('connect_error', reject);
})));
const latencies: number[] = [];
const requestMs: number[] = [];
for (let i = 0; i < E; i++) {
  const owner = sessions[i % sessions.length]!;
  const endorser = sessions[(i * 7 + 3) % sessions.length]!;
  if (owner.user.organisationId === endorser.user.organisationId) continue;
  const idea = pick(ideasByOrg.get(owner.user.organisationId!)!);
  const socket = sockets.get(owner.user.id)!;
  const arrived = new Promise<number>((resolve) => {
    const on = (n: { link: string; kind: string }) => { if (n.kind === 'endorsed' && n.link.includes(idea.id)) { socket.off('notification:created', on); resolve(performance.now()); } };
    socket.on('notification:created', on);
  });
  const s = performance.now();
  const res = await fetch(`${base}/api/ideas/${idea.id}/endorsements`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: endorser.cookie, 'x-csrf-token': endorser.csrf }, body: JSON.stringify({ message: 'Wij doen graag mee.' }) });
  requestMs.push(performance.now() - s);
  if (res.status !== 201) throw new Error(`endorse: ${res.status} ${await res.text()}`);
  latencies.push((await Promise.race([arrived, new Promise<number>((_, rej) => setTimeout(() => rej(new Error('no notification within 5 s')), 5000))])) - s);
  await fetch(`${base}/api/ideas/${idea.id}/endorsements/mine`, { method: 'DELETE', headers: { cookie: endorser.cookie, 'x-csrf-token': endorser.csrf } });
}
for (const s of sockets.values()) s.close();
app.kill('SIGTERM');
await new Promise((r) => app.once('exit', r));
rmSync(dir, { recursive: true, force: true });

console.log(`${new Date().toISOString().slice(0, 10)} · ${N} ideas · start-up to healthy ${ms(startupMs)} ms (engine built from the store)`);
console.log('| measure | n | p50 ms | p99 ms |');
console.log('|---|---|---|---|');
console.log(`| POST /api/ideas/similar, ${C} concurrent clients | ${similarMs.length} | ${ms(pct(similarMs, 0.5))} | ${ms(pct(similarMs, 0.99))} |`);
console.log(`| endorsement request → notification at the owner's socket, ${sockets.size} sockets connected | ${latencies.length} | ${ms(pct(latencies, 0.5))} | ${ms(pct(latencies, 0.99))} |`);
console.log(`| POST /api/ideas/:id/endorsements (response) | ${requestMs.length} | ${ms(pct(requestMs, 0.5))} | ${ms(pct(requestMs, 0.99))} |`);

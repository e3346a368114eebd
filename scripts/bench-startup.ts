/**
 * Start-up with many stored ideas (issue 14), over real HTTP against the app in its own process:
 *   npm run -s bench-startup [-- --ideas 100000 --runs 2 --corpus items.jsonl --runner tsx|compiled|tsx,compiled --store DIR --cpu-prof DIR]
 *
 * 1. Fills a SQLite store in a temporary directory with N open ideas from the 285 municipalities:
 *    the UK petition titles of ../shared/data/corpora/ (English; beyond its 47,836 titles, seeded
 *    recombinations of two titles, as bench-engine does) or --corpus; without either, Dutch text
 *    recombined from the demo ideas' sentences.
 * 2. Starts the app as `npm start` does (`node --import tsx server/main.ts`; with --runner compiled,
 *    from a copy of the repository whose TypeScript was compiled to JavaScript by esbuild, to compare;
 *    both: --runs runs of each, alternated)
 *    and times, from spawning it:
 *      healthz  - the first 200 from GET /healthz (the app listens once the engine holds every idea);
 *      similar  - a member signs in and POST /api/ideas/similar answers with at least one idea;
 *      recomputed - the first full recompute is saved (cluster_state's version moves; read from the
 *                   SQLite file);
 *    and the app's peak memory (VmHWM of its process, worker threads included) once recomputed, and
 *    the CPU seconds the app had used at each point (less sensitive to a busy machine than wall clock).
 *    The first run starts without a saved cluster state (a fresh import), the next ones restart
 *    with the state the previous run saved (the usual restart).
 * Prints one JSON line per run and a table; the app and the temporary directory are removed at the end.
 * --cpu-prof DIR writes a .cpuprofile of each run of the app there (main thread and worker threads; written as it stops).
 * --store DIR keeps the store in DIR, and a later run with the same DIR reuses its ideas (and members)
 * without filling it again (its saved cluster state is cleared first: the first run is a fresh import).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { loadConfig } from '../server/config.js';
import { createAccounts } from '../server/domain/accounts.js';
import { systemClock } from '../server/domain/clock.js';
import { FLEMISH_MUNICIPALITIES, loadMunicipalities, municipalityId } from '../server/domain/organisations.js';
import { createRng } from '../server/engine/random.js';
import { createMailer } from '../server/mail.js';
import { newId } from '../server/store/ids.js';
import { createSqliteStore } from '../server/store/sqlite/index.js';
import type { Idea, Language, Theme, User } from '../server/store/store.js';

const { values } = parseArgs({ options: {
  ideas: { type: 'string', default: '100000' }, runs: { type: 'string', default: '2' }, corpus: { type: 'string' },
  runner: { type: 'string', default: 'tsx' }, store: { type: 'string' }, 'cpu-prof': { type: 'string' },
} });
const N = Number(values.ideas);
const RUNS = Math.max(1, Number(values.runs));
const RUNNERS = values.runner!.split(',');
if (RUNNERS.some((r) => r !== 'tsx' && r !== 'compiled')) throw new Error('--runner must be tsx, compiled or both (tsx,compiled)');
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PETITIONS = path.join(ROOT, '..', 'shared', 'data', 'corpora', 'uk_petitions_titles_en.jsonl');
const PASSWORD = 'bench-wachtwoord-2026';
const rng = createRng(2026);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
const THEMES: Theme[] = ['services', 'democracy', 'workplace'];

// --- 1. the texts -----------------------------------------------------------------------------------
type Text = { title: string; description: string; language: Language };
function texts(): { source: string; make: (i: number) => Text } {
  const file = values.corpus ?? (existsSync(PETITIONS) ? PETITIONS : null);
  if (file) {
    const base = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as { title?: string; text?: string; language?: string })
      .map((d) => {
        const title = (d.title || d.text || '').trim().slice(0, 140);
        const description = d.text && d.text.trim() !== title ? d.text.trim().slice(0, 4900) : '';
        const language = (d.language === 'nl' || d.language === 'fr' ? d.language : 'en') as Language;
        return { title, description, language };
      }).filter((d) => d.title.length >= 5);
    for (let i = base.length - 1; i > 0; i--) { const j = Math.floor(rng() * (i + 1)); [base[i], base[j]] = [base[j]!, base[i]!]; }
    return {
      source: path.basename(file),
      make: (i) => {
        if (i < base.length) return base[i]!;
        const a = pick(base).title.split(' ');
        const b = pick(base).title.split(' ');
        return { ...pick(base), title: [...a.slice(0, Math.ceil(a.length / 2)), ...b.slice(Math.floor(b.length / 2))].join(' ').slice(0, 140) };
      },
    };
  }
  const demo = JSON.parse(readFileSync(path.join(ROOT, 'scripts', 'demo', 'ideas.json'), 'utf8')) as { title: string; description: string; language: string }[];
  const dutch = demo.filter((d) => d.language === 'nl');
  const sentences = dutch.flatMap((d) => d.description.split(/(?<=[.!?])\s+/).filter((s) => s.length > 30));
  return {
    source: 'generated (demo sentences)',
    make: () => {
      const base = pick(dutch);
      const words = base.title.split(' ');
      const title = `${words.slice(0, Math.max(3, Math.ceil(words.length * (0.5 + rng() / 2)))).join(' ')} ${pick(pick(dutch).title.split(' '))}`.slice(0, 140);
      return { title, description: [pick(sentences), pick(sentences)].join(' ').slice(0, 4900), language: 'nl' };
    },
  };
}

// --- 2. the store -----------------------------------------------------------------------------------
// --store DIR: a store filled by an earlier run (the ideas are kept; filling 100k takes minutes).
const reuse = values.store !== undefined && existsSync(path.join(values.store, 'medestander.sqlite'));
const dir = values.store ?? mkdtempSync(path.join(tmpdir(), 'medestander-bench-startup-'));
if (values.store !== undefined) mkdirSync(dir, { recursive: true });
const port = 3800 + Math.floor(Math.random() * 90);
const env = { ...process.env, DATA_DIR: dir, PORT: String(port), LOG_LEVEL: 'warn', SIGNIN_MAX_FAILURES: '100000', NODE_ENV: 'development' };
let app: ChildProcess | null = null;
process.on('exit', () => {
  app?.kill('SIGKILL');
  if (values.store === undefined) rmSync(dir, { recursive: true, force: true });
  else rmSync(path.join(dir, 'app'), { recursive: true, force: true });
});

const config = loadConfig(env);
const store = createSqliteStore({ file: config.sqliteFile, durable: false }); // a throwaway store: no fsync per idea
await store.init();
if (reuse) {
  // Start from a fresh import: no saved cluster state.
  const db = new Database(config.sqliteFile);
  db.exec('DELETE FROM cluster_state');
  db.close();
}
const now = new Date().toISOString();
await loadMunicipalities(store, now);
const accounts = createAccounts({ store, clock: systemClock, mailer: createMailer({ transport: 'off' }), log: { info: () => {} }, baseUrl: config.baseUrl, invitationTtlMs: 1 });
const hash = await accounts.hashPassword(PASSWORD);
const members: User[] = FLEMISH_MUNICIPALITIES.map((m, i) => ({
  id: newId(), email: `lid${i}@bench.test`, name: `Lid ${i}`, phone: null, passwordHash: hash, role: 'member' as const,
  organisationId: municipalityId(m.nis), locale: 'nl' as const, active: true, createdAt: now, updatedAt: now,
}));
const { source, make } = texts();
let t = performance.now();
if (!reuse) for (const u of members) await store.createUser(u);
for (let i = 0; i < (reuse ? 0 : N); i++) {
  const author = members[i % members.length]!;
  const ts = new Date(Date.now() - (N - i) * 1000).toISOString();
  const idea: Idea = {
    id: newId(), organisationId: author.organisationId!, authorId: author.id, ...make(i), theme: THEMES[i % 3]!, tags: [],
    contact: { name: author.name, email: author.email, phone: null }, status: 'open', hidden: false, callId: null, version: 1, createdAt: ts, updatedAt: ts,
  };
  await store.createIdea(idea);
}
await store.close();
if (reuse) console.error(`store reused: ${dir}`);
else console.error(`store filled: ${N} ideas (${source}) in ${((performance.now() - t) / 1000).toFixed(1)} s`);

// --- 3. the app -------------------------------------------------------------------------------------
/** A copy of the repository with every .ts compiled to .js beside it (imports already name .js files). */
function compiledCopy(): string {
  const copy = path.join(dir, 'app');
  mkdirSync(copy);
  for (const entry of ['server', 'views', 'public', 'models', 'package.json']) if (existsSync(path.join(ROOT, entry))) cpSync(path.join(ROOT, entry), path.join(copy, entry), { recursive: true });
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'));
  // The esbuild that tsx brings (no dependency of our own).
  const esbuild = createRequire(createRequire(path.join(ROOT, 'package.json')).resolve('tsx'))('esbuild') as { transformSync: (code: string, o: object) => { code: string } };
  const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [path.join(d, e.name)] : []));
  for (const file of walk(path.join(copy, 'server'))) {
    const out = esbuild.transformSync(readFileSync(file, 'utf8'), { loader: 'ts', format: 'esm', target: 'node20', sourcemap: 'inline', sourcefile: file });
    // tsx lets a JSON module be imported without its attribute; node wants it.
    writeFileSync(file.replace(/\.ts$/, '.js'), out.code.replace(/(from\s+(['"])[^'"]+\.json\2)(\s*;)/g, "$1 with { type: 'json' }$3"));
  }
  return copy;
}

const compiledRoot = RUNNERS.includes('compiled') ? compiledCopy() : null;
const base = `http://127.0.0.1:${port}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function savedVersion(): number | null {
  const db = new Database(config.sqliteFile, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare('SELECT version FROM cluster_state WHERE id = 1').get() as { version: number } | undefined;
    return row?.version ?? null;
  } catch {
    return null;
  } finally {
    db.close();
  }
}

/** CPU seconds the app's process has used so far (user + system, all its threads): figures that a busy machine inflates less than wall clock. */
function cpuS(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return +((Number(fields[11]) + Number(fields[12])) / 100).toFixed(2);
}

function peakMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

async function similarAnswers(): Promise<boolean> {
  const signIn = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: members[0]!.email, password: PASSWORD }) });
  if (signIn.status !== 201) throw new Error(`sign-in: ${signIn.status}`);
  const cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await signIn.json()) as { csrfToken: string };
  const probe = make(7);
  for (;;) {
    const res = await fetch(`${base}/api/ideas/similar`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken }, body: JSON.stringify({ title: probe.title, description: probe.description }) });
    const body = (await res.json()) as { items?: unknown[]; ideas?: unknown[] } | unknown[];
    const list = Array.isArray(body) ? body : body.items ?? body.ideas ?? [];
    if (res.ok && list.length > 0) return true;
    if (!res.ok) throw new Error(`similar: ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
    await sleep(20);
  }
}

const rows: Record<string, number | string | null>[] = [];
for (let run = 1; run <= RUNS * RUNNERS.length; run++) {
  // Several runners: alternated, run after run.
  const runner = RUNNERS[(run - 1) % RUNNERS.length]!;
  const cwd = runner === 'compiled' ? compiledRoot! : ROOT;
  const profile = values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(values['cpu-prof'])}`] : [];
  const args = [...profile, ...(runner === 'compiled' ? ['server/main.js'] : ['--import', 'tsx', 'server/main.ts'])];
  const before = savedVersion();
  t = performance.now();
  app = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'ignore', 'inherit'] });
  const pid = app.pid!;
  for (;;) {
    try { if ((await fetch(`${base}/healthz`)).ok) break; } catch { /* starting */ }
    if (app.exitCode !== null) throw new Error(`the app exited with code ${app.exitCode}`);
    if (performance.now() - t > 300_000) throw new Error('the app did not start within 5 minutes');
    await sleep(10);
  }
  const healthz = performance.now() - t;
  const healthzCpu = cpuS(pid);
  await similarAnswers();
  const similar = performance.now() - t;
  const similarCpu = cpuS(pid);
  for (;;) {
    const v = savedVersion();
    if (v !== null && v !== before) break;
    if (performance.now() - t > 600_000) throw new Error('no recompute saved within 10 minutes');
    await sleep(50);
  }
  const recomputed = performance.now() - t;
  const recomputedCpu = cpuS(pid);
  const row = {
    run, ideas: N, runner, savedState: before === null ? 'none' : 'restored',
    healthzS: +(healthz / 1000).toFixed(2), similarS: +(similar / 1000).toFixed(2), recomputedS: +(recomputed / 1000).toFixed(2), peakMb: peakMb(pid),
    cpuAtHealthzS: healthzCpu, cpuAtSimilarS: similarCpu, cpuAtRecomputedS: recomputedCpu,
  };
  console.error(JSON.stringify(row));
  rows.push(row);
  const exited = new Promise((r) => app!.once('exit', r));
  app.kill('SIGTERM');
  await exited;
  app = null;
}
console.log('run\tideas\trunner\tsaved state\thealthz s\tsimilar s\trecomputed s\tpeak MB\tapp CPU s at healthz / similar / recomputed');
for (const r of rows) console.log([r.run, r.ideas, r.runner, r.savedState, r.healthzS, r.similarS, r.recomputedS, r.peakMb, `${r.cpuAtHealthzS} / ${r.cpuAtSimilarS} / ${r.cpuAtRecomputedS}`].join('\t'));
process.exit(0);

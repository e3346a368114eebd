// Benchmarks the matching engine at 1k, 10k and 100k ideas.
//
//   npm run -s bench-engine [-- --sizes 1000,10000,100000] [--repeat 3] [--queries 500] [--corpus path.jsonl]
//
// Texts: UK petition titles from ../shared/data/corpora/ when present (the 100k set adds seeded
// recombinations of two real titles), else a generated corpus. Each size runs in its own child
// processes (one for the engine on its own thread, one for the app's worker path, which ends with
// the index refresh the app does after adopting a worker's result) so that peak
// memory (max RSS) belongs to that run alone; each size runs --repeat times
// and every figure is the median over the runs (the machine is shared). Prints one table row per
// size on stdout and the runs as JSON lines on stderr.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MatchingEngine, type EngineDoc } from '../server/engine/engine.js';
import { RecomputeWorker } from '../server/engine/worker.js';
import { createRng } from '../server/engine/random.js';
import { intArg, parseArgs, readJsonl, toDoc } from './lib/engine-corpus.js';

const DEFAULT_CORPUS = fileURLToPath(new URL('../../shared/data/corpora/uk_petitions_titles_en.jsonl', import.meta.url));

function corpus(path: string, size: number): EngineDoc[] {
  const rng = createRng(42);
  let base: EngineDoc[];
  if (existsSync(path)) base = readJsonl(path).map(toDoc).filter((d) => d.title.trim() !== '' || d.description.trim() !== '');
  else {
    const words = 'digital loket afspraak melding zwerfvuil platform burger budget stemmen participatie app kaart fiets parkeren school bibliotheek sport subsidie vergunning afval container energie klimaat data'.split(' ');
    base = Array.from({ length: 5000 }, (_, i) => ({ id: `g${i}`, title: Array.from({ length: 6 }, () => words[Math.floor(rng() * words.length)]).join(' '), description: '' }));
  }
  // Shuffle (seeded) so that every size is a mix of periods and topics.
  for (let i = base.length - 1; i > 0; i--) { const j = Math.floor(rng() * (i + 1)); [base[i], base[j]] = [base[j]!, base[i]!]; }
  const docs = base.slice(0, size).map((d, i) => ({ ...d, organisationId: `org${i % 300}`, language: 'en' }));
  for (let i = docs.length; i < size; i++) {
    const a = base[Math.floor(rng() * base.length)]!.title.split(' ');
    const b = base[Math.floor(rng() * base.length)]!.title.split(' ');
    const title = [...a.slice(0, Math.ceil(a.length / 2)), ...b.slice(Math.floor(b.length / 2))].join(' ');
    docs.push({ id: `gen-${i}`, title, description: '', organisationId: `org${i % 300}`, language: 'en' });
  }
  return docs;
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

async function runOne(size: number, queries: number, path: string): Promise<Record<string, number>> {
  const all = corpus(path, size + queries);
  const docs = all.slice(0, size);
  const fresh = all.slice(size);
  const engine = new MatchingEngine({ seed: 1 });
  let t = performance.now();
  engine.addMany(docs);
  const build = (performance.now() - t) / 1000;
  t = performance.now();
  const cold = engine.recompute();
  const recomputeCold = (performance.now() - t) / 1000;
  const rng = createRng(7);
  const pick = () => docs[Math.floor(rng() * docs.length)]!;
  // Warm-up (JIT) queries, not measured: p99 over 500 queries would otherwise be compile time.
  for (let i = 0; i < 50; i++) {
    engine.similarTo(pick().id, { k: 10 });
    engine.similarTo({ title: fresh[i % fresh.length]!.title, description: '' }, { k: 10 });
  }
  const similarStored: number[] = [];
  const similarTyped: number[] = [];
  for (let i = 0; i < queries; i++) {
    const d = pick();
    t = performance.now();
    engine.similarTo(d.id, { k: 10, excludeOrganisationId: d.organisationId });
    similarStored.push(performance.now() - t);
    const q = fresh[i % fresh.length]!;
    t = performance.now();
    engine.similarTo({ title: q.title, description: q.description }, { k: 10, excludeOrganisationId: 'org0' });
    similarTyped.push(performance.now() - t);
  }
  const placement: number[] = [];
  for (const d of fresh) {
    t = performance.now();
    engine.add({ ...d, id: `live-${d.id}` });
    placement.push(performance.now() - t);
  }
  t = performance.now();
  const warm = engine.recompute();
  const recomputeWarm = (performance.now() - t) / 1000;
  return {
    size, k: cold.k, build, recomputeCold, recomputeWarm, kWarm: warm.k,
    similarStoredP50: pct(similarStored, 50), similarStoredP99: pct(similarStored, 99),
    similarTypedP50: pct(similarTyped, 50), similarTypedP99: pct(similarTyped, 99),
    placeP50: pct(placement, 50), placeP99: pct(placement, 99),
    peakMB: process.resourceUsage().maxRSS / 1024,
  };
}

/**
 * The app's path, in its own process so that its memory is its own: load the ideas, recompute in
 * a worker, adopt the result; then one more idea and the measured recompute (the worker is warm).
 * Snapshot and apply are the parts that block the main thread.
 */
async function runWorker(size: number, path: string): Promise<Record<string, number>> {
  const docs = corpus(path, size + 1);
  const engine = new MatchingEngine({ seed: 1 });
  engine.addMany(docs.slice(0, size));
  const worker = new RecomputeWorker({ seed: 1 });
  engine.applyResult(await worker.recompute(engine.snapshot(), engine.state()));
  engine.add({ ...docs[size]!, id: 'one-more' });
  let t = performance.now();
  const corpusSnapshot = engine.snapshot();
  const snapshot = (performance.now() - t) / 1000;
  const fromWorker = await worker.recompute(corpusSnapshot, engine.state());
  const workerTotal = (performance.now() - t) / 1000;
  t = performance.now();
  engine.applyResult(fromWorker);
  const applyResult = (performance.now() - t) / 1000;
  // The app then refreshes the live similarity index (server/domain/matching.ts): another pause.
  t = performance.now();
  engine.refreshIndex();
  const refreshIndex = (performance.now() - t) / 1000;
  await worker.close();
  return { snapshot, workerTotal, applyResult, refreshIndex, peakWithWorkerMB: process.resourceUsage().maxRSS / 1024 };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const queries = intArg(args, 'queries', 500)!;
  const path = args.get('corpus') ?? DEFAULT_CORPUS;
  if (args.has('child')) {
    const size = intArg(args, 'child')!;
    const result = args.has('worker') ? await runWorker(size, path) : await runOne(size, queries, path);
    process.stdout.write(JSON.stringify(result) + '\n');
    return;
  }
  const sizes = (args.get('sizes') ?? '1000,10000,100000').split(',').map(Number);
  process.stdout.write(`corpus: ${existsSync(path) ? path : 'generated'}\n`);
  process.stdout.write('size\tk\tbuild s\trecompute cold s\trecompute warm s\tsimilar p50/p99 ms (stored)\tsimilar p50/p99 ms (typed)\tplace p50/p99 ms\tpeak MB\tworker recompute s\tsnapshot+apply s\tindex refresh s\tpeak MB (worker path)\n');
  const repeat = intArg(args, 'repeat', 3)!;
  for (const size of sizes) {
    const runs: Record<string, number>[] = [];
    for (let i = 0; i < repeat; i++) {
      const run: Record<string, number> = {};
      for (const mode of [[], ['--worker']]) {
        const argv = [...process.execArgv, fileURLToPath(import.meta.url), '--child', String(size), '--queries', String(queries), '--corpus', path, ...mode];
        const child = spawnSync(process.execPath, argv, { encoding: 'utf8', maxBuffer: 1 << 24 });
        if (child.status !== 0) throw new Error(`size ${size} failed: ${child.stderr}`);
        Object.assign(run, JSON.parse(child.stdout.trim().split('\n').pop()!) as Record<string, number>);
      }
      runs.push(run);
      process.stderr.write(JSON.stringify(runs[runs.length - 1]) + '\n');
    }
    const med = (key: string) => { const xs = runs.map((r) => r[key]!).sort((a, b) => a - b); return xs[Math.floor((xs.length - 1) / 2)]!; };
    const f = (key: string, d = 2) => med(key).toFixed(d);
    process.stdout.write(`${size}\t${f('k', 0)}\t${f('build')}\t${f('recomputeCold')}\t${f('recomputeWarm')}\t${f('similarStoredP50')}/${f('similarStoredP99')}\t${f('similarTypedP50')}/${f('similarTypedP99')}\t${f('placeP50', 3)}/${f('placeP99', 3)}\t${f('peakMB', 0)}\t${f('workerTotal')}\t${(med('snapshot') + med('applyResult')).toFixed(2)}\t${f('refreshIndex', 3)}\t${f('peakWithWorkerMB', 0)}\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});

// Clusters a JSON Lines corpus with the matching engine.
//
//   npm run -s cluster-corpus -- --in items.jsonl --out result.jsonl [--k N] [--seed N] [--neighbors N]
//
// Reads {id, title?, text, language?} per line; writes {"id", "cluster", "neighbors"} per line to
// --out (to standard output when --out is absent). A one-line JSON summary goes to standard error.
import { createWriteStream } from 'node:fs';
import { MatchingEngine } from '../server/engine/engine.js';
import { intArg, parseArgs, readJsonl, toDoc } from './lib/engine-corpus.js';

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const input = args.get('in');
  if (!input) throw new Error('usage: cluster-corpus --in items.jsonl [--out result.jsonl] [--k N] [--seed N] [--neighbors N]');
  const neighbors = intArg(args, 'neighbors', 10)!;
  const t0 = performance.now();
  const seconds: Record<string, number> = {};
  const lap = (name: string, since: number) => { seconds[name] = Math.round(performance.now() - since) / 1000; return performance.now(); };
  const items = readJsonl(input);
  let t = lap('read', t0);
  const engine = new MatchingEngine({ k: intArg(args, 'k', 0), seed: intArg(args, 'seed', 1) });
  engine.addMany(items.map(toDoc));
  t = lap('index', t);
  // Without neighbours nothing asks the engine afterwards: its clusters are computed, not adopted.
  const result = neighbors > 0 ? engine.recompute() : engine.computeClusters();
  t = lap('cluster', t);
  const cluster = new Map(result.items.map((i) => [i.id, i.clusterId]));
  // Neighbours are written with the id values of the input (numbers stay numbers).
  const original = new Map(items.map((i) => [String(i.id), i.id]));
  const out = args.get('out') ? createWriteStream(args.get('out')!) : process.stdout;
  for (const item of items) {
    const id = String(item.id);
    const near = neighbors > 0 ? engine.similarTo(id, { k: neighbors, minScore: 0, explainTerms: 0 }).map((h) => original.get(h.id)) : [];
    const line = JSON.stringify({ id: item.id, cluster: cluster.get(id) ?? -1, neighbors: near });
    if (!out.write(line + '\n')) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  if (out !== process.stdout) await new Promise<void>((resolve, reject) => (out as ReturnType<typeof createWriteStream>).end((err?: Error | null) => (err ? reject(err) : resolve())));
  t = lap('neighbors+write', t);
  seconds.total = Math.round(performance.now() - t0) / 1000;
  process.stderr.write(JSON.stringify({ items: items.length, k: result.k, seconds, recompute: result.timings }) + '\n');
}

main().catch((err: unknown) => {
  process.stderr.write(JSON.stringify({ error: err instanceof Error ? err.message : String(err) }) + '\n');
  process.exitCode = 1;
});

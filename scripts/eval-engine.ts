// Evaluates the engine on a labelled JSON Lines corpus.
//
//   npm run -s eval-engine -- --in items.jsonl [--label-field label] [--group-field instance]
//        [--seed N | --seeds 1,2,3] [--auto-only|--fixed-only]
//        measurement knobs: [--reduction svd|random] [--dims N] [--k-dims N] [--title-weight X]
//        [--dense-weight X] [--ngram-languages nl,pl|none] [--no-stem] [--restarts N]
//        [--restart-iterations N] [--linkage-max N] [--linkage-floor X] [--linkage-dense X]
//        [--concept-weight X] [--no-glossary]
//        [--label-depth N]: keep the first N dot-separated parts of each label, to score against a
//        coarser level of a hierarchy written into the labels (20 Newsgroups: "comp.graphics" → "comp")
//        [--programme]: a programme's ideas, one label per project or one-off (the shipped fixture
//        test/fixtures/engine/programme.jsonl): k chosen by the engine, unmatched ideas as singletons;
//        prints ARI, NMI, the largest cluster's share, the share of cross-language same-project pairs
//        that share a cluster, cross-language recall@5, P@3 and the ARI when one idea is left out
//        (see scripts/lib/programme-metrics.ts for the exact definitions)
//
// Prints NMI, ARI and P@10 with k = number of labels and with k chosen automatically, per group
// when a group field is given, then the mean over groups; with --seeds, per seed and the median over
// seeds of each figure. Items without a label, or with several labels (a `labels` array longer
// than one), are left out, as in the baseline.
import { MatchingEngine, type EngineOptions } from '../server/engine/engine.js';
import { intArg, parseArgs, readJsonl, toDoc, type CorpusItem } from './lib/engine-corpus.js';
import { ari, nmi, precisionAtK } from './lib/engine-metrics.js';
import { evaluateProgramme, formatProgramme, type ProgrammeRow } from './lib/programme-eval.js';

interface Row { group: string; mode: string; items: number; labels: number; k: number; nmi: number; ari: number; p10: number; seconds: number; recompute: number; reduce: number }

function evaluate(items: CorpusItem[], labelField: string, k: number, options: EngineOptions): Omit<Row, 'group' | 'mode' | 'labels'> {
  const t0 = performance.now();
  const engine = new MatchingEngine({ ...options, k });
  engine.addMany(items.map(toDoc));
  const result = engine.recompute();
  const cluster = new Map(result.items.map((i) => [i.id, i.clusterId ?? -1]));
  const labelOf = new Map(items.map((i) => [String(i.id), String(i[labelField])]));
  const ids = [...labelOf.keys()];
  const neighbours = new Map(ids.map((id) => [id, engine.similarTo(id, { k: 10, minScore: 0, explainTerms: 0 }).map((h) => h.id)]));
  const labels = ids.map((id) => labelOf.get(id)!);
  const clusters = ids.map((id) => cluster.get(id)!);
  return { items: ids.length, k: result.k, nmi: nmi(labels, clusters), ari: ari(labels, clusters), p10: precisionAtK(labelOf, neighbours), seconds: (performance.now() - t0) / 1000, recompute: result.timings.total ?? 0, reduce: result.timings.reduce ?? 0 };
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const input = args.get('in');
  if (!input) throw new Error('usage: eval-engine --in items.jsonl [--label-field label] [--group-field instance]');
  const labelField = args.get('label-field') ?? 'label';
  const groupField = args.get('group-field');
  const options: EngineOptions = { seed: intArg(args, 'seed', 1) };
  const reduction = args.get('reduction');
  if (reduction === 'svd' || reduction === 'random') options.reduction = reduction;
  if (args.has('dims')) options.dims = intArg(args, 'dims');
  if (args.has('title-weight')) options.titleWeight = Number(args.get('title-weight'));
  if (args.has('power-iterations')) options.powerIterations = intArg(args, 'power-iterations');
  if (args.has('k-dims')) options.kDims = intArg(args, 'k-dims');
  if (args.has('dense-weight')) options.denseWeight = Number(args.get('dense-weight'));
  if (args.has('no-stem')) options.stem = false;
  if (args.has('domain-stop-words')) options.domainStopWords = { nl: [], fr: [], en: [] };
  if (args.has('restarts')) options.restarts = intArg(args, 'restarts');
  if (args.has('restart-iterations')) options.restartIterations = intArg(args, 'restart-iterations');
  if (args.has('ngram-languages')) options.ngramLanguages = args.get('ngram-languages') === 'none' ? [] : args.get('ngram-languages')!.split(',');
  if (args.has('linkage-max')) options.linkageMaxIdeas = intArg(args, 'linkage-max');
  if (args.has('linkage-floor')) options.linkageFloor = Number(args.get('linkage-floor'));
  if (args.has('linkage-dense')) options.linkageDenseWeight = Number(args.get('linkage-dense'));
  if (args.has('concept-weight')) options.conceptWeight = Number(args.get('concept-weight'));
  if (args.has('no-glossary')) options.glossary = false;
  const modes = args.has('auto-only') ? ['auto'] : args.has('fixed-only') ? ['k=labels'] : ['k=labels', 'auto'];
  const all = readJsonl(input).filter((i) => i[labelField] != null && !(Array.isArray(i.labels) && i.labels.length > 1));
  const depth = intArg(args, 'label-depth');
  if (depth !== undefined) {
    if (depth < 1) throw new Error('--label-depth must be at least 1');
    for (const item of all) item[labelField] = String(item[labelField]).split('.').slice(0, depth).join('.');
  }
  if (args.has('programme')) return programme(all, labelField, options, (args.get('seeds') ?? String(options.seed)).split(',').map(Number));
  const groups = new Map<string, CorpusItem[]>();
  for (const item of all) {
    const g = groupField ? String(item[groupField]) : 'all';
    const list = groups.get(g);
    if (list) list.push(item);
    else groups.set(g, [item]);
  }
  // Several seeds: k-means and the SVD sample depend on the seed, so one seed alone can mislead.
  const seeds = (args.get('seeds') ?? String(options.seed)).split(',').map(Number);
  const summary = new Map<string, { k: number; nmi: number; ari: number; p10: number }[]>();
  for (const seed of seeds) {
    const rows: Row[] = [];
    for (const [group, items] of [...groups].sort((a, b) => a[0].localeCompare(b[0]))) {
      const nLabels = new Set(items.map((i) => String(i[labelField]))).size;
      for (const mode of modes) {
        const r = evaluate(items, labelField, mode === 'auto' ? 0 : nLabels, { ...options, seed });
        rows.push({ group, mode, labels: nLabels, ...r });
        process.stdout.write(`seed=${seed}\t${group}\t${mode}\titems=${r.items}\tlabels=${nLabels}\tk=${r.k}\tNMI=${r.nmi.toFixed(3)}\tARI=${r.ari.toFixed(3)}\tP@10=${r.p10.toFixed(3)}\trecompute=${r.recompute.toFixed(2)}s (reduce ${r.reduce.toFixed(2)}s)\ttotal=${r.seconds.toFixed(1)}s\n`);
      }
    }
    for (const mode of modes) {
      const rs = rows.filter((r) => r.mode === mode);
      const mean = (f: (r: Row) => number) => rs.reduce((sum, r) => sum + f(r), 0) / rs.length;
      const m = { k: mean((r) => r.k), nmi: mean((r) => r.nmi), ari: mean((r) => r.ari), p10: mean((r) => r.p10) };
      summary.set(mode, [...(summary.get(mode) ?? []), m]);
      process.stdout.write(`MEAN\tseed=${seed}\t${mode}\tgroups=${rs.length}\titems=${rs.reduce((sum, r) => sum + r.items, 0)}\tk=${m.k.toFixed(1)}\tNMI=${m.nmi.toFixed(3)}\tARI=${m.ari.toFixed(3)}\tP@10=${m.p10.toFixed(3)}\n`);
    }
  }
  if (seeds.length > 1) {
    for (const [mode, ms] of summary) {
      const med = (f: (m: { k: number; nmi: number; ari: number; p10: number }) => number) => {
        const xs = ms.map(f).sort((a, b) => a - b);
        return xs[Math.floor((xs.length - 1) / 2)]!;
      };
      process.stdout.write(`MEDIAN\tseeds=${seeds.join(',')}\t${mode}\tk=${med((m) => m.k).toFixed(1)}\tNMI=${med((m) => m.nmi).toFixed(3)}\tARI=${med((m) => m.ari).toFixed(3)}\tP@10=${med((m) => m.p10).toFixed(3)}\n`);
    }
  }
}

function programme(items: CorpusItem[], labelField: string, options: EngineOptions, seeds: number[]): void {
  const rows: ProgrammeRow[] = [];
  for (const seed of seeds) {
    const r = evaluateProgramme(items, labelField, options, seed);
    rows.push(r);
    process.stdout.write(formatProgramme(r) + '\n');
  }
  if (seeds.length < 2) return;
  const med = (f: (r: ProgrammeRow) => number) => { const xs = rows.map(f).sort((a, b) => a - b); return xs[Math.floor((xs.length - 1) / 2)]!; };
  const keys = ['items', 'clusters', 'unmatched', 'ari', 'nmi', 'largestShare', 'crossPairs', 'crossRecall5', 'p3', 'looAri', 'seconds'] as const;
  const m = Object.fromEntries(keys.map((k) => [k, med((r) => r[k])])) as unknown as ProgrammeRow;
  process.stdout.write(formatProgramme({ ...m, seed: 0 }).replace('seed=0', `MEDIAN\tseeds=${seeds.join(',')}`) + '\n');
}

main();

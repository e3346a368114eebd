// How would each criterion for choosing k decide on a labelled corpus? For a grid of k: the NMI of
// the real pipeline with that k, and, on the seeded 1,000-idea sample the engine chooses k on, the
// silhouette, the silhouette above a structure-free reference, the gap statistic, Calinski–Harabasz
// and prediction strength, each on the leading 10 and on all 100 reduced dimensions; then the k each
// criterion picks (the largest value; for prediction strength, which falls with k, the largest k
// at or above --ps-threshold, default 0.8 as in its paper) and its NMI, and the silhouette and
// Calinski–Harabasz of the labelled partition itself. Last, a hierarchy: k-means with
// --merge-from clusters (default 30) on every idea, merged pairwise by Ward's criterion down to 2;
// for each level the NMI of the merged clusters and the cost of the merge that made it; then the
// level before the largest relative jump in cost (where a dendrogram would be cut), and the NMI of
// the real pipeline run with that k.
//
//   npm run -s k-criteria -- --in items.jsonl [--label-field label] [--seed N] [--ps-threshold 0.8]
//     [--merge-from 30]
//
// The reference ("null") keeps every coordinate's values but shuffles them across ideas (seeded),
// which keeps the spread per dimension and removes the topics. Items without a label, or with
// several labels, are left out (as in eval-engine). Groups (Amsterdam's rounds) are not split here.
import { MatchingEngine } from '../server/engine/engine.js';
import { recomputeClusters, recomputeOptions } from '../server/engine/recompute.js';
import { emptyState } from '../server/engine/types.js';
import { clusterRows, reducedPoints } from '../server/engine/vectors.js';
import { assign, candidateKs, centroidsOf, inertia, leading, lloyd, seedCentroids, silhouette, type Points } from '../server/engine/cluster.js';
import { createRng, sampleIndices } from '../server/engine/random.js';
import { intArg, parseArgs, readJsonl, toDoc, type CorpusItem } from './lib/engine-corpus.js';
import { nmi } from './lib/engine-metrics.js';

/** Every coordinate shuffled across the sample independently (seeded), rows normalised again. */
function reference(sample: Points, seed: number): Points {
  const n = sample.length;
  const d = sample[0]!.length;
  const rng = createRng(seed);
  const out = sample.map(() => new Float32Array(d));
  const perm = Array.from({ length: n }, (_, i) => i);
  for (let c = 0; c < d; c++) {
    for (let i = n - 1; i > 0; i--) { const j = Math.floor(rng() * (i + 1)); [perm[i], perm[j]] = [perm[j]!, perm[i]!]; }
    for (let i = 0; i < n; i++) out[i]![c] = sample[perm[i]!]![c]!;
  }
  return out.map((p) => leading(p, d));
}

function calinskiHarabasz(points: Points, labels: Int32Array, k: number): number {
  const n = points.length;
  const d = points[0]!.length;
  const mean = new Float64Array(d);
  const sums = Array.from({ length: k }, () => new Float64Array(d));
  const counts = new Int32Array(k);
  points.forEach((p, i) => {
    const s = sums[labels[i]!]!;
    counts[labels[i]!] = counts[labels[i]!]! + 1;
    for (let j = 0; j < d; j++) { s[j] = s[j]! + p[j]!; mean[j] = mean[j]! + p[j]! / n; }
  });
  const centres = sums.map((s, c) => s.map((x) => x / Math.max(1, counts[c]!)));
  let within = 0;
  let between = 0;
  points.forEach((p, i) => { const c = centres[labels[i]!]!; for (let j = 0; j < d; j++) within += (p[j]! - c[j]!) ** 2; });
  centres.forEach((c, ci) => { for (let j = 0; j < d; j++) between += counts[ci]! * (c[j]! - mean[j]!) ** 2; });
  return (between / (k - 1)) / (within / (n - k));
}

/**
 * Prediction strength (Tibshirani & Walther 2005): cluster two halves of the sample apart; for each
 * cluster of the second half, the share of its pairs that the first half's centroids also put
 * together; the weakest cluster counts. Mean over three seeded splits.
 */
function predictionStrength(sample: Points, k: number, seed: number): number {
  let total = 0;
  const splits = 3;
  for (let r = 0; r < splits; r++) {
    const rng = createRng(seed * 100 + r);
    const order = sample.map((_, i) => i);
    for (let i = order.length - 1; i > 0; i--) { const j = Math.floor(rng() * (i + 1)); [order[i], order[j]] = [order[j]!, order[i]!]; }
    const half = Math.floor(order.length / 2);
    const train = order.slice(0, half).map((i) => sample[i]!);
    const test = order.slice(half).map((i) => sample[i]!);
    const byTrain = assign(test, lloyd(train, seedCentroids(train, k, seed + k), 15).centroids);
    const byTest = assign(test, lloyd(test, seedCentroids(test, k, seed + k + 1), 15).centroids);
    let weakest = 1;
    for (let c = 0; c < k; c++) {
      const together = new Map<number, number>();
      let size = 0;
      byTest.forEach((l, i) => { if (l === c) { size++; together.set(byTrain[i]!, (together.get(byTrain[i]!) ?? 0) + 1); } });
      if (size < 2) continue;
      let pairs = 0;
      for (const v of together.values()) pairs += v * (v - 1);
      weakest = Math.min(weakest, pairs / (size * (size - 1)));
    }
    total += weakest / splits;
  }
  return total;
}

/**
 * Ward agglomeration of k-means clusters: at each step the pair whose merge adds least to the
 * within-cluster sum of squares, n_a n_b / (n_a + n_b) · |m_a − m_b|². Returns, per level (number
 * of groups), each fine cluster's group and the cost of the merge that produced the level.
 */
function wardLevels(points: Points, fine: Int32Array, k: number): { groups: number; of: Int32Array; cost: number }[] {
  const d = points[0]!.length;
  const means = centroidsOf(points, fine, k, d);
  const sizes = new Array<number>(k).fill(0);
  fine.forEach((c) => { sizes[c]!++; });
  const live = sizes.map((n, c) => (n > 0 ? c : -1)).filter((c) => c >= 0);
  const of = Int32Array.from({ length: k }, (_, c) => c);
  const levels = [{ groups: live.length, of: of.slice(), cost: 0 }];
  while (live.length > 2) {
    let best = { cost: Infinity, a: 0, b: 0 };
    for (let i = 0; i < live.length; i++) {
      for (let j = i + 1; j < live.length; j++) {
        const a = live[i]!, b = live[j]!;
        let s = 0;
        for (let x = 0; x < d; x++) s += (means[a]![x]! - means[b]![x]!) ** 2;
        const cost = (sizes[a]! * sizes[b]!) / (sizes[a]! + sizes[b]!) * s;
        if (cost < best.cost) best = { cost, a, b };
      }
    }
    const { a, b } = best;
    const n = sizes[a]! + sizes[b]!;
    for (let x = 0; x < d; x++) means[a]![x] = (means[a]![x]! * sizes[a]! + means[b]![x]! * sizes[b]!) / n;
    sizes[a] = n;
    live.splice(live.indexOf(b), 1);
    for (let c = 0; c < k; c++) if (of[c] === b) of[c] = a;
    levels.push({ groups: live.length, of: of.slice(), cost: best.cost });
  }
  return levels;
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const input = args.get('in');
  if (!input) throw new Error('usage: k-criteria --in items.jsonl [--label-field label] [--seed N]');
  const labelField = args.get('label-field') ?? 'label';
  const seed = intArg(args, 'seed', 1)!;
  const psThreshold = Number(args.get('ps-threshold') ?? 0.8);
  const items = readJsonl(input).filter((i) => i[labelField] != null && !(Array.isArray(i.labels) && i.labels.length > 1));
  const labelOf = new Map(items.map((i) => [String(i.id), String(i[labelField])]));

  // The reduced space exactly as a recompute builds it.
  const engine = new MatchingEngine({ seed });
  engine.addMany(items.map(toDoc));
  const options = recomputeOptions({ seed });
  const corpus = engine.snapshot();
  const { ids, rows, colTerms } = clusterRows(corpus, options);
  const { points } = reducedPoints(rows, colTerms, options);
  const ks = candidateKs(2, Math.max(2, Math.min(options.maxK, Math.floor(ids.length / options.minClusterSize))));
  const idx = sampleIndices(points.length, options.kSample, seed);

  const nmiAt = new Map<number, number>();
  const nmiFor = (k: number): number => {
    if (!nmiAt.has(k)) {
      // What engine.recompute() runs with k fixed, on the snapshot taken once.
      const result = recomputeClusters({ corpus, state: emptyState(), options: recomputeOptions({ seed, k }) });
      const cluster = new Map(result.items.map((i) => [i.id, i.clusterId ?? -1]));
      const all = [...labelOf.keys()];
      nmiAt.set(k, nmi(all.map((id) => labelOf.get(id)!), all.map((id) => cluster.get(id)!)));
    }
    return nmiAt.get(k)!;
  };
  for (const k of ks) nmiFor(k);

  const table = new Map<string, Map<number, number>>();
  const put = (name: string, k: number, v: number) => (table.get(name) ?? table.set(name, new Map()).get(name)!).set(k, v);
  const labelNames = [...new Set(idx.map((i) => labelOf.get(ids[i]!)!))].sort();
  const labelled = Int32Array.from(idx, (i) => labelNames.indexOf(labelOf.get(ids[i]!)!));
  const forLabels: string[] = [];
  for (const dims of [options.kDims, options.dims]) {
    const sample = idx.map((i) => leading(points[i]!, dims));
    const nulls = [reference(sample, seed + 11), reference(sample, seed + 12)];
    for (const k of ks) {
      if (k >= sample.length) continue;
      // The same k-means the engine scores a candidate k with (seeded, 15 Lloyd iterations).
      const run = lloyd(sample, seedCentroids(sample, k, seed + k), 15);
      const labels = assign(sample, run.centroids);
      const sil = silhouette(sample, labels, k);
      let nullSil = 0;
      let nullLogW = 0;
      for (const z of nulls) {
        const rz = lloyd(z, seedCentroids(z, k, seed + k), 15);
        nullSil += silhouette(z, assign(z, rz.centroids), k) / nulls.length;
        nullLogW += Math.log(inertia(z, rz)) / nulls.length;
      }
      put(`silhouette@${dims}`, k, sil);
      put(`silhouette-ref@${dims}`, k, sil - nullSil);
      put(`gap@${dims}`, k, nullLogW - Math.log(inertia(sample, run)));
      put(`CH@${dims}`, k, calinskiHarabasz(sample, labels, k));
      put(`PS@${dims}`, k, predictionStrength(sample, k, seed));
    }
    forLabels.push(`labels@${dims}: silhouette ${silhouette(sample, labelled, labelNames.length).toFixed(3)}, CH ${calinskiHarabasz(sample, labelled, labelNames.length).toFixed(1)}`);
  }

  const out = process.stdout;
  out.write(`corpus=${input} seed=${seed} items=${items.length} labels=${new Set(labelOf.values()).size} sample=${idx.length}\n`);
  out.write(['k', 'NMI', ...table.keys()].join('\t') + '\n');
  for (const k of ks) out.write([k, nmiAt.get(k)!.toFixed(3), ...[...table.values()].map((m) => m.get(k)?.toFixed(3) ?? '')].join('\t') + '\n');
  for (const [name, m] of table) {
    const strong = [...m].filter(([, v]) => v >= psThreshold);
    const best = name.startsWith('PS@')
      ? strong[strong.length - 1] ?? [...m][0]!
      : [...m].reduce((a, b) => (b[1] > a[1] + 1e-12 ? b : a));
    out.write(`picks\t${name}\tk=${best[0]}\tNMI=${nmiAt.get(best[0])!.toFixed(3)}\n`);
  }
  for (const line of forLabels) out.write(`${line}\n`);

  const mergeFrom = intArg(args, 'merge-from', 30)!;
  if (mergeFrom >= 4 && mergeFrom < points.length) { // a jump needs three merges
    const fine = assign(points, lloyd(points, seedCentroids(points, mergeFrom, seed), 30).centroids);
    const truth = ids.map((id) => labelOf.get(id)!);
    const levels = wardLevels(points, fine, mergeFrom);
    out.write(`hierarchy: k-means with k=${mergeFrom} on all ${points.length} ideas, Ward merges\n`);
    out.write('k\tNMI\tmerge cost\tnext / this\n');
    let cut = { ratio: 0, k: 0 };
    levels.forEach((level, i) => {
      const next = levels[i + 1]?.cost;
      const ratio = next !== undefined && level.cost > 0 ? next / level.cost : NaN;
      if (ratio > cut.ratio) cut = { ratio, k: level.groups };
      const score = nmi(truth, Array.from(fine, (c) => level.of[c]!));
      out.write([level.groups, score.toFixed(3), level.cost.toFixed(2), Number.isNaN(ratio) ? '' : ratio.toFixed(2)].join('\t') + '\n');
    });
    if (cut.k > 0) out.write(`picks\tlargest jump in Ward cost\tk=${cut.k}\tNMI=${nmiFor(cut.k).toFixed(3)}\n`);
  }
}

main();

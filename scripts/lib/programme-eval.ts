// eval-engine --programme: the engine as a programme team meets it (k chosen by the engine, ideas
// close to nothing left unmatched), scored with programme-metrics.ts, plus the stability of the
// clusters when one idea is left out.
import { MatchingEngine, type EngineOptions } from '../../server/engine/engine.js';
import { sampleIndices } from '../../server/engine/random.js';
import { toDoc, type CorpusItem } from './engine-corpus.js';
import { leaveOneOutAri, programmeScores, type LabelledIdea, type ProgrammeScores } from './programme-metrics.js';

export interface ProgrammeRow extends ProgrammeScores { seed: number; items: number; looAri: number; seconds: number }

function run(items: CorpusItem[], options: EngineOptions): { engine: MatchingEngine; clusterOf: Map<string, number | null> } {
  const engine = new MatchingEngine({ ...options, k: 0 });
  engine.addMany(items.map(toDoc));
  const result = engine.recompute();
  return { engine, clusterOf: new Map(result.items.map((i) => [i.id, i.clusterId])) };
}

/** One seed: scores on every idea, and the mean ARI against `leaveOut` runs that each leave one idea out. */
export function evaluateProgramme(items: CorpusItem[], labelField: string, options: EngineOptions, seed: number, leaveOut = 3): ProgrammeRow {
  const t0 = performance.now();
  const ideas: LabelledIdea[] = items.map((i) => ({ id: String(i.id), label: String(i[labelField]), language: String(i.language ?? '') }));
  const { engine, clusterOf } = run(items, { ...options, seed });
  const near = new Map(ideas.map((i) => [i.id, engine.similarTo(i.id, { k: 5, minScore: 0, explainTerms: 0 }).map((h) => h.id)]));
  const scores = programmeScores(ideas, (id) => clusterOf.get(id), (id) => near.get(id) ?? []);
  let loo = 0;
  const left = sampleIndices(items.length, Math.min(leaveOut, items.length), seed + 101);
  for (const k of left) {
    const rest = items.filter((_, i) => i !== k);
    const without = run(rest, { ...options, seed }).clusterOf;
    loo += leaveOneOutAri(rest.map((i) => String(i.id)), (id) => clusterOf.get(id), (id) => without.get(id));
  }
  return { ...scores, seed, items: items.length, looAri: left.length === 0 ? 1 : loo / left.length, seconds: (performance.now() - t0) / 1000 };
}

export function formatProgramme(r: ProgrammeRow): string {
  return [`seed=${r.seed}`, 'programme', `items=${r.items}`, `clusters=${r.clusters}`, `unmatched=${r.unmatched}`,
    `ARI=${r.ari.toFixed(3)}`, `NMI=${r.nmi.toFixed(3)}`, `largest=${(100 * r.largestShare).toFixed(1)}%`,
    `crossPairs=${r.crossPairs.toFixed(3)}`, `crossRecall@5=${r.crossRecall5.toFixed(3)}`, `P@3=${r.p3.toFixed(3)}`,
    `looARI=${r.looAri.toFixed(3)}`, `total=${r.seconds.toFixed(1)}s`].join('\t');
}

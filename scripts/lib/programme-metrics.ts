// What a programme team sees of the matching, as numbers: the measures of eval-engine --programme on
// a labelled set of ideas where each label is one project (several ideas from several organisations,
// possibly in several languages) or a one-off idea (a label of its own).
//
// Ideas shown as "not yet matched" (cluster -1 or null) count as a cluster of their own each: an
// unmatched one-off is right, an unmatched idea of a project misses its partners. They are never
// one cluster together (that would be the catch-all this measure is meant to catch).

import { ari, nmi } from './engine-metrics.js';

export interface LabelledIdea { id: string; label: string; language: string }

/** Cluster ids with every unmatched idea (-1 or null) in a singleton of its own. */
export function withSingletons(ids: string[], clusterOf: (id: string) => number | null | undefined): string[] {
  return ids.map((id) => {
    const c = clusterOf(id);
    return c === null || c === undefined || c < 0 ? `unmatched:${id}` : `c:${c}`;
  });
}

export interface ProgrammeScores {
  ari: number;
  nmi: number;
  clusters: number;
  unmatched: number;
  /** Size of the largest cluster over the number of ideas. */
  largestShare: number;
  /** Pairs of one project in different languages that share a cluster, over all such pairs. */
  crossPairs: number;
  /** Ideas of mixed-language projects with a same-project idea in another language among their 5 nearest neighbours. */
  crossRecall5: number;
  /** Same-project ideas among the 3 nearest neighbours, over min(3, project size - 1); project ideas only. */
  p3: number;
}

export function programmeScores(ideas: LabelledIdea[], clusterOf: (id: string) => number | null | undefined, neighbours: (id: string) => string[]): ProgrammeScores {
  const ids = ideas.map((i) => i.id);
  const clusters = withSingletons(ids, clusterOf);
  const labels = ideas.map((i) => i.label);
  const byLabel = new Map<string, LabelledIdea[]>();
  for (const i of ideas) byLabel.set(i.label, [...(byLabel.get(i.label) ?? []), i]);
  const sizes = new Map<string, number>();
  for (const c of clusters) if (c.startsWith('c:')) sizes.set(c, (sizes.get(c) ?? 0) + 1);
  const clusterById = new Map(ids.map((id, k) => [id, clusters[k]!]));
  const info = new Map(ideas.map((i) => [i.id, i]));

  let pairs = 0;
  let together = 0;
  let mixed = 0;
  let found = 0;
  let p3 = 0;
  let projectIdeas = 0;
  for (const group of byLabel.values()) {
    if (group.length < 2) continue;
    for (let a = 0; a < group.length; a++) {
      for (let b = a + 1; b < group.length; b++) {
        if (group[a]!.language === group[b]!.language) continue;
        pairs++;
        const ca = clusterById.get(group[a]!.id)!;
        if (ca.startsWith('c:') && ca === clusterById.get(group[b]!.id)) together++;
      }
    }
    const languages = new Set(group.map((i) => i.language));
    for (const i of group) {
      const near = neighbours(i.id);
      projectIdeas++;
      p3 += near.slice(0, 3).filter((n) => info.get(n)?.label === i.label).length / Math.min(3, group.length - 1);
      if (languages.size < 2) continue;
      mixed++;
      if (near.slice(0, 5).some((n) => info.get(n)?.label === i.label && info.get(n)?.language !== i.language)) found++;
    }
  }
  return {
    ari: ari(labels, clusters),
    nmi: nmi(labels, clusters),
    clusters: sizes.size,
    unmatched: clusters.filter((c) => !c.startsWith('c:')).length,
    largestShare: ideas.length === 0 ? 0 : Math.max(0, ...sizes.values()) / ideas.length,
    crossPairs: pairs === 0 ? 0 : together / pairs,
    crossRecall5: mixed === 0 ? 0 : found / mixed,
    p3: projectIdeas === 0 ? 0 : p3 / projectIdeas,
  };
}

/**
 * Agreement between the clusters of a run on every idea and a run without one idea: the ARI over
 * the ideas both runs have (unmatched ideas as singletons in both).
 */
export function leaveOneOutAri(ids: string[], all: (id: string) => number | null | undefined, without: (id: string) => number | null | undefined): number {
  return ari(withSingletons(ids, all), withSingletons(ids, without));
}

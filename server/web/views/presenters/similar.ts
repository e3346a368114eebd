// Similar ideas as the API and the pages show them, never with a contact person.
import type { ClusterRef } from '../../../domain/matching.js';
import type { SimilarIdea } from '../../../domain/similar-ideas.js';
import { presentIdeaCard } from './ideas.js';

/**
 * Similar ideas as the API and the pages show them: the idea's card (never its contact person), the
 * score (0..1, three decimals) and the shared terms in their written form. Pages also get `percent`.
 */
export function presentSimilar(items: SimilarIdea[]) {
  return items.map((s) => ({
    idea: presentIdeaCard(s.idea, s.organisation ?? undefined),
    score: Math.round(s.score * 1000) / 1000,
    terms: s.terms,
  }));
}

export function presentSimilarForPage(items: SimilarIdea[]) {
  return presentSimilar(items).map((s) => ({ ...s, percent: Math.round(s.score * 100) }));
}

export function presentCluster(cluster: ClusterRef | null) {
  return cluster ? { id: cluster.id, label: cluster.label, size: cluster.size } : null;
}

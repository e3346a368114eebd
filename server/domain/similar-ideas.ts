// The question the product exists to answer: which ideas resemble this one, as a form is typed and beside
// a posted idea.
import { z } from 'zod';
import type { MatchingEngine } from '../engine/engine.js';
import { AppError } from '../errors.js';
import type { Idea, Organisation, Store } from '../store/store.js';
import type { Viewer } from './actor.js';
import { parse } from './validation.js';

export interface SimilarIdea { idea: Idea; organisation: Organisation | null; score: number; terms: string[] }

export const SIMILAR_LIMITS = { title: 140, description: 5000, minChars: 4, k: 5, maxK: 20 } as const;

export const similarSchema = z.object({
  title: z.string().max(SIMILAR_LIMITS.title).default(''),
  description: z.string().max(SIMILAR_LIMITS.description).default(''),
}).strict();

export interface SimilarIdeasDeps {
  engine: MatchingEngine;
  store: Store;
  /** The ideas the engine holds (open and visible), by id; owned by matching.ts. */
  ideas: ReadonlyMap<string, Idea>;
  visible(idea: Idea): boolean;
  minScore: number;
}

/**
 * The similar-idea questions (as a form is typed, and beside a posted idea): read-only queries on
 * the matching engine, answered with each idea's organisation and never with the asker's own ideas.
 */
export function createSimilarIdeas({ engine, store, ideas, visible, minScore }: SimilarIdeasDeps) {
  const kOf = (k: number | undefined) => Math.min(Math.max(1, Math.floor(k ?? SIMILAR_LIMITS.k)), SIMILAR_LIMITS.maxK);

  async function withOrganisations(hits: { id: string; score: number; terms: string[] }[]): Promise<SimilarIdea[]> {
    const found = hits.map((h) => ({ h, idea: ideas.get(h.id) })).filter((x): x is { h: typeof x.h; idea: Idea } => !!x.idea && visible(x.idea));
    const orgIds = [...new Set(found.map((x) => x.idea.organisationId))];
    const orgs = new Map(await Promise.all(orgIds.map(async (id) => [id, await store.getOrganisation(id)] as const)));
    return found.map(({ h, idea }) => ({ idea, organisation: orgs.get(idea.organisationId) ?? null, score: h.score, terms: h.terms }));
  }

  return {
    /** Open, visible ideas of other organisations than the viewer's, most similar to unsaved text first. */
    async similarToText(viewer: Viewer, input: unknown, opts: { k?: number } = {}): Promise<SimilarIdea[]> {
      const { title, description } = parse(similarSchema, input ?? {});
      if ((title + description).replace(/\s+/g, '').length < SIMILAR_LIMITS.minChars) return [];
      const hits = engine.similarTo({ title, description }, {
        k: kOf(opts.k), minScore, ...(viewer?.organisationId ? { excludeOrganisationId: viewer.organisationId } : {}),
      });
      return withOrganisations(hits);
    },

    /** Ideas similar to an idea, of organisations other than the idea's and the viewer's. */
    async similarToIdea(viewer: Viewer, ideaId: string, opts: { k?: number } = {}): Promise<SimilarIdea[]> {
      const idea = ideas.get(ideaId) ?? await store.getIdea(ideaId);
      if (!idea) throw new AppError('not_found', 'ideas.errors.not_found');
      const k = kOf(opts.k);
      const query = engine.has(ideaId) ? ideaId : { title: idea.title, description: idea.description, language: idea.language };
      const hits = engine.similarTo(query, { k: k + 5, minScore, excludeId: ideaId, excludeOrganisationId: idea.organisationId });
      const own = viewer?.organisationId;
      return withOrganisations(hits.filter((h) => own === undefined || own === null || ideas.get(h.id)?.organisationId !== own).slice(0, k));
    },
  };
}

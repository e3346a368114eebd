// Readers can order the ideas by support or by likeness to their own organisation's ideas, not only by date.
import type { Viewer } from '../../domain/actor.js';
import type { ClusterRef } from '../../domain/matching.js';
import type { Idea, Page } from '../../store/store.js';
import { isMember } from '../../domain/rules/who-may-act.js';
import { AppError } from '../../errors.js';
import type { Services } from '../../services.js';

/**
 * The order of the ideas list (issue 16): newest first (the store's own order and paging), most supported,
 * or most similar to the viewer's organisation's open ideas (members only). The last two rank every idea
 * that matches the filters, at most MAX_RANKED of them (a programme has 50 to 1,000), then page in memory.
 * Reads only: the store's counts and the matching's similar ideas.
 *
 *   const page = await sortedIdeas(deps, req.actor, query, 'supported');
 */
export const SORTS = ['newest', 'supported', 'similar'] as const;
export type Sort = (typeof SORTS)[number];
export const isSort = (v: unknown): v is Sort => typeof v === 'string' && (SORTS as readonly string[]).includes(v);
const MAX_RANKED = 3000;
const PAGE = 100; // the store's largest page

type ListQuery = Parameters<Services['ideas']['list']>[0];
/** What ordering reads: the ideas, their support counts and the matching's similar ideas. */
export type SortServices = Pick<Services, 'ideas' | 'endorsements' | 'matching'>;
export interface Likeness { score: number; mine: { id: string; title: string } }
export interface SortedPage extends Page<Idea> { page: number; pageSize: number; likeness: Map<string, Likeness> }

/** The order asked for (`newest` when absent), or a 400 naming `sort`: unknown, or `similar` for a non-member. */
export function parseSort(viewer: Viewer, raw: unknown): Sort {
  if (!isSort(raw)) throw new AppError('validation_failed', 'errors.validation_failed', { fields: { sort: { key: 'errors.field.invalid_choice' } } });
  if (!sortAllowed(viewer, raw)) throw new AppError('validation_failed', 'errors.validation_failed', { fields: { sort: { key: 'ideas.errors.sort_members_only' } } });
  return raw;
}

/** Only a member's organisation has ideas to be similar to. */
export const sortAllowed = (viewer: Viewer, sort: Sort): boolean => sort !== 'similar' || isMember(viewer);

export async function sortedIdeas(services: SortServices, viewer: Viewer, query: ListQuery, sort: Sort): Promise<SortedPage> {
  if (sort === 'newest') return { ...(await services.ideas.list(query)), likeness: new Map() };
  const all: Idea[] = [];
  for (let page = 1; all.length < MAX_RANKED; page++) {
    const r = await services.ideas.list({ ...query, page, pageSize: PAGE });
    all.push(...r.items);
    if (r.items.length < PAGE || all.length >= r.total) break;
  }
  const likeness = sort === 'similar' ? await likenessToMine(services, viewer) : new Map<string, Likeness>();
  const key = new Map<string, number>();
  if (sort === 'supported') for (const [id, n] of await services.endorsements.counts(all.map((i) => i.id))) key.set(id, n);
  else for (const [id, l] of likeness) key.set(id, l.score);
  // A stable sort: equal keys keep the store's order, newest first.
  const ranked = all.map((idea, i) => ({ idea, i })).sort((a, b) => (key.get(b.idea.id) ?? 0) - (key.get(a.idea.id) ?? 0) || a.i - b.i).map((x) => x.idea);
  const from = (query.page - 1) * query.pageSize;
  return { items: ranked.slice(from, from + query.pageSize), total: ranked.length, page: query.page, pageSize: query.pageSize, likeness };
}

/** For each idea of another organisation: how close it comes to one of the viewer's organisation's open ideas, and which. */
async function likenessToMine(services: Pick<Services, 'ideas' | 'matching'>, viewer: Viewer): Promise<Map<string, Likeness>> {
  const out = new Map<string, Likeness>();
  if (!isMember(viewer)) return out;
  const mine = await services.ideas.openIdeasOf(viewer.organisationId, PAGE);
  for (const idea of mine) {
    for (const hit of await services.matching.similarToIdea(viewer, idea.id, { k: 20 })) {
      const seen = out.get(hit.idea.id);
      if (!seen || hit.score > seen.score) out.set(hit.idea.id, { score: hit.score, mine: { id: idea.id, title: idea.title } });
    }
  }
  return out;
}

/** What each card shows beyond the idea: its support count and its cluster (null: not matched yet). */
export async function cardFacts(services: Pick<Services, 'endorsements' | 'matching'>, ideas: Idea[]): Promise<Map<string, { endorsements: number; cluster: ClusterRef | null }>> {
  if (ideas.length === 0) return new Map();
  const counts = await services.endorsements.counts(ideas.map((i) => i.id));
  return new Map(ideas.map((i) => [i.id, { endorsements: counts.get(i.id) ?? 0, cluster: i.status === 'open' ? services.matching.clusterOf(i.id) : null }]));
}

// What others wrote to the store (another instance, another process), found by reading it back and
// handed to matching's own way in, so an idea from elsewhere is placed like one posted here.
import type { Idea, Store } from '../../store/store.js';

/** An idea as stored now (null: gone), as the board hears of it. */
export interface StoredIdea { ideaId: string; idea: Idea | null }

/** Matching's way in for an idea that changed elsewhere; `known`: as held here (absent: new here). */
type Take = (idea: Idea, known: Idea | undefined) => void;

/** One idea another instance announced: read and taken (gone from the store: taken as withdrawn). Returns it as stored. */
export async function takeStoredIdea(store: Pick<Store, 'getIdea'>, held: ReadonlyMap<string, Idea>, take: Take, ideaId: string): Promise<Idea | null> {
  const idea = await store.getIdea(ideaId);
  const known = held.get(ideaId);
  if (idea) take(idea, known);
  else if (known) take({ ...known, status: 'withdrawn' }, known);
  return idea;
}

/**
 * Every open idea in the store against those held: each stored otherwise than held is taken, each
 * held but no longer open is taken as withdrawn. Compares the whole store, not what changed since some
 * moment, so it finds a change however long ago it was stored.
 */
export async function takeStoredChanges(store: Pick<Store, 'allOpenIdeas'>, held: ReadonlyMap<string, Idea>, take: Take): Promise<StoredIdea[]> {
  const open = await store.allOpenIdeas();
  const seen = new Set<string>();
  const changed: StoredIdea[] = [];
  for (const idea of open) {
    seen.add(idea.id);
    const known = held.get(idea.id);
    if (!known || known.updatedAt !== idea.updatedAt || known.hidden !== idea.hidden) { take(idea, known); changed.push({ ideaId: idea.id, idea }); }
  }
  // A copy: taking a withdrawn idea drops it from `held`.
  for (const [id, known] of [...held]) if (!seen.has(id)) { take({ ...known, status: 'withdrawn' }, known); changed.push({ ideaId: id, idea: null }); }
  return changed;
}

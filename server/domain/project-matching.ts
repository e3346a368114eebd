// Which projects under way resemble an idea: the same text pipeline, weighting and similarity index as
// the similar ideas (server/engine/), over the catalogue, so that an idea in Dutch, French or English
// meets a Dutch project summary through the glossary's shared concepts, as ideas meet each other.
import { MatchingEngine, type EngineOptions } from '../engine/engine.js';
import type { ProjectRecord, ProjectStatus } from '../store/store.js';
import type { Clock } from './clock.js';

/**
 * Every term in the norm (a plain cosine). The ideas leave terms of fewer than two ideas out of the
 * norm (min_df = 2), which suits thousands of ideas; in a catalogue of a few dozen projects nearly every
 * distinctive word is in one project only, so the norm was made of a few common words and one shared
 * "digitaal" or "personen" scored 0.3. Measured on the reference catalogue: same-subject matches in
 * Dutch, French and English 0.47 to 0.89, unrelated texts 0.3 at most.
 */
const PLAIN_COSINE = 1;

export interface ProjectHit { project: ProjectRecord; score: number; terms: string[] }

export interface SimilarProjectsOptions {
  /** At most this many (default 3). */
  k?: number;
  /** Only projects in one of these statuses (default: all). */
  statuses?: readonly ProjectStatus[];
  /** Lowest score shown (default: the ideas' minimum, 0.12). */
  minScore?: number;
}

export interface ProjectIndexDeps {
  /** The whole catalogue, read when the index is (re)built. */
  list(): Promise<ProjectRecord[]>;
  clock: Clock;
  /** The ideas engine's options (text pipeline, glossary, weights), so that both speak the same terms. */
  engineOptions: EngineOptions;
  minScore: number;
  /**
   * How old the index may get before it is rebuilt in the background (default 60 s): the catalogue can
   * change outside this process (`npm run projects:load`, another instance); changes made here mark it
   * stale at once (`changed()`).
   */
  maxAgeMs?: number;
}

/**
 * The catalogue as its own small engine (a few hundred projects at most): built once, on first use,
 * and rebuilt when the catalogue changes, so a query while typing costs one TF-IDF lookup over the
 * index. Not the ideas' engine itself: projects must not join the ideas' clusters or map, nor shift
 * their idf. Scores are cosines over the same terms and concepts, weighed by the catalogue's own idf.
 */
export function createProjectIndex({ list, clock, engineOptions, minScore, maxAgeMs = 60_000 }: ProjectIndexDeps) {
  let engine: MatchingEngine | null = null;
  let byId = new Map<string, ProjectRecord>();
  let builtAt = 0;
  let stale = true;
  let building: Promise<void> | null = null;

  async function build(): Promise<void> {
    stale = false; // a change while building marks it stale again
    const projects = await list();
    const next = new MatchingEngine({ ...engineOptions, normMinDf: PLAIN_COSINE });
    next.addMany(projects.map((p) => ({ id: p.id, title: p.title, description: p.summary })));
    next.refreshIndex();
    engine = next;
    byId = new Map(projects.map((p) => [p.id, p]));
    builtAt = clock.now().getTime();
  }

  function rebuild(): Promise<void> {
    building ??= build().finally(() => { building = null; });
    return building;
  }

  /** The index, built when missing or changed here; an old one is served while it is rebuilt. */
  async function ready(): Promise<MatchingEngine> {
    if (!engine || stale) await rebuild();
    else if (clock.now().getTime() - builtAt > maxAgeMs) void rebuild().catch(() => { stale = true; });
    return engine!;
  }

  return {
    /** The catalogue changed (a project added or edited here): the next query rebuilds first. */
    changed(): void {
      stale = true;
    },

    /** The projects most similar to a text (an idea, typed or posted), best first. */
    async similarTo(query: { title: string; description: string; language?: string }, opts: SimilarProjectsOptions = {}): Promise<ProjectHit[]> {
      const index = await ready();
      const k = Math.max(1, Math.floor(opts.k ?? 3));
      const statuses = opts.statuses ? new Set(opts.statuses) : null;
      // Asked for more when filtering by status, so that k remain after it.
      const hits = index.similarTo(query, { k: statuses ? index.size : k, minScore: opts.minScore ?? minScore });
      const found: ProjectHit[] = [];
      for (const h of hits) {
        const project = byId.get(h.id);
        if (!project || (statuses && !statuses.has(project.status))) continue;
        found.push({ project, score: h.score, terms: h.terms });
        if (found.length === k) break;
      }
      return found;
    },
  };
}

export type ProjectIndex = ReturnType<typeof createProjectIndex>;

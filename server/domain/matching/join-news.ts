// Who has been told which cluster their idea joined: an idea's owners hear of its cluster once, when
// it is placed or a recompute moves it, and not again for the same cluster (cluster-news.ts sends it).
import type { Logger } from 'pino';
import type { Idea } from '../../store/store.js';
import type { ClusterNews } from '../cluster-news.js';

/** Reshuffles that move more settled ideas than this (a new k) are not news: nobody is told. */
const MAX_MOVES_ANNOUNCED = 20;

export interface JoinNewsDeps {
  clusterNews: Pick<ClusterNews, 'joined'>;
  /** A cluster's label and members as they are when the news goes out (it goes out later, in batches). */
  labelOf(clusterId: number): string;
  membersOf(clusterId: number): Idea[];
  logger: Logger;
}

/** What a recompute's adoption announces once the new clusters are out: the ideas touched before it, and those it moved. */
export interface RecomputeNews { touched: (readonly [string, number])[]; moved: [string, number][] }

export function createJoinNews({ clusterNews, labelOf, membersOf, logger }: JoinNewsDeps) {
  const announced = new Map<string, number>();    // idea -> the cluster others were told it joined
  const touched = new Set<string>();              // posted, edited or reopened since the last recompute

  function announce(idea: Idea, clusterId: number): void {
    if (announced.get(idea.id) === clusterId) return;
    announced.set(idea.id, clusterId);
    clusterNews.joined(idea, { id: clusterId, label: () => labelOf(clusterId), members: () => membersOf(clusterId) });
  }

  return {
    /** The idea's text changed: where the next recompute puts it is news. */
    touched(ideaId: string): void { touched.add(ideaId); },

    /** The idea left the engine (withdrawn, hidden). */
    dropped(ideaId: string): void { touched.delete(ideaId); },

    /**
     * Placed live in `clusterId` (null: close to no cluster, and a later placement into one is news
     * again). `local`: posted through this instance, whose owners are told now; from another
     * instance: that instance has told them.
     */
    placed(idea: Idea, clusterId: number | null, local: boolean): void {
      if (clusterId === null) announced.delete(idea.id);
      else if (local) announce(idea, clusterId);
      else announced.set(idea.id, clusterId);
    },

    /** Every idea's cluster as it is counts as told (at start: told before the restart). */
    told(assignment: Iterable<[string, number]>): void {
      for (const [id, c] of assignment) announced.set(id, c);
    },

    /** A result followed from the leader: the leader told the organisations concerned. */
    followed(assignment: Iterable<[string, number]>): void {
      this.told(assignment);
      touched.clear();
    },

    /** Taken as a recompute's result replaces `before` with `after`: touched ideas and moved ones; the touched set starts over. */
    recomputed(before: ReadonlyMap<string, number>, after: ReadonlyMap<string, number>): RecomputeNews {
      const moved = [...after].filter(([id, c]) => before.get(id) !== undefined && before.get(id) !== c && !touched.has(id));
      const tell = [...touched].filter((id) => after.has(id)).map((id) => [id, after.get(id)!] as const);
      touched.clear();
      return { touched: tell, moved };
    },

    /** Tells those of `news` still in that cluster; moves only when the recompute did not reshuffle everything. */
    announce(news: RecomputeNews, ideas: ReadonlyMap<string, Idea>, assignment: ReadonlyMap<string, number>): void {
      const tell = [...news.touched];
      if (news.moved.length <= MAX_MOVES_ANNOUNCED) tell.push(...news.moved);
      else logger.info({ moved: news.moved.length }, 'matching: clusters reshuffled; moves not announced');
      for (const [id, clusterId] of tell) {
        const idea = ideas.get(id);
        if (idea && assignment.get(id) === clusterId) announce(idea, clusterId);
      }
    },
  };
}

import type { Logger } from 'pino';
import { AppError } from '../errors.js';
import type { BoardEvent, Store } from '../store/store.js';
import type { Viewer } from './actor.js';
import { boardHandlers } from './board-events.js';
import { currentClusterView, newBoardState, organisationsOf, visible } from './board-state.js';
import { BOARD_LIMITS, boardUpdates } from './board-updates.js';
import { buildBoardView, type BoardCluster, type BoardIdea, type BoardNumbers } from './board-view.js';
import type { ClusterView } from './board-diff.js';
import type { Clock } from './clock.js';
import type { DomainBus } from './events.js';
import type { LastRecompute, Matching } from './matching.js';

export type { BoardCluster, BoardIdea, BoardNumbers } from './board-view.js';
export { BOARD_LIMITS } from './board-updates.js';

/** What changed: ideas to add or move (`ideas`), ideas gone (`removed`), and the cards and numbers as they are now. */
export interface BoardChanges {
  ideas: BoardIdea[];
  removed: string[];
  clusters: BoardCluster[];
  numbers: BoardNumbers;
  /** The ideas are every idea on the board: drop the ones not listed (a catch-up). */
  replace?: boolean;
}
/** One push to the board: `version` is the sequence number of the last of `events` (never empty). */
export interface BoardUpdate { version: number; events: BoardEvent[]; changes: BoardChanges }
/** `lastRecompute`: the last full recompute of the clusters (null: none since this instance started). */
export interface BoardSnapshot { version: number; ideas: BoardIdea[]; clusters: BoardCluster[]; numbers: BoardNumbers; events: BoardEvent[]; lastRecompute: LastRecompute | null }
/** A catch-up: the events after the client's version and the board as it is now, or `reload` when too much was missed. */
export type BoardCatchUp = { version: number; reload: false; events: BoardEvent[]; changes: BoardChanges | null } | { version: number; reload: true };

/**
 * Several instances on one store (server/cluster/): each writes the timeline events of the changes it
 * took and tells the others with `written`; they hear of it as `board:elsewhere` on their bus.
 */
export interface BoardPeers {
  written(event: { version: number; clusters: number }): void;
}

export interface BoardDeps {
  store: Store;
  clock: Clock;
  bus: DomainBus;
  matching: Pick<Matching, 'clusters' | 'version' | 'lastRecompute'>;
  logger: Logger;
  /** Changes arriving within this many ms go out as one update (default 25). */
  batchMs?: number;
  /** Other instances share the store and the timeline (server/cluster/); absent: this instance is alone. */
  peers?: BoardPeers;
}

/**
 * The programme team's live board: follows the domain's events, turns each settled batch of them into
 * timeline events (stored: their sequence numbers are the board's version, one numbering for every
 * instance) and announces `board:updated` with what changed. Snapshots and catch-ups for the edges.
 *
 * With `peers`, every instance keeps the whole board (ideas, labels and clusters that other instances
 * took arrive as `idea:elsewhere`, `cluster:labelled-elsewhere` and followed recomputes) but writes
 * only the events of what it took itself; what others took goes straight into `seen`, so its diffs
 * never report it again. It announces every stored event in sequence order, its own and the others'
 * (`board:elsewhere`), each once, for its own sockets, with the board as this instance has it.
 */
export function createBoard(deps: BoardDeps) {
  const { store, matching, peers, batchMs = 25 } = deps;
  const s = newBoardState();
  const updates = boardUpdates(s, { ...deps, batchMs });
  const handlers = boardHandlers(s, deps, updates);

  async function currentState(view: ClusterView) {
    const list = [...s.ideas.values()];
    await organisationsOf(s, store, list);
    const [endorsements, connections] = await Promise.all([store.listEndorsements(), store.listConnections()]);
    const clusters = [...view.clusters].map(([id, c]) => ({ id, ...c }));
    return buildBoardView({ ideas: list, organisations: s.organisations, clusters, positions: s.positions, endorsements, connections });
  }

  /**
   * With peers, snapshots and catch-ups stop at the last version announced here: a later event may be
   * about an idea or clusters still on their way to this instance, and a board that had its version
   * would take the update that brings them for stale.
   */
  const announced = (events: BoardEvent[]) => (peers ? events.filter((e) => e.seq <= s.pushed) : events);

  async function latestVersion(): Promise<number> {
    return (await store.listBoardEvents({ limit: 1 }))[0]?.seq ?? 0;
  }

  return {
    /** Loads the open ideas and their organisations, takes the clusters as they are (no events for them), then follows the bus. */
    async start(): Promise<void> {
      for (const idea of await store.allOpenIdeas()) if (visible(idea)) s.ideas.set(idea.id, idea);
      for (const org of await store.listOrganisations()) s.organisations.set(org.id, org);
      s.seen = currentClusterView(s, matching);
      await updates.start(s.seen);
      if (peers) s.pushed = s.written = await latestVersion();
      handlers.on();
    },

    /** The whole board for the programme team, with the newest timeline events (newest first). */
    async snapshot(viewer: Viewer): Promise<BoardSnapshot> {
      if (viewer?.role !== 'programme') throw new AppError('forbidden', 'errors.forbidden');
      const events = announced(await store.listBoardEvents({ limit: BOARD_LIMITS.timeline }));
      const version = events[0]?.seq ?? 0; // read before the state: the state is then at least this new
      const state = await currentState(currentClusterView(s, matching));
      return { version, ...state, events, lastRecompute: matching.lastRecompute };
    },

    /** Timeline events after `after` (oldest first), for the API. */
    async events(viewer: Viewer, after: number, limit: number = BOARD_LIMITS.catchUp): Promise<BoardEvent[]> {
      if (viewer?.role !== 'programme') throw new AppError('forbidden', 'errors.forbidden');
      return store.listBoardEvents({ after, limit });
    },

    /** What a board at `version` missed: the events after it and the board as it is now; `reload` when that is too much. */
    async since(viewer: Viewer, version: number): Promise<BoardCatchUp> {
      if (viewer?.role !== 'programme') throw new AppError('forbidden', 'errors.forbidden');
      const all = await store.listBoardEvents({ after: version, limit: BOARD_LIMITS.catchUp + 1 });
      if (all.length > BOARD_LIMITS.catchUp) return { version: await latestVersion(), reload: true };
      const missed = announced(all);
      if (missed.length === 0) return { version, reload: false, events: [], changes: null };
      const state = await currentState(currentClusterView(s, matching));
      return { version: missed[missed.length - 1]!.seq, reload: false, events: missed, changes: { ideas: state.ideas, removed: [], clusters: state.clusters, numbers: state.numbers, replace: true } };
    },

    /** Resolves when every change seen so far has gone out (tests). */
    async settled(): Promise<void> {
      await updates.settled();
    },

    async close(): Promise<void> {
      handlers.off();
      await updates.close();
    },
  };
}

export type Board = ReturnType<typeof createBoard>;

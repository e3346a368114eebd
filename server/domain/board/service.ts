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
import type { Logger } from 'pino';
import { AppError } from '../../errors.js';
import type { BoardEvent, Idea, Store } from '../../store/store.js';
import type { Viewer } from '../actor.js';
import type { Clock } from '../clock.js';
import type { DomainBus } from '../events.js';
import { isProgramme } from '../rules/who-may-act.js';
import type { LastRecompute } from '../matching.js';
import { boardIntake, knowOrganisations } from './intake.js';
import { perCall as boardPerCall } from './per-call.js';
import { BoardState, type MatchingView } from './state.js';
import { BOARD_LIMITS, type BoardCatchUp, type BoardCluster, type BoardIdea, type BoardNumbers, type BoardPeers, type BoardPerCall } from './types.js';
import { boardUpdates } from './updates.js';

/** `lastRecompute`: the last full recompute of the clusters (null: none since this instance started). `perCall`: funnels and partnerships per call. */
export interface BoardSnapshot { version: number; ideas: BoardIdea[]; clusters: BoardCluster[]; numbers: BoardNumbers; perCall: BoardPerCall; events: BoardEvent[]; lastRecompute: LastRecompute | null }

export interface BoardDeps {
  store: Store;
  /** Time and timers: the update batches, and the wait for another instance's clusters. */
  clock: Clock;
  bus: DomainBus;
  /**
   * `openIdeas`: the open ideas the matching service read from the store at its start (it starts
   * first); the board starts from them instead of reading every idea a second time (that read takes
   * 0.65–1.1 s at 100,000 ideas, issue 14).
   * Without it (a board on its own, in tests) the board reads them from the store.
   */
  matching: MatchingView & { readonly lastRecompute: LastRecompute | null; openIdeas?(): Iterable<Idea> };
  logger: Logger;
  /** Changes arriving within this many ms go out as one update (default 25). */
  batchMs?: number;
  /** Other instances share the store and the timeline (server/scale-out/); absent: this instance is alone. */
  peers?: BoardPeers;
}

export function createBoard(deps: BoardDeps) {
  const { store, matching, peers, batchMs = 25 } = deps;
  const state = new BoardState(matching, peers !== undefined);
  // perCall asks for an update when a partnership takes a step; updates re-reads it for every update.
  const perCall = boardPerCall({ store, bus: deps.bus, state, clock: deps.clock, partnerships: store, schedule: (local) => updates.schedule(local) });
  const updates = boardUpdates({ ...deps, state, batchMs, perCall });
  const intake = boardIntake({ ...deps, state, peers: peers !== undefined }, updates);

  /** The board as it is now, cards and numbers through the same tally as the live updates. */
  async function picture() {
    await knowOrganisations(state, store);
    return { ...state.picture(await store.countPerIdea()), perCall: await perCall.fresh() };
  }

  /**
   * With peers, snapshots and catch-ups stop at the last version announced here: a later event may be
   * about an idea or clusters still on their way to this instance, and a board that had its version
   * would take the update that brings them for stale.
   */
  const announced = (events: BoardEvent[]) => (peers ? events.filter((e) => e.seq <= state.announced) : events);

  async function latestVersion(): Promise<number> {
    return (await store.listBoardEvents({ limit: 1 }))[0]?.seq ?? 0;
  }

  function mayView(viewer: Viewer): void {
    // 403 for visitors too (not 401 as requireProgramme answers): the board has always refused them so.
    if (!isProgramme(viewer)) throw new AppError('forbidden', 'errors.forbidden');
  }

  return {
    /** Loads the open ideas and their organisations, takes the clusters as they are (no events for them), then follows the bus. */
    async start(): Promise<void> {
      const [ideas, organisations, counts] = await Promise.all([
        matching.openIdeas ? [...matching.openIdeas()] : store.allOpenIdeas(), store.listOrganisations(), store.countPerIdea()]);
      state.load(ideas, organisations, counts, peers ? await latestVersion() : 0);
      intake.on();
      perCall.on();
    },

    /** The whole board for the programme team, with the newest timeline events (newest first). */
    async snapshot(viewer: Viewer): Promise<BoardSnapshot> {
      mayView(viewer);
      const events = announced(await store.listBoardEvents({ limit: BOARD_LIMITS.timeline }));
      const version = events[0]?.seq ?? 0; // read before the board: the board is then at least this new
      return { version, ...await picture(), events, lastRecompute: matching.lastRecompute };
    },

    /** Timeline events after `after` (oldest first), for the API. */
    async events(viewer: Viewer, after: number, limit: number = BOARD_LIMITS.catchUp): Promise<BoardEvent[]> {
      mayView(viewer);
      return store.listBoardEvents({ after, limit });
    },

    /** What a board at `version` missed: the events after it and the board as it is now; `reload` when that is too much. */
    async since(viewer: Viewer, version: number): Promise<BoardCatchUp> {
      mayView(viewer);
      const all = await store.listBoardEvents({ after: version, limit: BOARD_LIMITS.catchUp + 1 });
      if (all.length > BOARD_LIMITS.catchUp) return { version: await latestVersion(), reload: true };
      const missed = announced(all);
      if (missed.length === 0) return { version, reload: false, events: [], changes: null };
      const now = await picture();
      return { version: missed[missed.length - 1]!.seq, reload: false, events: missed, changes: { ideas: now.ideas, removed: [], clusters: now.clusters, numbers: now.numbers, perCall: now.perCall, replace: true } };
    },

    /** Resolves when every change seen so far has gone out (tests). */
    settled: (): Promise<void> => updates.settled(),

    async close(): Promise<void> {
      intake.off();
      perCall.off();
      await updates.close();
    },
  };
}

export type Board = ReturnType<typeof createBoard>;

/**
 * How the live board turns what its state (state.ts) took in into versioned `board:updated` updates:
 * changes arriving within `batchMs` go out as one update; the ones taken here are first stored as
 * timeline events, whose sequence numbers are the versions. The store's I/O for an update is here.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { BoardEvent, NewBoardEvent, Store } from '../../store/store.js';
import { iso, type Clock } from '../clock.js';
import type { DomainBus } from '../events.js';
import type { PerCall } from './per-call.js';
import type { BoardState, MatchingView } from './state.js';
import { BOARD_LIMITS, type BoardPeers } from './types.js';

export interface BoardUpdatesDeps {
  state: BoardState;
  store: Store;
  clock: Clock;
  bus: DomainBus;
  matching: Pick<MatchingView, 'version'>;
  logger: Logger;
  batchMs: number;
  peers?: BoardPeers | undefined;
  /** The board per call: re-read for an update when it may have changed. */
  perCall: Pick<PerCall, 'changed' | 'ideasChanged' | 'owed' | 'hurry'>;
}

export type BoardUpdates = ReturnType<typeof boardUpdates>;

/**
 * An update that took at least PACE_FROM_MS of the main thread puts the next one off to PACE_FACTOR
 * times its length (if that is longer than `batchMs`). Under steady posting updates came every 25 ms,
 * and each rebuilt and diffed the cluster view over every idea (before live-view.ts): in issue 19's profile at 6,000 ideas
 * that step alone took 4.4 ms at the median and 17 ms at p99, and the updates 24 s of a 3-minute run.
 * Paced, the board takes at most a tenth of the thread. Small boards, and tests, keep `batchMs`.
 */
const PACE_FROM_MS = 5;
const PACE_FACTOR = 10;

/**
 * Ideas gone through per turn when announcing (state.announceStep): 1,000 take 1.5-2 ms alone; under
 * load, after a recompute that moved ideas between clusters, 2,000 took 35 ms in one turn (profiled).
 */
const ANNOUNCE_STEP = 1000;

export function boardUpdates({ state, store, clock, bus, matching, logger, batchMs, peers, perCall }: BoardUpdatesDeps) {
  let pace = batchMs; // the wait before the next update: batchMs, or longer after a costly one
  let dirty = false;
  let timer: unknown = null;
  let flushing: Promise<void> = Promise.resolve();
  let closed = false;
  const waits = new Set<unknown>();

  /**
   * Fresh counts for the ideas whose events are announced; a change no event told of (an introduction,
   * one on another instance not announced here yet) shows in the totals, and then every idea is counted.
   */
  async function recount(events: BoardEvent[]): Promise<void> {
    const ids = state.takeRecount(events);
    if (ids.length > 0) state.setCounts(await store.countPerIdea(ids));
    if (state.countsDiffer(await store.countAll())) {
      perCall.ideasChanged();
      state.resetCounts(await store.countPerIdea());
    }
  }

  async function paced(): Promise<void> {
    const started = performance.now();
    try {
      await flush();
    } finally {
      const took = performance.now() - started;
      pace = took >= PACE_FROM_MS ? Math.max(batchMs, Math.round(PACE_FACTOR * took)) : batchMs;
    }
  }

  async function flush(): Promise<void> {
    if (state.rebuildDue) { state.prepare(); await nextTurn(); } // after a recompute: the rebuild, then the diff, each in a turn
    const events = state.takeWrite();
    let stored: BoardEvent[] = [];
    if (events) {
      const createdAt = iso(clock);
      stored = await store.appendBoardEvents(events.map((e): NewBoardEvent => ({ ...e, createdAt })));
    }
    if (peers) {
      if (stored.length > 0) peers.written({ version: state.wrote(stored[stored.length - 1]!.seq), clusters: matching.version });
      stored = await announceable();
    }
    if (stored.length === 0) return;
    await recount(stored);
    const perCallNow = await perCall.changed();
    const version = stored[stored.length - 1]!.seq;
    state.beginAnnounce();
    while (!state.announceStep(ANNOUNCE_STEP)) await nextTurn();
    const changes = state.announce(version);
    bus.emit('board:updated', { version, events: stored, changes: perCallNow ? { ...changes, perCall: perCallNow } : changes });
  }

  /**
   * With peers: the stored events after the last one announced here, in sequence order, up to the last
   * one this instance wrote or heard of (so the idea or label behind it is here already: cluster/
   * handles messages in order). None while the leader's clusters they describe are on their way (its
   * 'state' and 'board' messages race), unless that takes too long.
   */
  async function announceable(): Promise<BoardEvent[]> {
    const after = state.announceAfter(clock.now().getTime());
    if (after === null) return [];
    const events = state.announceable(await store.listBoardEvents({ after, limit: BOARD_LIMITS.catchUp }));
    if (events.length === BOARD_LIMITS.catchUp) schedule(false);
    return events;
  }

  /** `local`: a change taken here, to be written; otherwise only announced (another instance wrote it). */
  function schedule(local = true): void {
    if (closed) return;
    state.owe(local);
    dirty = true;
    if (timer !== null) return;
    timer = clock.setTimeout(() => {
      timer = null;
      if (!dirty) return;
      dirty = false;
      flushing = flushing.then(paced).catch((err: unknown) => logger.error({ err }, 'board: update failed'));
    }, pace);
  }

  return {
    schedule,

    /** An update (announcing only) after `ms`, whatever arrives meanwhile. */
    later(ms: number): void {
      const handle = clock.setTimeout(() => { waits.delete(handle); schedule(false); }, ms);
      waits.add(handle);
    },

    /** Every change taken so far is announced, the per-call counts held back included. */
    async settled(): Promise<void> {
      perCall.hurry();
      while (timer !== null || dirty) await new Promise<void>((r) => { clock.setTimeout(r, batchMs); });
      await flushing;
      if (perCall.owed) await this.settled();
    },

    async close(): Promise<void> {
      closed = true;
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      for (const handle of waits) clock.clearTimeout(handle);
      waits.clear();
      await flushing;
    },
  };
}

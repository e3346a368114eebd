/**
 * How the live board (board.ts) turns the changes its handlers took (board-events.ts) into versioned
 * `board:updated` updates: changes arriving within `batchMs` go out as one update; the ones taken here
 * are first stored as timeline events, whose sequence numbers are the versions.
 */
import type { BoardEvent, Idea, NewBoardEvent } from '../store/store.js';
import type { BoardDeps } from './board.js';
import { currentClusterView, ideaOf, orgName, type BoardState } from './board-state.js';
import { BoardTally } from './board-tally.js';
import type { BoardIdea } from './board-view.js';
import { diffClusters, type ClusterView } from './board-diff.js';
import { iso } from './clock.js';

export const BOARD_LIMITS = { timeline: 50, catchUp: 200 } as const;

/** How long a board waits for the leader's clusters that another instance's events describe, before it announces them anyway. */
export const CLUSTERS_WAIT_MS = 2000;

export type BoardUpdates = ReturnType<typeof boardUpdates>;

export function boardUpdates(s: BoardState, { store, clock, bus, matching, logger, batchMs, peers }: BoardDeps & { batchMs: number }) {
  const sent = new Map<string, string>();          // idea id -> the BoardIdea last announced (JSON)
  let dirty = false;
  let timer: NodeJS.Timeout | null = null;
  let flushing: Promise<void> = Promise.resolve();
  let closed = false;
  let writing = false;                             // a change taken here waits to be written
  // A live update costs what changed: the ideas in `changed`, the counts of the ideas named in its events,
  // and the cluster view (every idea) only after something that moves ideas between clusters or renames one.
  const tally = new BoardTally(s.organisations);
  let viewDirty = false;                           // the clusters may have changed since the tally last took them
  let diffNeeded = false;                          // ... or since `seen` was last written
  let viewVersion = 0;                             // the matching version the tally last took
  let clusterNow = new Map<string, number | null>(); // every idea on the board and its cluster, as the tally last took them

  const boardIdea = (i: Idea, clusterId: number | null): BoardIdea => {
    const p = s.positions.get(i.id);
    return {
      id: i.id, title: i.title, organisationId: i.organisationId, organisation: s.organisations.get(i.organisationId)?.name ?? '', theme: i.theme,
      clusterId, x: p ? p.x : null, y: p ? p.y : null,
    };
  };

  /** Something moved ideas between clusters, put one on or off the board, or renamed a cluster. */
  const clustersChanged = () => { viewDirty = true; diffNeeded = true; };

  /** The tally takes the clusters as they are now: the ideas whose cluster differs become `changed`. */
  function takeView(view: ClusterView): void {
    viewVersion = matching.version;
    tally.setLabels(view.clusters);
    clusterNow = new Map(view.ideas);
    for (const [id, clusterId] of view.ideas) if (tally.clusterOf(id) !== clusterId) s.changed.add(id);
  }

  /**
   * Fresh counts for the ideas whose events were announced; a change no event told of (an introduction,
   * one on another instance not announced here yet) shows in the totals, and then every idea is counted.
   */
  async function recountNow(): Promise<void> {
    const ids = [...s.recount];
    s.recount.clear();
    if (ids.length > 0) for (const row of await store.countPerIdea(ids)) tally.setCounts(row);
    const totals = await store.countAll();
    if (totals.endorsements !== tally.totals.endorsements || totals.connections !== tally.totals.connections) tally.resetCounts(await store.countPerIdea());
  }

  async function flush(): Promise<void> {
    const write = writing;
    writing = false;
    if (matching.version !== viewVersion) clustersChanged();
    const view = viewDirty || (write && diffNeeded) ? currentClusterView(s, matching) : null;
    if (view && viewDirty) takeView(view);
    viewDirty = false;
    let stored: BoardEvent[] = [];
    if (write) {
      // Without a cluster change since the last write, the view is `seen` and the diff would be empty.
      const moves = view && diffNeeded ? diffClusters(s.seen, view, (id) => ({ organisation: orgName(s, id), title: ideaOf(s, id)?.title ?? '' })) : [];
      const events = [...s.pending, ...moves];
      s.pending = [];
      if (view && diffNeeded) s.seen = view;
      diffNeeded = false;
      s.departed.clear();
      s.localIdeas.clear();
      s.localLabels.clear();
      // Moves on the map and new counts without a timeline-worthy change still need a new version.
      if (events.length === 0) events.push({ kind: 'refreshed', params: {}, clusterId: null, ideaId: null });
      const createdAt = iso(clock);
      stored = await store.appendBoardEvents(events.map((e): NewBoardEvent => ({ ...e, createdAt })));
    }
    if (peers) {
      if (stored.length > 0) {
        s.written = Math.max(s.written, stored[stored.length - 1]!.seq);
        peers.written({ version: s.written, clusters: matching.version });
      }
      stored = await announceable();
    }
    if (stored.length === 0) return;
    for (const e of stored) if (e.ideaId !== null) s.recount.add(e.ideaId);
    await recountNow();
    const upserts: BoardIdea[] = [];
    const removed: string[] = [];
    for (const id of s.changed) {
      const idea = s.ideas.get(id);
      if (!idea) {
        tally.remove(id);
        if (sent.delete(id)) removed.push(id);
        continue;
      }
      const now = boardIdea(idea, clusterNow.get(id) ?? null);
      tally.put(now);
      const json = JSON.stringify(now);
      if (sent.get(id) !== json) { upserts.push(now); sent.set(id, json); }
    }
    s.changed.clear();
    const version = stored[stored.length - 1]!.seq;
    s.pushed = version;
    bus.emit('board:updated', { version, events: stored, changes: { ideas: upserts, removed, clusters: tally.cards(), numbers: tally.numbers() } });
  }

  /**
   * With peers: the stored events after the last one announced here, in sequence order, up to the last
   * one this instance wrote or heard of (so the idea or label behind it is here already: cluster/
   * handles messages in order). None while the leader's clusters they describe are on their way (its
   * 'state' and 'board' messages race), unless that takes too long.
   */
  async function announceable(): Promise<BoardEvent[]> {
    if (s.clustersNeeded > matching.version && Date.now() - s.waitingSince < CLUSTERS_WAIT_MS) return [];
    s.clustersNeeded = 0;
    if (s.written <= s.pushed) return [];
    const events = (await store.listBoardEvents({ after: s.pushed, limit: BOARD_LIMITS.catchUp })).filter((e) => e.seq <= s.written);
    if (events.length === BOARD_LIMITS.catchUp) schedule(false);
    return events;
  }

  /** `local`: a change taken here, to be written; otherwise only announced (another instance wrote it). Alone, every change is local. */
  function schedule(local = true): void {
    if (closed) return;
    if (local || !peers) writing = true;
    dirty = true;
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      if (!dirty) return;
      dirty = false;
      flushing = flushing.then(flush).catch((err: unknown) => logger.error({ err }, 'board: update failed'));
    }, batchMs);
  }

  return {
    schedule,
    clustersChanged,

    /** The board as loaded counts as announced (no update for it): the tally takes `view`, every idea's counts and every idea. */
    async start(view: ClusterView): Promise<void> {
      takeView(view);
      tally.resetCounts(await store.countPerIdea());
      for (const id of s.changed) {
        const now = boardIdea(s.ideas.get(id)!, clusterNow.get(id) ?? null);
        tally.put(now);
        sent.set(id, JSON.stringify(now));
      }
      s.changed.clear();
    },

    async settled(): Promise<void> {
      while (timer || dirty) await new Promise((r) => setTimeout(r, batchMs));
      await flushing;
    },

    async close(): Promise<void> {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await flushing;
    },
  };
}

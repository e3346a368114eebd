// Keeps the matching engine in step with the store: built at start, fed by the domain's events, and
// recomputed off the main thread (by the leader only, with several instances).
import type { Logger } from 'pino';
import { MatchingEngine, type Placement } from '../engine/engine.js';
import type { EngineState, PlacedItem, RecomputeResult } from '../engine/types.js';
import type { Idea, Store } from '../store/store.js';
import { iso, type Clock } from './clock.js';
import { createClusterState } from './cluster-state.js';
import type { DomainBus } from './events.js';
import type { ClusterNews } from './cluster-news.js';
import { Assignments, summarise, type ClusterRef } from './matching/assignments.js';
import { ALONE, type RecomputeCoordination } from './matching/coordination.js';
import { takeStoredChanges, takeStoredIdea, type StoredIdea } from './matching/from-store.js';
import { createIdleWorker } from './matching/idle-worker.js';
import { createJoinNews } from './matching/join-news.js';
import { withDefaults, type MatchingOptions } from './matching/options.js';
import { createRecomputeScheduler } from './recompute-scheduler.js';
import { createSimilarIdeas } from './similar-ideas.js';
import { isListed } from './rules/visible-ideas.js';

export type { ClusterRef, ClusterSummary } from './matching/assignments.js';

/** The change in collection size after which an adopted recompute refreshes the live index (see adopt). */
const REFRESH_DRIFT = 0.05;

export interface MatchingDeps {
  store: Store;
  clock: Clock;
  bus: DomainBus;
  /** Told when an idea enters a cluster; it fans the news out later, in batches (cluster-news.ts). */
  clusterNews: Pick<ClusterNews, 'joined'>;
  logger: Logger;
  options?: MatchingOptions;
  /** Who runs the full recomputes when several instances share the store (server/scale-out/); default ALONE: this one. */
  coordination?: RecomputeCoordination;
}

/** The last full recompute this instance adopted or followed: when, over how many ideas, how long it took. */
export interface LastRecompute { at: string; ideas: number; seconds: number }

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
/** How long one slice of an adoption's placements, or one step of the index refresh after it, may hold the main thread (ms). */
const PLACE_SLICE_MS = 8;

/**
 * The matching engine inside the app: built from the store at start (restoring cluster ids and labels),
 * kept current from the domain's events, fully recomputed off the main thread after changes settle
 * (debounced, one run at a time, one more if changes came in meanwhile), and saved after every run.
 * With several instances only the leader recomputes; the others take its results (`follow`, `loadSaved`),
 * handed to them by server/scale-out/, which decides when.
 */
export function createMatching({ store, clock, bus, clusterNews, logger, options = {}, coordination = ALONE }: MatchingDeps) {
  const { debounceMs, maxWaitMs, workerIdleMs, minScore, engine: engineOptions } = withDefaults(options);
  const engine = new MatchingEngine(engineOptions);
  const ideas = new Map<string, Idea>();          // what the engine holds: open, visible ideas
  const assignment = new Assignments();           // idea -> cluster, live, with each cluster's size
  let version = 0;                                // the engine state's version
  let closed = false;
  const fail = (what: string) => (err: unknown) => logger.error({ err }, `matching: ${what} failed`);
  const worker = createIdleWorker(engineOptions, workerIdleMs, fail('closing the idle worker'));
  const clusterState = createClusterState({ store, clock, logger, engine });
  let lastRecompute: LastRecompute | null = null;
  const recompute = createRecomputeScheduler({
    run: runOnce, debounceMs, maxWaitMs, enabled: () => !closed && coordination.isLeader(),
    ...(options.timers ? { timers: options.timers } : {}),
  });
  const recorded = (ideaCount: number, ms: number) => {
    lastRecompute = { at: iso(clock), ideas: ideaCount, seconds: Math.round(ms) / 1000 };
  };

  const visible = isListed;
  const similar = createSimilarIdeas({ engine, store, ideas, visible, minScore });
  const docOf = (i: Idea) => ({ id: i.id, title: i.title, description: i.description, organisationId: i.organisationId, language: i.language });
  const news = createJoinNews({
    clusterNews, logger,
    labelOf: (clusterId) => engine.clusters().find((c) => c.id === clusterId)?.label ?? '',
    membersOf: (clusterId) => assignment.membersOf(clusterId).map((id) => ideas.get(id)!),
  });
  const summaries = () => summarise(engine.clusters(), assignment);

  function syncAssignments(): void {
    const all = engine.assignments();
    assignment.clear();
    for (const id of ideas.keys()) if (all[id] !== undefined) assignment.set(id, all[id]);
  }

  let refreshing: Promise<void> | null = null;
  /**
   * Refreshes the live index in steps of PLACE_SLICE_MS, giving the thread back between them; one at a
   * time (a call meanwhile shares the running one). Past SYNC_REFRESH_UP_TO ideas the engine leaves its
   * refreshes to this (after a recompute, or once posts have moved the collection by a quarter).
   */
  function refreshInSteps(): Promise<void> {
    if (refreshing) return refreshing;
    const run = (async () => {
      for (const _ of engine.refreshIndexSteps(PLACE_SLICE_MS)) {
        await nextTurn();
        if (closed) return;
      }
    })().catch(fail('refreshing the index')).finally(() => { if (refreshing === run) refreshing = null; });
    return (refreshing = run);
  }
  const refreshWhenDue = () => { if (engine.indexRefreshDue()) void refreshInSteps(); };

  function placed(idea: Idea, placement: Placement | null, local: boolean): void {
    if (!placement) return;
    // Close to no cluster: on the map, shown as not yet matched, and nobody is told.
    if (placement.clusterId === null) assignment.delete(idea.id);
    else assignment.set(idea.id, placement.clusterId);
    bus.emit('idea:placed', { ideaId: idea.id, clusterId: placement.clusterId, x: placement.x, y: placement.y, version });
    news.placed(idea, placement.clusterId, local);
  }

  /**
   * Takes a posted, edited or reopened idea (or drops one that is no longer visible). `local`: posted
   * through this instance, whose owners are told at once; an idea that arrives from another instance
   * is placed the same way but that instance has told them already.
   */
  function take(idea: Idea, previous: Idea | undefined, local: boolean): void {
    if (closed) return;
    if (!visible(idea)) {
      ideas.delete(idea.id);
      assignment.delete(idea.id);
      news.dropped(idea.id);
      if (engine.remove(idea.id)) { recompute.schedule(); refreshWhenDue(); }
      return;
    }
    const textChanged = !previous || idea.title !== previous.title || idea.description !== previous.description || !engine.has(idea.id);
    ideas.set(idea.id, idea);
    if (!textChanged) return;
    news.touched(idea.id);
    placed(idea, engine.update(docOf(idea)), local);
    recompute.schedule();
    refreshWhenDue();
  }

  const onCreated = (idea: Idea): void => take(idea, undefined, true);
  const takeFromElsewhere = (idea: Idea, known: Idea | undefined): void => take(idea, known, false);
  const onUpdated = (idea: Idea, previous: Idea): void => take(idea, previous, true);

  async function adopt(result: RecomputeResult, ms: number): Promise<void> {
    // A turn of its own: the result's message was read (copied in) in this one.
    await nextTurn();
    if (closed) return;
    const before = new Map(assignment);
    // The result came from the worker for this call alone: its state is taken without a copy.
    if (!engine.adoptResult(result, { owned: true })) return;
    // The ideas posted while the worker ran are placed in slices (see adoptResult). Until the last
    // slice, this service's assignments and version stay as they were: pages, the board and the news
    // switch to the new clusters at once, below. The first slice gets a turn of its own too.
    do {
      await nextTurn();
      if (closed) return;
    } while (!engine.placePending(PLACE_SLICE_MS));
    await nextTurn(); // the last slice took its time; the switch below takes up to 20 ms at 10,000 ideas under load
    if (closed) return;
    version = result.version;
    syncAssignments();
    recorded(result.items.length, ms);
    const told = news.recomputed(before, assignment);
    // The adoption's heavy steps each get a turn of their own: requests and sockets go in between
    // (together they held the main thread for 0.1–0.7 s at 5,000 ideas under load, issue 19).
    await nextTurn();
    if (closed) return;
    // For the other instances, with what was placed since: as the store will have it. Alone there is
    // nobody to hand it to, and the copy held the main thread for 6-37 ms (the clusters' sparse centroids).
    const stateAsSaved = coordination === ALONE ? null : engine.state();
    await nextTurn();
    if (closed) return;
    // Fresh idf for similarTo: the live index otherwise refreshes only after the collection drifted
    // 25 %. Its cost is proportional to the collection (22-79 ms at 10,000 ideas under posting, in
    // one piece), so it runs here, after a recompute, in steps with the thread given back between
    // them, and only once the collection has changed in size by REFRESH_DRIFT since the last
    // refresh: under steady posting a recompute comes every 30 s, and the idf of 10,000 ideas hardly
    // moves with a few hundred more.
    if (engine.indexDrift() >= REFRESH_DRIFT) await refreshInSteps();
    if (closed) return;
    await nextTurn();
    if (closed) return;
    void clusterState.persist().then(() => {
      const storedVersion = clusterState.storedVersion;
      if (storedVersion !== null && stateAsSaved) coordination.recomputed({ result: { ...result, state: stateAsSaved, timings: { total: ms / 1000 } }, storedVersion });
    });
    // The save (the state as JSON, handed to the store's thread), the board's placements and the news
    // each get a turn: in one, they held the thread for 90-125 ms at 10,000 ideas under load (issue 19).
    await nextTurn();
    if (closed) return;
    const items: PlacedItem[] = result.items.filter((i) => ideas.has(i.id));
    bus.emit('clusters:recomputed', { version, clusters: summaries(), items });
    await nextTurn();
    if (closed) return;
    news.announce(told, ideas, assignment);
  }

  async function runOnce(): Promise<void> {
    if (closed || !coordination.isLeader()) return;
    bus.emit('clusters:recomputing', { running: true });
    worker.busy();
    try {
      const started = performance.now();
      // The snapshot in steps too: in one piece it held the thread for 35-110 ms at 10,000 ideas under load.
      const steps = engine.snapshotSteps(PLACE_SLICE_MS);
      let step = steps.next();
      while (!step.done) {
        await nextTurn();
        if (closed || !coordination.isLeader()) return;
        step = steps.next();
      }
      const result = await worker.recompute(step.value, engine.stateNow());
      // A leader that stepped down meanwhile drops its result: the new leader recomputes.
      if (!closed && coordination.isLeader()) await adopt(result, performance.now() - started);
    } catch (err) {
      if (closed) return;
      fail('recompute')(err);
      await worker.discard();
    } finally {
      bus.emit('clusters:recomputing', { running: false });
      if (!closed) worker.idle();
    }
  }

  /** Another instance's recompute, and what this instance holds from then on, as if its own: same clusters, ids, labels, map. */
  function settleFollowed(engineVersion: number, stored: number, items: PlacedItem[]): void {
    version = engineVersion;
    clusterState.storedVersion = Math.max(clusterState.storedVersion ?? 0, stored);
    syncAssignments();
    news.followed(assignment);
    bus.emit('clusters:recomputed', { version, clusters: summaries(), items, followed: true });
  }

  /**
   * Loads the state saved in the store when it is later than what this instance saved or loaded. Only
   * its labels when `labelsOnly` (this instance's clusters are its own) or when it is older than this
   * engine's (a follower's label written over an older state). Returns the clusters whose label changed that way.
   */
  async function loadSaved(labelsOnly = false): Promise<number[]> {
    const saved = await store.getClusterState();
    if (closed || !saved || saved.version <= (clusterState.storedVersion ?? 0)) return [];
    const state = JSON.parse(saved.state) as EngineState;
    if (labelsOnly || state.version < version) return clusterState.takeStored(saved.version, state.clusters);
    engine.restore(state);
    clusterState.restored(saved.version);
    for (const id of ideas.keys()) if (state.assignments[id] === undefined) engine.place(id);
    settleFollowed(state.version, saved.version, []);
    return [];
  }

  return {
    ...similar,

    /** Builds the engine from the store's open ideas and the saved cluster state; then follows the bus. */
    async start(): Promise<void> {
      const saved = await store.getClusterState();
      if (saved) {
        const state = JSON.parse(saved.state) as EngineState;
        engine.restore(state);
        version = state.version;
        clusterState.restored(saved.version);
      }
      for (const idea of await store.allOpenIdeas()) ideas.set(idea.id, idea);
      engine.addMany([...ideas.values()].map(docOf));
      syncAssignments();
      // Ideas posted after the last save: placed by the saved centroids until the next recompute.
      for (const id of ideas.keys()) if (!assignment.has(id)) { const p = engine.place(id); if (p?.clusterId != null) assignment.set(id, p.clusterId); }
      news.told(assignment);
      bus.on('idea:created', onCreated);
      bus.on('idea:updated', onUpdated);
      if (ideas.size > 0) recompute.schedule();
    },

    clusterOf(ideaId: string): ClusterRef | null {
      const id = assignment.get(ideaId);
      if (id === undefined) return null;
      const c = engine.clusters().find((x) => x.id === id);
      return { id, label: c?.label ?? '', size: assignment.sizeOf(id) };
    },

    clusters: summaries,

    /** Open, visible ideas close to no cluster: shown as not yet matched. */
    unmatched(): string[] {
      return [...ideas.keys()].filter((id) => !assignment.has(id)).sort();
    },

    /** A human label for a cluster (null: back to the automatic one); kept across recomputes and restarts. */
    async setLabel(clusterId: number, label: string | null): Promise<boolean> {
      if (!clusterState.setLabel(clusterId, label)) return false;
      const stored = coordination.isLeader() ? await clusterState.persist() : await clusterState.saveLabel(clusterId);
      coordination.labelSet({ clusterId, label, stored });
      return true;
    },

    // What other instances (server/scale-out/) and other processes (outside-writes.ts) did, taken here.

    /** Another instance took a post or an edit: the store has it; place it here too (the leader also recomputes). Returns it as stored (null: gone). */
    ideaChangedElsewhere(ideaId: string): Promise<Idea | null> {
      return takeStoredIdea(store, ideas, takeFromElsewhere, ideaId);
    },

    /** The leader's recompute, saved as store version `stored`, taken as this engine's own (an older one than held is ignored). */
    follow(result: RecomputeResult, stored: number): void {
      if (closed || result.version <= version) return;
      // The leader's saved state already places every idea it knew; only ideas it did not know get placed here.
      engine.trustNextResult();
      if (!engine.applyResult(result)) return;
      if (engine.indexDrift() >= REFRESH_DRIFT) void refreshInSteps(); // as in adopt(): followers answer similar-idea requests too
      recorded(result.items.length, (result.timings.total ?? 0) * 1000); // the leader's run, in seconds
      settleFollowed(result.version, stored, result.items.filter((i) => ideas.has(i.id)));
    },

    loadSaved,

    /**
     * When messages may have been lost (this instance's Redis came back, another instance says it
     * could not announce its changes, on start right after subscribing, or another process wrote to
     * the store): takes every idea the store has that this engine does not have as stored, drops
     * those gone, and (on a follower) loads the leader's saved state. The leader takes the stored
     * labels it has nothing later for. Returns, for the board, the ideas it took as stored (null:
     * gone) and the clusters whose label changed.
     */
    async resync(): Promise<{ ideas: StoredIdea[]; labels: number[] }> {
      const changed = await takeStoredChanges(store, ideas, takeFromElsewhere);
      const labels = await loadSaved(coordination.isLeader());
      return { ideas: changed, labels };
    },

    /** A label set on another instance, saved there as store version `stored` (null: not saved); false when not taken (a later one is held here). */
    labelSetElsewhere(clusterId: number, label: string | null, stored: number | null = null): boolean {
      return clusterState.labelFrom(clusterId, label, stored);
    },

    /** This instance became the leader (catch up, then recompute what changed) or stopped being it. */
    async leadershipChanged(leader: boolean): Promise<void> {
      if (!leader) {
        recompute.cancel();
        return;
      }
      await loadSaved().catch(fail('loading the saved clusters'));
      if (ideas.size > 0) recompute.schedule();
    },

    /** A full recompute now (tests, the board); resolves when a run that includes every change so far is adopted. On a follower: nothing. */
    recomputeNow(): Promise<void> {
      recompute.cancel();
      return recompute.trigger();
    },

    get version(): number { return version; },

    /** The open, visible ideas this service holds: the store's at start, followed since (the board starts from them). */
    openIdeas(): Iterable<Idea> { return ideas.values(); },

    /** The last full recompute adopted or followed here (null: none since the start). */
    get lastRecompute(): LastRecompute | null { return lastRecompute; },

    /** Whether a recompute worker thread is running now (it is ended after `workerIdleMs` idle). */
    get workerRunning(): boolean { return worker.running; },

    /** Stops following the bus, terminates the worker (a running recompute is dropped) and waits for the last save. */
    async close(): Promise<void> {
      if (closed) return clusterState.saving;
      closed = true;
      recompute.cancel();
      bus.off('idea:created', onCreated);
      bus.off('idea:updated', onUpdated);
      await worker.close();
      await recompute.inflight?.catch(() => undefined);
      await clusterState.saving;
    },
  };
}

export type Matching = ReturnType<typeof createMatching>;

import type { Logger } from 'pino';
import { MatchingEngine, type EngineOptions, type Placement } from '../engine/engine.js';
import type { ClusterInfo, EngineState, PlacedItem, RecomputeResult } from '../engine/types.js';
import { RecomputeWorker } from '../engine/worker.js';
import type { Idea, Store } from '../store/store.js';
import { iso, type Clock } from './clock.js';
import { createClusterState } from './cluster-state.js';
import type { DomainBus } from './events.js';
import type { ClusterNews } from './cluster-news.js';
import { createRecomputeScheduler, type SchedulerTimers } from './recompute-scheduler.js';
import { createSimilarIdeas } from './similar-ideas.js';

/**
 * Idea -> cluster, keeping the size of every cluster as it changes: clusterOf() is asked for each
 * card of a list page, and counting the members by a scan cost 10 ms of every /ideas at 10,000 ideas.
 */
class Assignments extends Map<string, number> {
  private readonly sizes = new Map<number, number>();

  override set(ideaId: string, clusterId: number): this {
    const before = super.get(ideaId);
    if (before !== undefined) this.count(before, -1);
    this.count(clusterId, 1);
    return super.set(ideaId, clusterId);
  }

  override delete(ideaId: string): boolean {
    const before = super.get(ideaId);
    if (before !== undefined) this.count(before, -1);
    return super.delete(ideaId);
  }

  override clear(): void {
    this.sizes.clear();
    super.clear();
  }

  sizeOf(clusterId: number): number {
    return this.sizes.get(clusterId) ?? 0;
  }

  private count(clusterId: number, by: number): void {
    const n = (this.sizes.get(clusterId) ?? 0) + by;
    if (n === 0) this.sizes.delete(clusterId);
    else this.sizes.set(clusterId, n);
  }
}

/** The change in collection size after which an adopted recompute refreshes the live index (see adopt). */
const REFRESH_DRIFT = 0.05;

export interface MatchingOptions {
  /** Quiet time after the last change before a full recompute starts (default 2000 ms). */
  debounceMs?: number;
  /** The longest a change waits for its recompute while changes keep coming (default 30000 ms). */
  maxWaitMs?: number;
  /**
   * How long the recompute's worker thread may sit idle before it is ended (default 15000 ms); the next
   * recompute starts a new one (about a second more, on the worker's own thread). An idle worker still
   * holds the heap of its last run: 155 MB of the app's 441 MB at 10,000 ideas (issue 19). Under steady
   * posting a recompute comes every 30 s at most (RECOMPUTE_MAX_WAIT_MS), so the memory is freed in between.
   */
  workerIdleMs?: number;
  /**
   * Lowest score (0..1: TF-IDF cosine, blended with the LSA cosine once clusters exist) shown as similar.
   * 0.12 keeps ideas that share a few distinctive words and drops those that share one common word.
   */
  minScore?: number;
  engine?: EngineOptions;
  /** The recompute's quiet time on fake timers (tests); default the real ones. */
  timers?: SchedulerTimers;
}

export interface MatchingDeps {
  store: Store;
  clock: Clock;
  bus: DomainBus;
  /** Told when an idea enters a cluster; it fans the news out later, in batches (cluster-news.ts). */
  clusterNews: Pick<ClusterNews, 'joined'>;
  logger: Logger;
  options?: MatchingOptions;
  /** Who runs the full recomputes when several instances share the store (server/cluster/); alone: always this one. */
  leadership?: Leadership;
}

/**
 * Only the leader recomputes and saves the clusters; the others follow it (server/cluster/ calls
 * `followLeader`, `ideaChangedElsewhere` and `labelSetElsewhere`). The hooks tell the other instances.
 */
export interface Leadership {
  isLeader(): boolean;
  /** The leader adopted and saved a recompute; `result.state` is the engine's state as saved. */
  recomputed?(event: { result: RecomputeResult; storedVersion: number }): void;
  /** A label override was set on this instance; `stored`: the store version that holds it (null: not saved). */
  labelSet?(event: { clusterId: number; label: string | null; stored: number | null }): void;
}

export const SOLE_LEADER: Leadership = { isLeader: () => true };

export interface ClusterRef { id: number; label: string; size: number }
/** The last full recompute this instance adopted or followed: when, over how many ideas, how long it took. */
export interface LastRecompute { at: string; ideas: number; seconds: number }
export interface ClusterSummary extends ClusterRef {
  autoLabel: string;
  override: string | null;
  members: string[];
  /** The idea most central to the cluster (its title says what the cluster is about); null when it has none. */
  representative: string | null;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Reshuffles that move more settled ideas than this (a new k) are not news: nobody is told. */
const MAX_MOVES_ANNOUNCED = 20;

/**
 * The matching engine inside the app: built from the store at start (restoring cluster ids and labels),
 * kept current from the domain's events, fully recomputed off the main thread after changes settle
 * (debounced, one run at a time, one more if changes came in meanwhile), and saved after every run.
 */
export function createMatching({ store, clock, bus, clusterNews, logger, options = {}, leadership = SOLE_LEADER }: MatchingDeps) {
  const debounceMs = options.debounceMs ?? 2000;
  const minScore = options.minScore ?? 0.12;
  const engineOptions: EngineOptions = { seed: 42, ...options.engine };
  const engine = new MatchingEngine(engineOptions);
  const ideas = new Map<string, Idea>();          // what the engine holds: open, visible ideas
  const assignment = new Assignments();           // idea -> cluster, live, with each cluster's size
  const announced = new Map<string, number>();    // idea -> the cluster others were told it joined
  const touched = new Set<string>();              // posted, edited or reopened since the last recompute
  let version = 0;                                // the engine state's version
  let worker: RecomputeWorker | null = null;
  let parkTimer: NodeJS.Timeout | null = null;
  const workerIdleMs = options.workerIdleMs ?? 15_000;
  let closed = false;
  const clusterState = createClusterState({ store, clock, logger, engine });
  let lastRecompute: LastRecompute | null = null;
  const recompute = createRecomputeScheduler({
    run: runOnce, debounceMs, maxWaitMs: options.maxWaitMs ?? 30_000, enabled: () => !closed && leadership.isLeader(),
    ...(options.timers ? { timers: options.timers } : {}),
  });
  const recorded = (ideaCount: number, ms: number) => {
    lastRecompute = { at: iso(clock), ideas: ideaCount, seconds: Math.round(ms) / 1000 };
  };

  const visible = (i: Idea) => i.status === 'open' && !i.hidden;
  const similar = createSimilarIdeas({ engine, store, ideas, visible, minScore });
  const docOf = (i: Idea) => ({ id: i.id, title: i.title, description: i.description, organisationId: i.organisationId, language: i.language });
  const fail = (what: string) => (err: unknown) => logger.error({ err }, `matching: ${what} failed`);

  function syncAssignments(): void {
    const all = engine.assignments();
    assignment.clear();
    for (const id of ideas.keys()) if (all[id] !== undefined) assignment.set(id, all[id]);
  }

  function membersOf(clusterId: number): Idea[] {
    const out: Idea[] = [];
    for (const [id, c] of assignment) if (c === clusterId) out.push(ideas.get(id)!);
    return out;
  }

  function announce(idea: Idea, clusterId: number): void {
    if (announced.get(idea.id) === clusterId) return;
    announced.set(idea.id, clusterId);
    clusterNews.joined(idea, {
      id: clusterId,
      label: () => engine.clusters().find((c) => c.id === clusterId)?.label ?? '',
      members: () => membersOf(clusterId),
    });
  }

  function placed(idea: Idea, placement: Placement | null, tellOthers: boolean): void {
    if (!placement) return;
    // Close to no cluster: on the map, shown as not yet matched, and nobody is told.
    if (placement.clusterId === null) assignment.delete(idea.id);
    else assignment.set(idea.id, placement.clusterId);
    bus.emit('idea:placed', { ideaId: idea.id, clusterId: placement.clusterId, x: placement.x, y: placement.y, version });
    // Not yet matched: nobody to tell, and a later placement into a cluster is news again.
    if (placement.clusterId === null) announced.delete(idea.id);
    else if (tellOthers) announce(idea, placement.clusterId);
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
      touched.delete(idea.id);
      if (engine.remove(idea.id)) recompute.schedule();
      return;
    }
    const textChanged = !previous || idea.title !== previous.title || idea.description !== previous.description || !engine.has(idea.id);
    ideas.set(idea.id, idea);
    if (!textChanged) return;
    touched.add(idea.id);
    const placement = engine.update(docOf(idea));
    placed(idea, placement, local);
    if (!local && placement?.clusterId != null) announced.set(idea.id, placement.clusterId);
    recompute.schedule();
  }

  const onCreated = (idea: Idea): void => take(idea, undefined, true);
  const onUpdated = (idea: Idea, previous: Idea): void => take(idea, previous, true);

  async function adopt(result: RecomputeResult, ms: number): Promise<void> {
    const before = new Map(assignment);
    if (!engine.applyResult(result)) return;
    version = result.version;
    syncAssignments();
    recorded(result.items.length, ms);
    const stateAsSaved = engine.state();
    const moved = [...assignment].filter(([id, c]) => before.get(id) !== undefined && before.get(id) !== c && !touched.has(id));
    const tell = [...touched].filter((id) => assignment.has(id)).map((id) => [id, assignment.get(id)!] as const);
    touched.clear();
    // The adoption's heavy steps each get a turn of their own: requests and sockets go in between
    // (together they held the main thread for 0.1–0.7 s at 5,000 ideas under load, issue 19).
    await nextTurn();
    if (closed) return;
    // Fresh idf for similarTo: the live index otherwise refreshes only after the collection drifted
    // 25 %. It blocks this thread for time proportional to the collection (0.24 s at 10,000 ideas in
    // issue 19's profile), so it runs here, after a recompute, and only once the collection has
    // changed in size by REFRESH_DRIFT since the last refresh: under steady posting a recompute
    // comes every 30 s, and the idf of 10,000 ideas hardly moves with a few hundred more.
    if (engine.indexDrift() >= REFRESH_DRIFT) engine.refreshIndex();
    await nextTurn();
    if (closed) return;
    void clusterState.persist().then(() => {
      const storedVersion = clusterState.storedVersion;
      if (storedVersion !== null) leadership.recomputed?.({ result: { ...result, state: stateAsSaved, timings: { total: ms / 1000 } }, storedVersion });
    });
    const items: PlacedItem[] = result.items.filter((i) => ideas.has(i.id));
    bus.emit('clusters:recomputed', { version, clusters: summaries(), items });
    if (moved.length <= MAX_MOVES_ANNOUNCED) tell.push(...moved);
    else logger.info({ moved: moved.length }, 'matching: clusters reshuffled; moves not announced');
    for (const [id, clusterId] of tell) {
      const idea = ideas.get(id);
      if (idea && assignment.get(id) === clusterId) announce(idea, clusterId);
    }
  }

  async function runOnce(): Promise<void> {
    if (closed || !leadership.isLeader()) return;
    bus.emit('clusters:recomputing', { running: true });
    if (parkTimer) { clearTimeout(parkTimer); parkTimer = null; }
    try {
      const started = performance.now();
      worker ??= new RecomputeWorker(engineOptions);
      // The snapshot's arrays: the worker recomputes on them directly instead of building a second engine.
      const result = await worker.recompute(engine.snapshot(), engine.state());
      // A leader that stepped down meanwhile drops its result: the new leader recomputes.
      if (!closed && leadership.isLeader()) await adopt(result, performance.now() - started);
    } catch (err) {
      if (closed) return;
      fail('recompute')(err);
      const broken = worker;
      worker = null; // a fresh worker next time
      await broken?.close().catch(() => undefined);
    } finally {
      bus.emit('clusters:recomputing', { running: false });
      if (worker && !closed) parkTimer = setTimeout(park, workerIdleMs).unref();
    }
  }

  /** Ends the idle worker thread and frees its heap; runOnce starts a new one when it is needed. */
  function park(): void {
    parkTimer = null;
    const idle = worker;
    worker = null;
    void idle?.close().catch(fail('closing the idle worker'));
  }

  /** A follower takes the leader's recompute as its own: same clusters, ids, labels, map and placement model. */
  function follow(result: RecomputeResult, stored: number): void {
    if (closed || result.version <= version) return;
    // The leader's saved state already places every idea it knew; only ideas it did not know get placed here.
    engine.trustNextResult();
    if (!engine.applyResult(result)) return;
    if (engine.indexDrift() >= REFRESH_DRIFT) engine.refreshIndex(); // as in adopt(): followers answer similar-idea requests too
    recorded(result.items.length, (result.timings.total ?? 0) * 1000); // the leader's run, in seconds
    settleFollowed(result.version, stored, result.items.filter((i) => ideas.has(i.id)));
  }

  /**
   * A follower (or a new leader) loads the saved state when it missed the leader's result. Only its
   * labels when `labelsOnly` (the leader's clusters are its own) or when it is older than this engine's
   * (a follower's label written over an older state). Returns the clusters whose label changed that way.
   */
  async function catchUp(labelsOnly = false): Promise<number[]> {
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

  function settleFollowed(engineVersion: number, stored: number, items: PlacedItem[]): void {
    version = engineVersion;
    clusterState.storedVersion = Math.max(clusterState.storedVersion ?? 0, stored);
    syncAssignments();
    // The leader told the organisations concerned.
    for (const [id, c] of assignment) announced.set(id, c);
    touched.clear();
    bus.emit('clusters:recomputed', { version, clusters: summaries(), items, followed: true });
  }

  function summaries(): ClusterSummary[] {
    const members = new Map<number, string[]>();
    for (const [id, c] of assignment) {
      const list = members.get(c);
      if (list) list.push(id);
      else members.set(c, [id]);
    }
    return engine.clusters().map((c: ClusterInfo) => {
      const m = members.get(c.id) ?? [];
      // The recompute's most central idea while it is still a member; else the first (a live placement changed it).
      const representative = c.representative && m.includes(c.representative) ? c.representative : m[0] ?? null;
      return { id: c.id, label: c.label, autoLabel: c.autoLabel, override: c.override, size: m.length, members: m, representative };
    });
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
      for (const [id, c] of assignment) announced.set(id, c);
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
      const stored = leadership.isLeader() ? await clusterState.persist() : await clusterState.saveLabel(clusterId);
      leadership.labelSet?.({ clusterId, label, stored });
      return true;
    },

    /** Another instance took a post or an edit: the store has it; place it here too (the leader also recomputes). Returns it as stored (null: gone). */
    async ideaChangedElsewhere(ideaId: string): Promise<Idea | null> {
      const idea = await store.getIdea(ideaId);
      const known = ideas.get(ideaId);
      if (idea) take(idea, known, false);
      else if (known) take({ ...known, status: 'withdrawn' }, known, false);
      return idea;
    },

    /** The leader's recompute (null: it could not be fetched; load the saved state instead). */
    async followLeader(result: RecomputeResult | null, storedVersion: number): Promise<void> {
      if (leadership.isLeader()) return;
      if (result) follow(result, storedVersion);
      else await catchUp();
    },

    /**
     * When messages may have been lost (this instance's Redis came back, another instance says it
     * could not announce its changes, or on start, right after subscribing): takes every idea the
     * store has that this engine does not have as stored, drops those gone, and (on a follower) loads
     * the leader's saved state. It compares the whole store, not what changed since some moment, so
     * it finds a change however long ago it was stored. The leader takes the stored labels it has
     * nothing later for. Returns, for the board, the ideas it took as stored (null: gone) and the
     * clusters whose label changed.
     */
    async resync(): Promise<{ ideas: { ideaId: string; idea: Idea | null }[]; labels: number[] }> {
      const open = await store.allOpenIdeas();
      const seen = new Set<string>();
      const changed: { ideaId: string; idea: Idea | null }[] = [];
      for (const idea of open) {
        seen.add(idea.id);
        const known = ideas.get(idea.id);
        if (!known || known.updatedAt !== idea.updatedAt || known.hidden !== idea.hidden) { take(idea, known, false); changed.push({ ideaId: idea.id, idea }); }
      }
      for (const [id, known] of [...ideas]) if (!seen.has(id)) { take({ ...known, status: 'withdrawn' }, known, false); changed.push({ ideaId: id, idea: null }); }
      const labels = await catchUp(leadership.isLeader());
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
      await catchUp().catch(fail('loading the saved clusters'));
      if (ideas.size > 0) recompute.schedule();
    },

    /** A full recompute now (tests, the board); resolves when a run that includes every change so far is adopted. On a follower: nothing. */
    recomputeNow(): Promise<void> {
      recompute.cancel();
      return recompute.trigger();
    },

    get version(): number { return version; },

    /** The last full recompute adopted or followed here (null: none since the start). */
    get lastRecompute(): LastRecompute | null { return lastRecompute; },

    /** Whether a recompute worker thread is running now (it is ended after `workerIdleMs` idle). */
    get workerRunning(): boolean { return worker !== null; },

    /** Stops following the bus, terminates the worker (a running recompute is dropped) and waits for the last save. */
    async close(): Promise<void> {
      if (closed) return clusterState.saving;
      closed = true;
      recompute.cancel();
      if (parkTimer) clearTimeout(parkTimer);
      bus.off('idea:created', onCreated);
      bus.off('idea:updated', onUpdated);
      await worker?.close().catch(() => undefined);
      await recompute.inflight?.catch(() => undefined);
      await clusterState.saving;
    },
  };
}

export type Matching = ReturnType<typeof createMatching>;

import type { Logger } from 'pino';
import { AppError } from '../errors.js';
import type { BoardEvent, Idea, NewBoardEvent, Organisation, Store } from '../store/store.js';
import type { Viewer } from './actor.js';
import { buildBoardView, type BoardCluster, type BoardIdea, type BoardNumbers } from './board-view.js';
import { diffClusters, emptyView, type ClusterView, type DiffEvent } from './board-diff.js';
import { BoardTally } from './board-tally.js';
import { iso, type Clock } from './clock.js';
import type { DomainBus } from './events.js';
import type { Matching } from './matching.js';

export type { BoardCluster, BoardIdea, BoardNumbers } from './board-view.js';

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
export interface BoardSnapshot { version: number; ideas: BoardIdea[]; clusters: BoardCluster[]; numbers: BoardNumbers; events: BoardEvent[] }
/** A catch-up: the events after the client's version and the board as it is now, or `reload` when too much was missed. */
export type BoardCatchUp = { version: number; reload: false; events: BoardEvent[]; changes: BoardChanges | null } | { version: number; reload: true };

export const BOARD_LIMITS = { timeline: 50, catchUp: 200 } as const;

/** How long a board waits for the leader's clusters that another instance's events describe, before it announces them anyway. */
const CLUSTERS_WAIT_MS = 2000;

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
  matching: Pick<Matching, 'clusters' | 'version'>;
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
export function createBoard({ store, clock, bus, matching, logger, batchMs = 25, peers }: BoardDeps) {
  const ideas = new Map<string, Idea>();
  const organisations = new Map<string, Organisation>();
  const positions = new Map<string, { x: number; y: number }>();
  const sent = new Map<string, string>();          // idea id -> the BoardIdea last announced (JSON)
  const departed = new Map<string, Idea>();        // left the board since the last update: still named in its events
  let seen: ClusterView = emptyView();
  let pending: DiffEvent[] = [];
  let dirty = false;
  let timer: NodeJS.Timeout | null = null;
  let flushing: Promise<void> = Promise.resolve();
  let closed = false;
  let writing = false;                             // a change taken here waits to be written
  const localIdeas = new Set<string>();            // ideas posted or edited here since the last write
  const localLabels = new Set<number>();           // clusters renamed here since the last write
  let pushed = 0;                                  // with peers: the last version announced here
  let written = 0;                                 // with peers: the highest version this board may announce
  let clustersNeeded = 0;                          // with peers: the matching version those events describe
  let waitingSince = 0;
  // A live update costs what changed: the ideas named here, the counts of the ideas named in its events,
  // and the cluster view (every idea) only after something that moves ideas between clusters or renames one.
  const tally = new BoardTally(organisations);
  const changed = new Set<string>();               // ideas whose BoardIdea may differ from the one last announced
  const recount = new Set<string>();               // ideas whose endorsements or connections may have changed
  let viewDirty = false;                           // the clusters may have changed since the tally last took them
  let diffNeeded = false;                          // ... or since `seen` was last written
  let viewVersion = 0;                             // the matching version the tally last took
  let clusterNow = new Map<string, number | null>(); // every idea on the board and its cluster, as the tally last took them

  const visible = (i: Idea) => i.status === 'open' && !i.hidden;
  const ideaOf = (id: string) => ideas.get(id) ?? departed.get(id);
  const orgName = (ideaId: string) => organisations.get(ideaOf(ideaId)?.organisationId ?? '')?.name ?? '';

  function currentClusterView(): ClusterView {
    const view = emptyView();
    for (const id of ideas.keys()) view.ideas.set(id, null);
    for (const c of matching.clusters()) {
      const members = c.members.filter((m) => ideas.has(m));
      if (members.length === 0) continue;
      view.clusters.set(c.id, { label: c.label, members });
      for (const m of members) view.ideas.set(m, c.id);
    }
    return view;
  }

  async function organisationsOf(list: Idea[]): Promise<void> {
    for (const id of new Set(list.map((i) => i.organisationId))) {
      if (organisations.has(id)) continue;
      const org = await store.getOrganisation(id);
      if (org) organisations.set(id, org);
    }
  }

  async function currentState(view: ClusterView) {
    const list = [...ideas.values()];
    await organisationsOf(list);
    const [endorsements, connections] = await Promise.all([store.listEndorsements(), store.listConnections()]);
    const clusters = [...view.clusters].map(([id, c]) => ({ id, ...c }));
    return buildBoardView({ ideas: list, organisations, clusters, positions, endorsements, connections });
  }

  /**
   * With peers, snapshots and catch-ups stop at the last version announced here: a later event may be
   * about an idea or clusters still on their way to this instance, and a board that had its version
   * would take the update that brings them for stale.
   */
  const announced = (events: BoardEvent[]) => (peers ? events.filter((e) => e.seq <= pushed) : events);

  async function latestVersion(): Promise<number> {
    return (await store.listBoardEvents({ limit: 1 }))[0]?.seq ?? 0;
  }

  const boardIdea = (i: Idea, clusterId: number | null): BoardIdea => {
    const p = positions.get(i.id);
    return {
      id: i.id, title: i.title, organisationId: i.organisationId, organisation: organisations.get(i.organisationId)?.name ?? '', theme: i.theme,
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
    for (const [id, clusterId] of view.ideas) if (tally.clusterOf(id) !== clusterId) changed.add(id);
  }

  /**
   * Fresh counts for the ideas whose events were announced; a change no event told of (an introduction,
   * one on another instance not announced here yet) shows in the totals, and then every idea is counted.
   */
  async function recountNow(): Promise<void> {
    const ids = [...recount];
    recount.clear();
    if (ids.length > 0) for (const row of await store.countPerIdea(ids)) tally.setCounts(row);
    const totals = await store.countAll();
    if (totals.endorsements !== tally.totals.endorsements || totals.connections !== tally.totals.connections) tally.resetCounts(await store.countPerIdea());
  }

  async function flush(): Promise<void> {
    const write = writing;
    writing = false;
    if (matching.version !== viewVersion) clustersChanged();
    const view = viewDirty || (write && diffNeeded) ? currentClusterView() : null;
    if (view && viewDirty) takeView(view);
    viewDirty = false;
    let stored: BoardEvent[] = [];
    if (write) {
      // Without a cluster change since the last write, the view is `seen` and the diff would be empty.
      const moves = view && diffNeeded ? diffClusters(seen, view, (id) => ({ organisation: orgName(id), title: ideaOf(id)?.title ?? '' })) : [];
      const events = [...pending, ...moves];
      pending = [];
      if (view && diffNeeded) seen = view;
      diffNeeded = false;
      departed.clear();
      localIdeas.clear();
      localLabels.clear();
      // Moves on the map and new counts without a timeline-worthy change still need a new version.
      if (events.length === 0) events.push({ kind: 'refreshed', params: {}, clusterId: null, ideaId: null });
      const createdAt = iso(clock);
      stored = await store.appendBoardEvents(events.map((e): NewBoardEvent => ({ ...e, createdAt })));
    }
    if (peers) {
      if (stored.length > 0) {
        written = Math.max(written, stored[stored.length - 1]!.seq);
        peers.written({ version: written, clusters: matching.version });
      }
      stored = await announceable();
    }
    if (stored.length === 0) return;
    for (const e of stored) if (e.ideaId !== null) recount.add(e.ideaId);
    await recountNow();
    const upserts: BoardIdea[] = [];
    const removed: string[] = [];
    for (const id of changed) {
      const idea = ideas.get(id);
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
    changed.clear();
    const version = stored[stored.length - 1]!.seq;
    pushed = version;
    bus.emit('board:updated', { version, events: stored, changes: { ideas: upserts, removed, clusters: tally.cards(), numbers: tally.numbers() } });
  }


  /**
   * With peers: the stored events after the last one announced here, in sequence order, up to the last
   * one this instance wrote or heard of (so the idea or label behind it is here already: cluster/
   * handles messages in order). None while the leader's clusters they describe are on their way (its
   * 'state' and 'board' messages race), unless that takes too long.
   */
  async function announceable(): Promise<BoardEvent[]> {
    if (clustersNeeded > matching.version && Date.now() - waitingSince < CLUSTERS_WAIT_MS) return [];
    clustersNeeded = 0;
    if (written <= pushed) return [];
    const events = (await store.listBoardEvents({ after: pushed, limit: BOARD_LIMITS.catchUp })).filter((e) => e.seq <= written);
    if (events.length === BOARD_LIMITS.catchUp) schedule(false);
    return events;
  }

  /** Puts an idea in a view's cluster (null: none, undefined: off the board), members included. */
  function setIn(view: ClusterView, id: string, clusterId: number | null | undefined): void {
    const was = view.ideas.get(id);
    const from = was === undefined || was === null ? undefined : view.clusters.get(was);
    if (from) from.members = from.members.filter((m) => m !== id);
    if (clusterId === undefined) { view.ideas.delete(id); return; }
    view.ideas.set(id, clusterId);
    if (clusterId !== null) view.clusters.get(clusterId)?.members.push(id);
  }

  /** After a recompute another instance ran (and wrote): its view becomes `seen`, except what was taken here and is not written yet. */
  function absorbAll(): void {
    const view = currentClusterView();
    for (const id of localIdeas) setIn(view, id, seen.ideas.get(id));
    for (const id of localLabels) {
      const was = seen.clusters.get(id);
      const now = view.clusters.get(id);
      if (was && now) now.label = was.label;
    }
    seen = view;
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

  const note = (kind: string, idea: Idea, extra: Record<string, string> = {}) =>
    pending.push({ kind, params: { organisations: orgName(idea.id) || organisations.get(idea.organisationId)?.name || '', title: idea.title, ...extra }, clusterId: seen.ideas.get(idea.id) ?? null, ideaId: idea.id });

  const handlers = {
    'idea:created': (idea: Idea) => {
      if (visible(idea)) ideas.set(idea.id, idea);
      localIdeas.add(idea.id);
      changed.add(idea.id);
      clustersChanged();
      void organisationsOf([idea]).then(() => schedule());
    },
    'idea:updated': (idea: Idea, previous: Idea) => {
      localIdeas.add(idea.id);
      changed.add(idea.id);
      clustersChanged();
      if (!visible(idea)) {
        if (ideas.delete(idea.id)) departed.set(idea.id, idea);
        positions.delete(idea.id);
        return schedule();
      }
      const wasOn = ideas.has(idea.id);
      ideas.set(idea.id, idea);
      if (wasOn && (idea.title !== previous.title || idea.description !== previous.description || idea.theme !== previous.theme)) note('idea_edited', idea);
      schedule();
    },
    // Placed after a post or an edit here (written with it), or on another instance (written there).
    'idea:placed': (e: { ideaId: string; x: number; y: number }) => {
      positions.set(e.ideaId, { x: e.x, y: e.y });
      changed.add(e.ideaId);
      clustersChanged();
      schedule(false);
    },
    'clusters:recomputed': (e: { items: { id: string; x: number; y: number }[]; followed?: true }) => {
      for (const i of e.items) { positions.set(i.id, { x: i.x, y: i.y }); changed.add(i.id); }
      clustersChanged();
      if (e.followed && peers) absorbAll();
      schedule(!e.followed);
    },
    'endorsement:created': (en: { organisationId: string }, ctx: { idea: Idea }) => endorsementNote('endorsed', en.organisationId, ctx.idea),
    'endorsement:withdrawn': (en: { organisationId: string }, ctx: { idea: Idea }) => endorsementNote('endorsement_withdrawn', en.organisationId, ctx.idea),
    'cluster:labelled': (e: { clusterId: number }) => { localLabels.add(e.clusterId); clustersChanged(); schedule(); }, // the rename itself comes out of the diff
    // Taken on another instance, which writes the events: straight into `seen` (unless changed here too).
    'idea:elsewhere': (e: { ideaId: string; idea: Idea | null }) => {
      changed.add(e.ideaId);
      clustersChanged();
      if (e.idea && visible(e.idea)) ideas.set(e.ideaId, e.idea);
      else { ideas.delete(e.ideaId); positions.delete(e.ideaId); }
      if (!localIdeas.has(e.ideaId)) setIn(seen, e.ideaId, currentClusterView().ideas.get(e.ideaId));
      void organisationsOf(e.idea ? [e.idea] : []).then(() => schedule(false));
    },
    'cluster:labelled-elsewhere': (e: { clusterId: number }) => {
      const cluster = seen.clusters.get(e.clusterId);
      const label = matching.clusters().find((c) => c.id === e.clusterId)?.label;
      if (cluster && label !== undefined && !localLabels.has(e.clusterId)) cluster.label = label;
      clustersChanged();
      schedule(false);
    },
    'board:elsewhere': (e: { version: number; clusters: number }) => {
      written = Math.max(written, e.version);
      if (e.clusters > matching.version) {
        if (clustersNeeded <= matching.version) waitingSince = Date.now();
        clustersNeeded = Math.max(clustersNeeded, e.clusters);
        // Announced when the leader's clusters arrive (a followed recompute), at the latest after the wait.
        setTimeout(() => schedule(false), CLUSTERS_WAIT_MS).unref();
      }
      schedule(false);
    },
  } as const;

  function endorsementNote(kind: string, organisationId: string, idea: Idea): void {
    void (async () => {
      const org = organisations.get(organisationId) ?? await store.getOrganisation(organisationId);
      if (org) organisations.set(org.id, org);
      note(kind, idea, { by: org?.name ?? '' });
      recount.add(idea.id);
      schedule();
    })().catch((err: unknown) => logger.error({ err }, 'board: endorsement event failed'));
  }

  const on = () => { for (const [event, fn] of Object.entries(handlers)) bus.on(event as 'idea:created', fn as never); };
  const off = () => { for (const [event, fn] of Object.entries(handlers)) bus.off(event as 'idea:created', fn as never); };

  return {
    /** Loads the open ideas and their organisations, takes the clusters as they are (no events for them), then follows the bus. */
    async start(): Promise<void> {
      for (const idea of await store.allOpenIdeas()) if (visible(idea)) ideas.set(idea.id, idea);
      for (const org of await store.listOrganisations()) organisations.set(org.id, org);
      seen = currentClusterView();
      takeView(seen);
      tally.resetCounts(await store.countPerIdea());
      for (const id of changed) {
        const now = boardIdea(ideas.get(id)!, clusterNow.get(id) ?? null);
        tally.put(now);
        sent.set(id, JSON.stringify(now));
      }
      changed.clear();
      if (peers) pushed = written = await latestVersion();
      on();
    },

    /** The whole board for the programme team, with the newest timeline events (newest first). */
    async snapshot(viewer: Viewer): Promise<BoardSnapshot> {
      if (viewer?.role !== 'programme') throw new AppError('forbidden', 'errors.forbidden');
      const events = announced(await store.listBoardEvents({ limit: BOARD_LIMITS.timeline }));
      const version = events[0]?.seq ?? 0; // read before the state: the state is then at least this new
      const state = await currentState(currentClusterView());
      return { version, ...state, events };
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
      const state = await currentState(currentClusterView());
      return { version: missed[missed.length - 1]!.seq, reload: false, events: missed, changes: { ideas: state.ideas, removed: [], clusters: state.clusters, numbers: state.numbers, replace: true } };
    },

    /** Resolves when every change seen so far has gone out (tests). */
    async settled(): Promise<void> {
      while (timer || dirty) await new Promise((r) => setTimeout(r, batchMs));
      await flushing;
    },

    async close(): Promise<void> {
      closed = true;
      off();
      if (timer) clearTimeout(timer);
      timer = null;
      await flushing;
    },
  };
}

export type Board = ReturnType<typeof createBoard>;

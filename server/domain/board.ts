import type { Logger } from 'pino';
import { AppError } from '../errors.js';
import type { BoardEvent, Idea, NewBoardEvent, Organisation, Store } from '../store/store.js';
import type { Viewer } from './actor.js';
import { buildBoardView, type BoardCluster, type BoardIdea, type BoardNumbers } from './board-view.js';
import { diffClusters, emptyView, type ClusterView, type DiffEvent } from './board-diff.js';
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

export interface BoardDeps {
  store: Store;
  clock: Clock;
  bus: DomainBus;
  matching: Pick<Matching, 'clusters'>;
  logger: Logger;
  /** Changes arriving within this many ms go out as one update (default 25). */
  batchMs?: number;
}

/**
 * The programme team's live board: follows the domain's events, turns each settled batch of them into
 * timeline events (stored: their sequence numbers are the board's version, one numbering for every
 * instance) and announces `board:updated` with what changed. Snapshots and catch-ups for the edges.
 */
export function createBoard({ store, clock, bus, matching, logger, batchMs = 25 }: BoardDeps) {
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

  async function latestVersion(): Promise<number> {
    return (await store.listBoardEvents({ limit: 1 }))[0]?.seq ?? 0;
  }

  async function flush(): Promise<void> {
    const view = currentClusterView();
    const state = await currentState(view);
    const events = [...pending, ...diffClusters(seen, view, (id) => ({ organisation: orgName(id), title: ideaOf(id)?.title ?? '' }))];
    pending = [];
    const upserts = state.ideas.filter((i) => sent.get(i.id) !== JSON.stringify(i));
    const removed = [...sent.keys()].filter((id) => !ideas.has(id));
    seen = view;
    departed.clear();
    for (const i of upserts) sent.set(i.id, JSON.stringify(i));
    for (const id of removed) sent.delete(id);
    // Moves on the map and new counts without a timeline-worthy change still need a new version.
    if (events.length === 0) events.push({ kind: 'refreshed', params: {}, clusterId: null, ideaId: null });
    const createdAt = iso(clock);
    const stored = await store.appendBoardEvents(events.map((e): NewBoardEvent => ({ ...e, createdAt })));
    const version = stored[stored.length - 1]!.seq;
    bus.emit('board:updated', { version, events: stored, changes: { ideas: upserts, removed, clusters: state.clusters, numbers: state.numbers } });
  }

  function schedule(): void {
    if (closed) return;
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
    'idea:created': (idea: Idea) => { if (visible(idea)) ideas.set(idea.id, idea); void organisationsOf([idea]).then(schedule); },
    'idea:updated': (idea: Idea, previous: Idea) => {
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
    'idea:placed': (e: { ideaId: string; x: number; y: number }) => { positions.set(e.ideaId, { x: e.x, y: e.y }); schedule(); },
    'clusters:recomputed': (e: { items: { id: string; x: number; y: number }[] }) => {
      for (const i of e.items) positions.set(i.id, { x: i.x, y: i.y });
      schedule();
    },
    'endorsement:created': (en: { organisationId: string }, ctx: { idea: Idea }) => endorsementNote('endorsed', en.organisationId, ctx.idea),
    'endorsement:withdrawn': (en: { organisationId: string }, ctx: { idea: Idea }) => endorsementNote('endorsement_withdrawn', en.organisationId, ctx.idea),
    'cluster:labelled': () => schedule(), // the rename itself comes out of the diff
  } as const;

  function endorsementNote(kind: string, organisationId: string, idea: Idea): void {
    void (async () => {
      const org = organisations.get(organisationId) ?? await store.getOrganisation(organisationId);
      if (org) organisations.set(org.id, org);
      note(kind, idea, { by: org?.name ?? '' });
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
      const state = await currentState(seen);
      for (const i of state.ideas) sent.set(i.id, JSON.stringify(i));
      on();
    },

    /** The whole board for the programme team, with the newest timeline events (newest first). */
    async snapshot(viewer: Viewer): Promise<BoardSnapshot> {
      if (viewer?.role !== 'programme') throw new AppError('forbidden', 'errors.forbidden');
      const events = await store.listBoardEvents({ limit: BOARD_LIMITS.timeline });
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
      const missed = await store.listBoardEvents({ after: version, limit: BOARD_LIMITS.catchUp + 1 });
      if (missed.length > BOARD_LIMITS.catchUp) return { version: await latestVersion(), reload: true };
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

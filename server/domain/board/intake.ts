/**
 * The live board's bus handlers: each domain event tells the state (state.ts) what happened and asks
 * for an update (updates.ts). Events from other instances were written there: they are only announced.
 */
import type { Logger } from 'pino';
import type { Idea, Store } from '../../store/store.js';
import type { Clock } from '../clock.js';
import type { DomainBus } from '../events.js';
import { CLUSTERS_WAIT_MS, type BoardState } from './state.js';
import type { BoardUpdates } from './updates.js';

export interface BoardIntakeDeps {
  state: BoardState;
  store: Store;
  clock: Clock;
  bus: DomainBus;
  logger: Logger;
  /** Other instances share the store and the timeline. */
  peers: boolean;
}

/** Fetches the organisations of `ideas` (default: every idea on the board) the board does not know yet. */
export async function knowOrganisations(state: BoardState, store: Store, ideas?: Idea[]): Promise<void> {
  for (const id of state.unknownOrganisations(ideas)) {
    const org = await store.getOrganisation(id);
    if (org) state.addOrganisation(org);
  }
}

export function boardIntake({ state, store, clock, bus, logger, peers }: BoardIntakeDeps, { schedule, later }: Pick<BoardUpdates, 'schedule' | 'later'>) {
  const handlers = {
    'idea:created': (idea: Idea) => {
      state.ideaCreated(idea);
      void knowOrganisations(state, store, [idea]).then(() => schedule());
    },
    'idea:updated': (idea: Idea, previous: Idea) => { state.ideaUpdated(idea, previous); schedule(); },
    // Placed after a post or an edit here (written with it), or on another instance (written there).
    'idea:placed': (e: { ideaId: string; x: number; y: number }) => { state.placed([{ id: e.ideaId, x: e.x, y: e.y }]); schedule(false); },
    'clusters:recomputed': (e: { items: { id: string; x: number; y: number }[]; followed?: true }) => {
      state.placed(e.items);
      if (e.followed && peers) state.followed();
      schedule(!e.followed);
    },
    'endorsement:created': (en: { organisationId: string }, ctx: { idea: Idea }) => endorsement('endorsed', en.organisationId, ctx.idea),
    'endorsement:withdrawn': (en: { organisationId: string }, ctx: { idea: Idea }) => endorsement('endorsement_withdrawn', en.organisationId, ctx.idea),
    'cluster:labelled': (e: { clusterId: number }) => { state.labelled(e.clusterId); schedule(); },
    'idea:elsewhere': (e: { ideaId: string; idea: Idea | null }) => {
      state.ideaElsewhere(e.ideaId, e.idea);
      void knowOrganisations(state, store, e.idea ? [e.idea] : []).then(() => schedule(false));
    },
    'cluster:labelled-elsewhere': (e: { clusterId: number }) => { state.labelledElsewhere(e.clusterId); schedule(false); },
    'board:elsewhere': (e: { version: number; clusters: number }) => {
      // Announced when the leader's clusters arrive (a followed recompute), at the latest after the wait.
      if (state.writtenElsewhere(e, clock.now().getTime())) later(CLUSTERS_WAIT_MS);
      schedule(false);
    },
  } as const;

  function endorsement(kind: string, organisationId: string, idea: Idea): void {
    void (async () => {
      const org = state.organisation(organisationId) ?? await store.getOrganisation(organisationId);
      state.endorsement(kind, idea, org ?? undefined);
      schedule();
    })().catch((err: unknown) => logger.error({ err }, 'board: endorsement event failed'));
  }

  return {
    on: () => { for (const [event, fn] of Object.entries(handlers)) bus.on(event as 'idea:created', fn as never); },
    off: () => { for (const [event, fn] of Object.entries(handlers)) bus.off(event as 'idea:created', fn as never); },
  };
}

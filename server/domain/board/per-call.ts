/**
 * The store's I/O behind the board per call (funnel.ts is the pure part): what the store counts per call,
 * the partnerships, the calls, and the organisations they name. A snapshot reads everything; a live
 * update re-reads only what the bus said may have changed (ideas and endorsements, or partnerships).
 */
import type { DomainBus } from '../events.js';
import type { IdeaCallCounts, Organisation, Partnership, PartnershipCount, PartnershipsPort, Store } from '../../store/store.js';
import { boardPerCall } from './funnel.js';
import type { BoardState } from './state.js';
import type { BoardPerCall } from './types.js';

/** Where the partnership numbers and list come from: the store. */
export type PartnershipsSource = Pick<PartnershipsPort, 'countPartnershipsByCall' | 'listPartnerships'>;

export interface PerCallDeps {
  store: Store;
  bus: DomainBus;
  /** Asks the board for an update (updates.ts), for a partnership's step: no other handler asks for one then. */
  schedule: (local?: boolean) => void;
  partnerships: PartnershipsSource;
  state: Pick<BoardState, 'organisation' | 'addOrganisation'>;
}

export type PerCall = ReturnType<typeof perCall>;

export function perCall({ store, bus, schedule, partnerships, state }: PerCallDeps) {
  // As last read for an update; dirty until the first.
  let ideas: IdeaCallCounts[] = [];
  let counts: PartnershipCount[] = [];
  let list: Partnership[] = [];
  let ideasDirty = true;
  let partnershipsDirty = true;
  // A call added or changed: the numbers are as they were, the calls (read on every build) are not.
  let callsDirty = false;

  /** The organisations the partnerships name, from the board's own (fetching the ones it does not know). */
  async function organisationsOf(of: readonly Partnership[]): Promise<Map<string, Organisation>> {
    const out = new Map<string, Organisation>();
    for (const id of new Set(of.flatMap((p) => p.memberships.filter((m) => m.state === 'member').map((m) => m.organisationId)))) {
      let org = state.organisation(id);
      if (!org) {
        org = (await store.getOrganisation(id)) ?? undefined;
        if (org) state.addOrganisation(org);
      }
      if (org) out.set(id, org);
    }
    return out;
  }

  async function build(ideaRows: IdeaCallCounts[], countRows: PartnershipCount[], partnershipList: Partnership[]): Promise<BoardPerCall> {
    const [calls, organisations] = [await store.listCalls(), await organisationsOf(partnershipList)];
    return boardPerCall({ calls, ideas: ideaRows, partnerships: countRows, list: partnershipList, organisations });
  }

  // Beside the board's own handlers (intake.ts), which ask for the update for everything but a partnership's step.
  const handlers = {
    'idea:created': () => { ideasDirty = true; },
    'idea:updated': () => { ideasDirty = true; },
    'endorsement:created': () => { ideasDirty = true; },
    'endorsement:withdrawn': () => { ideasDirty = true; },
    'idea:elsewhere': () => { ideasDirty = true; },
    // Another instance wrote: whatever it took (a partnership's step too) is in the store.
    'board:elsewhere': () => { ideasDirty = partnershipsDirty = true; },
    'partnership:changed': () => { partnershipsDirty = true; schedule(); },
    'call:changed': () => { callsDirty = true; schedule(); },
  } as const;

  return {
    on: () => { for (const [event, fn] of Object.entries(handlers)) bus.on(event as 'idea:created', fn); },
    off: () => { for (const [event, fn] of Object.entries(handlers)) bus.off(event as 'idea:created', fn); },

    /** An idea was posted, edited or endorsed, or the counts moved without an event (an introduction). */
    ideasChanged(): void { ideasDirty = true; },
    /** A partnership took a step (here or on another instance). */
    partnershipsChanged(): void { partnershipsDirty = true; },

    /** Everything read now: snapshots and catch-ups. */
    async fresh(): Promise<BoardPerCall> {
      return build(await store.countIdeasByCall(), await partnerships.countPartnershipsByCall(), await partnerships.listPartnerships());
    },

    /** For a live update: null when nothing changed since the last; else what changed re-read, the rest as last read. */
    async changed(): Promise<BoardPerCall | null> {
      if (!ideasDirty && !partnershipsDirty && !callsDirty) return null;
      const [readIdeas, readPartnerships] = [ideasDirty, partnershipsDirty];
      ideasDirty = partnershipsDirty = callsDirty = false;
      if (readIdeas) ideas = await store.countIdeasByCall();
      if (readPartnerships) [counts, list] = [await partnerships.countPartnershipsByCall(), await partnerships.listPartnerships()];
      return build(ideas, counts, list);
    },
  };
}

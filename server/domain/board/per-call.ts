/**
 * The store's I/O behind the board per call (funnel.ts is the pure part): what the store counts per call,
 * the partnerships, the calls, and the organisations they name. A snapshot reads everything; a live
 * update re-reads only what the bus said may have changed (ideas and endorsements, or partnerships).
 */
import type { Clock } from '../clock.js';
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
  clock: Clock;
}

/**
 * The ideas' counts per call run over every open idea (0.9 ms a time at 6,000 ideas in issue 19's
 * profile, 5 s of a 2-minute run, with an update every 25 ms under steady posting). Once a read costs
 * PACE_FROM_MS or more, the next waits until PACE_FACTOR times that has passed: at most a twentieth
 * of the main thread; a change in between shows in an update that much later. Small stores read every time.
 */
const PACE_FROM_MS = 0.5;
const PACE_FACTOR = 20;

export type PerCall = ReturnType<typeof perCall>;

export function perCall({ store, bus, schedule, partnerships, state, clock }: PerCallDeps) {
  // As last read for an update; dirty until the first.
  let ideas: IdeaCallCounts[] = [];
  let counts: PartnershipCount[] = [];
  let list: Partnership[] = [];
  let ideasDirty = true;
  let partnershipsDirty = true;
  // A call added or changed: the numbers are as they were, the calls (read on every build) are not.
  let callsDirty = false;
  let ideasReadAt = Number.NEGATIVE_INFINITY; // performance.now() of the last read, and what it cost
  let readCost = 0;
  let deferred: unknown = null; // the timer of the update that brings ideas' counts held back
  let hurry = false;
  const waitLeft = (now: number) => (readCost < PACE_FROM_MS ? 0 : ideasReadAt + PACE_FACTOR * readCost - now);

  /** The ideas' counts changed within the pause after a costly read: an update brings them when it is over. */
  function defer(now: number): void {
    if (deferred !== null) return;
    deferred = clock.setTimeout(() => { deferred = null; schedule(); }, Math.max(1, Math.ceil(waitLeft(now))));
  }

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
    off: () => {
      for (const [event, fn] of Object.entries(handlers)) bus.off(event as 'idea:created', fn);
      if (deferred !== null) clock.clearTimeout(deferred);
      deferred = null;
    },

    /** Whether counts are held back for a later update (see PACE_FACTOR). */
    get owed(): boolean { return deferred !== null; },
    /** The held-back counts go out with the next update, at once (tests, settled()). */
    hurry(): void {
      if (deferred === null) return;
      clock.clearTimeout(deferred);
      deferred = null;
      hurry = true;
      schedule();
    },

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
      const now = performance.now();
      const readIdeas = ideasDirty && (hurry || waitLeft(now) <= 0);
      if (ideasDirty && !readIdeas) defer(now);
      if (!readIdeas && !partnershipsDirty && !callsDirty) return null;
      const readPartnerships = partnershipsDirty;
      partnershipsDirty = callsDirty = hurry = false;
      if (readIdeas) {
        ideasDirty = false;
        ideasReadAt = now;
        ideas = await store.countIdeasByCall();
        readCost = performance.now() - now;
      }
      if (readPartnerships) [counts, list] = [await partnerships.countPartnershipsByCall(), await partnerships.listPartnerships()];
      return build(ideas, counts, list);
    },
  };
}

/**
 * What the live board sends out (snapshots, live updates, catch-ups), apart from the board itself: the
 * domain's event map (events.ts) and the realtime edge name these types without importing the board.
 */
import type { BoardEvent, PartnershipStatus, Theme } from '../../store/store.js';

export const BOARD_LIMITS = { timeline: 50, catchUp: 200 } as const;

export interface BoardIdea {
  id: string;
  title: string;
  organisationId: string;
  organisation: string;
  theme: Theme;
  clusterId: number | null;
  /** Map position (roughly -1..1 on both axes); null until the matching service has placed the idea. */
  x: number | null;
  y: number | null;
}

export interface BoardCluster {
  id: number;
  label: string;
  size: number;
  /** The cluster's most representative idea, whose title says what it is about. */
  representative: { id: string; title: string } | null;
  /** The organisations with an idea in the cluster, by name; `code` is the NIS code for the map of Flanders. */
  organisations: { id: string; name: string; code: string | null }[];
  themes: { theme: Theme; count: number }[];
  endorsements: number;
  connections: number;
}

export interface BoardNumbers {
  ideas: number;
  perTheme: { theme: Theme; count: number }[];
  perProvince: { province: string; count: number }[];
  endorsements: number;
  connections: number;
  /** Of the open ideas: how many were endorsed, how many led to a connection; shares 0..1. */
  funnel: { posted: number; endorsed: number; connected: number; endorsedShare: number; connectedShare: number };
}

/**
 * The steps of a call's funnel, each counting some of the one before (funnel.ts): the listed ideas aiming at
 * the call, endorsed by another organisation, connected; then the call's partnerships (every one, whatever its
 * status), those submitted (or further: approved, not approved, running, ended), those approved (or running, ended).
 */
export type FunnelStep = 'ideas' | 'endorsed' | 'connected' | 'forming' | 'submitted' | 'approved';
export const FUNNEL_STEPS: readonly FunnelStep[] = ['ideas', 'endorsed', 'connected', 'forming', 'submitted', 'approved'];

export interface BoardFunnel {
  /** null: the whole programme (every listed idea and every partnership, aiming at a call or not). */
  callId: string | null;
  /** `share`: of the first step (0..1). */
  steps: { step: FunnelStep; count: number; share: number }[];
  /** The partnerships by status as they are now, every status (zeros included). */
  statuses: { status: PartnershipStatus; count: number }[];
}

/** A partnership as the board shows it: public facts only (title, status, its members' names), never contacts. */
export interface BoardPartnership {
  id: string;
  title: string;
  callId: string | null;
  status: PartnershipStatus;
  /** Only organisations that are members now, the lead first, then by name; `code`: NIS code for the map of Flanders. */
  members: { id: string; name: string; code: string | null; lead: boolean }[];
}

/** The board per call: the calls to choose from (by number), a funnel for each and for all (first), and the partnerships. */
export interface BoardPerCall {
  calls: { id: string; number: number; name: string }[];
  funnels: BoardFunnel[];
  partnerships: BoardPartnership[];
}

/**
 * An idea that only moved since it was last sent, in short: [id, x, y, clusterId]. After a recompute
 * every idea on the board moves, and 10,000 whole ideas made each such update about 2.5 MB of JSON,
 * whose encoding held the main thread for 30-55 ms (issue 19).
 */
export type BoardMove = [id: string, x: number | null, y: number | null, clusterId: number | null];

/**
 * What changed: ideas to add or change (`ideas`), ideas that only moved on the map or to another
 * cluster (`moved`, absent when none), ideas gone (`removed`); the cluster cards, every one
 * (`clusters`, a catch-up) or the ones that changed (`cards`) and the ones gone (`cardsRemoved`,
 * absent when none); the numbers as they are now. The board keeps its cards in the snapshot's
 * order: by size, largest first, then by id.
 */
export interface BoardChanges {
  ideas: BoardIdea[];
  moved?: BoardMove[];
  removed: string[];
  /** Every card: the board's cards are these (a catch-up). */
  clusters?: BoardCluster[];
  /**
   * A live update: the cards that changed since the last one. Every card lists the organisations in
   * its cluster, and sending all of them made each update about 300 KB (16 cards of up to 285
   * organisations) and its encoding 3 ms of the main thread, for one post (issue 19). A page still
   * running the code from before reads only `clusters`, so it keeps its cards until it reloads.
   */
  cards?: BoardCluster[];
  cardsRemoved?: number[];
  numbers: BoardNumbers;
  /** The funnels and partnerships per call, when they may have changed (absent: as before). */
  perCall?: BoardPerCall;
  /** The ideas and the cards are every one on the board: drop the ones not listed (a catch-up). */
  replace?: boolean;
}

/** One push to the board: `version` is the sequence number of the last of `events` (never empty). */
export interface BoardUpdate { version: number; events: BoardEvent[]; changes: BoardChanges }

/** A catch-up: the events after the client's version and the board as it is now, or `reload` when too much was missed. */
export type BoardCatchUp = { version: number; reload: false; events: BoardEvent[]; changes: BoardChanges | null } | { version: number; reload: true };

/**
 * Several instances on one store (server/scale-out/): each writes the timeline events of the changes it
 * took and tells the others with `written`; they hear of it as `board:elsewhere` on their bus.
 */
export interface BoardPeers {
  written(event: { version: number; clusters: number }): void;
}

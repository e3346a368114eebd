/**
 * What the live board sends out (snapshots, live updates, catch-ups), apart from the board itself: the
 * domain's event map (events.ts) and the realtime edge name these types without importing the board.
 */
import type { BoardEvent, Theme } from '../../store/store.js';

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

/** A catch-up: the events after the client's version and the board as it is now, or `reload` when too much was missed. */
export type BoardCatchUp = { version: number; reload: false; events: BoardEvent[]; changes: BoardChanges | null } | { version: number; reload: true };

/**
 * Several instances on one store (server/scale-out/): each writes the timeline events of the changes it
 * took and tells the others with `written`; they hear of it as `board:elsewhere` on their bus.
 */
export interface BoardPeers {
  written(event: { version: number; clusters: number }): void;
}

/**
 * The live board's answers (`GET /api/board`, `GET /api/board/events`) as zod schemas, with the events
 * query as routes/board.ts reads it. The same shapes travel over socket.io (`board:updated`).
 */
import { z } from 'zod';
import { BOARD_LIMITS } from '../../domain/board/index.js';
import { instant, orNull, theme } from './common.js';

const count = z.number().int().min(0);

/** routes/board.ts reads both by hand: digits only (anything else: 400); `limit` is then kept within 1..catchUp. */
export const boardEventsParams = z.object({
  after: z.coerce.number().int().min(0).default(0).describe('A board version: the events after it.'),
  limit: z.coerce.number().int().min(1).max(BOARD_LIMITS.catchUp).default(BOARD_LIMITS.catchUp),
});

export const BoardEvent = z.object({
  seq: count.describe('Sequence number: strictly increasing for the whole programme. The newest is the board version.'),
  kind: z.string().openapi({ examples: ['cluster_gained', 'cluster_lost', 'idea_moved', 'cluster_appeared', 'cluster_split', 'cluster_merged', 'cluster_gone', 'cluster_renamed', 'idea_posted', 'idea_edited', 'endorsed', 'endorsement_withdrawn', 'reshuffled', 'refreshed'] }),
  params: z.record(z.string()),
  clusterId: orNull(z.number().int()),
  ideaId: orNull(z.string()),
  createdAt: instant,
}).openapi('BoardEvent', { description: 'A timeline entry; the text is the catalogue key `board.event.<kind>` filled with `params`. `refreshed` (the map moved) is not shown.' });

export const BoardIdea = z.object({
  id: z.string(), title: z.string(), organisationId: z.string(), organisation: z.string(), theme,
  clusterId: orNull(z.number().int()),
  x: orNull(z.number()).describe('Map position, about -1..1; null until placed.'),
  y: orNull(z.number()),
}).openapi('BoardIdea');

export const BoardCluster = z.object({
  id: z.number().int(), label: z.string(), size: count,
  representative: orNull(z.object({ id: z.string(), title: z.string() })).describe("The cluster's most representative idea, whose title says what it is about."),
  organisations: z.array(z.object({ id: z.string(), name: z.string(), code: orNull(z.string()).describe('NIS code of a municipality (for the map of Flanders).') })),
  themes: z.array(z.object({ theme, count })),
  endorsements: count, connections: count,
}).openapi('BoardCluster');

export const BoardNumbers = z.object({
  ideas: count,
  perTheme: z.array(z.object({ theme, count })),
  perProvince: z.array(z.object({ province: z.string(), count })),
  endorsements: count, connections: count,
  funnel: z.object({ posted: count, endorsed: count, connected: count, endorsedShare: z.number(), connectedShare: z.number() })
    .describe('Of the open ideas: endorsed at least once, and with at least one connection; shares 0..1.'),
}).openapi('BoardNumbers');

export const BoardSnapshot = z.object({
  version: count.describe('The newest timeline sequence number; live updates with a version not above it are stale.'),
  ideas: z.array(BoardIdea),
  clusters: z.array(BoardCluster),
  numbers: BoardNumbers,
  events: z.array(BoardEvent).max(BOARD_LIMITS.timeline).describe('Newest first.'),
  lastRecompute: orNull(z.object({ at: instant, ideas: count, seconds: z.number().min(0) }))
    .describe('The last full recompute of the clusters on this instance (null: none since it started): when it was adopted, over how many ideas, and how long it took.'),
}).openapi('BoardSnapshot');

export const BoardEvents = z.object({ items: z.array(BoardEvent).describe('Oldest first.') }).openapi('BoardEvents');

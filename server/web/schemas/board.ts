/**
 * The live board's answers (`GET /api/board`, `GET /api/board/events`) as zod schemas, with the events
 * query as routes/board.ts reads it. The same shapes travel over socket.io (`board:updated`).
 */
import { z } from 'zod';
import { BOARD_LIMITS, FUNNEL_STEPS, type FunnelStep } from '../../domain/board/index.js';
import { PARTNERSHIP_STATUSES, type PartnershipStatus } from '../../store/store.js';
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

const partnershipStatus = z.enum(PARTNERSHIP_STATUSES as [PartnershipStatus, ...PartnershipStatus[]]);

export const BoardFunnel = z.object({
  callId: orNull(z.string()).describe('The call; null: the whole programme (every listed idea and every partnership, aiming at a call or not).'),
  steps: z.array(z.object({ step: z.enum(FUNNEL_STEPS as [FunnelStep, ...FunnelStep[]]), count, share: z.number().min(0).describe('Of the first step (ideas), 0..1 (a step can exceed it).') }))
    .describe('In order: listed ideas aiming at the call; of those endorsed by another local government; of those with a connection; the call\'s partnerships (every status); submitted (or further: approved, not approved, running, ended); approved (approved, running or ended).'),
  statuses: z.array(z.object({ status: partnershipStatus, count })).describe('The partnerships by status as they are now, every status.'),
}).openapi('BoardFunnel');

export const BoardPartnership = z.object({
  id: z.string(), title: z.string(), callId: orNull(z.string()), status: partnershipStatus,
  members: z.array(z.object({ id: z.string(), name: z.string(), code: orNull(z.string()).describe('NIS code of a municipality (for the map of Flanders).'), lead: z.boolean() }))
    .describe('Members now (not invited, asking, declined or left), the lead first. Names only: no contacts.'),
}).openapi('BoardPartnership');

export const BoardPerCall = z.object({
  calls: z.array(z.object({ id: z.string(), number: count, name: z.string() })).describe('Every call, by number.'),
  funnels: z.array(BoardFunnel).describe('The whole programme first (callId null), then one per call in the order of `calls`.'),
  partnerships: z.array(BoardPartnership).describe('Every partnership, by title.'),
}).openapi('BoardPerCall');

export const BoardSnapshot = z.object({
  version: count.describe('The newest timeline sequence number; live updates with a version not above it are stale.'),
  ideas: z.array(BoardIdea),
  clusters: z.array(BoardCluster),
  numbers: BoardNumbers,
  perCall: BoardPerCall,
  events: z.array(BoardEvent).max(BOARD_LIMITS.timeline).describe('Newest first.'),
  lastRecompute: orNull(z.object({ at: instant, ideas: count, seconds: z.number().min(0) }))
    .describe('The last full recompute of the clusters on this instance (null: none since it started): when it was adopted, over how many ideas, and how long it took.'),
}).openapi('BoardSnapshot');

export const BoardEvents = z.object({ items: z.array(BoardEvent).describe('Oldest first.') }).openapi('BoardEvents');

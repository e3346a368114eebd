// The domain announces its changes here, so matching, the board and the realtime edge can react to them
// without the domain knowing who listens.
import { EventEmitter } from 'node:events';
import type { ClusterInfo, PlacedItem } from '../engine/types.js';
import type { Connection, Endorsement, Idea, Notification, Partnership, PartnershipStatus } from '../store/store.js';
import type { BoardUpdate } from './board/types.js';

/**
 * What the domain announces after a change is stored. The matching engine and the realtime edge
 * subscribe; the domain does not know who listens.
 */
export interface DomainEvents {
  'idea:created': [idea: Idea];
  'idea:updated': [idea: Idea, previous: Idea];
  /**
   * `connection`: the 'endorsement' connection stored with it (null only when one was somehow there already);
   * `newlyConnected`: the two organisations were not connected around the idea before (then 'connected' notices went out).
   */
  'endorsement:created': [endorsement: Endorsement, context: { idea: Idea; connection: Connection | null; newlyConnected: boolean }];
  /** `connectionEnded`: the two organisations are no longer connected around the idea. */
  'endorsement:withdrawn': [endorsement: Endorsement, context: { idea: Idea; connectionEnded: boolean }];
  /**
   * Stored (or updated) notifications, and the users they are for (the realtime edge pushes to those users' rooms).
   * `coalesce`: background news (cluster-news.ts) that may reach a user's sockets bundled with the next, instead of at once.
   */
  'notification:created': [event: { userIds: string[]; notifications: Notification[]; coalesce?: true }];
  /** The user marked `changed` (> 0) of their notifications read; their unread count went down. */
  'notifications:read': [event: { userId: string; changed: number }];
  /** The matching service placed a new, edited or reopened idea in a cluster at once (before the next recompute). */
  'idea:placed': [event: { ideaId: string; clusterId: number | null; x: number; y: number; version: number }];
  /**
   * The matching service adopted (and saved) a full recompute: every cluster with its label and members, every idea's map position.
   * `followed`: another instance (the clustering leader) ran it, and writes its timeline events; absent: this instance ran it.
   */
  'clusters:recomputed': [event: { version: number; clusters: ClusterInfo[]; items: PlacedItem[]; followed?: true }];
  /** The live board changed (domain/board/): timeline events stored under `version`, and what changed on the board. */
  'board:updated': [update: BoardUpdate];
  /** The programme team renamed a cluster, reset it to its automatic label or undid that (`override` null: automatic). */
  'cluster:labelled': [event: { clusterId: number; label: string; previous: string; override: string | null; by: string }];
  /** A full recompute started (`running`) or ended on this instance (only the clustering leader runs them). */
  'clusters:recomputing': [event: { running: boolean }];
  /** Another instance took a post or an edit (server/scale-out/): this instance's matching has placed it; `idea` as stored (null: gone). */
  'idea:elsewhere': [event: { ideaId: string; idea: Idea | null }];
  /** Another instance set a cluster label (server/scale-out/); this instance's matching has it already. */
  'cluster:labelled-elsewhere': [event: { clusterId: number }];
  /** Another instance stored board timeline events up to `version`, describing clusters at matching version `clusters` (server/scale-out/). */
  'board:elsewhere': [event: { version: number; clusters: number }];
  /** The programme team deactivated this user: their sessions are gone; the realtime edge drops their live sockets. */
  'user:deactivated': [event: { userId: string }];
  /** A session was signed out: the realtime edge closes the sockets opened with it, on every instance. */
  'session:ended': [event: { sid: string }];
  /** Every session of the user was ended (password reset or change): the realtime edge closes all their sockets. */
  'user:sessions-ended': [event: { userId: string }];
  /**
   * A partnership took a step (domain/partnerships/service.ts), stored: `partnership` as it is now, `step` which one
   * (PARTNERSHIP_STEPS), `previousStatus` its status before (a 'status_changed' to 'approved' is the one that makes a project).
   */
  /** The programme team added or changed a call (domain/calls.ts): the board's funnel lists the calls. */
  'call:changed': [event: { callId: string }];
  'partnership:changed': [event: { step: PartnershipStepName; partnership: Partnership; previousStatus: PartnershipStatus | null }];
}

/** The steps a partnership takes, as 'partnership:changed' and the audit log (`partnership.<step>`) name them. */
export const PARTNERSHIP_STEPS = [
  'opened', 'updated', 'invited', 'invitation_accepted', 'invitation_declined', 'join_requested', 'join_accepted', 'join_declined',
  'lead_offered', 'lead_accepted', 'lead_declined', 'lead_offer_withdrawn', 'left', 'status_changed',
] as const;
export type PartnershipStepName = (typeof PARTNERSHIP_STEPS)[number];

export class DomainBus extends EventEmitter<DomainEvents> {}

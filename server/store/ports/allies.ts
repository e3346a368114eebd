/**
 * The allies port: endorsements ("we find this valuable too") and the connections they and the
 * programme team's introductions make between organisations. Writes carry their notifications.
 */
import type { Notification } from './notifications.js';

/** "We find this valuable too": one organisation backing another organisation's idea. Unique per (ideaId, organisationId). */
export interface Endorsement {
  id: string;
  ideaId: string;
  organisationId: string;   // the endorsing organisation
  userId: string;           // who clicked, for the record
  message: string | null;   // at most 500 characters
  createdAt: string;
}

export interface EndorsementFilter {
  ideaId?: string;
  organisationId?: string;
  ideaOrganisationId?: string;
}

export type ConnectionVia = 'endorsement' | 'introduction';

/**
 * Two organisations put in contact around one idea. The pair is unordered: adapters store it with
 * organisationA < organisationB (`orderedPair`), so (A,B) and (B,A) are the same connection.
 * Unique per idea + pair + via: an endorsement and an introduction may both hold the same pair.
 */
export interface Connection {
  id: string;
  ideaId: string;
  organisationA: string;
  organisationB: string;
  via: ConnectionVia;
  createdAt: string;
}

export interface ConnectionKey {
  ideaId: string;
  organisationA: string;
  organisationB: string;
  via: ConnectionVia;
}

/** The two ids in the order adapters keep them (plain code-unit order; ids are ASCII). */
export function orderedPair(a: string, b: string): [string, string] {
  return a < b ? [a, b] : [b, a];
}

export interface AlliesPort {
  /** StoreConflictError('endorsement') when this organisation already endorsed this idea. */
  createEndorsement(e: Endorsement): Promise<void>;
  /** Removes and returns the organisation's endorsement of the idea; null when there was none. */
  deleteEndorsement(ideaId: string, organisationId: string): Promise<Endorsement | null>;
  /** Newest first. Filters combine with AND; `ideaOrganisationId`: endorsements received by that organisation's ideas. */
  listEndorsements(filter?: EndorsementFilter): Promise<Endorsement[]>;

  /** Stores the pair ordered (see `orderedPair`). StoreConflictError('connection') when idea + pair + via exists. */
  createConnection(c: Connection): Promise<void>;
  /** Removes the one connection for idea + pair (either order) + via; returns it, or null when there was none. */
  deleteConnection(key: ConnectionKey): Promise<Connection | null>;
  /** Newest first; `organisationId` matches either side. Records come with organisationA < organisationB. */
  listConnections(filter?: { organisationId?: string; ideaId?: string }): Promise<Connection[]>;
  /** True when some connection (any via) joins the two organisations, around `ideaId` when given. */
  areConnected(orgA: string, orgB: string, ideaId?: string): Promise<boolean>;

  /**
   * Atomically: the endorsement, its connection (when given) and the notifications; all or nothing.
   * StoreConflictError('endorsement' | 'connection' | 'notification') and nothing written on a duplicate.
   */
  endorse(change: { endorsement: Endorsement; connection: Connection | null; notifications: Notification[] }): Promise<void>;
  /**
   * Atomically removes the organisation's endorsement, with `dropConnection` its 'endorsement' connection
   * around the idea, and creates the notifications. Returns the removed endorsement; null (and nothing
   * written) when there was none.
   */
  unendorse(change: { ideaId: string; organisationId: string; dropConnection: boolean; notifications: Notification[] }): Promise<Endorsement | null>;
  /**
   * One "introduce all" of a cluster, atomically: the connections that do not exist yet (idea + pair + via
   * already there: skipped, not an error) and all the notifications. Returns how many connections were new.
   */
  introduce(change: { connections: Connection[]; notifications: Notification[] }): Promise<number>;
}

/**
 * The store port: everything the domain needs from persistence, and nothing more. It is the sum of
 * the feature ports in ports/ (one file per feature, its record types beside it) plus the life cycle
 * below; every type is re-exported here, so `import type { Idea, Store } from '../store/store.js'`
 * works from anywhere. A consumer that uses one feature may ask for just that port (`IdeasPort`, …).
 *
 * Rules every adapter follows (checked by test/contract/, one suite per port):
 * - All methods are async and return plain objects (no driver records, no class instances).
 * - The domain generates ids (`newId()`) and timestamps (its clock) and passes whole records in;
 *   adapters never invent them, so every adapter stores the same thing.
 * - Dates are ISO-8601 strings in UTC (`2026-11-29T10:57:01.000Z`).
 * - Uniqueness is enforced by the adapter (unique index) and surfaces as `StoreConflictError`.
 * - Multi-record operations (`acceptInvitation`, `endorse`, …) are atomic: all or nothing.
 * - `updateIdea` and `saveClusterState` are optimistic: they only write when the stored version is the expected one.
 */
import type { AccountsPort } from './ports/accounts.js';
import type { AlliesPort } from './ports/allies.js';
import type { AuditPort } from './ports/audit.js';
import type { BoardPort } from './ports/board.js';
import type { CallsPort } from './ports/calls.js';
import type { ClusterStatePort } from './ports/clusters.js';
import type { IdeasPort } from './ports/ideas.js';
import type { MailOutboxPort } from './ports/mail-outbox.js';
import type { NotificationsPort } from './ports/notifications.js';
import type { OrganisationsPort } from './ports/organisations.js';
import type { PartnershipsPort } from './ports/partnerships.js';
import type { PersonalDataPort } from './ports/personal-data.js';

export * from './ports/errors.js';
export * from './ports/organisations.js';
export * from './ports/accounts.js';
export * from './ports/ideas.js';
export * from './ports/allies.js';
export * from './ports/notifications.js';
export * from './ports/clusters.js';
export * from './ports/board.js';
export * from './ports/audit.js';
export * from './ports/mail-outbox.js';
export * from './ports/personal-data.js';
export * from './ports/calls.js';
export * from './ports/partnerships.js';

/** What the app does with the store as a whole, apart from any feature. */
export interface StoreLifecycle {
  /** Creates the schema or applies pending migrations. Safe to call on every start. */
  init(): Promise<void>;
  /** True when the store answers; used by /healthz. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
  /**
   * A value that changes when another process (e.g. `npm run seed:demo`) committed to the same store
   * since the last call; null when the adapter cannot tell (several instances use Redis for that).
   */
  outsideChangeMarker(): Promise<string | null>;
}

export interface Store extends StoreLifecycle,
  OrganisationsPort, AccountsPort, IdeasPort, AlliesPort, NotificationsPort, ClusterStatePort,
  BoardPort, AuditPort, MailOutboxPort, PersonalDataPort, CallsPort,
  PartnershipsPort {}

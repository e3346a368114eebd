/**
 * The check-ins port: informal feedback moments a member's organisation books with the programme
 * team about one of its ideas or a partnership it is a member of (issue 17.5). The rules of the steps
 * live in domain/check-ins.ts; here only what is kept, and one atomic write per step.
 *
 * Every step is one `saveCheckInStep`: the check-in's new version and the notifications it owes (with
 * their mail), all or nothing, and only when the stored version is the expected one.
 */
import type { Notification } from './notifications.js';

/**
 * requested: waits for the programme team; proposed: the team proposed another moment, the requester
 * accepts it (→ confirmed) or asks again (→ requested); confirmed: a moment is agreed; cancelled: by
 * either side.
 */
export type CheckInStatus = 'requested' | 'proposed' | 'confirmed' | 'cancelled';
export const CHECK_IN_STATUSES: readonly CheckInStatus[] = ['requested', 'proposed', 'confirmed', 'cancelled'];

export type CheckInSubjectType = 'idea' | 'partnership';
export const CHECK_IN_SUBJECT_TYPES: readonly CheckInSubjectType[] = ['idea', 'partnership'];

export interface CheckInRecord {
  id: string;
  /** The organisation that asked; its members see the check-in and may accept or cancel it. */
  organisationId: string;
  /** The member who asked (the last to ask again). */
  requestedBy: string;
  subject: { type: CheckInSubjectType; id: string };
  /** The subject's title when asked, so lists and the board need no lookup (partnerships live elsewhere). */
  subjectTitle: string;
  /** 1–3 start times, ISO 8601 with the Brussels offset written out, as given. */
  preferredMoments: string[];
  note: string;
  status: CheckInStatus;
  /** The moment proposed (proposed) or agreed (confirmed), Brussels offset written out; null while requested and never proposed. */
  moment: string | null;
  durationMinutes: number;
  /** A place or a video link; null: not said yet. */
  place: string | null;
  /** Who made it confirmed: the programme team member who picked a moment, or the member who accepted a proposal. */
  confirmedBy: string | null;
  /** The programme team member who last proposed a moment. */
  proposedBy: string | null;
  cancelledBy: string | null;
  /** The calendar's SEQUENCE: starts at 0, grows each time `moment` changes to another instant. */
  sequence: number;
  createdAt: string;
  updatedAt: string;
  /** Starts at 1; every step writes version + 1, only when the stored version is the expected one. */
  version: number;
}

export interface CheckInQuery {
  organisationId?: string;
  statuses?: CheckInStatus[];
  /** Only those whose `moment` falls in [momentFrom, momentTo) (compared as instants; ISO 8601, any offset). */
  momentFrom?: string;
  momentTo?: string;
}

export interface CheckInStep {
  /** The check-in as it is after the step, with `version` = expectedVersion + 1. */
  checkIn: CheckInRecord;
  expectedVersion: number;
  notifications: Notification[];
}

export interface CheckInsPort {
  /** Stores a new check-in (version 1) with its notifications. StoreConflictError('check_in') on a taken id. */
  createCheckIn(checkIn: CheckInRecord, notifications: Notification[]): Promise<void>;
  getCheckIn(id: string): Promise<CheckInRecord | null>;
  /** Newest first (createdAt, then id, descending). Filters combine with AND. */
  listCheckIns(query?: CheckInQuery): Promise<CheckInRecord[]>;
  /** False (and nothing written) when the check-in is gone or its stored version is not `expectedVersion`. */
  saveCheckInStep(step: CheckInStep): Promise<boolean>;
}

/**
 * The partnerships port: a partnership formed around one idea, with a lead (penhouder) and partners
 * who joined by consent, and the steps it takes (domain/partnerships/status.ts says which steps exist).
 *
 * One partnership per idea: a partnership that missed a call is reopened (not_approved → forming),
 * never opened twice. Every write of a step is one atomic `savePartnershipStep`: the partnership's new
 * version, the memberships it touches and the notifications it owes, all or nothing.
 */
import type { Notification } from './notifications.js';

export type PartnershipStatus = 'forming' | 'submitted' | 'approved' | 'not_approved' | 'running' | 'ended';
export const PARTNERSHIP_STATUSES: readonly PartnershipStatus[] = ['forming', 'submitted', 'approved', 'not_approved', 'running', 'ended'];

export interface PartnershipRecord {
  id: string;
  ideaId: string;
  /** The call it aims at; null while the lead has not chosen one. */
  callId: string | null;
  /** The idea's title when opened; the lead may change it. */
  title: string;
  leadOrganisationId: string;
  status: PartnershipStatus;
  /** A partner offered the lead role, until it accepts or declines (or the lead takes the offer back). */
  leadOfferedTo: string | null;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  decidedAt: string | null;
  /** Starts at 1; every step writes version + 1, only when the stored version is the expected one. */
  version: number;
}

/**
 * How an organisation stands in a partnership. `invited` (by the lead) and `requested` (it asked to
 * join) wait for an answer; `member` is in (the lead is always a member); `declined` was refused or
 * refused; `left` was a member and left.
 */
export type MembershipState = 'invited' | 'requested' | 'member' | 'declined' | 'left';
export const MEMBERSHIP_STATES: readonly MembershipState[] = ['invited', 'requested', 'member', 'declined', 'left'];

export interface PartnershipMembership {
  partnershipId: string;
  organisationId: string;
  state: MembershipState;
  /** How it started: the lead opened the partnership, invited it, or it asked to join. */
  via: 'opened' | 'invitation' | 'request';
  /** The user who invited it or asked to join (the opener for the lead). */
  startedBy: string;
  /** The user who accepted or declined; null while it waits. */
  answeredBy: string | null;
  createdAt: string;
  answeredAt: string | null;
}

export interface Partnership extends PartnershipRecord {
  /** Every organisation that ever stood in it, by createdAt then organisationId. */
  memberships: PartnershipMembership[];
}

export interface PartnershipQuery {
  /** Only those where this organisation has a membership in any state. */
  organisationId?: string;
  callId?: string;
  status?: PartnershipStatus;
}

/** How many partnerships a call has in each status (callId null: aimed at no call yet). */
export interface PartnershipCount {
  callId: string | null;
  status: PartnershipStatus;
  count: number;
}

export interface PartnershipStep {
  /** The partnership as it is after the step, with `version` = expectedVersion + 1. */
  partnership: PartnershipRecord;
  expectedVersion: number;
  /** Memberships added or changed by the step (upserted by partnershipId + organisationId). */
  memberships: PartnershipMembership[];
  notifications: Notification[];
}

export interface PartnershipsPort {
  /**
   * Stores a new partnership (version 1) with its lead's membership and the notifications it owes.
   * StoreConflictError('partnership') when the idea has one already (or the id is taken).
   */
  createPartnership(partnership: PartnershipRecord, lead: PartnershipMembership, notifications: Notification[]): Promise<void>;
  getPartnership(id: string): Promise<Partnership | null>;
  getPartnershipForIdea(ideaId: string): Promise<Partnership | null>;
  /** Newest first (createdAt, then id, descending). */
  listPartnerships(query?: PartnershipQuery): Promise<Partnership[]>;
  /** False (and nothing written) when the stored version is not `expectedVersion`. */
  savePartnershipStep(step: PartnershipStep): Promise<boolean>;
  countPartnershipsByCall(): Promise<PartnershipCount[]>;
}

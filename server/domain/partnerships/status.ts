/**
 * The steps of a partnership as one table, so the pages, the API and the service ask the same
 * question ("may this role move it there?") and get the same reason back when the answer is no.
 *
 *   canTransition('forming', 'submitted', 'lead')       // { ok: true }
 *   canTransition('submitted', 'approved', 'lead')      // { ok: false, reason: 'role_not_allowed', allowed: ['programme'] }
 *
 * Whether the partnership meets its call's rules is a separate check (calls.ts checkSubmission) that
 * the service runs before it makes the step to 'submitted'.
 */

import { PARTNERSHIP_STATUSES, type PartnershipStatus } from '../../store/ports/partnerships.js';

export { PARTNERSHIP_STATUSES, type PartnershipStatus };

/** The lead (penhouder) acts for the partnership; the programme team decides and keeps the record. */
export type PartnershipRole = 'lead' | 'programme';

export interface Transition {
  from: PartnershipStatus;
  to: PartnershipStatus;
  by: readonly PartnershipRole[];
}

export const TRANSITIONS: readonly Transition[] = [
  { from: 'forming', to: 'submitted', by: ['lead'] },
  { from: 'submitted', to: 'approved', by: ['programme'] },
  { from: 'submitted', to: 'not_approved', by: ['programme'] },
  // The lead knows when the work starts and stops; the programme team records it when the lead does not.
  { from: 'approved', to: 'running', by: ['lead', 'programme'] },
  { from: 'running', to: 'ended', by: ['lead', 'programme'] },
  // Partnerships that narrowly missed a call tried again in a later one (several in GzG's call 4 had
  // missed call 1): the lead reopens it, to change members and aim at another call.
  { from: 'not_approved', to: 'forming', by: ['lead'] },
];

export type TransitionCheck =
  | { ok: true }
  | { ok: false; reason: 'unchanged' | 'no_such_step'; allowed?: never }
  | { ok: false; reason: 'role_not_allowed'; allowed: PartnershipRole[] };

export function canTransition(from: PartnershipStatus, to: PartnershipStatus, role: PartnershipRole): TransitionCheck {
  if (from === to) return { ok: false, reason: 'unchanged' };
  const step = TRANSITIONS.find((t) => t.from === from && t.to === to);
  if (!step) return { ok: false, reason: 'no_such_step' };
  if (!step.by.includes(role)) return { ok: false, reason: 'role_not_allowed', allowed: [...step.by] };
  return { ok: true };
}

/** The steps this role may take from here, for the buttons a page offers. */
export function nextStatuses(from: PartnershipStatus, role: PartnershipRole): PartnershipStatus[] {
  return TRANSITIONS.filter((t) => t.from === from && t.by.includes(role)).map((t) => t.to);
}

/** No step leads out of it. */
export const isFinal = (status: PartnershipStatus): boolean => !TRANSITIONS.some((t) => t.from === status);

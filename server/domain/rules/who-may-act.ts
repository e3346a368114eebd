// Who may act: the one home of the permission rules every feature asks, so a refusal reads the same
// (code, status, message) wherever it comes from: a domain service, an HTTP guard or a socket handler.
import { AppError } from '../../errors.js';
import type { Actor, Viewer } from '../actor.js';

/** A member who belongs to an organisation (the only kind of account that posts, endorses and has allies). */
export type Member = Actor & { organisationId: string };

export const isProgramme = (v: Viewer): boolean => v?.role === 'programme';

export const isMember = (v: Viewer): v is Member => v?.role === 'member' && !!v.organisationId;

/** May this viewer act for (or see the private details of) this organisation? The programme team acts for all. */
export const actsFor = (v: Viewer, organisationId: string): boolean =>
  v !== null && (v.role === 'programme' || v.organisationId === organisationId);

/** Visitors: 401. */
export function requireSignedIn(viewer: Viewer): Actor {
  if (!viewer) throw new AppError('unauthenticated', 'errors.signin_required');
  return viewer;
}

/** Visitors: 401; anyone but the programme team: 403. */
export function requireProgramme(viewer: Viewer): Actor {
  const actor = requireSignedIn(viewer);
  if (!isProgramme(actor)) throw new AppError('forbidden', 'errors.forbidden');
  return actor;
}

/** Visitors: 401; the programme team and members without organisation: 403 with the feature's own `refusal`. */
export function requireMember(viewer: Viewer, refusal: string): Member {
  const actor = requireSignedIn(viewer);
  if (!isMember(actor)) throw new AppError('forbidden', refusal);
  return actor;
}

/** 403 with `refusal` unless the viewer acts for the organisation (visitors included: they act for none). */
export function requireActsFor(viewer: Viewer, organisationId: string, refusal: string): void {
  if (!actsFor(viewer, organisationId)) throw new AppError('forbidden', refusal);
}

// Invitations and users as the programme team sees them, shaped once for page and API, never with a secret.
import type { Invitation, User } from '../../../store/store.js';

export type InvitationState = 'pending' | 'used' | 'expired' | 'revoked';

export function invitationState(i: Invitation, now: string): InvitationState {
  if (i.usedAt) return 'used';
  if (i.revokedAt) return 'revoked';
  return i.expiresAt <= now ? 'expired' : 'pending';
}

/** An invitation as the programme team sees it in lists (page and API); never the token or its hash. */
export function presentInvitation(i: Invitation, organisationNames: Map<string, string>, now: string) {
  return {
    id: i.id,
    email: i.email,
    name: i.name,
    role: i.role,
    organisationId: i.organisationId,
    organisationName: i.organisationId ? organisationNames.get(i.organisationId) ?? null : null,
    state: invitationState(i, now),
    createdAt: i.createdAt,
    expiresAt: i.expiresAt,
    usedAt: i.usedAt,
  };
}

export const INVITATION_STATES: readonly InvitationState[] = ['pending', 'used', 'expired', 'revoked'];
export const isInvitationState = (v: unknown): v is InvitationState => typeof v === 'string' && (INVITATION_STATES as readonly string[]).includes(v);

/** Only pending and expired invitations can get a new link or be revoked. */
export const invitationActions = (state: InvitationState) => ({ resend: state === 'pending' || state === 'expired', revoke: state === 'pending' || state === 'expired' });

/** A user as the programme team sees them in the user list (page and API); never the password hash. */
export function presentUser(u: User, organisationNames: Map<string, string>) {
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    role: u.role,
    organisationId: u.organisationId,
    organisationName: u.organisationId ? organisationNames.get(u.organisationId) ?? null : null,
    active: u.active,
    createdAt: u.createdAt,
    updatedAt: u.updatedAt,
  };
}

import type { Invitation } from '../../../store/store.js';

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

/**
 * Sessions, passwords, invitations, users and personal data over the API, as zod schemas: what
 * routes/api/{session,account,invitations,users}.ts and presenters/accounts.ts answer.
 */
import { z } from 'zod';
import { INVITATION_STATES, type InvitationState } from '../views/presenters/accounts.js';
import { instant, orNull, role } from './common.js';

export const SessionUser = z.object({ id: z.string(), name: z.string(), role, organisationId: orNull(z.string()) }).openapi('SessionUser');
export const SessionCreated = z.object({ csrfToken: z.string(), user: SessionUser }).openapi('SessionCreated');
export const SessionState = z.object({
  user: orNull(SessionUser),
  csrfToken: z.string().optional().describe('Only when signed in.'),
}).openapi('SessionState');

/** A password changed or reset: this browser is signed in under a new session, with a new token. */
export const NewSession = z.object({ csrfToken: z.string() }).openapi('NewSession', { description: 'Signed in with a new session; every other session of the user ended.' });
export const ResetAccepted = z.object({ status: z.literal('accepted') }).openapi('ResetAccepted');

const invitationState = z.enum(INVITATION_STATES as [InvitationState, ...InvitationState[]]);
export const invitationListParams = z.object({ state: invitationState.optional().describe('Only invitations in this state.') });

export const Invitation = z.object({
  id: z.string(), email: z.string(), name: z.string(), role,
  organisationId: orNull(z.string()), organisationName: orNull(z.string()),
  state: invitationState,
  createdAt: instant, expiresAt: instant, usedAt: orNull(instant),
}).openapi('Invitation', { description: 'Never the token.' });

export const InvitationCreated = z.object({
  invitation: Invitation,
  link: z.string().url().describe('The one-time link; give it to the invitee.'),
  mailed: z.boolean(),
}).openapi('InvitationCreated');
export const InvitationRevoked = z.object({ invitation: Invitation }).openapi('InvitationRevoked');

export const UserAccount = z.object({
  id: z.string(), name: z.string(), email: z.string().email(), role,
  organisationId: orNull(z.string()).describe('null for the programme team'), organisationName: orNull(z.string()),
  active: z.boolean().describe('A deactivated user cannot sign in.'),
  createdAt: instant, updatedAt: instant,
}).openapi('UserAccount');
export const UserAccountResult = z.object({ user: UserAccount }).openapi('UserAccountResult');

/** Everything the store keeps about a person (domain/profile.ts exportPersonalData); its parts are listed, their fields are not fixed here. */
export const PersonalData = z.object({
  exportedAt: instant,
  user: z.object({
    id: z.string(), name: z.string(), email: z.string(), phone: orNull(z.string()), role, locale: z.enum(['nl', 'en']),
    active: z.boolean(), createdAt: instant, updatedAt: instant,
  }),
  organisation: orNull(z.object({ id: z.string(), name: z.string() })),
  notificationSettings: z.object({}).passthrough(),
  ideasAsAuthor: z.array(z.object({}).passthrough()),
  ideasAsContact: z.array(z.object({}).passthrough()),
  endorsementsGiven: z.array(z.object({}).passthrough()),
  notifications: z.array(z.object({}).passthrough()),
  mails: z.array(z.object({}).passthrough()),
  checkInsRequested: z.array(z.object({}).passthrough()).describe('Check-ins this person requested, with the note they wrote.'),
  projectJoinRequests: z.array(z.object({}).passthrough()).describe('Requests to join a project this person made, with their message.'),
}).openapi('PersonalData');
export const ErasedUser = z.object({ id: z.string(), name: z.string(), active: z.boolean() }).openapi('ErasedUser');

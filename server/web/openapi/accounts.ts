/**
 * Session, passwords, invitations, users and personal data in the API (routes/api/{session,account,
 * invitations,users}.ts and routes/personal-data.ts).
 */
import { z } from 'zod';
import { inviteSchema, signInSchema } from '../../domain/accounts.js';
import { changeSchema, forgotSchema, resetSchema } from '../../domain/passwords.js';
import { filterSchema } from '../../domain/users.js';
import { ErasedUser, Invitation, InvitationCreated, InvitationRevoked, invitationListParams, NewSession, PersonalData, ResetAccepted, SessionCreated, SessionState, UserAccount, UserAccountResult } from '../schemas/accounts.js';
import { idParams, itemsOf } from '../schemas/common.js';
import { describeFields, type ApiOperation } from './operation.js';

const NEW_PASSWORD = '`password`: at least 10 characters, a zxcvbn strength score of at least 3 of 4, without the user’s e-mail address or name (refused: 400 naming `password` and saying what is weak); `passwordConfirm`, optional, must equal it.';

/** The route takes `token` beside the fields the domain's reset schema checks (routes/api/account.ts). */
const PasswordReset = resetSchema.innerType().extend({ token: z.string().max(200).describe('The last part of the link.') })
  .openapi('PasswordReset', { description: NEW_PASSWORD });

const STRONG = 'fietsenstalling aan het station van Lier';
export const SIGN_IN_EXAMPLE = { email: 'an.peeters@gemeente.test', password: 'correct horse battery staple' };

const programmeWrite = ['Unauthenticated', 'Forbidden', 'NotFound', 'Conflict'] as const;

export const accountOperations: ApiOperation[] = [
  {
    method: 'get', path: '/api/session', operationId: 'getSession', summary: 'Who is signed in', tag: 'session',
    answer: { status: 200, description: 'The user (null for a visitor) and, when signed in, the CSRF token.', schema: SessionState }, errors: [],
  },
  {
    method: 'post', path: '/api/session', operationId: 'signIn', summary: 'Sign in', tag: 'session',
    description: 'Sets the session cookie and answers the CSRF token. Failed attempts are rate-limited per address.',
    body: { schema: signInSchema.openapi('SessionRequest'), example: SIGN_IN_EXAMPLE },
    answer: { status: 201, description: 'Signed in.', schema: SessionCreated }, errors: ['BadRequest', 'Unauthenticated', 'RateLimited'],
  },
  {
    method: 'delete', path: '/api/session', operationId: 'signOut', summary: 'Sign out', tag: 'session', role: 'user',
    answer: { status: 204, description: 'Signed out.' }, errors: ['Forbidden'],
  },
  {
    method: 'post', path: '/api/account/password', operationId: 'changePassword', summary: 'Change your password', tag: 'session', role: 'user',
    description: 'With the current password. Ends every other session of yours and their live sockets; this one continues under a new session (use the new token). Failures count against the sign-in limits.',
    body: { schema: changeSchema.openapi('PasswordChange', { description: NEW_PASSWORD }), example: { currentPassword: SIGN_IN_EXAMPLE.password, password: STRONG, passwordConfirm: STRONG } },
    answer: { status: 200, description: 'Changed; signed in with a new session, every other session of yours ended.', schema: NewSession },
    errors: ['BadRequest', 'Unauthenticated', 'Forbidden', 'RateLimited'],
  },
  {
    method: 'post', path: '/api/password/forgot', operationId: 'forgotPassword', summary: 'Ask for a one-time link to choose a new password', tag: 'session',
    description: 'Always 202, whether or not the address belongs to an active account (then a link is mailed that works once and expires after PASSWORD_RESET_TTL_MINUTES). At most 5 per account and 30 per address per window.',
    body: { schema: forgotSchema.openapi('PasswordForgot'), example: { email: SIGN_IN_EXAMPLE.email } },
    answer: { status: 202, description: 'Accepted.', schema: ResetAccepted }, errors: ['BadRequest', 'RateLimited'],
  },
  {
    method: 'post', path: '/api/password/reset', operationId: 'resetPassword', summary: 'Choose a new password through the one-time link', tag: 'session',
    description: 'Signs you in and ends every other session of the user. A used, expired or unknown link: 404.',
    body: { schema: PasswordReset, example: { token: '01JH5Q3W8ZQ4N6V2C1X7R9T0AB.1767258000000.c2lnbmF0dXJl', password: STRONG, passwordConfirm: STRONG } },
    answer: { status: 200, description: 'Set; signed in with a new session, every other session of the user ended.', schema: NewSession }, errors: ['BadRequest', 'NotFound'],
  },
  {
    method: 'get', path: '/api/invitations', operationId: 'listInvitations', summary: 'List invitations', description: 'Programme team only. Newest first; never the token.', tag: 'invitations', role: 'programme',
    query: invitationListParams, example: { query: { state: 'pending' } },
    answer: { status: 200, description: 'The invitations.', schema: itemsOf(Invitation) }, errors: ['BadRequest', 'Unauthenticated', 'Forbidden'],
  },
  {
    method: 'post', path: '/api/invitations', operationId: 'createInvitation', summary: 'Invite a person', tag: 'invitations', role: 'programme',
    description: 'Programme team only. Answers the one-time link (also logged, and mailed when mail is on).',
    body: { schema: inviteSchema.openapi('InvitationCreate', { description: '`organisationId` is required for members.' }), example: { email: 'jan.claes@geel.test', name: 'Jan Claes', role: 'member', organisationId: 'be-nis-13008' } },
    answer: { status: 201, description: 'Invited.', schema: InvitationCreated }, errors: ['BadRequest', 'Unauthenticated', 'Forbidden', 'Conflict'],
  },
  {
    method: 'post', path: '/api/invitations/{id}/resend', operationId: 'resendInvitation', summary: 'A new one-time link for an invitation', tag: 'invitations', role: 'programme', params: idParams,
    description: 'Programme team only; pending or expired invitations. The previous link stops working at once and the expiry starts again. Answers the new link (also logged, and mailed when mail is on). Used or revoked: 409.',
    answer: { status: 200, description: 'The invitation with its new link.', schema: InvitationCreated }, errors: [...programmeWrite],
  },
  {
    method: 'post', path: '/api/invitations/{id}/revoke', operationId: 'revokeInvitation', summary: 'Revoke an invitation', tag: 'invitations', role: 'programme', params: idParams,
    description: 'Programme team only; pending or expired invitations. Its link no longer works. Used or already revoked: 409.',
    answer: { status: 200, description: 'Revoked.', schema: InvitationRevoked }, errors: [...programmeWrite],
  },
  {
    method: 'get', path: '/api/users', operationId: 'listUsers', summary: 'List users', description: 'Programme team only. Newest first; filters combine.', tag: 'users', role: 'programme',
    query: describeFields(filterSchema, { organisation: 'Id of their organisation.' }), example: { query: { role: 'member', active: 'true' } },
    answer: { status: 200, description: 'The users.', schema: itemsOf(UserAccount) }, errors: ['BadRequest', 'Unauthenticated', 'Forbidden'],
  },
  {
    method: 'post', path: '/api/users/{id}/deactivate', operationId: 'deactivateUser', summary: 'Deactivate a user', tag: 'users', role: 'programme', params: idParams,
    description: 'Programme team only. Every session of theirs ends and their live sockets are disconnected at once; they cannot sign in until reactivated. Yourself, or the last active programme-team account: 409. Idempotent.',
    answer: { status: 200, description: 'Deactivated.', schema: UserAccountResult }, errors: [...programmeWrite],
  },
  {
    method: 'post', path: '/api/users/{id}/reactivate', operationId: 'reactivateUser', summary: 'Reactivate a user', tag: 'users', role: 'programme', params: idParams,
    description: 'Programme team only. They can sign in again with their password. Idempotent.',
    answer: { status: 200, description: 'Active again.', schema: UserAccountResult }, errors: ['Unauthenticated', 'Forbidden', 'NotFound'],
  },
  {
    method: 'get', path: '/api/users/{id}/personal-data', operationId: 'exportPersonalData', summary: "Export a user's personal data", tag: 'users', role: 'programme', params: idParams,
    description: 'Programme team only. Everything the store keeps about the person (account, settings, ideas they wrote or are the contact of, endorsements given, notifications, mails) as JSON. Recorded in the audit log (user.data_exported).',
    answer: { status: 200, description: 'The personal data.', schema: PersonalData }, errors: ['Unauthenticated', 'Forbidden', 'NotFound'],
  },
  {
    method: 'delete', path: '/api/users/{id}/personal-data', operationId: 'erasePersonalData', summary: "Erase a user's personal data", tag: 'users', role: 'programme', params: idParams,
    description: 'Programme team only. Anonymises the user in one transaction (name, e-mail, phone, password, sessions, notifications, settings and unsent mail gone; inactive); the ideas stay with the organisation, where the person was the contact an active colleague takes their place. Recorded in the audit log (user.data_erased). Yourself, or an active programme-team account: 409 (deactivate it first).',
    answer: { status: 200, description: 'Erased.', schema: ErasedUser }, errors: [...programmeWrite],
  },
];

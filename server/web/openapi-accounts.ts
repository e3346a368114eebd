import type { Operation, Parameter } from './openapi.js';

/**
 * The account-management part of the OpenAPI document (invitations resent and revoked, users listed and
 * (de)activated), spread into `openapiDocument` by openapi.ts. Its own small helpers: importing openapi.ts's
 * at runtime would be an import cycle.
 */
type Schema = Record<string, unknown>;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const ok = (description: string, schema: Schema) => ({ description, content: { 'application/json': { schema } } });
const err = (name: string) => ({ $ref: `#/components/responses/${name}` });
const idParam: Parameter = { name: 'id', in: 'path', required: true, schema: { type: 'string', maxLength: 64 } };
const READ_AS_USER = [{ cookieAuth: [] }];
const WRITE_AS_USER = [{ cookieAuth: [], csrfToken: [] }];
const WRITE_ERRORS = { 401: err('Unauthenticated'), 403: err('Forbidden'), 404: err('NotFound'), 409: err('Conflict') };

export const invitationStateParameter: Parameter = {
  name: 'state', in: 'query', description: 'Only invitations in this state.', schema: { type: 'string', enum: ['pending', 'used', 'expired', 'revoked'] },
};

export const accountsSchemas: Record<string, Schema> = {
  UserAccount: {
    type: 'object', required: ['id', 'name', 'email', 'role', 'organisationId', 'organisationName', 'active', 'createdAt', 'updatedAt'],
    properties: {
      id: { type: 'string' }, name: { type: 'string' }, email: { type: 'string', format: 'email' }, role: { type: 'string', enum: ['member', 'programme'] },
      organisationId: { type: ['string', 'null'], description: 'null for the programme team' }, organisationName: { type: ['string', 'null'] },
      active: { type: 'boolean', description: 'A deactivated user cannot sign in.' },
      createdAt: { type: 'string', format: 'date-time' }, updatedAt: { type: 'string', format: 'date-time' },
    },
  },
  UserAccountResult: { type: 'object', required: ['user'], properties: { user: ref('UserAccount') } },
  InvitationRevoked: { type: 'object', required: ['invitation'], properties: { invitation: ref('Invitation') } },
};

export const accountsPaths: Record<string, Record<string, Operation>> = {
  '/api/invitations/{id}/resend': {
    post: {
      operationId: 'resendInvitation', summary: 'A new one-time link for an invitation', tags: ['invitations'], security: WRITE_AS_USER, parameters: [idParam],
      description: 'Programme team only; pending or expired invitations. The previous link stops working at once and the expiry starts again. Answers the new link (also logged, and mailed when mail is on). Used or revoked: 409.',
      responses: { 200: ok('The invitation with its new link.', ref('InvitationCreated')), ...WRITE_ERRORS },
    },
  },
  '/api/invitations/{id}/revoke': {
    post: {
      operationId: 'revokeInvitation', summary: 'Revoke an invitation', tags: ['invitations'], security: WRITE_AS_USER, parameters: [idParam],
      description: 'Programme team only; pending or expired invitations. Its link no longer works. Used or already revoked: 409.',
      responses: { 200: ok('Revoked.', ref('InvitationRevoked')), ...WRITE_ERRORS },
    },
  },
  '/api/users': {
    get: {
      operationId: 'listUsers', summary: 'List users', description: 'Programme team only. Newest first; filters combine.', tags: ['users'], security: READ_AS_USER,
      parameters: [
        { name: 'organisation', in: 'query', description: 'Id of their organisation.', schema: { type: 'string', maxLength: 64 } },
        { name: 'role', in: 'query', schema: { type: 'string', enum: ['member', 'programme'] } },
        { name: 'active', in: 'query', schema: { type: 'string', enum: ['true', 'false'] } },
      ],
      responses: { 200: ok('The users.', { type: 'object', required: ['items'], properties: { items: { type: 'array', items: ref('UserAccount') } } }), 400: err('BadRequest'), 401: err('Unauthenticated'), 403: err('Forbidden') },
    },
  },
  '/api/users/{id}/deactivate': {
    post: {
      operationId: 'deactivateUser', summary: 'Deactivate a user', tags: ['users'], security: WRITE_AS_USER, parameters: [idParam],
      description: 'Programme team only. Every session of theirs ends and their live sockets are disconnected at once; they cannot sign in until reactivated. Yourself, or the last active programme-team account: 409. Idempotent.',
      responses: { 200: ok('Deactivated.', ref('UserAccountResult')), ...WRITE_ERRORS },
    },
  },
  '/api/users/{id}/reactivate': {
    post: {
      operationId: 'reactivateUser', summary: 'Reactivate a user', tags: ['users'], security: WRITE_AS_USER, parameters: [idParam],
      description: 'Programme team only. They can sign in again with their password. Idempotent.',
      responses: { 200: ok('Active again.', ref('UserAccountResult')), 401: err('Unauthenticated'), 403: err('Forbidden'), 404: err('NotFound') },
    },
  },
};

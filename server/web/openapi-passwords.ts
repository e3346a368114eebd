import type { Operation } from './openapi.js';

/**
 * Passwords in the OpenAPI document (change, forgotten, reset), spread into `openapiDocument` by
 * openapi.ts. Its own small helpers, like openapi-accounts.ts: importing openapi.ts's would be a cycle.
 */
type Schema = Record<string, unknown>;
const err = (name: string) => ({ $ref: `#/components/responses/${name}` });
const body = (schema: Schema) => ({ required: true, content: { 'application/json': { schema } } });
const newPassword = {
  type: 'string', minLength: 10, maxLength: 256,
  description: 'At least 10 characters, a zxcvbn strength score of at least 3 of 4, without the user’s e-mail address or name. Refused: 400 naming `password` and saying what is weak.',
};
const confirm = { type: 'string', maxLength: 256, description: 'Optional; when sent it must equal `password`.' };
const signedIn = { description: 'Set; signed in with a new session, every other session of the user ended.', content: { 'application/json': { schema: { type: 'object', required: ['csrfToken'], properties: { csrfToken: { type: 'string' } } } } } };

export const passwordsPaths: Record<string, Record<string, Operation>> = {
  '/api/account/password': {
    post: {
      operationId: 'changePassword', summary: 'Change your password', tags: ['session'], security: [{ cookieAuth: [], csrfToken: [] }],
      description: 'With the current password. Ends every other session of yours and their live sockets; this one continues under a new session (use the new token). Failures count against the sign-in limits.',
      requestBody: body({ type: 'object', required: ['currentPassword', 'password'], properties: { currentPassword: { type: 'string', maxLength: 256 }, password: newPassword, passwordConfirm: confirm } }),
      responses: { 200: signedIn, 400: err('BadRequest'), 401: err('Unauthenticated'), 403: err('Forbidden'), 429: err('RateLimited') },
    },
  },
  '/api/password/forgot': {
    post: {
      operationId: 'forgotPassword', summary: 'Ask for a one-time link to choose a new password', tags: ['session'],
      description: 'Always 202, whether or not the address belongs to an active account (then a link is mailed that works once and expires after PASSWORD_RESET_TTL_MINUTES). At most 5 per account and 30 per address per window.',
      requestBody: body({ type: 'object', required: ['email'], properties: { email: { type: 'string', format: 'email', maxLength: 254 } } }),
      responses: { 202: { description: 'Accepted.', content: { 'application/json': { schema: { type: 'object', properties: { status: { type: 'string', enum: ['accepted'] } } } } } }, 400: err('BadRequest'), 429: err('RateLimited') },
    },
  },
  '/api/password/reset': {
    post: {
      operationId: 'resetPassword', summary: 'Choose a new password through the one-time link', tags: ['session'],
      description: '`token` is the last part of the link. Signs you in and ends every other session of the user. A used, expired or unknown link: 404.',
      requestBody: body({ type: 'object', required: ['token', 'password'], properties: { token: { type: 'string', maxLength: 200 }, password: newPassword, passwordConfirm: confirm } }),
      responses: { 200: signedIn, 400: err('BadRequest'), 404: err('NotFound') },
    },
  },
};

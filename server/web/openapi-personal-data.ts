import type { Operation, Parameter } from './openapi.js';

/** The personal-data part of the OpenAPI document (issue 16.6), spread into `openapiDocument` by openapi.ts. */
const err = (name: string) => ({ $ref: `#/components/responses/${name}` });
const idParam: Parameter = { name: 'id', in: 'path', required: true, schema: { type: 'string', maxLength: 64 } };

export const personalDataPaths: Record<string, Record<string, Operation>> = {
  '/api/users/{id}/personal-data': {
    get: {
      operationId: 'exportPersonalData', summary: "Export a user's personal data", tags: ['users'], security: [{ cookieAuth: [] }], parameters: [idParam],
      description: 'Programme team only. Everything the store keeps about the person (account, settings, ideas they wrote or are the contact of, endorsements given, notifications, mails) as JSON. Recorded in the audit log (user.data_exported).',
      responses: { 200: { description: 'The personal data.', content: { 'application/json': { schema: { type: 'object' } } } }, 401: err('Unauthenticated'), 403: err('Forbidden'), 404: err('NotFound') },
    },
    delete: {
      operationId: 'erasePersonalData', summary: "Erase a user's personal data", tags: ['users'], security: [{ cookieAuth: [], csrfToken: [] }], parameters: [idParam],
      description: "Programme team only. Anonymises the user in one transaction (name, e-mail, phone, password, sessions, notifications, settings and unsent mail gone; inactive); the ideas stay with the organisation, where the person was the contact an active colleague takes their place. Recorded in the audit log (user.data_erased). Yourself, or an active programme-team account: 409 (deactivate it first).",
      responses: {
        200: { description: 'Erased.', content: { 'application/json': { schema: { type: 'object', required: ['id', 'name', 'active'], properties: { id: { type: 'string' }, name: { type: 'string' }, active: { type: 'boolean' } } } } } },
        401: err('Unauthenticated'), 403: err('Forbidden'), 404: err('NotFound'), 409: err('Conflict'),
      },
    },
  },
};

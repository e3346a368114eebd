/**
 * The OpenAPI 3.1 description of the JSON API, generated from the operations (./*.ts) and the zod
 * schemas the routes validate and answer with. Served at `/api/openapi.json`, rendered at `/api/docs`.
 */
import { ZodType } from 'zod';
import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import * as accountSchemas from '../schemas/accounts.js';
import * as boardSchemas from '../schemas/board.js';
import * as commonSchemas from '../schemas/common.js';
import * as endorsementSchemas from '../schemas/endorsements.js';
import * as ideaSchemas from '../schemas/ideas.js';
import * as metaSchemas from '../schemas/meta.js';
import * as moderationSchemas from '../schemas/moderation.js';
import * as notificationSchemas from '../schemas/notifications.js';
import * as organisationSchemas from '../schemas/organisations.js';
import { SESSION_COOKIE } from '../middleware/session.js';
import { accountOperations } from './accounts.js';
import { boardOperations } from './board.js';
import { endorsementOperations } from './endorsements.js';
import { ideaOperations } from './ideas.js';
import { metaOperations } from './meta.js';
import { moderationOperations } from './moderation.js';
import { notificationOperations } from './notifications.js';
import { ERROR_RESPONSES, type Answer, type ApiOperation } from './operation.js';
import { tidy, type Operation } from './tidy.js';

export type { ApiOperation } from './operation.js';

/** Every operation, in the order the document lists them. */
export const apiOperations: readonly ApiOperation[] = [
  ...metaOperations, ...accountOperations, ...ideaOperations, ...endorsementOperations,
  ...notificationOperations, ...moderationOperations, ...boardOperations,
];

const INFO = {
  title: 'Medestander API',
  version: '0.1.0',
  description:
    'The JSON API behind Medestander: the same rules as the pages. Sign in with `POST /api/session`; the session cookie then ' +
    'authenticates, and every state-changing call sends the returned token in the `X-CSRF-Token` header. Errors are ' +
    '`{ error: { code, message, fields? } }` in the language of the `lang` cookie (nl by default, en). Bodies over 100 kB: 413; ' +
    'a body that is not JSON: 415. Sign-in failures, forgotten-password requests and writes are limited per user, account and address: ' +
    '429 with `Retry-After`.',
};

const TAGS = [
  { name: 'session', description: 'Signing in and out, passwords' },
  { name: 'ideas', description: 'Ideas for digital projects' },
  { name: 'organisations', description: 'Local governments' },
  { name: 'endorsements', description: '"We find this valuable too": endorsements, the connections they make, and "My organisation"' },
  { name: 'invitations', description: 'Accounts by invitation (programme team)' },
  { name: 'users', description: 'User accounts: list, deactivate, reactivate, personal data (programme team)' },
  { name: 'notifications', description: 'Your notifications and their settings (live: socket.io events `notification:created`, `notifications:unread`)' },
  { name: 'clusters', description: 'Clusters of similar ideas: labels (override and undo) and "introduce all" (programme team)' },
  { name: 'moderation', description: 'Hiding ideas, the audit log and exports (programme team)' },
  { name: 'board', description: "The programme team's live board (live: join the socket.io room `board`; events `board:updated`, request `board:since {version}`)" },
  { name: 'meta', description: 'Health and this description' },
];

type ResponseObject = Exclude<RouteConfig['responses'][string], { $ref: string }>;
export type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

function response(a: Answer): ResponseObject {
  const headers = a.headers && Object.fromEntries(Object.entries(a.headers).map(([name, description]) => [name, { description, schema: { type: 'string' as const } }]));
  const content = a.schema ? { [a.contentType ?? 'application/json']: { schema: a.schema } }
    : a.contentType ? { [a.contentType]: { schema: { type: 'string' as const } } } : undefined;
  return { description: a.description, ...(headers ? { headers } : {}), ...(content ? { content } : {}) } as ResponseObject;
}

function route(op: ApiOperation): RouteConfig {
  const requirement: Record<string, string[]> = op.method === 'get' ? { cookieAuth: [] } : { cookieAuth: [], csrfToken: [] };
  const security = op.role ? [requirement] : undefined;
  const responses: RouteConfig['responses'] = {};
  for (const a of [op.answer, ...(op.also ?? [])]) responses[a.status] = response(a);
  for (const name of op.errors) responses[ERROR_RESPONSES[name].status] = { $ref: `#/components/responses/${name}` };
  return {
    method: op.method, path: op.path, operationId: op.operationId, summary: op.summary, tags: [op.tag],
    ...(op.description ? { description: op.description } : {}),
    ...(security ? { security } : {}),
    request: {
      ...(op.params ? { params: op.params } : {}),
      ...(op.query ? { query: op.query } : {}),
      ...(op.body ? { body: { required: op.body.required ?? true, content: { 'application/json': { schema: op.body.schema, example: op.body.example } } } } : {}),
    },
    responses,
  };
}

const SCHEMA_MODULES = [commonSchemas, metaSchemas, accountSchemas, organisationSchemas, ideaSchemas, endorsementSchemas, notificationSchemas, moderationSchemas, boardSchemas];

/**
 * The named response schemas, registered before any operation: zod-to-openapi 7 drops a field's own
 * description when the field is the first place it meets a named schema.
 */
function registerNamed(registry: OpenAPIRegistry): void {
  for (const mod of SCHEMA_MODULES) {
    for (const value of Object.values(mod)) {
      const refId = value instanceof ZodType ? (value._def as { openapi?: { _internal?: { refId?: string } } }).openapi?._internal?.refId : undefined;
      if (refId) registry.register(refId, value as ZodType);
    }
  }
}

function generate(): OpenApiDocument {
  const registry = new OpenAPIRegistry();
  registerNamed(registry);
  for (const [name, { description }] of Object.entries(ERROR_RESPONSES)) {
    registry.registerComponent('responses', name, { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
  }
  registry.registerComponent('securitySchemes', 'cookieAuth', { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'Set by `POST /api/session`.' });
  registry.registerComponent('securitySchemes', 'csrfToken', {
    type: 'apiKey', in: 'header', name: 'X-CSRF-Token',
    description: 'The token from `POST /api/session` (or `GET /api/session`); required on POST, PUT, PATCH and DELETE with a session.',
  });
  for (const op of apiOperations) registry.registerPath(route(op));
  const doc = new OpenApiGeneratorV31(registry.definitions).generateDocument({ openapi: '3.1.0', info: INFO, tags: TAGS });
  return tidy(doc, apiOperations);
}

let generated: OpenApiDocument | undefined;

/** Made on first use, not at start-up: generating takes a few hundred milliseconds. */
export const openapiDocument = (): OpenApiDocument => (generated ??= generate());

/** The operations in document order, for the docs page and for tests: `{ method, path, operation }`. */
export function operations(doc: OpenApiDocument = openapiDocument()) {
  return Object.entries(doc.paths ?? {}).flatMap(([path, methods]) =>
    Object.entries(methods as Record<string, Operation>).map(([method, operation]) => ({ method, path, operation })),
  );
}

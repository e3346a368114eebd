/**
 * The document from the operations, with zod-to-openapi: named schemas first, the error responses and
 * security schemes as components, then one path per operation. Kept apart from the operations list so
 * index.ts reads as the table of contents.
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
import { ERROR_RESPONSES, type Answer, type ApiOperation } from './operation.js';
import { tidy } from './tidy.js';

type ResponseObject = Exclude<RouteConfig['responses'][string], { $ref: string }>;
export type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;
type OpenApiInfo = Parameters<OpenApiGeneratorV31['generateDocument']>[0]['info'];

function response(a: Answer): ResponseObject {
  const headers = a.headers && Object.fromEntries(Object.entries(a.headers).map(([name, description]) => [name, { description, schema: { type: 'string' as const } }]));
  const text = { schema: { type: 'string' as const } };
  const main = a.schema ? { [a.contentType ?? 'application/json']: { schema: a.schema } } : a.contentType ? { [a.contentType]: text } : undefined;
  const content = main && { ...main, ...Object.fromEntries((a.alternatives ?? []).map((type) => [type, text])) };
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

export function generate(ops: readonly ApiOperation[], info: OpenApiInfo, tags: { name: string; description: string }[]): OpenApiDocument {
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
  for (const op of ops) registry.registerPath(route(op));
  const doc = new OpenApiGeneratorV31(registry.definitions).generateDocument({ openapi: '3.1.0', info, tags });
  return tidy(doc, ops);
}

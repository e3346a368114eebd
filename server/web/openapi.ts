import { ENDORSEMENT_MESSAGE_MAX } from '../domain/endorsements.js';
import { LIMITS } from '../domain/ideas.js';
import { NOTIFICATION_LIMITS } from '../domain/notifications.js';
import { SIMILAR_LIMITS } from '../domain/similar-ideas.js';
import { SORTS } from './routes/idea-sort.js';
import { ERROR_STATUS } from '../errors.js';
import { DELIVERIES, MAIL_KINDS, NOTIFICATION_KINDS, THEMES } from '../store/store.js';
import { SESSION_COOKIE } from './middleware/session.js';
import { accountsPaths, accountsSchemas, invitationStateParameter } from './openapi-accounts.js';
import { passwordsPaths } from './openapi-passwords.js';
import { personalDataPaths } from './openapi-personal-data.js';
import { boardPaths, boardSchemas, boardTags } from './openapi-board.js';
import { moderationPaths, moderationSchemas, moderationTags } from './openapi-moderation.js';

/**
 * The OpenAPI 3.1 description of the JSON API, served at `/api/openapi.json` and rendered as `/api/docs`.
 * Limits come from the domain's own constants so the document cannot drift from the validation.
 * test/integration/openapi.test.ts checks that every route mounted under /api/ is described here.
 */

type Schema = Record<string, unknown>;
export interface Parameter { name: string; in: 'path' | 'query' | 'header'; required?: boolean; description?: string; schema: Schema }
export interface Operation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  security?: Record<string, string[]>[];
  parameters?: Parameter[];
  requestBody?: { required: boolean; content: Record<string, { schema: Schema }> };
  responses: Record<string, { description: string; headers?: Record<string, unknown>; content?: Record<string, { schema: Schema }> } | { $ref: string }>;
}
export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  tags: { name: string; description: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; responses: Record<string, unknown>; securitySchemes: Record<string, unknown> };
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Schema) => ({ 'application/json': { schema } });
const ok = (description: string, schema: Schema) => ({ description, content: json(schema) });
const err = (name: string) => ({ $ref: `#/components/responses/${name}` });
const body = (schema: Schema) => ({ required: true, content: json(schema) });
const idParam: Parameter = { name: 'id', in: 'path', required: true, schema: { type: 'string', maxLength: 64 } };

/** A signed-in session; state-changing calls also carry the CSRF token from `POST /api/session`. */
const READ_AS_USER = [{ cookieAuth: [] }];
const WRITE_AS_USER = [{ cookieAuth: [], csrfToken: [] }];

const text = (min: number, max: number, description?: string) => ({ type: 'string', minLength: min, maxLength: max, ...(description ? { description } : {}) });
const theme = { type: 'string', enum: [...THEMES], description: 'services: innovative services to citizens, businesses and associations; democracy: digital democracy and e-participation; workplace: the workplace of the future (internal processes and tools).' };
const tags = { type: 'array', maxItems: LIMITS.tags, items: text(LIMITS.tag[0], LIMITS.tag[1]), description: 'Lower-cased and de-duplicated on save.' };
const contactIn = {
  type: 'object', additionalProperties: false, required: ['name', 'email'],
  properties: { name: text(2, 100), email: { type: 'string', format: 'email', maxLength: 254 }, phone: { type: 'string', maxLength: 30, pattern: '^\\+?[0-9 ()./-]{6,30}$', description: 'Empty for none.' } },
};
const ideaFields = { title: text(...LIMITS.title), description: text(...LIMITS.description), theme, tags, contact: contactIn };

const listParameters: Parameter[] = [
  { name: 'q', in: 'query', description: 'Full-text search in title, description and tags; the last word is prefix-matched.', schema: { type: 'string', maxLength: 200 } },
  { name: 'theme', in: 'query', schema: { type: 'string', enum: [...THEMES] } },
  { name: 'province', in: 'query', description: 'Province of the posting organisation, as in `GET /api/organisations` (e.g. `Limburg`).', schema: { type: 'string', maxLength: 60 } },
  { name: 'organisation', in: 'query', description: 'Id of the posting organisation.', schema: { type: 'string', maxLength: 64 } },
  { name: 'status', in: 'query', schema: { type: 'string', enum: ['open', 'withdrawn', 'all'], default: 'open' } },
  { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 10000, default: 1 } },
  { name: 'pageSize', in: 'query', schema: { type: 'integer', minimum: 1, maximum: LIMITS.maxPageSize, default: LIMITS.pageSize } },
  { name: 'sort', in: 'query', description: '`newest` first, most endorsed (`supported`), or most `similar` to your organisation\'s open ideas (members only).', schema: { type: 'string', enum: [...SORTS], default: 'newest' } },
];

const schemas: Record<string, Schema> = {
  Error: {
    type: 'object', required: ['error'],
    properties: {
      error: {
        type: 'object', required: ['code', 'message'],
        properties: {
          code: { type: 'string', enum: Object.keys(ERROR_STATUS) },
          message: { type: 'string', description: "In the user's language (cookie `lang`: nl or en)." },
          fields: {
            type: 'object', description: 'Each bad field by its path (`title`, `contact.email`, `tags.2`; `_` for the body as a whole, such as unknown fields).',
            additionalProperties: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string', examples: ['too_short', 'wrong_type', 'unknown'] }, message: { type: 'string' } } },
          },
        },
      },
    },
  },
  Health: { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['ok', 'unavailable'] } } },
  Organisation: {
    type: 'object', required: ['id', 'kind', 'country', 'code', 'name'],
    properties: {
      id: { type: 'string', examples: ['be-nis-11002'] }, kind: { type: 'string', enum: ['municipality', 'ocmw', 'intermunicipal', 'other'] },
      country: { type: 'string', description: 'ISO 3166-1 alpha-2' }, code: { type: 'string', description: 'NIS code for Belgian municipalities' },
      name: { type: 'string' }, province: { type: ['string', 'null'] }, arrondissement: { type: ['string', 'null'] },
    },
  },
  OrganisationRef: {
    type: ['object', 'null'], required: ['id', 'name', 'province', 'kind'],
    properties: { id: { type: 'string' }, name: { type: 'string' }, province: { type: ['string', 'null'] }, kind: { type: 'string' } },
  },
  Contact: { type: 'object', required: ['name', 'email', 'phone'], properties: { name: { type: 'string' }, email: { type: 'string', format: 'email' }, phone: { type: ['string', 'null'] } } },
  Idea: {
    type: 'object', required: ['id', 'title', 'description', 'theme', 'tags', 'status', 'language', 'version', 'organisation', 'createdAt', 'updatedAt', 'permissions'],
    properties: {
      id: { type: 'string' }, title: { type: 'string' }, description: { type: 'string' }, theme: { type: 'string', enum: [...THEMES] },
      tags: { type: 'array', items: { type: 'string' } }, status: { type: 'string', enum: ['open', 'withdrawn'] },
      language: { type: 'string', enum: ['nl', 'fr', 'en'], description: 'Detected from title and description.' },
      version: { type: 'integer', description: 'Starts at 1, +1 on every change; send it back with PATCH to detect concurrent edits.' },
      organisation: ref('OrganisationRef'), createdAt: { type: 'string', format: 'date-time' }, updatedAt: { type: 'string', format: 'date-time' },
      contact: { ...ref('Contact'), description: 'Personal data: present only for the programme team, the posting organisation and organisations connected with it around this idea (by an endorsement or an introduction). Absent, not empty, for everyone else.' },
      hidden: { type: 'boolean', description: 'Programme team only.' },
      permissions: { type: 'object', required: ['edit', 'withdraw', 'reopen'], properties: { edit: { type: 'boolean' }, withdraw: { type: 'boolean' }, reopen: { type: 'boolean' } } },
    },
  },
  IdeaCard: {
    type: 'object', required: ['id', 'title', 'excerpt', 'theme', 'tags', 'status', 'language', 'organisation', 'createdAt', 'updatedAt'],
    properties: {
      id: { type: 'string' }, title: { type: 'string' }, excerpt: { type: 'string', description: 'The start of the description.' },
      theme: { type: 'string', enum: [...THEMES] }, tags: { type: 'array', items: { type: 'string' } }, status: { type: 'string', enum: ['open', 'withdrawn'] },
      language: { type: 'string', enum: ['nl', 'fr', 'en'] }, organisation: ref('OrganisationRef'),
      createdAt: { type: 'string', format: 'date-time' }, updatedAt: { type: 'string', format: 'date-time' },
    },
  },
  SimilarRequest: {
    type: 'object', additionalProperties: false,
    properties: { title: { type: 'string', maxLength: LIMITS.title[1], default: '' }, description: { type: 'string', maxLength: LIMITS.description[1], default: '' } },
  },
  SimilarIdeas: {
    type: 'object', required: ['items'],
    properties: {
      items: {
        type: 'array',
        items: {
          type: 'object', required: ['idea', 'score', 'terms'],
          properties: {
            idea: ref('IdeaCard'),
            score: { type: 'number', minimum: 0, maximum: 1, description: 'Cosine similarity of the texts (TF-IDF, blended with LSA once clusters exist); only scores of at least 0.12 are listed.' },
            terms: { type: 'array', items: { type: 'string' }, description: 'The shared key terms that weigh most, in their written form.' },
          },
        },
      },
    },
  },
  ClusterRef: {
    type: 'object', required: ['id', 'label', 'size'],
    description: 'A cluster as the idea page names it; the whole cluster is `GET /api/clusters/{id}` (the page: `/clusters/{id}`).',
    properties: { id: { type: 'integer' }, label: { type: 'string', description: "The programme team's name when there is one, else the automatic label." }, size: { type: 'integer', description: 'Open ideas in the cluster.' } },
  },
  SimilarToIdea: {
    type: 'object', required: ['items', 'cluster'],
    properties: {
      items: {
        type: 'array',
        items: {
          type: 'object', required: ['idea', 'score', 'terms', 'cluster'],
          properties: {
            idea: { ...ref('IdeaCard'), description: 'Never with a contact person, whoever asks.' },
            score: { type: 'number', minimum: 0, maximum: 1, description: 'Cosine similarity of the texts (TF-IDF, blended with LSA once clusters exist); only scores of at least 0.12 are listed.' },
            terms: { type: 'array', items: { type: 'string' }, description: 'The shared key terms that weigh most, in their written form.' },
            cluster: { oneOf: [ref('ClusterRef'), { type: 'null' }], description: "This similar idea's cluster; null until it is placed." },
          },
        },
      },
      cluster: { oneOf: [ref('ClusterRef'), { type: 'null' }], description: "The asked idea's own cluster, as its page shows it; null when it has none (e.g. withdrawn)." },
    },
  },
  Endorsement: {
    type: 'object', required: ['id', 'ideaId', 'organisation', 'message', 'createdAt', 'mine'],
    properties: {
      id: { type: 'string' }, ideaId: { type: 'string' }, organisation: ref('OrganisationName'),
      message: { type: ['string', 'null'], maxLength: ENDORSEMENT_MESSAGE_MAX, description: 'Only for the programme team, the idea\'s organisation, organisations connected around the idea, and the endorsing organisation itself; null for everyone else.' },
      createdAt: { type: 'string', format: 'date-time' }, mine: { type: 'boolean', description: "Given by the caller's organisation." },
      contact: { oneOf: [ref('Contact'), { type: 'null' }], description: "The endorsing organisation's contact person: the member who endorsed (null once their account is deactivated). Only for the programme team and organisations connected with the endorsing one around this idea (the idea's organisation, the endorser's own); null for everyone else. Absent in POST/DELETE answers." },
    },
  },
  EndorsementCreate: {
    type: 'object', additionalProperties: false,
    properties: { message: { type: ['string', 'null'], maxLength: ENDORSEMENT_MESSAGE_MAX, description: 'Optional; trimmed; empty means none.' } },
  },
  EndorsementCreated: {
    type: 'object', required: ['endorsement', 'newlyConnected', 'contact'],
    properties: {
      endorsement: ref('Endorsement'),
      newlyConnected: { type: 'boolean', description: 'True when this endorsement connected the two organisations around the idea; false when another connection (an introduction) already held them.' },
      contact: { ...ref('Contact'), description: "The idea's contact person, now visible to you." },
    },
  },
  EndorsementWithdrawn: {
    type: 'object', required: ['endorsement', 'connected'],
    properties: { endorsement: ref('Endorsement'), connected: { type: 'boolean', description: 'Whether another connection (an introduction) still holds the two organisations around the idea.' } },
  },
  OrganisationOverview: {
    type: 'object', required: ['organisation', 'ideas', 'given', 'received', 'connections'],
    description: "What \"My organisation\" shows. Ideas hidden by moderation are left out. A connection's `contact` is the other side's contact person around that idea: the idea's contact person when the idea is theirs (`contactKind` idea_contact), otherwise the member of theirs who endorsed it (`endorser`); null when neither exists.",
    properties: {
      organisation: { type: 'object', required: ['id', 'name', 'province'], properties: { id: { type: 'string' }, name: { type: 'string' }, province: { type: ['string', 'null'] } } },
      ideas: { type: 'array', items: { type: 'object', required: ['id', 'title', 'status', 'createdAt', 'endorsementCount'], properties: { id: { type: 'string' }, title: { type: 'string' }, status: { type: 'string', enum: ['open', 'withdrawn'] }, createdAt: { type: 'string', format: 'date-time' }, endorsementCount: { type: 'integer' } } } },
      given: { type: 'array', items: { type: 'object', required: ['id', 'idea', 'message', 'createdAt'], properties: { id: { type: 'string' }, idea: ref('IdeaRef'), message: { type: ['string', 'null'] }, createdAt: { type: 'string', format: 'date-time' } } } },
      received: { type: 'array', items: { type: 'object', required: ['id', 'idea', 'organisation', 'message', 'createdAt', 'contact'], properties: { id: { type: 'string' }, idea: ref('IdeaRef'), organisation: ref('OrganisationName'), message: { type: ['string', 'null'] }, createdAt: { type: 'string', format: 'date-time' }, contact: { oneOf: [ref('Contact'), { type: 'null' }], description: 'The member who endorsed.' } } } },
      connections: {
        type: 'array',
        items: {
          type: 'object', required: ['idea', 'organisation', 'via', 'since', 'contact', 'contactKind'],
          properties: {
            idea: ref('IdeaRef'), organisation: ref('OrganisationName'), via: { type: 'array', items: { type: 'string', enum: ['endorsement', 'introduction'] } },
            since: { type: 'string', format: 'date-time' }, contact: { oneOf: [ref('Contact'), { type: 'null' }] }, contactKind: { type: ['string', 'null'], enum: ['idea_contact', 'endorser', null] },
          },
        },
      },
    },
  },
  OrganisationName: { type: 'object', required: ['id', 'name'], properties: { id: { type: 'string' }, name: { type: 'string' } } },
  IdeaRef: {
    type: 'object', required: ['id', 'title', 'status', 'organisation'],
    properties: { id: { type: 'string' }, title: { type: 'string' }, status: { type: 'string', enum: ['open', 'withdrawn'] }, organisation: ref('OrganisationName') },
  },
  IdeaPage: {
    type: 'object', required: ['items', 'total', 'page', 'pageSize'],
    properties: { items: { type: 'array', items: ref('Idea') }, total: { type: 'integer' }, page: { type: 'integer' }, pageSize: { type: 'integer' } },
  },
  IdeaCreate: {
    type: 'object', additionalProperties: false, required: ['title', 'description', 'theme'], properties: ideaFields,
    description: 'Without `contact`, the signed-in user (name, e-mail, phone) is the contact person.',
  },
  IdeaPatch: {
    type: 'object', additionalProperties: false, properties: { ...ideaFields, version: { type: 'integer', minimum: 1, description: 'When given and not current: 409.' } },
  },
  SessionRequest: { type: 'object', required: ['email', 'password'], properties: { email: { type: 'string', maxLength: 254 }, password: { type: 'string', maxLength: 256 } } },
  SessionUser: {
    type: 'object', required: ['id', 'name', 'role', 'organisationId'],
    properties: { id: { type: 'string' }, name: { type: 'string' }, role: { type: 'string', enum: ['member', 'programme'] }, organisationId: { type: ['string', 'null'] } },
  },
  SessionCreated: { type: 'object', required: ['csrfToken', 'user'], properties: { csrfToken: { type: 'string' }, user: ref('SessionUser') } },
  SessionState: {
    type: 'object', required: ['user'],
    properties: { user: { oneOf: [ref('SessionUser'), { type: 'null' }] }, csrfToken: { type: 'string', description: 'Only when signed in.' } },
  },
  Invitation: {
    type: 'object',
    properties: {
      id: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string', enum: ['member', 'programme'] },
      organisationId: { type: ['string', 'null'] }, organisationName: { type: ['string', 'null'] },
      state: { type: 'string', enum: ['pending', 'used', 'expired', 'revoked'] },
      createdAt: { type: 'string', format: 'date-time' }, expiresAt: { type: 'string', format: 'date-time' }, usedAt: { type: ['string', 'null'], format: 'date-time' },
    },
  },
  InvitationCreate: {
    type: 'object', required: ['email', 'name'],
    properties: {
      email: { type: 'string', format: 'email' }, name: text(2, 100), role: { type: 'string', enum: ['member', 'programme'], default: 'member' },
      organisationId: { type: 'string', description: 'Required for members.' },
    },
  },
  InvitationCreated: {
    type: 'object', required: ['invitation', 'link', 'mailed'],
    properties: { invitation: ref('Invitation'), link: { type: 'string', format: 'uri', description: 'The one-time link; give it to the invitee.' }, mailed: { type: 'boolean' } },
  },
  Notification: {
    type: 'object', required: ['id', 'kind', 'text', 'params', 'link', 'createdAt', 'readAt', 'unread'],
    properties: {
      id: { type: 'string' }, kind: { type: 'string', enum: [...NOTIFICATION_KINDS] },
      text: { type: 'string', description: "Ready to show, in the user's language (cookie `lang`)." },
      params: { type: 'object', additionalProperties: { type: 'string' }, description: 'What the text was filled with (organisation, idea, …).' },
      link: { type: 'string', description: 'A path in the app, e.g. `/ideas/<id>`.' },
      createdAt: { type: 'string', format: 'date-time' }, readAt: { type: ['string', 'null'], format: 'date-time' }, unread: { type: 'boolean' },
    },
  },
  NotificationList: {
    type: 'object', required: ['items', 'unread'],
    properties: { items: { type: 'array', items: ref('Notification') }, unread: { type: 'integer', description: 'All unread notifications of the user, not only those listed.' } },
  },
  MarkRead: {
    oneOf: [
      { type: 'object', additionalProperties: false, required: ['ids'], properties: { ids: { type: 'array', minItems: 1, maxItems: NOTIFICATION_LIMITS.markMany, items: { type: 'string', maxLength: 64 } } } },
      { type: 'object', additionalProperties: false, required: ['all'], properties: { all: { const: true } } },
    ],
    description: 'Ids of notifications that are not yours are ignored.',
  },
  MarkReadResult: { type: 'object', required: ['changed', 'unread'], properties: { changed: { type: 'integer' }, unread: { type: 'integer' } } },
  NotificationSettings: {
    type: 'object', additionalProperties: false, required: ['clusterJoined', ...MAIL_KINDS],
    description: 'Answered whole. In a PUT every property is optional: those left out stay as they were.',
    properties: {
      clusterJoined: { type: 'string', enum: ['immediate', 'daily', 'never'], description: "When another organisation's new idea joins the cluster of one of yours: at once, in the daily digest, or never." },
      ...Object.fromEntries(MAIL_KINDS.map((k) => [k, {
        type: 'string', enum: [...DELIVERIES],
        description: `How notices of this kind (${k}) reach you: by mail and in the app, in the app only, or never. Mail goes out only when the installation has MAIL_TRANSPORT=smtp.`,
      }])),
    },
  },
};

const errorResponse = (description: string) => ({ description, content: json(ref('Error')) });

export const openapiDocument: OpenApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Medestander API',
    version: '0.1.0',
    description:
      'The JSON API behind Medestander: the same rules as the pages. Sign in with `POST /api/session`; the session cookie then ' +
      'authenticates, and every state-changing call sends the returned token in the `X-CSRF-Token` header. Errors are ' +
      '`{ error: { code, message, fields? } }` in the language of the `lang` cookie (nl by default, en). Bodies over 100 kB: 413; ' +
      'a body that is not JSON: 415. Sign-in failures, forgotten-password requests and writes are limited per user, account and address: ' +
      '429 with `Retry-After`.',
  },
  tags: [
    { name: 'session', description: 'Signing in and out' },
    { name: 'ideas', description: 'Ideas for digital projects' },
    { name: 'organisations', description: 'Local governments' },
    { name: 'endorsements', description: '"We find this valuable too": endorsements, the connections they make, and "My organisation"' },
    { name: 'invitations', description: 'Accounts by invitation (programme team)' },
    { name: 'users', description: 'User accounts: list, deactivate, reactivate (programme team)' },
    { name: 'notifications', description: 'Your notifications and their settings (live: socket.io events `notification:created`, `notifications:unread`)' },
    ...moderationTags,
    ...boardTags,
    { name: 'meta', description: 'Health and this description' },
  ],
  paths: {
    '/healthz': {
      get: { operationId: 'health', summary: 'Is the app ready?', tags: ['meta'], responses: { 200: ok('The app and its store answer.', ref('Health')), 503: ok('The store does not answer.', ref('Health')) } },
    },
    '/api/openapi.json': {
      get: { operationId: 'openapi', summary: 'This document', tags: ['meta'], responses: { 200: ok('OpenAPI 3.1', { type: 'object' }) } },
    },
    '/api/docs': {
      get: { operationId: 'docs', summary: 'This document as a readable HTML page', tags: ['meta'], responses: { 200: { description: 'HTML', content: { 'text/html': { schema: { type: 'string' } } } } } },
    },
    '/api/session': {
      get: { operationId: 'getSession', summary: 'Who is signed in', tags: ['session'], responses: { 200: ok('The user (null for a visitor) and, when signed in, the CSRF token.', ref('SessionState')) } },
      post: {
        operationId: 'signIn', summary: 'Sign in', description: 'Sets the session cookie and answers the CSRF token. Failed attempts are rate-limited per address.', tags: ['session'],
        requestBody: body(ref('SessionRequest')),
        responses: { 201: ok('Signed in.', ref('SessionCreated')), 400: err('BadRequest'), 401: err('Unauthenticated'), 429: err('RateLimited') },
      },
      delete: { operationId: 'signOut', summary: 'Sign out', tags: ['session'], security: WRITE_AS_USER, responses: { 204: { description: 'Signed out.' }, 403: err('Forbidden') } },
    },
    '/api/organisations': {
      get: {
        operationId: 'listOrganisations', summary: 'List organisations', tags: ['organisations'],
        parameters: [{ name: 'province', in: 'query', schema: { type: 'string', maxLength: 60 }, description: 'For example `Oost-Vlaanderen`.' }],
        responses: { 200: ok('Sorted by name.', { type: 'object', required: ['items'], properties: { items: { type: 'array', items: ref('Organisation') } } }), 400: err('BadRequest') },
      },
    },
    '/api/ideas': {
      get: {
        operationId: 'listIdeas', summary: 'List and search ideas', description: 'Newest first. Hidden ideas are left out.', tags: ['ideas'],
        parameters: listParameters, responses: { 200: ok('A page of ideas.', ref('IdeaPage')), 400: err('BadRequest') },
      },
      post: {
        operationId: 'createIdea', summary: 'Post an idea', description: "For the member's own organisation; the programme team posts for none (403).", tags: ['ideas'],
        security: WRITE_AS_USER, requestBody: body(ref('IdeaCreate')),
        responses: {
          201: { ...ok('Posted.', ref('Idea')), headers: { Location: { description: 'The new idea', schema: { type: 'string' } } } },
          400: err('BadRequest'), 401: err('Unauthenticated'), 403: err('Forbidden'), 413: err('PayloadTooLarge'),
        },
      },
    },
    '/api/ideas/similar': {
      post: {
        operationId: 'similarIdeas', summary: 'Similar ideas of other organisations, for unsaved text',
        description: 'For the new-idea form while typing: the most similar open ideas of organisations other than yours, best first, with the key terms they share. Fewer than 4 letters in all: an empty list. Nothing is saved.',
        tags: ['ideas'], security: WRITE_AS_USER, requestBody: body(ref('SimilarRequest')),
        responses: { 200: ok('Best first; at most 5.', ref('SimilarIdeas')), 400: err('BadRequest'), 401: err('Unauthenticated'), 403: err('Forbidden'), 413: err('PayloadTooLarge') },
      },
    },
    '/api/ideas/{id}': {
      get: { operationId: 'getIdea', summary: 'One idea', tags: ['ideas'], parameters: [idParam], responses: { 200: ok('The idea, contact details only when you may see them.', ref('Idea')), 404: err('NotFound') } },
      patch: {
        operationId: 'updateIdea', summary: 'Change an idea', description: "Your organisation's open ideas (programme team: any). Send `version` to be told (409) when someone changed it meanwhile.", tags: ['ideas'],
        security: WRITE_AS_USER, parameters: [idParam], requestBody: body(ref('IdeaPatch')),
        responses: { 200: ok('Changed.', ref('Idea')), 400: err('BadRequest'), 401: err('Unauthenticated'), 403: err('Forbidden'), 404: err('NotFound'), 409: err('Conflict'), 413: err('PayloadTooLarge') },
      },
      delete: {
        operationId: 'withdrawIdea', summary: 'Withdraw an idea', description: 'Sets the status to withdrawn; nothing is deleted. Withdrawing twice answers the same.', tags: ['ideas'],
        security: WRITE_AS_USER, parameters: [idParam],
        responses: { 200: ok('Withdrawn.', ref('Idea')), 401: err('Unauthenticated'), 403: err('Forbidden'), 404: err('NotFound') },
      },
    },
    '/api/ideas/{id}/similar': {
      get: {
        operationId: 'similarToIdea', summary: 'Similar ideas of other organisations, and the cluster, beside a posted idea',
        description: "What the idea page shows under \"similar ideas\", by the same rules: open, visible ideas of organisations other than the idea's and yours (signed in), best first, with the key terms they share and each one's cluster; and the idea's own cluster. Never contact details. Hidden ideas: 404 except for the programme team; a withdrawn idea still gets its similar ideas (no cluster).",
        tags: ['ideas'],
        parameters: [idParam, { name: 'limit', in: 'query', description: 'How many similar ideas at most. Any other parameter: 400.', schema: { type: 'integer', minimum: 1, maximum: SIMILAR_LIMITS.maxK, default: SIMILAR_LIMITS.k } }],
        responses: { 200: ok('Best first.', ref('SimilarToIdea')), 400: err('BadRequest'), 404: err('NotFound') },
      },
    },
    '/api/ideas/{id}/reopen': {
      post: {
        operationId: 'reopenIdea', summary: 'Reopen a withdrawn idea', tags: ['ideas'], security: WRITE_AS_USER, parameters: [idParam],
        responses: { 200: ok('Open again.', ref('Idea')), 401: err('Unauthenticated'), 403: err('Forbidden'), 404: err('NotFound') },
      },
    },
    '/api/notifications': {
      get: {
        operationId: 'listNotifications', summary: 'Your notifications', description: 'Newest first; only your own.', tags: ['notifications'], security: READ_AS_USER,
        parameters: [
          { name: 'unread', in: 'query', description: 'Only unread ones.', schema: { type: 'string', enum: ['true', 'false', '1', '0'] } },
          { name: 'since', in: 'query', description: 'Only those created after this instant (catch-up after a reconnect).', schema: { type: 'string', format: 'date-time' } },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: NOTIFICATION_LIMITS.maxPageSize, default: NOTIFICATION_LIMITS.pageSize } },
        ],
        responses: { 200: ok('The notifications and the unread count.', ref('NotificationList')), 400: err('BadRequest'), 401: err('Unauthenticated') },
      },
    },
    '/api/notifications/read': {
      post: {
        operationId: 'markNotificationsRead', summary: 'Mark notifications as read', tags: ['notifications'], security: WRITE_AS_USER, requestBody: body(ref('MarkRead')),
        responses: { 200: ok('How many changed, and how many are still unread.', ref('MarkReadResult')), 400: err('BadRequest'), 401: err('Unauthenticated'), 403: err('Forbidden') },
      },
    },
    '/api/settings/notifications': {
      get: {
        operationId: 'getNotificationSettings', summary: 'Your notification settings', tags: ['notifications'], security: READ_AS_USER,
        responses: { 200: ok('The settings.', ref('NotificationSettings')), 401: err('Unauthenticated') },
      },
      put: {
        operationId: 'updateNotificationSettings', summary: 'Change your notification settings', tags: ['notifications'], security: WRITE_AS_USER,
        requestBody: body(ref('NotificationSettings')),
        responses: { 200: ok('Saved.', ref('NotificationSettings')), 400: err('BadRequest'), 401: err('Unauthenticated'), 403: err('Forbidden') },
      },
    },
    '/api/ideas/{id}/endorsements': {
      get: {
        operationId: 'listEndorsements', summary: "An idea's endorsements", tags: ['endorsements'], parameters: [idParam],
        description: 'Newest first. Organisations are public; messages and the endorsers\' contact persons only as the contact rules allow (see Endorsement).',
        responses: { 200: ok('The endorsements as you may see them.', { type: 'object', required: ['items'], properties: { items: { type: 'array', items: ref('Endorsement') } } }), 404: err('NotFound') },
      },
      post: {
        operationId: 'endorseIdea', summary: 'Endorse an idea ("we find this valuable too")', tags: ['endorsements'], security: WRITE_AS_USER, parameters: [idParam],
        description: "Members, for their own organisation, on another organisation's open idea, once per organisation. Connects the two organisations around the idea: both see each other's contact person from then on, and both are notified. Own organisation's idea or the programme team: 403; withdrawn idea or already endorsed: 409 (nothing changes).",
        requestBody: { required: false, content: json(ref('EndorsementCreate')) },
        responses: { 201: ok('Endorsed.', ref('EndorsementCreated')), 400: err('BadRequest'), 401: err('Unauthenticated'), 403: err('Forbidden'), 404: err('NotFound'), 409: err('Conflict') },
      },
    },
    '/api/ideas/{id}/endorsements/mine': {
      delete: {
        operationId: 'withdrawEndorsement', summary: "Take back your organisation's endorsement", tags: ['endorsements'], security: WRITE_AS_USER, parameters: [idParam],
        description: 'Ends the connection it made, unless an introduction by the programme team still holds it. Also works when the idea was withdrawn since. Idempotent: 204 when there was nothing to take back.',
        responses: { 200: ok('Taken back.', ref('EndorsementWithdrawn')), 204: { description: 'Your organisation did not endorse this idea; nothing changed.' }, 401: err('Unauthenticated'), 403: err('Forbidden'), 404: err('NotFound') },
      },
    },
    '/api/my-organisation': {
      get: {
        operationId: 'myOrganisation', summary: 'My organisation: our ideas, endorsements given and received, connections with their contact people', tags: ['endorsements'], security: READ_AS_USER,
        description: 'Members only; the programme team belongs to no organisation and gets 403 (use the organisations and ideas endpoints).',
        responses: { 200: ok('The overview.', ref('OrganisationOverview')), 401: err('Unauthenticated'), 403: err('Forbidden') },
      },
    },
    '/api/invitations': {
      get: {
        operationId: 'listInvitations', summary: 'List invitations', description: 'Programme team only. Newest first; never the token.', tags: ['invitations'], security: READ_AS_USER,
        parameters: [invitationStateParameter],
        responses: { 200: ok('The invitations.', { type: 'object', required: ['items'], properties: { items: { type: 'array', items: ref('Invitation') } } }), 400: err('BadRequest'), 401: err('Unauthenticated'), 403: err('Forbidden') },
      },
      post: {
        operationId: 'createInvitation', summary: 'Invite a person', description: 'Programme team only. Answers the one-time link (also logged, and mailed when mail is on).', tags: ['invitations'],
        security: WRITE_AS_USER, requestBody: body(ref('InvitationCreate')),
        responses: { 201: ok('Invited.', ref('InvitationCreated')), 400: err('BadRequest'), 401: err('Unauthenticated'), 403: err('Forbidden'), 409: err('Conflict') },
      },
    },
    ...accountsPaths,
    ...passwordsPaths,
    ...personalDataPaths,
    ...boardPaths,
    ...moderationPaths,
  },
  components: {
    schemas: { ...schemas, ...accountsSchemas, ...boardSchemas, ...moderationSchemas },
    responses: {
      BadRequest: errorResponse('A field is missing, of the wrong type, out of its limits or unknown: `fields` names each.'),
      Unauthenticated: errorResponse('Sign in first (or: wrong e-mail or password).'),
      Forbidden: errorResponse('Not allowed for you, or the CSRF token is missing or wrong (code `csrf_invalid`).'),
      NotFound: errorResponse('No such record, or not visible to you.'),
      Conflict: errorResponse('Changed meanwhile (stale `version`), withdrawn, or already taken.'),
      PayloadTooLarge: errorResponse('The body is over 100 kB.'),
      RateLimited: errorResponse('Too many failed attempts; try again later.'),
    },
    securitySchemes: {
      cookieAuth: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'Set by `POST /api/session`.' },
      csrfToken: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token', description: 'The token from `POST /api/session` (or `GET /api/session`); required on POST, PATCH and DELETE with a session.' },
    },
  },
};

/** The operations in document order, for the docs page and for tests: `{ method, path, operation }`. */
export function operations(doc: OpenApiDocument = openapiDocument) {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ method, path, operation })),
  );
}

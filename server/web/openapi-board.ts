import { BOARD_LIMITS } from '../domain/board/index.js';
import { THEMES } from '../store/store.js';

/** The live board's part of the OpenAPI document (merged in openapi.ts). */
type Schema = Record<string, unknown>;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const err = (name: string) => ({ $ref: `#/components/responses/${name}` });
const READ_AS_USER = [{ cookieAuth: [] }];
const int = { type: 'integer', minimum: 0 };
const nullable = (type: string) => ({ type: [type, 'null'] });

export const boardTags = [
  { name: 'board', description: 'The programme team\'s live board (live: join the socket.io room `board`; events `board:updated`, request `board:since {version}`)' },
];

export const boardSchemas: Record<string, Schema> = {
  BoardEvent: {
    type: 'object', required: ['seq', 'kind', 'params', 'clusterId', 'ideaId', 'createdAt'],
    description: 'A timeline entry; the text is the catalogue key `board.event.<kind>` filled with `params`. `refreshed` (the map moved) is not shown.',
    properties: {
      seq: { ...int, description: 'Sequence number: strictly increasing for the whole programme. The newest is the board version.' },
      kind: { type: 'string', examples: ['cluster_gained', 'cluster_lost', 'idea_moved', 'cluster_appeared', 'cluster_split', 'cluster_merged', 'cluster_gone', 'cluster_renamed', 'idea_posted', 'idea_edited', 'endorsed', 'endorsement_withdrawn', 'reshuffled', 'refreshed'] },
      params: { type: 'object', additionalProperties: { type: 'string' } },
      clusterId: nullable('integer'), ideaId: nullable('string'), createdAt: { type: 'string', format: 'date-time' },
    },
  },
  BoardIdea: {
    type: 'object', required: ['id', 'title', 'organisationId', 'organisation', 'theme', 'clusterId', 'x', 'y'],
    properties: {
      id: { type: 'string' }, title: { type: 'string' }, organisationId: { type: 'string' }, organisation: { type: 'string' },
      theme: { type: 'string', enum: [...THEMES] }, clusterId: nullable('integer'),
      x: { ...nullable('number'), description: 'Map position, about -1..1; null until placed.' }, y: nullable('number'),
    },
  },
  BoardCluster: {
    type: 'object', required: ['id', 'label', 'size', 'organisations', 'themes', 'endorsements', 'connections'],
    properties: {
      id: { type: 'integer' }, label: { type: 'string' }, size: int,
      organisations: { type: 'array', items: { type: 'object', required: ['id', 'name', 'code'], properties: { id: { type: 'string' }, name: { type: 'string' }, code: { ...nullable('string'), description: 'NIS code of a municipality (for the map of Flanders).' } } } },
      themes: { type: 'array', items: { type: 'object', required: ['theme', 'count'], properties: { theme: { type: 'string', enum: [...THEMES] }, count: int } } },
      endorsements: int, connections: int,
    },
  },
  BoardNumbers: {
    type: 'object', required: ['ideas', 'perTheme', 'perProvince', 'endorsements', 'connections', 'funnel'],
    properties: {
      ideas: int,
      perTheme: { type: 'array', items: { type: 'object', properties: { theme: { type: 'string', enum: [...THEMES] }, count: int } } },
      perProvince: { type: 'array', items: { type: 'object', properties: { province: { type: 'string' }, count: int } } },
      endorsements: int, connections: int,
      funnel: { type: 'object', description: 'Of the open ideas: endorsed at least once, and with at least one connection; shares 0..1.', properties: { posted: int, endorsed: int, connected: int, endorsedShare: { type: 'number' }, connectedShare: { type: 'number' } } },
    },
  },
  BoardSnapshot: {
    type: 'object', required: ['version', 'ideas', 'clusters', 'numbers', 'events', 'lastRecompute'],
    properties: {
      version: { ...int, description: 'The newest timeline sequence number; live updates with a version not above it are stale.' },
      ideas: { type: 'array', items: ref('BoardIdea') }, clusters: { type: 'array', items: ref('BoardCluster') },
      numbers: ref('BoardNumbers'), events: { type: 'array', maxItems: BOARD_LIMITS.timeline, description: 'Newest first.', items: ref('BoardEvent') },
      lastRecompute: {
        type: ['object', 'null'], required: ['at', 'ideas', 'seconds'], additionalProperties: false,
        description: 'The last full recompute of the clusters on this instance (null: none since it started): when it was adopted, over how many ideas, and how long it took.',
        properties: { at: { type: 'string', format: 'date-time' }, ideas: int, seconds: { type: 'number', minimum: 0 } },
      },
    },
  },
};

export const boardPaths = {
  '/api/board': {
    get: {
      operationId: 'getBoard', summary: 'The live board as it is now', description: 'Programme team only.', tags: ['board'], security: READ_AS_USER,
      responses: { 200: { description: 'The snapshot.', content: { 'application/json': { schema: ref('BoardSnapshot') } } }, 401: err('Unauthenticated'), 403: err('Forbidden') },
    },
  },
  '/api/board/events': {
    get: {
      operationId: 'listBoardEvents', summary: 'Timeline events after a version', description: 'Programme team only. Oldest first.', tags: ['board'], security: READ_AS_USER,
      parameters: [
        { name: 'after', in: 'query' as const, schema: { ...int, default: 0 } },
        { name: 'limit', in: 'query' as const, schema: { type: 'integer', minimum: 1, maximum: BOARD_LIMITS.catchUp, default: BOARD_LIMITS.catchUp } },
      ],
      responses: {
        200: { description: 'The events.', content: { 'application/json': { schema: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: ref('BoardEvent') } } } } } },
        400: err('BadRequest'), 401: err('Unauthenticated'), 403: err('Forbidden'),
      },
    },
  },
};

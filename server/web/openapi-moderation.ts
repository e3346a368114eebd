import { AUDIT_KINDS, AUDIT_LIMITS } from '../domain/audit.js';
import { CLUSTER_LABEL_MAX } from '../domain/clusters.js';
import { EXPORT_DATASETS, EXPORT_FORMATS } from '../domain/exports.js';
import { HIDE_REASON_MAX } from '../domain/moderation.js';
import { THEMES } from '../store/store.js';
import type { Operation, Parameter } from './openapi.js';

/**
 * The programme team's tools in the OpenAPI document: clusters (labels, introductions), moderation, the
 * audit log and exports. Spread into `openapiDocument` by openapi.ts; its own small helpers, because
 * importing openapi.ts's at runtime would be an import cycle.
 */
type Schema = Record<string, unknown>;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Schema) => ({ 'application/json': { schema } });
const ok = (description: string, schema: Schema) => ({ description, content: json(schema) });
const err = (name: string) => ({ $ref: `#/components/responses/${name}` });
const clusterId: Parameter = { name: 'id', in: 'path', required: true, description: 'The cluster number (kept between recomputations).', schema: { type: 'integer', minimum: 0 } };
const ideaId: Parameter = { name: 'id', in: 'path', required: true, schema: { type: 'string', maxLength: 64 } };
const READ_AS_USER = [{ cookieAuth: [] }];
const WRITE_AS_USER = [{ cookieAuth: [], csrfToken: [] }];
const PROGRAMME = 'Programme team only (401 signed out, 403 for members).';

export const moderationTags = [
  { name: 'clusters', description: 'Clusters of similar ideas: labels (override and undo) and "introduce all" (programme team)' },
  { name: 'moderation', description: 'Hiding ideas, the audit log and exports (programme team)' },
];

const orgRef = { type: 'object', required: ['id', 'name', 'province'], properties: { id: { type: 'string' }, name: { type: 'string' }, province: { type: ['string', 'null'] } } };
const themeCount = { type: 'object', required: ['theme', 'count'], properties: { theme: { type: 'string', enum: [...THEMES] }, count: { type: 'integer' } } };

export const moderationSchemas: Record<string, Schema> = {
  IdeaRef: {
    type: 'object', required: ['id', 'title', 'language'],
    properties: { id: { type: 'string' }, title: { type: 'string' }, language: { type: 'string' } },
  },
  UnmatchedIdea: {
    type: 'object', required: ['id', 'title', 'language', 'theme', 'organisation'],
    properties: { id: { type: 'string' }, title: { type: 'string' }, language: { type: 'string' }, theme: { type: 'string' }, organisation: orgRef },
  },
  ClusterCard: {
    type: 'object', required: ['id', 'label', 'autoLabel', 'override', 'size', 'representative', 'organisations', 'themes'],
    properties: {
      id: { type: 'integer' }, label: { type: 'string', description: 'The override when there is one, else the automatic label.' },
      autoLabel: { type: 'string', description: 'Two to five words from the phrase the ideas share (in Dutch when the cluster has a Dutch idea), kept while it still fits; recomputed with the clusters.' },
      representative: { oneOf: [ref('IdeaRef'), { type: 'null' }], description: 'The idea most central to the cluster.' },
      override: { type: ['string', 'null'], description: "The programme team's name; kept across recomputations." },
      size: { type: 'integer' }, organisations: { type: 'array', items: orgRef }, themes: { type: 'array', items: themeCount },
    },
  },
  Cluster: {
    type: 'object', required: ['id', 'label', 'autoLabel', 'override', 'size', 'representative', 'ideas', 'organisations', 'themes'],
    properties: {
      id: { type: 'integer' }, label: { type: 'string' }, autoLabel: { type: 'string' }, override: { type: ['string', 'null'] }, size: { type: 'integer' },
      representative: { oneOf: [ref('IdeaRef'), { type: 'null' }], description: 'The idea most central to the cluster.' },
      ideas: {
        type: 'array',
        items: {
          type: 'object', required: ['id', 'title', 'theme', 'organisation'],
          properties: {
            id: { type: 'string' }, title: { type: 'string' }, theme: { type: 'string', enum: [...THEMES] }, language: { type: 'string' },
            createdAt: { type: 'string', format: 'date-time' }, organisation: ref('OrganisationRef'),
            contact: { ...ref('Contact'), description: 'Only as the contact rules allow (programme team, own organisation, connected organisations); absent otherwise, and always for visitors.' },
          },
        },
      },
      organisations: { type: 'array', items: orgRef }, themes: { type: 'array', items: themeCount },
      history: { type: 'array', description: 'Programme team only: label changes, newest first.', items: { type: 'object', properties: { id: { type: 'string' }, at: { type: 'string', format: 'date-time' }, by: { type: 'string' }, action: { type: 'string' }, label: { type: ['string', 'null'] }, previous: { type: ['string', 'null'] } } } },
      undo: { type: ['object', 'null'], description: 'Programme team only: what undo would restore (label null: the automatic one); null when there is nothing to undo.', properties: { label: { type: ['string', 'null'] } } },
    },
  },
  ClusterLabel: {
    type: 'object', additionalProperties: false, required: ['label'],
    properties: { label: { type: ['string', 'null'], minLength: 1, maxLength: CLUSTER_LABEL_MAX, description: 'Trimmed. null: back to the automatic label.' } },
  },
  Introduction: {
    type: 'object', required: ['organisations', 'notified', 'newConnections'],
    properties: {
      organisations: { type: 'integer', description: 'Organisations introduced to each other.' },
      notified: { type: 'integer', description: "Notifications sent: one to each active member of each organisation, naming the others and their contact people." },
      newConnections: { type: 'integer', description: "'introduction' connections created; 0 when the cluster was introduced before (existing connections are never duplicated)." },
    },
  },
  HideRequest: { type: 'object', additionalProperties: false, required: ['reason'], properties: { reason: { type: 'string', minLength: 1, maxLength: HIDE_REASON_MAX, description: 'Kept in the audit log.' } } },
  AuditEntry: {
    type: 'object', required: ['id', 'at', 'actorId', 'actorName', 'action', 'targetType', 'targetId', 'details', 'text'],
    properties: {
      id: { type: 'string' }, at: { type: 'string', format: 'date-time' }, actorId: { type: ['string', 'null'], description: 'null: the system' }, actorName: { type: 'string' },
      action: { type: 'string', examples: ['idea.hidden', 'cluster.renamed', 'cluster.introduced', 'invitation.created', 'user.deactivated', 'export.downloaded'] },
      targetType: { type: 'string', examples: ['idea', 'cluster', 'invitation', 'user', 'export'] }, targetId: { type: 'string' },
      details: { type: 'object', additionalProperties: { type: 'string' }, description: 'E.g. `reason` for idea.hidden, `label` and `previous` for label changes.' },
      text: { type: 'string', description: "The entry in words, in the user's language." },
      link: { type: ['string', 'null'], description: 'A page about the target, when there is one.' },
    },
  },
  AuditPage: {
    type: 'object', required: ['items', 'next'],
    properties: { items: { type: 'array', items: ref('AuditEntry') }, next: { type: ['string', 'null'], description: 'Pass as `before` for the next (older) page; null on the last page.' } },
  },
};

export const moderationPaths: Record<string, Record<string, Operation>> = {
  '/api/clusters': {
    get: {
      operationId: 'listClusters', summary: 'Clusters of similar ideas, and the ideas not yet matched', description: 'Largest first. Public: labels, sizes, organisations and themes. `unmatched`: open ideas close to no cluster (newest first), by title and organisation.', tags: ['clusters'],
      responses: { 200: ok('The clusters.', { type: 'object', required: ['items', 'unmatched'], properties: { items: { type: 'array', items: ref('ClusterCard') }, unmatched: { type: 'array', items: ref('UnmatchedIdea') } } }) },
    },
  },
  '/api/clusters/{id}': {
    get: {
      operationId: 'getCluster', summary: 'One cluster with its ideas and organisations', tags: ['clusters'], parameters: [clusterId],
      responses: { 200: ok('The cluster, contact people only as the contact rules allow.', ref('Cluster')), 404: err('NotFound') },
    },
  },
  '/api/clusters/{id}/label': {
    put: {
      operationId: 'setClusterLabel', summary: "Rename a cluster, or back to its automatic label", tags: ['clusters'], security: WRITE_AS_USER, parameters: [clusterId],
      description: `${PROGRAMME} The override survives recomputations and restarts; \`null\` returns to the automatic label. Written to the audit log with the previous label, so it can be undone.`,
      requestBody: { required: true, content: json(ref('ClusterLabel')) },
      responses: { 200: ok('The cluster as it is now.', ref('Cluster')), 400: err('BadRequest'), 401: err('Unauthenticated'), 403: err('Forbidden'), 404: err('NotFound') },
    },
  },
  '/api/clusters/{id}/label/undo': {
    post: {
      operationId: 'undoClusterLabel', summary: 'Undo the latest label change', tags: ['clusters'], security: WRITE_AS_USER, parameters: [clusterId],
      description: `${PROGRAMME} Restores the label from before the latest rename or reset (an override, or the automatic label). An undo is not undone again: 409.`,
      responses: { 200: ok('The cluster as it is now.', ref('Cluster')), 401: err('Unauthenticated'), 403: err('Forbidden'), 404: err('NotFound'), 409: err('Conflict') },
    },
  },
  '/api/clusters/{id}/introductions': {
    post: {
      operationId: 'introduceCluster', summary: 'Introduce all organisations of a cluster to each other', tags: ['clusters'], security: WRITE_AS_USER, parameters: [clusterId],
      description: `${PROGRAMME} Connects every organisation with every other one around each of their ideas in the cluster (via \`introduction\`), so they see each other's contact people, and sends each active member one \`introduced\` notification naming the others and their contact people; all in one transaction. Again: notifies again, never duplicates a connection. A cluster of one organisation: 409.`,
      responses: { 201: ok('Introduced.', ref('Introduction')), 401: err('Unauthenticated'), 403: err('Forbidden'), 404: err('NotFound'), 409: err('Conflict') },
    },
  },
  '/api/ideas/{id}/hide': {
    post: {
      operationId: 'hideIdea', summary: 'Hide an idea (moderation)', tags: ['moderation'], security: WRITE_AS_USER, parameters: [ideaId],
      description: `${PROGRAMME} The idea leaves lists, similar ideas and clusters; it is kept and the programme team still sees it. The reason goes to the audit log. The organisation is not notified. Hiding a hidden idea changes nothing.`,
      requestBody: { required: true, content: json(ref('HideRequest')) },
      responses: { 200: ok('Hidden.', ref('Idea')), 400: err('BadRequest'), 401: err('Unauthenticated'), 403: err('Forbidden'), 404: err('NotFound'), 409: err('Conflict') },
    },
  },
  '/api/ideas/{id}/unhide': {
    post: {
      operationId: 'unhideIdea', summary: 'Show a hidden idea again', tags: ['moderation'], security: WRITE_AS_USER, parameters: [ideaId],
      description: `${PROGRAMME} It returns to lists, similar ideas and clusters.`,
      responses: { 200: ok('Visible again.', ref('Idea')), 401: err('Unauthenticated'), 403: err('Forbidden'), 404: err('NotFound'), 409: err('Conflict') },
    },
  },
  '/api/audit': {
    get: {
      operationId: 'listAudit', summary: 'The audit log', tags: ['moderation'], security: READ_AS_USER,
      description: `${PROGRAMME} Every moderation, cluster, export and account action, newest first. Append-only.`,
      parameters: [
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: AUDIT_LIMITS.maxPageSize, default: AUDIT_LIMITS.pageSize } },
        { name: 'before', in: 'query', description: 'The `next` of the previous page.', schema: { type: 'string', maxLength: 64 } },
        { name: 'kind', in: 'query', description: 'Only entries about this kind of thing (the action name before the dot).', schema: { type: 'string', enum: [...AUDIT_KINDS] } },
      ],
      responses: { 200: ok('A page of entries.', ref('AuditPage')), 400: err('BadRequest'), 401: err('Unauthenticated'), 403: err('Forbidden') },
    },
  },
  '/api/exports/{dataset}.{format}': {
    get: {
      operationId: 'exportData', summary: 'Download ideas, endorsements, connections or clusters as CSV or JSON', tags: ['moderation'], security: READ_AS_USER,
      description: `${PROGRAMME} A download (\`Content-Disposition: attachment\`, e.g. \`medestander-ideas-2026-11-29.csv\`). CSV: \`;\`-separated (the list separator of Excel with Belgian settings), UTF-8 with a byte-order mark, CRLF, a header row, RFC 4180 quoting; text cells starting with = + - @ get a leading \`'\` (no formula injection). Lists in a cell are joined with \` | \`. JSON: \`{ dataset, exportedAt, items }\`. Ideas include withdrawn and hidden ones, with contact person and cluster. Each download is written to the audit log.`,
      parameters: [
        { name: 'dataset', in: 'path', required: true, schema: { type: 'string', enum: [...EXPORT_DATASETS] } },
        { name: 'format', in: 'path', required: true, schema: { type: 'string', enum: [...EXPORT_FORMATS] } },
      ],
      responses: {
        200: { description: 'The file.', content: { 'text/csv': { schema: { type: 'string' } }, 'application/json': { schema: { type: 'object', required: ['dataset', 'exportedAt', 'items'], properties: { dataset: { type: 'string' }, exportedAt: { type: 'string', format: 'date-time' }, items: { type: 'array', items: { type: 'object' } } } } } } },
        401: err('Unauthenticated'), 403: err('Forbidden'), 404: err('NotFound'),
      },
    },
  },
};

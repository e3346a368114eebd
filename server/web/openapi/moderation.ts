/** Clusters, moderation, the audit log and exports in the API (routes/api/clusters.ts, routes/api/moderation.ts). */
import { labelSchema } from '../../domain/clusters.js';
import { hideSchema } from '../../domain/moderation.js';
import { idParams } from '../schemas/common.js';
import { Idea } from '../schemas/ideas.js';
import { auditListParams, AuditPage, Cluster, ClusterList, clusterParams, ExportJson, exportParams, Introduction } from '../schemas/moderation.js';
import { describeFields, type ApiOperation } from './operation.js';

const PROGRAMME = 'Programme team only (401 signed out, 403 for members).';
const ClusterLabel = describeFields(labelSchema, { label: 'Trimmed. null: back to the automatic label.' }).openapi('ClusterLabel');
const HideRequest = describeFields(hideSchema, { reason: 'Kept in the audit log.' }).openapi('HideRequest');

export const moderationOperations: ApiOperation[] = [
  {
    method: 'get', path: '/api/clusters', operationId: 'listClusters', summary: 'Clusters of similar ideas, and the ideas not yet matched', tag: 'clusters',
    description: 'Largest first. Public: labels, sizes, organisations and themes. `unmatched`: open ideas close to no cluster (newest first), by title and organisation.',
    answer: { status: 200, description: 'The clusters.', schema: ClusterList }, errors: [],
  },
  {
    method: 'get', path: '/api/clusters/{id}', operationId: 'getCluster', summary: 'One cluster with its ideas and organisations', tag: 'clusters', params: clusterParams,
    answer: { status: 200, description: 'The cluster, contact people only as the contact rules allow.', schema: Cluster }, errors: ['NotFound'],
  },
  {
    method: 'put', path: '/api/clusters/{id}/label', operationId: 'setClusterLabel', summary: 'Rename a cluster, or back to its automatic label', tag: 'clusters', role: 'programme', params: clusterParams,
    description: `${PROGRAMME} The override survives recomputations and restarts; \`null\` returns to the automatic label. Written to the audit log with the previous label, so it can be undone.`,
    body: { schema: ClusterLabel, example: { label: 'Evenementen en vergunningen' } },
    answer: { status: 200, description: 'The cluster as it is now.', schema: Cluster }, errors: ['BadRequest', 'Unauthenticated', 'Forbidden', 'NotFound'],
  },
  {
    method: 'post', path: '/api/clusters/{id}/label/undo', operationId: 'undoClusterLabel', summary: 'Undo the latest label change', tag: 'clusters', role: 'programme', params: clusterParams,
    description: `${PROGRAMME} Restores the label from before the latest rename or reset (an override, or the automatic label). An undo is not undone again: 409.`,
    answer: { status: 200, description: 'The cluster as it is now.', schema: Cluster }, errors: ['Unauthenticated', 'Forbidden', 'NotFound', 'Conflict'],
  },
  {
    method: 'post', path: '/api/clusters/{id}/introductions', operationId: 'introduceCluster', summary: 'Introduce all organisations of a cluster to each other', tag: 'clusters', role: 'programme', params: clusterParams,
    description: `${PROGRAMME} Connects every organisation with every other one around each of their ideas in the cluster (via \`introduction\`), so they see each other's contact people, and sends each active member one \`introduced\` notification naming the others and their contact people; all in one transaction. Again: notifies again, never duplicates a connection. A cluster of one organisation: 409.`,
    answer: { status: 201, description: 'Introduced.', schema: Introduction }, errors: ['Unauthenticated', 'Forbidden', 'NotFound', 'Conflict'],
  },
  {
    method: 'post', path: '/api/ideas/{id}/hide', operationId: 'hideIdea', summary: 'Hide an idea (moderation)', tag: 'moderation', role: 'programme', params: idParams,
    description: `${PROGRAMME} The idea leaves lists, similar ideas and clusters; it is kept and the programme team still sees it. The reason goes to the audit log. The organisation is not notified. Hiding a hidden idea changes nothing.`,
    body: { schema: HideRequest, example: { reason: 'Bevat persoonsgegevens van een burger.' } },
    answer: { status: 200, description: 'Hidden.', schema: Idea }, errors: ['BadRequest', 'Unauthenticated', 'Forbidden', 'NotFound', 'Conflict'],
  },
  {
    method: 'post', path: '/api/ideas/{id}/unhide', operationId: 'unhideIdea', summary: 'Show a hidden idea again', tag: 'moderation', role: 'programme', params: idParams,
    description: `${PROGRAMME} It returns to lists, similar ideas and clusters.`,
    answer: { status: 200, description: 'Visible again.', schema: Idea }, errors: ['Unauthenticated', 'Forbidden', 'NotFound', 'Conflict'],
  },
  {
    method: 'get', path: '/api/audit', operationId: 'listAudit', summary: 'The audit log', tag: 'moderation', role: 'programme',
    description: `${PROGRAMME} Every moderation, cluster, export and account action, newest first. Append-only.`,
    query: auditListParams, example: { query: { limit: 20, kind: 'idea' } },
    answer: { status: 200, description: 'A page of entries.', schema: AuditPage }, errors: ['BadRequest', 'Unauthenticated', 'Forbidden'],
  },
  {
    method: 'get', path: '/api/exports/{dataset}.{format}', operationId: 'exportData', summary: 'Download ideas, endorsements, connections, clusters or calls as CSV or JSON', tag: 'moderation', role: 'programme',
    description: `${PROGRAMME} A download (\`Content-Disposition: attachment\`, e.g. \`medestander-ideas-2026-11-29.csv\`). CSV: \`;\`-separated (the list separator of Excel with Belgian settings), UTF-8 with a byte-order mark, CRLF, a header row, RFC 4180 quoting; text cells starting with = + - @ get a leading \`'\` (no formula injection). Lists in a cell are joined with \` | \`. JSON: \`{ dataset, exportedAt, items }\`. Ideas include withdrawn and hidden ones, with contact person and cluster. Each download is written to the audit log.`,
    params: exportParams, example: { params: { dataset: 'ideas', format: 'json' } },
    answer: { status: 200, description: 'The file.', schema: ExportJson, alternatives: ['text/csv'] }, errors: ['Unauthenticated', 'Forbidden', 'NotFound'],
  },
];

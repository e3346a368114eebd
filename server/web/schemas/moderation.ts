/**
 * The programme team's tools as zod schemas: clusters (presenters/moderation.ts), introductions, the
 * audit log and exports, with the parameters their routes read.
 */
import { z } from 'zod';
import { AUDIT_KINDS, querySchema as auditQuery } from '../../domain/audit.js';
import { EXPORT_DATASETS, EXPORT_FORMATS } from '../../domain/exports.js';
import { Contact, instant, language, orNull, OrganisationPlace, OrganisationRef, theme } from './common.js';

/** domain/clusters.ts parseClusterId: one to nine digits, else 404. */
export const clusterParams = z.object({
  id: z.coerce.number().int().min(0).max(999_999_999).describe('The cluster number (kept between recomputations).').openapi({ example: 0 }),
});

export const auditListParams = z.object({
  limit: auditQuery.shape.limit,
  before: auditQuery.shape.before.describe('The `next` of the previous page.'),
  kind: z.enum(AUDIT_KINDS).optional().describe('Only entries about this kind of thing (the action name before the dot).'),
});

export const exportParams = z.object({
  dataset: z.enum(EXPORT_DATASETS).openapi({ example: 'ideas' }),
  format: z.enum(EXPORT_FORMATS).openapi({ example: 'json' }),
});

/** An idea by id, title and language only: what a cluster shows of its representative. */
export const IdeaTitle = z.object({ id: z.string(), title: z.string(), language }).openapi('IdeaTitle');
const themeCount = z.object({ theme, count: z.number().int() });

export const UnmatchedIdea = z.object({ id: z.string(), title: z.string(), language, theme, organisation: orNull(OrganisationRef) }).openapi('UnmatchedIdea');

export const ClusterCard = z.object({
  id: z.number().int(),
  label: z.string().describe('The override when there is one, else the automatic label.'),
  autoLabel: z.string().describe('Two to five words from the phrase the ideas share (in Dutch when the cluster has a Dutch idea), kept while it still fits; recomputed with the clusters.'),
  override: orNull(z.string()).describe("The programme team's name; kept across recomputations."),
  size: z.number().int(),
  representative: orNull(IdeaTitle).describe('The idea most central to the cluster.'),
  organisations: z.array(OrganisationPlace),
  themes: z.array(themeCount),
}).openapi('ClusterCard');

export const ClusterList = z.object({
  items: z.array(ClusterCard),
  unmatched: z.array(UnmatchedIdea).describe('Open ideas close to no cluster, newest first.'),
}).openapi('ClusterList');

export const Cluster = z.object({
  id: z.number().int(),
  label: z.string(),
  autoLabel: z.string(),
  override: orNull(z.string()),
  size: z.number().int(),
  representative: orNull(IdeaTitle).describe('The idea most central to the cluster.'),
  ideas: z.array(z.object({
    id: z.string(), title: z.string(), theme, language, createdAt: instant, organisation: orNull(OrganisationRef),
    contact: Contact.describe('Only as the contact rules allow (programme team, own organisation, connected organisations); absent otherwise, and always for visitors.').optional(),
  })),
  organisations: z.array(OrganisationPlace),
  themes: z.array(themeCount),
  history: z.array(z.object({ id: z.string(), at: instant, by: z.string(), action: z.string(), label: orNull(z.string()), previous: orNull(z.string()) }))
    .optional().describe('Programme team only: label changes, newest first.'),
  undo: orNull(z.object({ label: orNull(z.string()) })).optional()
    .describe('Programme team only: what undo would restore (label null: the automatic one); null when there is nothing to undo.'),
}).openapi('Cluster');

export const Introduction = z.object({
  organisations: z.number().int().describe('Organisations introduced to each other.'),
  notified: z.number().int().describe('Notifications sent: one to each active member of each organisation, naming the others and their contact people.'),
  newConnections: z.number().int().describe("'introduction' connections created; 0 when the cluster was introduced before (existing connections are never duplicated)."),
}).openapi('Introduction');

export const AuditEntry = z.object({
  id: z.string(),
  at: instant,
  actorId: orNull(z.string()).describe('null: the system'),
  actorName: z.string(),
  action: z.string().openapi({ examples: ['idea.hidden', 'cluster.renamed', 'cluster.introduced', 'invitation.created', 'user.deactivated', 'export.downloaded'] }),
  targetType: z.string().openapi({ examples: ['idea', 'cluster', 'invitation', 'user', 'export'] }),
  targetId: z.string(),
  details: z.record(z.string()).describe('E.g. `reason` for idea.hidden, `label` and `previous` for label changes.'),
  text: z.string().describe("The entry in words, in the user's language."),
  link: orNull(z.string()).describe('A page about the target, when there is one.'),
}).openapi('AuditEntry');

export const AuditPage = z.object({
  items: z.array(AuditEntry),
  next: orNull(z.string()).describe('Pass as `before` for the next (older) page; null on the last page.'),
}).openapi('AuditPage');

/** The JSON form of an export; its items are the dataset's rows, whose columns depend on the dataset. */
export const ExportJson = z.object({
  dataset: z.enum(EXPORT_DATASETS),
  exportedAt: instant,
  items: z.array(z.object({}).passthrough()),
}).openapi('Export');

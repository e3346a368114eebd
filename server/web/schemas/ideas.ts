/**
 * The ideas API's shapes as zod schemas: what presenters/ideas.ts and presenters/similar.ts answer, and
 * the query schemas the ideas routes read. The OpenAPI document and the contract test use these.
 */
import { z } from 'zod';
import { LIMITS, querySchema as ideaListQuery } from '../../domain/ideas.js';
import { SIMILAR_LIMITS } from '../../domain/similar-ideas.js';
import { SORTS } from '../routes/idea-sort.js';
import { Contact, ideaStatus, instant, language, orNull, OrganisationRef, theme } from './common.js';
import { similarProjects } from './projects.js';

/** `GET /api/ideas/:id/similar?limit=`: how many similar ideas at most. */
export const similarQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(SIMILAR_LIMITS.maxK).default(SIMILAR_LIMITS.k).describe('How many similar ideas at most.'),
});

const listFields = ideaListQuery.innerType().shape;

/**
 * `GET /api/ideas`' parameters as URLs spell them: the domain's list query (`organisation` is its
 * `organisationId`, see routes/ideas-support.ts) and the route's `sort`.
 */
export const ideaListParams = z.object({
  q: listFields.q.describe('Full-text search in title, description and tags; the last word is prefix-matched.'),
  theme: listFields.theme,
  province: listFields.province.describe('Province of the posting organisation, as in `GET /api/organisations` (e.g. `Limburg`).'),
  organisation: listFields.organisationId.describe('Id of the posting organisation.'),
  status: listFields.status,
  page: listFields.page,
  pageSize: listFields.pageSize,
  sort: z.enum(SORTS).default('newest').describe("`newest` first, most endorsed (`supported`), or most `similar` to your organisation's open ideas (members only)."),
});

export const Idea = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  theme,
  tags: z.array(z.string()),
  status: ideaStatus,
  language: language.describe('Detected from title and description.'),
  version: z.number().int().describe('Starts at 1, +1 on every change; send it back with PATCH to detect concurrent edits.'),
  callId: orNull(z.string()).describe('The call for proposals the idea aims at (`GET /api/calls/{id}`); null: none in particular.'),
  organisation: orNull(OrganisationRef),
  createdAt: instant,
  updatedAt: instant,
  contact: Contact.describe('Personal data: present only for the programme team, the posting organisation and organisations connected with it around this idea (by an endorsement or an introduction). Absent, not empty, for everyone else.').optional(),
  hidden: z.boolean().optional().describe("Hidden by moderation; only for the programme team and the idea's own organisation."),
  permissions: z.object({ edit: z.boolean(), withdraw: z.boolean(), reopen: z.boolean() }),
}).openapi('Idea');

export const IdeaPage = z.object({
  items: z.array(Idea),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int().max(LIMITS.maxPageSize),
}).openapi('IdeaPage');

/** presentIdeaCard: `facts` and `likeness` are for the pages' cards; the API's similar ideas leave them null. */
export const IdeaCard = z.object({
  facts: z.null(),
  likeness: z.null(),
  id: z.string(),
  title: z.string(),
  excerpt: z.string().describe('The start of the description.'),
  theme,
  tags: z.array(z.string()),
  status: ideaStatus,
  language,
  organisation: orNull(OrganisationRef),
  createdAt: instant,
  updatedAt: instant,
}).openapi('IdeaCard');

const score = z.number().min(0).max(1).describe('Cosine similarity of the texts (TF-IDF, blended with LSA once clusters exist); only scores of at least 0.12 are listed.');
const terms = z.array(z.string()).describe('The shared key terms that weigh most, in their written form.');

export const SimilarIdeas = z.object({ items: z.array(z.object({ idea: IdeaCard, score, terms })), projects: similarProjects }).openapi('SimilarIdeas');

export const ClusterRef = z.object({
  id: z.number().int(),
  label: z.string().describe("The programme team's name when there is one, else the automatic label."),
  size: z.number().int().describe('Open ideas in the cluster.'),
}).openapi('ClusterRef', { description: 'A cluster as the idea page names it; the whole cluster is `GET /api/clusters/{id}` (the page: `/clusters/{id}`).' });

export const SimilarToIdea = z.object({
  items: z.array(z.object({
    idea: IdeaCard.describe('Never with a contact person, whoever asks.'),
    score,
    terms,
    cluster: orNull(ClusterRef).describe("This similar idea's cluster; null until it is placed."),
  })),
  cluster: orNull(ClusterRef).describe("The asked idea's own cluster, as its page shows it; null when it has none (e.g. withdrawn)."),
  projects: similarProjects,
}).openapi('SimilarToIdea');

/**
 * The projects catalogue as the API answers it (routes/api/projects.ts), and the projects beside the
 * similar ideas, for the generated OpenAPI document and the contract test that checks real answers.
 */
import { z } from 'zod';
import { PROJECT_STATUSES, type ProjectStatus } from '../../store/store.js';
import { callType } from './calls.js';
import { instant, orNull, theme } from './common.js';

export const projectStatus = z.enum(PROJECT_STATUSES as [ProjectStatus, ...ProjectStatus[]])
  .describe('submitted: applied, not yet decided; funded: approved by the jury; running; ended.');

export const NamedOrganisation = z.object({
  id: orNull(z.string()).describe('null: known only by name (not among the local governments here).'),
  name: z.string(),
}).openapi('NamedOrganisation');

export const Project = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  call: orNull(z.object({ id: z.string(), number: z.number().int(), name: z.string() })).describe('null: no call in this installation (see `callNumber`).'),
  callNumber: orNull(z.number().int()).describe("The programme's call number, also when that call is not loaded here."),
  type: callType,
  theme,
  lead: NamedOrganisation.describe('The lead (penhouder).'),
  partners: z.array(NamedOrganisation),
  status: projectStatus,
  url: orNull(z.string()),
  partnershipId: orNull(z.string()).describe('The approved partnership it was made from, if any.'),
  source: z.enum(['reference', 'programme', 'partnership']).describe('The shipped catalogue, the programme team, or an approved partnership.'),
  createdAt: instant,
  updatedAt: instant,
}).openapi('Project');

export const ProjectList = z.object({ items: z.array(Project) }).openapi('ProjectList');

export const ProjectJoinRequest = z.object({
  id: z.string(),
  projectId: z.string(),
  organisation: z.object({ id: z.string(), name: z.string() }).describe('The local government that asks to join.'),
  message: orNull(z.string()),
  status: z.enum(['open', 'accepted', 'declined']),
  createdAt: instant,
  answeredAt: orNull(instant),
}).openapi('ProjectJoinRequest');

export const ProjectDetail = Project.extend({
  joinRequests: z.array(ProjectJoinRequest).describe("The lead's members and the programme team: the open requests to join; a member of another local government: its own; else none."),
}).openapi('ProjectDetail');

/** A project beside the similar ideas (`POST /api/ideas/similar`, `GET /api/ideas/{id}/similar`). */
export const SimilarProject = z.object({
  project: z.object({
    id: z.string(), title: z.string(), status: projectStatus, callNumber: orNull(z.number().int()),
    lead: NamedOrganisation, partners: z.array(NamedOrganisation), url: orNull(z.string()),
  }),
  score: z.number().min(0).max(1).describe('Cosine similarity of the idea and the project summary, in the same terms as the similar ideas; only scores of at least 0.35 are listed.'),
  terms: z.array(z.string()).describe('The shared key terms that weigh most.'),
}).openapi('SimilarProject');

export const similarProjects = z.array(SimilarProject).describe('Projects already under way that resemble it ("al in uitvoering"), best first; at most 3. Apart from the ideas.');

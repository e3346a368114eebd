/** The projects under way and the requests to join them in the API (routes/api/projects.ts). */
import { z } from 'zod';
import { createProjectSchema, joinRequestSchema, projectQuerySchema, updateProjectSchema } from '../../domain/projects.js';
import { idParams } from '../schemas/common.js';
import { Project, ProjectDetail, ProjectJoinRequest, ProjectList } from '../schemas/projects.js';
import { describeFields, type ApiOperation } from './operation.js';

const PROGRAMME = 'Programme team only (401 signed out, 403 for members).';

const ProjectCreate = describeFields(createProjectSchema, {
  callId: 'A call of `GET /api/calls`; its number is kept with the project. Unknown: 400.',
  type: "Default: the call's type; required without a call.",
  leadOrganisationId: 'A local government of `GET /api/organisations`; null (default): a lead known only by `leadName`.',
  leadName: 'Required when `leadOrganisationId` is null; else the local government\'s own name is used.',
  partnerOrganisationIds: 'Local governments of `GET /api/organisations`, the lead not among them.',
  otherPartners: 'Partners that are not among the local governments here, by name.',
  status: 'Default: funded.',
}).openapi('ProjectCreate');

const ProjectPatch = describeFields(updateProjectSchema, {})
  .openapi('ProjectPatch', { description: 'Any of the fields; those left out stay as they were.' });

const ProjectQuery = describeFields(projectQuerySchema, {
  callId: 'Only the projects of this call.',
  q: 'Words that must all occur in the title (case and accents ignored).',
});

const joinParams = idParams.extend({ organisationId: z.string().max(64).openapi({ example: 'be-nis-12025' }).describe('The local government that asked.') });

const answer = (verb: 'accept' | 'decline'): ApiOperation => ({
  method: 'post', path: `/api/projects/{id}/join-requests/{organisationId}/${verb}`, operationId: `${verb}ProjectJoinRequest`,
  summary: verb === 'accept' ? 'Accept a request to join a project' : 'Decline a request to join a project', tag: 'projects', role: 'user', params: joinParams,
  description: `The lead's members, or the programme team (who answer for a lead without an account). ${verb === 'accept' ? 'The local government becomes a partner. ' : ''}` +
    'The member who asked is told (notification `project_join_requested` with `answer`, live and by mail). No request of that local government: 404; answered already: 409.',
  answer: { status: 200, description: 'The request as answered.', schema: ProjectJoinRequest },
  errors: ['Unauthenticated', 'Forbidden', 'NotFound', 'Conflict'],
});

export const projectOperations: ApiOperation[] = [
  {
    method: 'get', path: '/api/projects', operationId: 'listProjects', summary: 'The projects under way', tag: 'projects',
    description: 'Public. The catalogue by call number, then title; filtered by call, theme, status and words of the title. Any other parameter: 400.',
    query: ProjectQuery, example: { query: { theme: 'services', status: 'funded' } },
    answer: { status: 200, description: 'The projects that match.', schema: ProjectList }, errors: ['BadRequest'],
  },
  {
    method: 'get', path: '/api/projects/{id}', operationId: 'getProject', summary: 'One project, with the requests to join it that concern you', tag: 'projects', params: idParams,
    answer: { status: 200, description: 'The project.', schema: ProjectDetail }, errors: ['NotFound'],
  },
  {
    method: 'post', path: '/api/projects', operationId: 'createProject', summary: 'Add a project to the catalogue', tag: 'projects', role: 'programme',
    description: `${PROGRAMME} Written to the audit log; similar ideas show it from then on.`,
    body: {
      schema: ProjectCreate,
      example: {
        title: 'Slim afvalbeheer met sensoren', summary: 'Sensoren in de glasbollen melden wanneer ze vol zijn, zodat de ophaling rijdt wanneer het nodig is.',
        type: 'thematic', theme: 'services', leadName: 'Intercommunale Voorbeeld', otherPartners: ['Gemeente Voorbeeld'], status: 'funded',
        url: 'https://gzg.vlaanderen.be/projecten',
      },
    },
    answer: { status: 201, description: 'Added.', schema: Project }, errors: ['BadRequest', 'Unauthenticated', 'Forbidden'],
  },
  {
    method: 'patch', path: '/api/projects/{id}', operationId: 'updateProject', summary: 'Change a project', tag: 'projects', role: 'programme', params: idParams,
    description: `${PROGRAMME} Written to the audit log with the fields that changed.`,
    body: { schema: ProjectPatch, example: { status: 'running', otherPartners: ['Gemeente Voorbeeld', 'OCMW Voorbeeld'] } },
    answer: { status: 200, description: 'The project as it is now.', schema: Project }, errors: ['BadRequest', 'Unauthenticated', 'Forbidden', 'NotFound'],
  },
  {
    method: 'post', path: '/api/projects/{id}/join-requests', operationId: 'askToJoinProject', summary: 'Ask to join a project', tag: 'projects', role: 'member', params: idParams,
    description: 'A member asks, for their local government, to join the project. It reaches the members of the lead (notification `project_join_requested`, live and by mail), ' +
      'or the programme team when the lead has no account yet or is known only by name. Lead and partners: 403; an open request of your local government already: 409.',
    body: { schema: joinRequestSchema.openapi('ProjectJoinRequestCreate'), required: false, example: { message: 'Wij werken aan hetzelfde en sluiten graag aan.' } },
    answer: { status: 201, description: 'Asked; waits for an answer.', schema: ProjectJoinRequest }, errors: ['BadRequest', 'Unauthenticated', 'Forbidden', 'NotFound', 'Conflict'],
  },
  answer('accept'),
  answer('decline'),
];

/** The ideas and organisations operations of the API (routes/api/ideas.ts, routes/api/organisations.ts). */
import { createSchema, updateSchema } from '../../domain/ideas.js';
import { similarSchema } from '../../domain/similar-ideas.js';
import { idParams, itemsOf } from '../schemas/common.js';
import { Idea, ideaListParams, IdeaPage, SimilarIdeas, similarQuerySchema, SimilarToIdea } from '../schemas/ideas.js';
import { Organisation, organisationListParams } from '../schemas/organisations.js';
import { describeFields, type ApiOperation } from './operation.js';

const ideaFields = {
  tags: 'Lower-cased and de-duplicated on save.',
} as const;

/** The route makes the signed-in user the contact person when the body has none. */
const IdeaCreate = describeFields(createSchema.extend({ contact: createSchema.shape.contact.optional() }), {
  ...ideaFields,
  contact: 'Without it, the signed-in user (name, e-mail, phone) is the contact person.',
}).openapi('IdeaCreate');

const IdeaPatch = describeFields(updateSchema, { ...ideaFields, version: 'When given and not current: 409.' })
  .openapi('IdeaPatch', { description: 'Any of the fields; those left out stay as they were.' });

const example = {
  title: 'Digitaal loket voor evenementenvergunningen',
  description: 'Eén online formulier voor organisatoren van evenementen, met opvolging van de aanvraag en automatische adviezen van politie en brandweer.',
  theme: 'services',
  tags: ['vergunningen', 'evenementen'],
};

export const ideaOperations: ApiOperation[] = [
  {
    method: 'get', path: '/api/organisations', operationId: 'listOrganisations', summary: 'List organisations', tag: 'organisations',
    query: organisationListParams, example: { query: { province: 'Limburg' } },
    answer: { status: 200, description: 'Sorted by name.', schema: itemsOf(Organisation) }, errors: ['BadRequest'],
  },
  {
    method: 'get', path: '/api/ideas', operationId: 'listIdeas', summary: 'List and search ideas', description: 'Newest first. Hidden ideas are left out.', tag: 'ideas',
    query: ideaListParams, example: { query: { q: 'vergunning', theme: 'services', pageSize: 10 } },
    answer: { status: 200, description: 'A page of ideas.', schema: IdeaPage }, errors: ['BadRequest'],
  },
  {
    method: 'post', path: '/api/ideas', operationId: 'createIdea', summary: 'Post an idea', tag: 'ideas', role: 'member',
    description: "For the member's own organisation; the programme team posts for none (403).",
    body: { schema: IdeaCreate, example },
    answer: { status: 201, description: 'Posted.', schema: Idea, headers: { Location: 'The new idea' } },
    errors: ['BadRequest', 'Unauthenticated', 'Forbidden', 'PayloadTooLarge'],
  },
  {
    method: 'post', path: '/api/ideas/similar', operationId: 'similarIdeas', summary: 'Similar ideas of other organisations, for unsaved text', tag: 'ideas', role: 'user',
    description: 'For the new-idea form while typing: the most similar open ideas of organisations other than yours, best first, with the key terms they share. Fewer than 4 letters in all: an empty list. Apart from them, `projects`: the projects already under way that resemble the text ("al in uitvoering"), in any language. Nothing is saved.',
    body: { schema: similarSchema.openapi('SimilarRequest'), example: { title: 'Evenementenvergunning online', description: 'Aanvragen voor evenementen digitaal indienen' } },
    answer: { status: 200, description: 'Best first; at most 5.', schema: SimilarIdeas },
    errors: ['BadRequest', 'Unauthenticated', 'Forbidden', 'PayloadTooLarge'],
  },
  {
    method: 'get', path: '/api/ideas/{id}', operationId: 'getIdea', summary: 'One idea', tag: 'ideas', params: idParams,
    answer: { status: 200, description: 'The idea, contact details only when you may see them.', schema: Idea }, errors: ['NotFound'],
  },
  {
    method: 'patch', path: '/api/ideas/{id}', operationId: 'updateIdea', summary: 'Change an idea', tag: 'ideas', role: 'member', params: idParams,
    description: "Your organisation's open ideas (programme team: any). Send `version` to be told (409) when someone changed it meanwhile.",
    body: { schema: IdeaPatch, example: { title: 'Digitaal loket voor alle evenementenvergunningen', version: 1 } },
    answer: { status: 200, description: 'Changed.', schema: Idea },
    errors: ['BadRequest', 'Unauthenticated', 'Forbidden', 'NotFound', 'Conflict', 'PayloadTooLarge'],
  },
  {
    method: 'delete', path: '/api/ideas/{id}', operationId: 'withdrawIdea', summary: 'Withdraw an idea', tag: 'ideas', role: 'member', params: idParams,
    description: 'Sets the status to withdrawn; nothing is deleted. Withdrawing twice answers the same.',
    answer: { status: 200, description: 'Withdrawn.', schema: Idea }, errors: ['Unauthenticated', 'Forbidden', 'NotFound'],
  },
  {
    method: 'get', path: '/api/ideas/{id}/similar', operationId: 'similarToIdea', summary: 'Similar ideas of other organisations, and the cluster, beside a posted idea', tag: 'ideas',
    description: "What the idea page shows under \"similar ideas\", by the same rules: open, visible ideas of organisations other than the idea's and yours (signed in), best first, with the key terms they share and each one's cluster; and the idea's own cluster. Never contact details. Hidden ideas: 404 except for the programme team; a withdrawn idea still gets its similar ideas (no cluster). Apart from them, `projects`: the projects already under way that resemble it. Any parameter but `limit`: 400.",
    params: idParams, query: similarQuerySchema, example: { query: { limit: 3 } },
    answer: { status: 200, description: 'Best first.', schema: SimilarToIdea }, errors: ['BadRequest', 'NotFound'],
  },
  {
    method: 'post', path: '/api/ideas/{id}/reopen', operationId: 'reopenIdea', summary: 'Reopen a withdrawn idea', tag: 'ideas', role: 'member', params: idParams,
    answer: { status: 200, description: 'Open again.', schema: Idea }, errors: ['Unauthenticated', 'Forbidden', 'NotFound'],
  },
];

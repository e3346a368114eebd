/** The endorsements and "My organisation" operations of the API (routes/api/endorsements.ts). */
import { endorseSchema } from '../../domain/endorsements.js';
import { idParams, itemsOf } from '../schemas/common.js';
import { Endorsement, EndorsementCreated, EndorsementWithdrawn, OrganisationOverview } from '../schemas/endorsements.js';
import { describeFields, type ApiOperation } from './operation.js';

const EndorsementCreate = describeFields(endorseSchema, { message: 'Optional; trimmed; empty means none.' }).openapi('EndorsementCreate');

export const endorsementOperations: ApiOperation[] = [
  {
    method: 'get', path: '/api/ideas/{id}/endorsements', operationId: 'listEndorsements', summary: "An idea's endorsements", tag: 'endorsements', params: idParams,
    description: "Newest first. Organisations are public; messages and the endorsers' contact persons only as the contact rules allow (see Endorsement).",
    answer: { status: 200, description: 'The endorsements as you may see them.', schema: itemsOf(Endorsement) }, errors: ['NotFound'],
  },
  {
    method: 'post', path: '/api/ideas/{id}/endorsements', operationId: 'endorseIdea', summary: 'Endorse an idea ("we find this valuable too")', tag: 'endorsements', role: 'member', params: idParams,
    description: "Members, for their own organisation, on another organisation's open idea, once per organisation. Connects the two organisations around the idea: both see each other's contact person from then on, and both are notified. Own organisation's idea or the programme team: 403; withdrawn idea or already endorsed: 409 (nothing changes).",
    body: { schema: EndorsementCreate, required: false, example: { message: 'Wij willen dit ook; laten we samen een bestek opstellen.' } },
    answer: { status: 201, description: 'Endorsed.', schema: EndorsementCreated, headers: { Location: "The idea's endorsements" } },
    errors: ['BadRequest', 'Unauthenticated', 'Forbidden', 'NotFound', 'Conflict'],
  },
  {
    method: 'delete', path: '/api/ideas/{id}/endorsements/mine', operationId: 'withdrawEndorsement', summary: "Take back your organisation's endorsement", tag: 'endorsements', role: 'member', params: idParams,
    description: 'Ends the connection it made, unless an introduction by the programme team still holds it. Also works when the idea was withdrawn since. Idempotent: 204 when there was nothing to take back.',
    answer: { status: 200, description: 'Taken back.', schema: EndorsementWithdrawn },
    also: [{ status: 204, description: 'Your organisation did not endorse this idea; nothing changed.' }],
    errors: ['Unauthenticated', 'Forbidden', 'NotFound'],
  },
  {
    method: 'get', path: '/api/my-organisation', operationId: 'myOrganisation', summary: 'My organisation: our ideas, endorsements given and received, connections with their contact people', tag: 'endorsements', role: 'member',
    description: 'Members only; the programme team belongs to no organisation and gets 403 (use the organisations and ideas endpoints).',
    answer: { status: 200, description: 'The overview.', schema: OrganisationOverview }, errors: ['Unauthenticated', 'Forbidden'],
  },
];

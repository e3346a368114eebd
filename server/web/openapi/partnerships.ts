/** Partnerships in the API (routes/api/partnerships.ts). */
import { z } from 'zod';
import { listSchema, openSchema, organisationSchema, searchSchema, statusSchema, updateSchema } from '../../domain/partnerships/service.js';
import { idParams } from '../schemas/common.js';
import { Partnership, PartnershipList, PartnershipSuggestions } from '../schemas/partnerships.js';
import { describeFields, type ApiOperation } from './operation.js';

const tag = 'partnerships';
const EXAMPLE_ORG = '01JH5Q3W8ZQ4N6V2C1X7R9T0CD';
const orgParams = idParams.extend({ organisationId: z.string().max(64).openapi({ example: EXAMPLE_ORG }) });
const STEP = 'Audited; the local governments concerned are notified (live and by mail). A repeated or conflicting step (already answered, no longer forming, changed meanwhile): 409.';
const LEAD = 'The lead only (a member of the lead local government): 403 for anyone else.';
const answered = (description: string) => ({ status: 200, description, schema: Partnership });
const writeErrors = ['BadRequest', 'Unauthenticated', 'Forbidden', 'NotFound', 'Conflict'] as const;
const noBodyErrors = ['Unauthenticated', 'Forbidden', 'NotFound', 'Conflict'] as const;

const PartnershipOpen = describeFields(openSchema, {
  ideaId: "One of your local government's open ideas; an idea has at most one partnership (409).",
  callId: 'Optional: an open or upcoming call (400 otherwise).',
}).openapi('PartnershipOpen');
const PartnershipPatch = describeFields(updateSchema, { callId: 'An open or upcoming call; null: none.' }).openapi('PartnershipPatch');
const PartnershipInvite = describeFields(organisationSchema, { organisationId: 'The local government invited (400 when it does not exist).' }).openapi('PartnershipOrganisation');
const PartnershipStatusChange = statusSchema.openapi('PartnershipStatusChange');

export const partnershipOperations: ApiOperation[] = [
  {
    method: 'get', path: '/api/partnerships', operationId: 'listPartnerships', summary: 'Partnerships', tag, query: listSchema,
    description: "Public, newest first: title, idea, call, lead, partners and status; never contacts. With `organisationId`, the partnerships that local government is a partner in (its own members also see where it is invited or asked to join).",
    example: { query: { status: 'forming' } },
    answer: { status: 200, description: 'The partnerships.', schema: PartnershipList }, errors: ['BadRequest'],
  },
  {
    method: 'get', path: '/api/partnerships/{id}', operationId: 'getPartnership', summary: 'One partnership', tag, params: idParams,
    description: "Public. The partners' contact persons, the invitations and the requests to join only for the partnership's members and the programme team.",
    answer: { status: 200, description: 'The partnership.', schema: Partnership }, errors: ['NotFound'],
  },
  {
    method: 'post', path: '/api/partnerships', operationId: 'openPartnership', summary: 'Start a partnership for an idea', tag, role: 'member',
    description: "A member of the idea's local government, which becomes the lead. Audited.",
    body: { schema: PartnershipOpen, example: { ideaId: '01JH5Q3W8ZQ4N6V2C1X7R9T0AB' } },
    answer: { status: 201, description: 'Started, status forming, with its lead as the only member.', schema: Partnership }, errors: [...writeErrors],
  },
  {
    method: 'patch', path: '/api/partnerships/{id}', operationId: 'updatePartnership', summary: "Change a partnership's title or call", tag, role: 'member', params: idParams,
    description: `${LEAD} While forming. ${STEP}`,
    body: { schema: PartnershipPatch, example: { title: 'Samen een digitaal loket voor de Kempen' } },
    answer: answered('The partnership as it is now.'), errors: [...writeErrors],
  },
  {
    method: 'get', path: '/api/partnerships/{id}/suggestions', operationId: 'partnershipSuggestions', summary: 'Whom to invite', tag, role: 'member', params: idParams, query: searchSchema,
    description: `${LEAD} Local governments you are in contact with, with ideas in the idea's cluster or among its similar ideas, and with \`q\` those whose name contains it; those already in, invited or asking are left out.`,
    example: { query: { q: 'Ge' } },
    answer: { status: 200, description: 'Suggestions with their reasons, and the search.', schema: PartnershipSuggestions }, errors: ['BadRequest', 'Unauthenticated', 'Forbidden', 'NotFound'],
  },
  {
    method: 'post', path: '/api/partnerships/{id}/invitations', operationId: 'invitePartner', summary: 'Invite a local government', tag, role: 'member', params: idParams,
    description: `${LEAD} While forming; its members are notified and one of them answers. ${STEP}`,
    body: { schema: PartnershipInvite, example: { organisationId: EXAMPLE_ORG } },
    answer: { status: 201, description: 'Invited.', schema: Partnership }, errors: [...writeErrors],
  },
  ...(['accept', 'decline'] as const).map((verb): ApiOperation => ({
    method: 'post', path: `/api/partnerships/{id}/invitations/{organisationId}/${verb}`, operationId: `${verb}PartnershipInvitation`,
    summary: verb === 'accept' ? 'Accept an invitation' : 'Decline an invitation', tag, role: 'member', params: orgParams,
    description: `A member of the invited local government (403 for anyone else; 404 when it is not invited). ${STEP}`,
    answer: answered(verb === 'accept' ? 'Your local government is a partner now.' : 'Declined.'), errors: [...noBodyErrors],
  })),
  {
    method: 'post', path: '/api/partnerships/{id}/join-requests', operationId: 'requestToJoinPartnership', summary: 'Ask to join', tag, role: 'member', params: idParams,
    description: `A member of another local government, while forming; the lead is notified and answers. ${STEP}`,
    answer: { status: 201, description: 'Asked.', schema: Partnership }, errors: [...noBodyErrors],
  },
  ...(['accept', 'decline'] as const).map((verb): ApiOperation => ({
    method: 'post', path: `/api/partnerships/{id}/join-requests/{organisationId}/${verb}`, operationId: `${verb}PartnershipJoinRequest`,
    summary: verb === 'accept' ? 'Accept a request to join' : 'Decline a request to join', tag, role: 'member', params: orgParams,
    description: `${LEAD} 404 when that local government did not ask. ${STEP}`,
    answer: answered(verb === 'accept' ? 'It is a partner now.' : 'Declined.'), errors: [...noBodyErrors],
  })),
  {
    method: 'post', path: '/api/partnerships/{id}/lead', operationId: 'offerPartnershipLead', summary: 'Hand over the lead role', tag, role: 'member', params: idParams,
    description: `${LEAD} Offers the role to a partner (400 for a local government that is not one), one offer at a time. ${STEP}`,
    body: { schema: PartnershipInvite, example: { organisationId: EXAMPLE_ORG } },
    answer: answered('Offered.'), errors: [...writeErrors],
  },
  ...(['accept', 'decline'] as const).map((verb): ApiOperation => ({
    method: 'post', path: `/api/partnerships/{id}/lead/${verb}`, operationId: `${verb}PartnershipLead`,
    summary: verb === 'accept' ? 'Become the lead' : 'Decline the lead role', tag, role: 'member', params: idParams,
    description: `A member of the partner offered the role. Accepting makes it the lead; the old lead stays a partner. ${STEP}`,
    answer: answered(verb === 'accept' ? 'Your local government is the lead now.' : 'Declined.'), errors: [...noBodyErrors],
  })),
  {
    method: 'post', path: '/api/partnerships/{id}/lead/withdraw', operationId: 'withdrawPartnershipLeadOffer', summary: 'Take back the lead offer', tag, role: 'member', params: idParams,
    description: `${LEAD} ${STEP}`,
    answer: answered('Taken back.'), errors: [...noBodyErrors],
  },
  {
    method: 'post', path: '/api/partnerships/{id}/leave', operationId: 'leavePartnership', summary: 'Leave a partnership', tag, role: 'member', params: idParams,
    description: `A partner, while forming; the lead hands over the role first (409). ${STEP}`,
    answer: answered('Left.'), errors: [...noBodyErrors],
  },
  {
    method: 'post', path: '/api/partnerships/{id}/status', operationId: 'setPartnershipStatus', summary: "Change a partnership's status", tag, role: 'user', params: idParams,
    description: 'The lead submits (forming → submitted) and reopens (not_approved → forming); the programme team decides (approved, not_approved) and records running and ended. ' +
      "Submitting needs a call and meets its rules (open, at least and at most its number of local governments): otherwise 409 with each broken rule in `fields`. The programme team is notified of a submission. " + STEP,
    body: { schema: PartnershipStatusChange, example: { status: 'submitted' } },
    answer: answered('The partnership with its new status.'), errors: [...writeErrors],
  },
];

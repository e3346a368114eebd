/**
 * Partnerships as the API answers them (routes/api/partnerships.ts), for the generated OpenAPI
 * document and the contract test that checks real answers against it.
 */
import { z } from 'zod';
import { MEMBERSHIP_STATES, PARTNERSHIP_STATUSES } from '../../store/store.js';
import { Contact, OrganisationName, instant, orNull } from './common.js';

export const partnershipStatus = z.enum(PARTNERSHIP_STATUSES as ['forming', 'submitted', 'approved', 'not_approved', 'running', 'ended'])
  .describe('forming → submitted (lead) → approved / not_approved (programme team) → running → ended; not_approved → forming reopens (lead).');

export const PartnershipMember = z.object({
  id: z.string(),
  name: z.string(),
  lead: z.boolean(),
  joinedAt: instant,
  contact: orNull(Contact).describe("The member who committed the local government (opened, accepted, asked to join). Only for the partnership's members and the programme team; null for everyone else."),
}).openapi('PartnershipMember');

export const PartnershipPending = z.object({ id: z.string(), name: z.string(), since: instant }).openapi('PartnershipPending');

export const PartnershipAbilities = z.object({
  invite: z.boolean(), answerInvitation: z.boolean(), requestJoin: z.boolean(), answerRequests: z.boolean(), offerLead: z.boolean(),
  answerLeadOffer: z.boolean(), withdrawLeadOffer: z.boolean(), leave: z.boolean(), edit: z.boolean(),
  statuses: z.array(partnershipStatus).describe('The statuses you may give it now.'),
}).openapi('PartnershipAbilities');

export const Partnership = z.object({
  id: z.string(),
  title: z.string(),
  idea: orNull(z.object({ id: z.string(), title: z.string() })),
  call: orNull(z.object({ id: z.string(), number: z.number().int(), name: z.string(), status: z.enum(['upcoming', 'open', 'closed', 'decided']) })),
  status: partnershipStatus,
  lead: OrganisationName,
  members: z.array(PartnershipMember).describe('The local governments in it (state member), the lead first.'),
  invitations: orNull(z.array(PartnershipPending)).describe('Invited, not answered yet. Members and the programme team only; null for everyone else.'),
  requests: orNull(z.array(PartnershipPending)).describe('Asked to join, not answered yet. Members and the programme team only; null for everyone else.'),
  leadOfferedTo: orNull(OrganisationName).describe('The partner asked to become the lead (members, the programme team and that partner only).'),
  createdAt: instant,
  updatedAt: instant,
  submittedAt: orNull(instant),
  decidedAt: orNull(instant),
  version: z.number().int(),
  you: z.object({
    state: orNull(z.enum(MEMBERSHIP_STATES as ['invited', 'requested', 'member', 'declined', 'left'])).describe('How your local government stands in it.'),
    isLead: z.boolean(),
    may: PartnershipAbilities,
  }),
}).openapi('Partnership');

export const PartnershipList = z.object({ items: z.array(Partnership) }).openapi('PartnershipList');

export const PartnershipSuggestions = z.object({
  suggestions: z.array(z.object({
    organisation: OrganisationName,
    reasons: z.array(z.enum(['connection', 'cluster', 'similar'])).describe('connection: you are in contact; cluster: it has an idea in the idea’s cluster; similar: it has one of its similar ideas.'),
  })),
  found: z.array(OrganisationName).describe('Local governments whose name contains `q` (empty without `q`).'),
}).openapi('PartnershipSuggestions');


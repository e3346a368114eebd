/**
 * Endorsements and "My organisation" as zod schemas: the answers of routes/api/endorsements.ts and of
 * domain/my-organisation.ts' overview, for the OpenAPI document and its contract test.
 */
import { z } from 'zod';
import { ENDORSEMENT_MESSAGE_MAX } from '../../domain/endorsements.js';
import { Contact, ideaStatus, instant, orNull, OrganisationName, OrganisationPlace } from './common.js';

export const Endorsement = z.object({
  id: z.string(),
  ideaId: z.string(),
  organisation: OrganisationName,
  message: orNull(z.string().max(ENDORSEMENT_MESSAGE_MAX)).describe("Only for the programme team, the idea's organisation, organisations connected around the idea, and the endorsing organisation itself; null for everyone else."),
  createdAt: instant,
  mine: z.boolean().describe("Given by the caller's organisation."),
  contact: orNull(Contact).optional().describe("The endorsing organisation's contact person: the member who endorsed (null once their account is deactivated). Only for the programme team and organisations connected with the endorsing one around this idea (the idea's organisation, the endorser's own); null for everyone else. Absent in POST/DELETE answers."),
}).openapi('Endorsement');

export const EndorsementCreated = z.object({
  endorsement: Endorsement,
  newlyConnected: z.boolean().describe('True when this endorsement connected the two organisations around the idea; false when another connection (an introduction) already held them.'),
  contact: Contact.describe("The idea's contact person, now visible to you."),
}).openapi('EndorsementCreated');

export const EndorsementWithdrawn = z.object({
  endorsement: Endorsement,
  connected: z.boolean().describe('Whether another connection (an introduction) still holds the two organisations around the idea.'),
}).openapi('EndorsementWithdrawn');

export const IdeaRef = z.object({ id: z.string(), title: z.string(), status: ideaStatus, organisation: OrganisationName }).openapi('IdeaRef');

export const OrganisationOverview = z.object({
  organisation: OrganisationPlace,
  ideas: z.array(z.object({ id: z.string(), title: z.string(), status: ideaStatus, createdAt: instant, endorsementCount: z.number().int() })),
  given: z.array(z.object({ id: z.string(), idea: IdeaRef, message: orNull(z.string()), createdAt: instant })),
  received: z.array(z.object({
    id: z.string(), idea: IdeaRef, organisation: OrganisationName, message: orNull(z.string()), createdAt: instant,
    contact: orNull(Contact).describe('The member who endorsed.'),
  })),
  connections: z.array(z.object({
    idea: IdeaRef,
    organisation: OrganisationName,
    via: z.array(z.enum(['endorsement', 'introduction'])),
    since: instant,
    contact: orNull(Contact),
    contactKind: orNull(z.enum(['idea_contact', 'endorser'])),
  })),
}).openapi('OrganisationOverview', {
  description: "What \"My organisation\" shows. Ideas hidden by moderation are left out. A connection's `contact` is the other side's contact person around that idea: the idea's contact person when the idea is theirs (`contactKind` idea_contact), otherwise the member of theirs who endorsed it (`endorser`); null when neither exists.",
});

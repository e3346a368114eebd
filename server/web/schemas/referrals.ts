/**
 * Referrals after a decided call as the API answers them (routes/referrals.ts), for the generated
 * OpenAPI document and the contract test that checks real answers against it.
 */
import { z } from 'zod';

export const ReferralCandidates = z.object({
  callId: z.string(),
  items: z.array(z.object({
    subject: z.object({
      type: z.enum(['idea', 'partnership']),
      id: z.string(),
      title: z.string(),
      status: z.string().describe("The idea's status, or the partnership's (anything but approved, running or ended)."),
    }),
    ideaId: z.string().describe('The idea the subject is about (for a partnership: its idea); connections are made around it.'),
    organisations: z.array(z.object({ id: z.string(), name: z.string() })).describe('Who would be referred: the idea\'s local government, or the partnership\'s members.'),
    suggestions: z.array(z.object({
      projectId: z.string(),
      title: z.string(),
      lead: z.object({ id: z.string().nullable(), name: z.string() }),
      score: z.number(),
      terms: z.array(z.string()),
      referredBefore: z.boolean(),
    })).describe('At most three funded projects, closest first; none the subject\'s local governments already lead or work in.'),
  })),
}).openapi('ReferralCandidates');

export const ReferralResult = z.object({
  referred: z.number().int().describe('Pairs referred now.'),
  skipped: z.number().int().describe('Pairs referred before (nothing sent again).'),
  notified: z.number().int().describe('Notifications written (both sides).'),
  newConnections: z.number().int().describe('Connections that did not exist yet.'),
}).openapi('ReferralResult');

/**
 * The calls for proposals as the API answers them (routes/api/calls.ts), for the generated OpenAPI
 * document and the contract test that checks real answers against it.
 */
import { z } from 'zod';
import { CALL_TYPES_IN_ORDER } from '../../domain/partnerships/calls.js';
import { instant, orNull, theme } from './common.js';

export const callType = z.enum(CALL_TYPES_IN_ORDER as ['concept', 'thematic', 'transformation'])
  .describe('concept: innovative concepts (up to €150,000, one year); thematic: thematic projects (up to €500,000, three years); transformation: transformation projects (up to €2,000,000, realised by the end of 2025).');

export const Countdown = z.object({ days: z.number().int(), hours: z.number().int(), minutes: z.number().int() })
  .openapi('CallCountdown', { description: 'Time left until the call closes, as a clock in Brussels counts it.' });

export const Call = z.object({
  id: z.string(),
  number: z.number().int(),
  name: z.string(),
  type: callType,
  themes: orNull(z.array(theme)).describe('null: every theme.'),
  opensAt: orNull(z.string()).describe('ISO 8601 with the Brussels offset; null: not announced.'),
  closesAt: z.string().describe('ISO 8601 with the Brussels offset; the call is open up to and including this second.'),
  decided: z.boolean(),
  decidedOn: orNull(z.string()).describe('A Brussels date, YYYY-MM-DD.'),
  maxSubsidyEur: z.number(),
  maxDurationMonths: orNull(z.number().int()),
  realiseBy: orNull(z.string()).describe('A Brussels date, YYYY-MM-DD.'),
  rules: z.object({ minPartners: z.number().int().optional(), maxPartners: z.number().int().optional() })
    .describe('Local governments in a partnership, the lead included; a rule the call does not state is absent.'),
  description: z.string(),
  sourceUrls: z.array(z.string()),
  status: z.enum(['upcoming', 'open', 'closed', 'decided']).describe('At the time of the request.'),
  countdown: orNull(Countdown).describe('null once closed.'),
  createdAt: instant,
  updatedAt: instant,
}).openapi('Call');

export const CallList = z.object({ items: z.array(Call) }).openapi('CallList');

/**
 * Check-ins as the API answers them (routes/api/check-ins.ts), for the generated OpenAPI document and
 * the contract test that checks real answers against it.
 */
import { z } from 'zod';
import { instant, orNull } from './common.js';

export const CheckIn = z.object({
  id: z.string(),
  organisation: z.object({ id: z.string(), name: z.string() }).describe('The local government that asked.'),
  subject: z.object({ type: z.enum(['idea', 'partnership']), id: z.string(), title: z.string() }).describe('What it is about; the title as it was when asked.'),
  preferredMoments: z.array(z.string()).describe('1–3 start times, ISO 8601 in Brussels time with the offset written out.'),
  note: z.string(),
  status: z.enum(['requested', 'proposed', 'confirmed', 'cancelled']),
  moment: orNull(z.string()).describe('The moment proposed (proposed) or agreed (confirmed), Brussels time with its offset.'),
  durationMinutes: z.number().int(),
  place: orNull(z.string()).describe('A place or a video link; null: not said yet.'),
  sequence: z.number().int().describe("The calendar file's SEQUENCE: grows each time the moment changes."),
  version: z.number().int(),
  createdAt: instant,
  updatedAt: instant,
  permissions: z.object({
    confirm: z.boolean(), propose: z.boolean(), accept: z.boolean(), askAgain: z.boolean(), cancel: z.boolean(), ics: z.boolean(),
  }).describe('The steps the caller may take now; ics: GET /check-ins/{id}.ics answers.'),
}).openapi('CheckIn');

export const CheckInList = z.object({ items: z.array(CheckIn) }).openapi('CheckInList');

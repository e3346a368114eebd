/** `GET /api/organisations`' parameter and answer, as zod schemas for the OpenAPI document and its contract test. */
import { z } from 'zod';
import { orNull, organisationKind } from './common.js';

/** The route checks the same by hand (routes/api/organisations.ts): a string of at most 60 characters. */
export const organisationListParams = z.object({ province: z.string().max(60).optional().describe('For example `Oost-Vlaanderen`.') });

export const Organisation = z.object({
  id: z.string().openapi({ example: 'be-nis-11002' }),
  kind: organisationKind,
  country: z.string().describe('ISO 3166-1 alpha-2'),
  code: z.string().describe('NIS code for Belgian municipalities'),
  name: z.string(),
  province: orNull(z.string()),
  arrondissement: orNull(z.string()),
}).openapi('Organisation');

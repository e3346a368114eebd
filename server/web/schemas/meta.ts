/** `GET /healthz`'s answer (routes/health.ts) as a zod schema, for the OpenAPI document and its contract test. */
import { z } from 'zod';

export const Health = z.object({
  status: z.enum(['ok', 'degraded', 'unavailable']).describe('degraded: Redis is away; this instance still serves everything but live updates across instances.'),
  store: z.literal('down').optional().describe('With 503: the store does not answer.'),
  redis: z.enum(['up', 'down']).optional().describe('Only with REDIS_URL (several instances).'),
  leader: z.boolean().optional().describe('Only with REDIS_URL: whether this instance leads the clustering.'),
}).openapi('Health');

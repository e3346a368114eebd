/** Health and the API's own description (routes/health.ts, routes/openapi.ts). */
import { z } from 'zod';
import { Health } from '../schemas/meta.js';
import type { ApiOperation } from './operation.js';

export const metaOperations: ApiOperation[] = [
  {
    method: 'get', path: '/healthz', operationId: 'health', summary: 'Is the app ready?', tag: 'meta',
    answer: { status: 200, description: 'The app and its store answer.', schema: Health },
    also: [{ status: 503, description: 'The store does not answer.', schema: Health }], errors: [],
  },
  {
    method: 'get', path: '/api/openapi.json', operationId: 'openapi', summary: 'This document', tag: 'meta',
    answer: { status: 200, description: 'OpenAPI 3.1', schema: z.object({ openapi: z.literal('3.1.0') }).passthrough() }, errors: [],
  },
  {
    method: 'get', path: '/api/docs', operationId: 'docs', summary: 'This document as a readable HTML page', tag: 'meta',
    answer: { status: 200, description: 'HTML', contentType: 'text/html' }, errors: [],
  },
];

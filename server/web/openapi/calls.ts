/** The calls for proposals in the API (routes/api/calls.ts). */
import { createCallSchema, updateCallSchema } from '../../domain/calls.js';
import { idParams } from '../schemas/common.js';
import { Call, CallList } from '../schemas/calls.js';
import { describeFields, type ApiOperation } from './operation.js';

const PROGRAMME = 'Programme team only (401 signed out, 403 for members).';
const times = {
  opensAt: 'ISO 8601 with the Brussels offset written out (`+01:00` in winter, `+02:00` in summer); null: not announced yet.',
  closesAt: 'ISO 8601 with the Brussels offset; open up to and including this second.',
} as const;

const CallCreate = describeFields(createCallSchema, {
  ...times,
  number: 'Unique: a number already used answers 409.',
  maxSubsidyEur: "Default: the type's maximum.",
  maxDurationMonths: "Default: the type's (null for transformation projects, which have `realiseBy`).",
  themes: 'null (default): every theme.',
}).openapi('CallCreate');

const CallPatch = describeFields(updateCallSchema, times)
  .openapi('CallPatch', { description: 'Any of the fields; those left out stay as they were.' });

export const callOperations: ApiOperation[] = [
  {
    method: 'get', path: '/api/calls', operationId: 'listCalls', summary: 'The calls for proposals', tag: 'calls',
    description: 'Public. By number, each with its status and countdown at the time of the request.',
    answer: { status: 200, description: 'Every call.', schema: CallList }, errors: [],
  },
  {
    method: 'get', path: '/api/calls/{id}', operationId: 'getCall', summary: 'One call for proposals', tag: 'calls', params: idParams,
    answer: { status: 200, description: 'The call.', schema: Call }, errors: ['NotFound'],
  },
  {
    method: 'post', path: '/api/calls', operationId: 'createCall', summary: 'Add a call for proposals', tag: 'calls', role: 'programme',
    description: `${PROGRAMME} Written to the audit log.`,
    body: {
      schema: CallCreate,
      example: {
        number: 8, name: 'Oproep 8 – innovatieve concepten', type: 'concept', themes: ['services', 'democracy'],
        opensAt: '2027-01-11T00:00:00+01:00', closesAt: '2027-03-05T23:59:59+01:00', rules: { minPartners: 2 },
        description: 'Werk samen met minstens één ander lokaal bestuur een innovatief digitaal concept uit.',
      },
    },
    answer: { status: 201, description: 'Added.', schema: Call }, errors: ['BadRequest', 'Unauthenticated', 'Forbidden', 'Conflict'],
  },
  {
    method: 'patch', path: '/api/calls/{id}', operationId: 'updateCall', summary: 'Change a call for proposals', tag: 'calls', role: 'programme', params: idParams,
    description: `${PROGRAMME} Written to the audit log with the fields that changed. A number another call has: 409.`,
    body: { schema: CallPatch, example: { closesAt: '2027-03-12T23:59:59+01:00', rules: { minPartners: 2, maxPartners: 16 } } },
    answer: { status: 200, description: 'The call as it is now.', schema: Call }, errors: ['BadRequest', 'Unauthenticated', 'Forbidden', 'NotFound', 'Conflict'],
  },
];

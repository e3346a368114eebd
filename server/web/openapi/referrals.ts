/** Referrals after a decided call in the API (routes/referrals.ts). */
import { referSchema } from '../../domain/referrals.js';
import { idParams } from '../schemas/common.js';
import { ReferralCandidates, ReferralResult } from '../schemas/referrals.js';
import { describeFields, type ApiOperation } from './operation.js';

const ReferralRequest = describeFields(referSchema, {}).openapi('ReferralRequest');

export const referralOperations: ApiOperation[] = [
  {
    method: 'get', path: '/api/calls/{id}/referrals', operationId: 'listReferralCandidates', summary: 'Ideas and partnerships to refer after a decided call', tag: 'calls',
    role: 'programme', params: idParams,
    description: 'Programme team only. For every idea and partnership of the call that was not funded, the closest funded projects. A call not yet decided: 409.',
    answer: { status: 200, description: 'The candidates.', schema: ReferralCandidates }, errors: ['Unauthenticated', 'Forbidden', 'NotFound', 'Conflict'],
  },
  {
    method: 'post', path: '/api/calls/{id}/referrals', operationId: 'refer', summary: 'Refer not-funded ideas and partnerships to funded projects', tag: 'calls',
    role: 'programme', params: idParams,
    description: 'Programme team only. In one action: each pair connects the referred local governments with the project\'s lead around the idea (as an introduction), and notifies both sides live and by mail, with each other\'s contact person. A pair referred before is skipped. Written to the audit log.',
    body: { schema: ReferralRequest, example: { referrals: [{ subjectType: 'idea', subjectId: 'idea-id', projectId: 'project-id' }] } },
    answer: { status: 200, description: 'What was done.', schema: ReferralResult }, errors: ['BadRequest', 'Unauthenticated', 'Forbidden', 'NotFound', 'Conflict'],
  },
];

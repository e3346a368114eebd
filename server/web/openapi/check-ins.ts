/** Check-ins with the programme team in the API (routes/api/check-ins.ts). */
import { askAgainCheckInSchema, confirmCheckInSchema, proposeCheckInSchema, requestCheckInSchema } from '../../domain/check-ins.js';
import { idParams } from '../schemas/common.js';
import { CheckIn, CheckInList } from '../schemas/check-ins.js';
import { describeFields, type ApiOperation } from './operation.js';

const TIMES = 'Times are ISO 8601 in Brussels time with the offset written out (+01:00 in winter, +02:00 in summer), in the future.';
const CALENDAR = 'The confirmed check-in is also at `GET /check-ins/{id}.ics` (text/calendar) for its local government\'s members and the programme team, and attached to the confirmation mail.';

const CheckInRequest = describeFields(requestCheckInSchema, {
  subject: "The idea of the caller's local government (type `idea`), or a partnership it is a member of (type `partnership`).",
  moments: `1 to 3 preferred start times. ${TIMES}`,
  note: 'What the check-in is about; at most 500 characters.',
}).openapi('CheckInRequest');
const CheckInConfirm = describeFields(confirmCheckInSchema, {
  moment: 'One of the preferred moments (another one: 400; use propose).',
  durationMinutes: 'Default: 30 (or what was said before).',
  place: 'A place or a video link.',
}).openapi('CheckInConfirm');
const CheckInPropose = describeFields(proposeCheckInSchema, { moment: `Any moment. ${TIMES}` }).openapi('CheckInPropose');
const CheckInAskAgain = describeFields(askAgainCheckInSchema, { moments: `1 to 3 new preferred start times. ${TIMES}` }).openapi('CheckInAskAgain');

const onOne = (op: Omit<ApiOperation, 'tag' | 'params' | 'answer'> & { answerText: string }): ApiOperation => {
  const { answerText, ...rest } = op;
  return { ...rest, tag: 'check-ins', params: idParams, answer: { status: 200, description: answerText, schema: CheckIn } };
};

export const checkInOperations: ApiOperation[] = [
  {
    method: 'get', path: '/api/check-ins', operationId: 'listCheckIns', summary: 'Check-ins', tag: 'check-ins', role: 'user',
    description: "A member: its local government's, newest first. The programme team: all, open ones (requested, proposed) first.",
    answer: { status: 200, description: 'The check-ins.', schema: CheckInList }, errors: ['Unauthenticated', 'Forbidden'],
  },
  {
    method: 'post', path: '/api/check-ins', operationId: 'requestCheckIn', summary: 'Request a check-in', tag: 'check-ins', role: 'member',
    description: 'A member, for an open idea of its local government; the programme team is notified (live and by mail). ' +
      'An open check-in about the same subject already: 409. Written to the audit log.',
    body: { schema: CheckInRequest, example: { subject: { type: 'idea', id: '01JH5Q3W8ZQ4N6V2C1X7R9T0AB' }, moments: ['2030-03-12T10:00:00+01:00', '2030-03-13T14:30:00+01:00'], note: 'Graag feedback op ons concept voor de oproep.' } },
    answer: { status: 201, description: 'Requested.', schema: CheckIn }, errors: ['BadRequest', 'Unauthenticated', 'Forbidden', 'NotFound', 'Conflict'],
  },
  {
    method: 'get', path: '/api/check-ins/{id}', operationId: 'getCheckIn', summary: 'One check-in', tag: 'check-ins', role: 'user', params: idParams,
    description: `Its local government's members and the programme team (others: 403). ${CALENDAR}`,
    answer: { status: 200, description: 'The check-in.', schema: CheckIn }, errors: ['Unauthenticated', 'Forbidden', 'NotFound'],
  },
  onOne({
    method: 'post', path: '/api/check-ins/{id}/confirm', operationId: 'confirmCheckIn', summary: 'Confirm a check-in at one of its moments', role: 'programme',
    description: `Programme team only. From requested or proposed. The local government's members are notified (with the .ics attached to the mail). ${CALENDAR}`,
    body: { schema: CheckInConfirm, example: { moment: '2030-03-12T10:00:00+01:00', durationMinutes: 45, place: 'https://meet.example.be/check-in' } },
    answerText: 'Confirmed.', errors: ['BadRequest', 'Unauthenticated', 'Forbidden', 'NotFound', 'Conflict'],
  }),
  onOne({
    method: 'post', path: '/api/check-ins/{id}/propose', operationId: 'proposeCheckIn', summary: 'Propose another moment', role: 'programme',
    description: 'Programme team only. From requested, proposed or confirmed (to move it); the local government accepts or asks again. Its members are notified.',
    body: { schema: CheckInPropose, example: { moment: '2030-03-14T11:00:00+01:00', place: 'Herman Teirlinckgebouw, Brussel' } },
    answerText: 'Proposed.', errors: ['BadRequest', 'Unauthenticated', 'Forbidden', 'NotFound', 'Conflict'],
  }),
  onOne({
    method: 'post', path: '/api/check-ins/{id}/accept', operationId: 'acceptCheckIn', summary: 'Accept the proposed moment', role: 'member',
    description: "A member of the check-in's local government, after a proposal: confirmed. The programme team and the other members are notified.",
    answerText: 'Confirmed.', errors: ['Unauthenticated', 'Forbidden', 'NotFound', 'Conflict'],
  }),
  onOne({
    method: 'post', path: '/api/check-ins/{id}/ask-again', operationId: 'askCheckInAgain', summary: 'Ask for other moments', role: 'member',
    description: "A member of the check-in's local government, instead of accepting a proposal: requested again with new moments. The programme team is notified.",
    body: { schema: CheckInAskAgain, example: { moments: ['2030-03-19T09:30:00+01:00'], note: 'Liever in de voormiddag.' } },
    answerText: 'Requested again.', errors: ['BadRequest', 'Unauthenticated', 'Forbidden', 'NotFound', 'Conflict'],
  }),
  onOne({
    method: 'post', path: '/api/check-ins/{id}/cancel', operationId: 'cancelCheckIn', summary: 'Cancel a check-in', role: 'user',
    description: "The check-in's local government's members or the programme team, while not cancelled. Written to the audit log.",
    answerText: 'Cancelled.', errors: ['Unauthenticated', 'Forbidden', 'NotFound', 'Conflict'],
  }),
];

/** The live board in the API (routes/board.ts); live updates travel over socket.io (realtime/). */
import { boardEventsParams, BoardEvents, BoardSnapshot } from '../schemas/board.js';
import type { ApiOperation } from './operation.js';

export const boardOperations: ApiOperation[] = [
  {
    method: 'get', path: '/api/board', operationId: 'getBoard', summary: 'The live board as it is now', description: 'Programme team only.', tag: 'board', role: 'programme',
    answer: { status: 200, description: 'The snapshot.', schema: BoardSnapshot }, errors: ['Unauthenticated', 'Forbidden'],
  },
  {
    method: 'get', path: '/api/board/events', operationId: 'listBoardEvents', summary: 'Timeline events after a version', description: 'Programme team only. Oldest first.', tag: 'board', role: 'programme',
    query: boardEventsParams, example: { query: { after: 0, limit: 50 } },
    answer: { status: 200, description: 'The events.', schema: BoardEvents }, errors: ['BadRequest', 'Unauthenticated', 'Forbidden'],
  },
];

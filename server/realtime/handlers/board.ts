// The live board's socket side: a reconnecting board catches up, and each instance pushes its own updates.
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Services } from '../../services.js';
import type { DomainEvents } from '../../domain/events.js';
import type { IoServer, IoSocket } from '../events.js';
import { boardRoom } from '../rooms.js';
import { request } from './envelope.js';

const sinceSchema = z.object({ version: z.number().int().min(0) }).strict();

/**
 * `board:since {version}`: what a board at `version` missed (events and the board as it is now), or
 * `reload` when that is too much; programme team only (the service checks).
 */
export function registerBoardHandlers(socket: IoSocket, { board, logger }: Pick<Services, 'board'> & { logger: Logger }): void {
  socket.on('board:since', request(socket, logger, sinceSchema, ({ version }) => board.since(socket.data.actor, version)));
}

/**
 * Pushes every `board:updated` of the domain to the board room (joined only by the programme team) on
 * this instance only. With several instances every instance's board announces every timeline event
 * (domain/board/), so a broadcast through the Redis adapter would reach each board socket once per
 * instance. Local pushes also keep one source per socket: its versions follow the store's sequence
 * through one cursor (pushes from several writers could cross in Redis), and its `changes` are
 * relative to what this instance sent before. Alone, `io.local` is the same room. Returns the unsubscribe.
 */
export function pushBoardUpdates(io: IoServer, { bus, matching }: Pick<Services, 'bus' | 'matching'>): () => void {
  const push = (...[update]: DomainEvents['board:updated']) => { io.local.to(boardRoom()).emit('board:updated', update); };
  const recomputed = () => { io.local.to(boardRoom()).emit('board:recomputed', { lastRecompute: matching.lastRecompute }); };
  bus.on('board:updated', push);
  bus.on('clusters:recomputed', recomputed);
  return () => {
    bus.off('board:updated', push);
    bus.off('clusters:recomputed', recomputed);
  };
}

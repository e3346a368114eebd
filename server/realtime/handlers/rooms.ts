// A client may ask to join a room, but only one it is entitled to; anything else is refused here.
import type { Logger } from 'pino';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import type { IoSocket } from '../events.js';
import { roomsOf } from '../rooms.js';
import { request } from './envelope.js';

const joinSchema = z.object({ room: z.string().min(1).max(200) }).strict();

/** `room:join {room}`: only a room of your own (see rooms.ts); anything else answers forbidden and joins nothing. */
export function registerRoomHandlers(socket: IoSocket, logger: Logger): void {
  socket.on('room:join', request(socket, logger, joinSchema, async ({ room }) => {
    if (!roomsOf(socket.data).includes(room)) {
      logger.warn({ userId: socket.data.actor.id, room }, 'socket asked for a room that is not its own');
      throw new AppError('forbidden', 'notifications.errors.room_forbidden');
    }
    await socket.join(room);
    return { room };
  }));
}

/**
 * "Nothing more arrives" on a socket without waiting a fixed time: the server sends a marker to the
 * user's own room after the work under test, and socket.io keeps each socket's order, so once the
 * marker is in, anything the server sent that socket before it is in too.
 *
 *   await app.services.board.settled();
 *   await markerThrough(app.handle.io, socket, user.id);
 *   expect(unwanted).to.deep.equal([]);
 */
import type { Server } from 'socket.io';
import type { Socket as ClientSocket } from 'socket.io-client';
import type { NotificationPayload } from '../../server/realtime/events.js';
import { userRoom } from '../../server/realtime/rooms.js';

export function markerThrough(io: Pick<Server, 'to'>, socket: ClientSocket, userId: string): Promise<NotificationPayload> {
  // A kind no real notification has, so no test's filter on kinds counts the marker.
  const marker: NotificationPayload = { id: `marker-${process.hrtime.bigint()}`, kind: 'marker' as NotificationPayload['kind'], text: 'marker', link: '/ideas', createdAt: new Date().toISOString(), readAt: null };
  const arrived = new Promise<NotificationPayload>((resolve, reject) => {
    const timer = setTimeout(() => { socket.off('notification:created', on); reject(new Error('the marker did not arrive within 5 s')); }, 5000);
    const on = (n: NotificationPayload) => {
      if (n.id !== marker.id) return;
      clearTimeout(timer);
      socket.off('notification:created', on);
      resolve(n);
    };
    socket.on('notification:created', on);
  });
  io.to(userRoom(userId)).emit('notification:created', marker);
  return arrived;
}

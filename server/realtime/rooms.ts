// Who hears what over socket.io: every room name, and who may be in which room, decided in one place.
import { isProgramme } from '../domain/rules/who-may-act.js';
import type { SocketData } from './events.js';

/**
 * Room names come only from these helpers, so a typo cannot open a channel nobody checks.
 * A socket joins its user's room and its organisation's room on connect, nothing else.
 */
export const userRoom = (userId: string): string => `user:${userId}`;
export const organisationRoom = (organisationId: string): string => `organisation:${organisationId}`;
/** Every socket opened with one session (the session id is secret: this room is never joinable, see roomsOf). */
export const sessionRoom = (sid: string): string => `session:${sid}`;
/** The programme team's live board (domain/board/). */
export const boardRoom = (): string => 'board';

/** The rooms this socket's user is entitled to: their own user room, their organisation's, and the board for the programme team. */
export function roomsOf({ actor }: Pick<SocketData, 'actor'>): string[] {
  return [
    userRoom(actor.id),
    ...(actor.organisationId ? [organisationRoom(actor.organisationId)] : []),
    ...(isProgramme(actor) ? [boardRoom()] : []),
  ];
}

/** The rooms joined on connect: the user's own room, their organisation's room, and their session's (to end it on sign-out). */
export function connectRooms({ actor, sid }: Pick<SocketData, 'actor'> & Partial<Pick<SocketData, 'sid'>>): string[] {
  return [userRoom(actor.id), ...(actor.organisationId ? [organisationRoom(actor.organisationId)] : []), ...(sid ? [sessionRoom(sid)] : [])];
}

// The socket.io contract in one place, so the server, the browser client and the tests agree on every event.
import type { Server, Socket } from 'socket.io';
import type { Actor } from '../domain/actor.js';
import type { BoardCatchUp, BoardUpdate } from '../domain/board/index.js';
import type { LastRecompute } from '../domain/matching.js';
import type { ErrorCode } from '../errors.js';
import type { Locale } from '../i18n/index.js';
import type { NotificationKind } from '../store/store.js';

/**
 * The socket.io contract, both directions. Requests are `entity:verb` with an ack that answers a
 * `Result<T>`; broadcasts are `entity:verbed` (or a state, like `notifications:unread`). The browser
 * client (public/js/live.js) and the tests speak exactly this.
 */
export type Result<T> =
  | { ok: true; data: T }
  | { ok: false; error: { code: ErrorCode; message: string; fields?: Record<string, { code: string; message: string }>; retryAfter?: number } };

export type Ack<T> = (result: Result<T>) => void;

/** A notification as the client shows it: the text already in the socket's language. */
export interface NotificationPayload {
  id: string;
  kind: NotificationKind;
  text: string;
  link: string;
  createdAt: string;
  readAt: string | null;
}

export type MarkReadRequest = { ids: string[] } | { all: true };

export interface ClientToServerEvents {
  /** Join a room; only your own user and organisation rooms (already joined on connect) are allowed. */
  'room:join': (payload: { room: string }, ack: Ack<{ room: string }>) => void;
  /** Catch-up: your notifications created after `since` (ISO time), newest first, at most 100. */
  'notifications:since': (payload: { since: string }, ack: Ack<{ items: NotificationPayload[] }>) => void;
  /** Mark some or all of your notifications read; answers how many changed and what is still unread. */
  'notifications:read': (payload: MarkReadRequest, ack: Ack<{ changed: number; unread: number }>) => void;
  /** Programme team: what the board missed since `version` (catch-up on reconnect), or `reload: true`. */
  'board:since': (payload: { version: number }, ack: Ack<BoardCatchUp>) => void;
}

export interface ServerToClientEvents {
  /** A new notification for you (live, or missed while offline and sent on reconnect). */
  'notification:created': (notification: NotificationPayload) => void;
  /** Your unread count changed (or: here it is, on connect). */
  'notifications:unread': (payload: { count: number }) => void;
  /** To the board room: the board changed; `version` only grows, so an older one than the client has is stale. */
  'board:updated': (update: BoardUpdate) => void;
  /** The clusters were fully recomputed (board room): when, over how many ideas, how long it took. */
  'board:recomputed': (payload: { lastRecompute: LastRecompute | null }) => void;
}

/** What the handshake may carry in `auth`: the newest `createdAt` the client has seen. */
export interface HandshakeAuth {
  since?: string;
}

export type InterServerEvents = Record<string, never>;

/** Set once by the authentication middleware; every handler reads the actor from here. */
export interface SocketData {
  actor: Actor;
  locale: Locale;
  /** The session the socket was opened with: it lives no longer than that (session-guard.ts). */
  sid: string;
}

export type IoServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

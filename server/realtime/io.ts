// The realtime edge: a socket is signed in exactly when the page is, and hears only what concerns its user.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestHandler, Response } from 'express';
import type { SessionData } from 'express-session';
import type { Logger } from 'pino';
import type { Services } from '../services.js';
import { actorOf } from '../domain/actor.js';
import type { DomainEvents } from '../domain/events.js';
import { NOTIFICATION_LIMITS } from '../domain/notifications.js';
import type { ErrorCode } from '../errors.js';
import { DEFAULT_LOCALE, t, type Locale } from '../i18n/index.js';
import type { HandshakeAuth, IoServer, IoSocket } from './events.js';
import { pushBoardUpdates, registerBoardHandlers } from './handlers/board.js';
import { registerNotificationHandlers, toPayload } from './handlers/notifications.js';
import { pushNotifications } from './notification-pushes.js';
import { registerRoomHandlers } from './handlers/rooms.js';
import { connectRooms, sessionRoom, userRoom } from './rooms.js';
import { guardSession } from './session-guard.js';
import { limitRequests } from './socket-limit.js';
import type { Clock } from '../domain/clock.js';

export interface RealtimeDeps {
  /** The very session middleware instance the pages use, so a socket is signed in exactly when the page is. */
  sessionMiddleware: RequestHandler;
  /** Sets `req.locale` from the `lang` cookie, as for the pages. */
  localeMiddleware: RequestHandler;
  /** Sign-in checks (accounts), the unread counts, the board's catch-up and what the domain announces. */
  services: Pick<Services, 'bus' | 'accounts' | 'notifications' | 'board' | 'matching'>;
  logger: Logger;
  clock: Clock;
  /** Requests a socket may send per minute (socket-limit.ts). */
  socketRequestsPerMinute: number;
}

type EngineMiddleware = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;
type HandshakeRequest = IncomingMessage & { _query?: Record<string, string>; locale?: Locale; session?: Partial<SessionData>; sessionID?: string };

/**
 * Runs an Express middleware on the engine.io handshake only: later polling requests of the same
 * connection carry a `sid` and need no session lookup (and must not roll the cookie on every poll).
 */
const onHandshake = (middleware: RequestHandler): EngineMiddleware => (req, res, next) => {
  if ((req as HandshakeRequest)._query?.sid !== undefined) return next();
  void middleware(req as unknown as Request, res as unknown as Response, next);
};

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
function sinceFrom(auth: unknown): string | undefined {
  const since = (auth as HandshakeAuth | undefined)?.since;
  return typeof since === 'string' && ISO.test(since) && !Number.isNaN(Date.parse(since)) ? since : undefined;
}

/**
 * The realtime edge: authenticates sockets with the pages' session cookie, puts each in its user's and
 * organisation's rooms, answers requests (handlers/), and pushes what the domain announces to exactly
 * the users concerned. Returns `close()`, which stops listening to the domain.
 */
export function attachRealtime(io: IoServer, deps: RealtimeDeps): { close(): void } {
  const { services, logger } = deps;
  const { bus, accounts, notifications } = services;

  io.engine.use(onHandshake(deps.localeMiddleware));
  io.engine.use(onHandshake(deps.sessionMiddleware));

  io.use(async (socket, next) => {
    const req = socket.request as HandshakeRequest;
    const locale = req.locale ?? DEFAULT_LOCALE;
    const refuse = (code: ErrorCode, key: string) => {
      const err = new Error(code) as Error & { data?: unknown };
      err.data = { code, message: t(locale, key) };
      next(err);
    };
    try {
      const userId = req.session?.userId;
      if (!userId || !req.sessionID) return refuse('unauthenticated', 'errors.signin_required');
      const user = await accounts.signedInUser(userId);
      if (!user) return refuse('unauthenticated', 'errors.signin_required');
      if (!user.active) return refuse('unauthenticated', 'notifications.errors.account_inactive');
      socket.data.actor = actorOf(user);
      socket.data.locale = locale;
      socket.data.sid = req.sessionID;
      next();
    } catch (err) {
      logger.error({ err }, 'socket authentication failed');
      refuse('internal', 'errors.internal');
    }
  });

  io.on('connection', (socket) => {
    // Joined synchronously, before anything can be published for this user.
    for (const room of connectRooms(socket.data)) void socket.join(room);
    // Before the handlers, in this order: a flood is cut before it costs a store read; then the session check.
    limitRequests(socket, deps.socketRequestsPerMinute);
    const unguard = guardSession(socket, { liveSession: accounts.liveSession, clock: deps.clock, logger });
    socket.on('disconnect', unguard);
    registerRoomHandlers(socket, logger);
    registerNotificationHandlers(socket, { notifications, logger });
    registerBoardHandlers(socket, { board: services.board, logger });
    void welcome(socket);
  });

  /** On (re)connect: what the client missed since `auth.since`, oldest first, then the unread count. */
  async function welcome(socket: IoSocket): Promise<void> {
    const { actor, locale } = socket.data;
    try {
      const since = sinceFrom(socket.handshake.auth);
      if (since) {
        const missed = await notifications.list(actor, { since, limit: NOTIFICATION_LIMITS.maxPageSize });
        for (const n of missed.reverse()) socket.emit('notification:created', toPayload(n, locale));
      }
      socket.emit('notifications:unread', { count: await notifications.countUnread(actor.id) });
    } catch (err) {
      logger.error({ err, userId: actor.id }, 'socket catch-up failed');
    }
  }

  async function pushUnread(userId: string): Promise<void> {
    const room = userRoom(userId);
    if ((await io.in(room).fetchSockets()).length === 0) return;
    io.to(room).emit('notifications:unread', { count: await notifications.countUnread(userId) });
  }

  const onRead = (...[event]: DomainEvents['notifications:read']) => {
    pushUnread(event.userId).catch((err: unknown) => logger.error({ err }, 'pushing the unread count failed'));
  };
  const stopBoard = pushBoardUpdates(io, services);
  const pushes = pushNotifications(io, { bus, notifications, logger });
  bus.on('notifications:read', onRead);
  // A deactivated user's open sockets end now, not at their next reconnect (which the handshake refuses).
  const onDeactivated = (...[event]: DomainEvents['user:deactivated']) => io.in(userRoom(event.userId)).disconnectSockets(true);
  bus.on('user:deactivated', onDeactivated);
  // Signed out, or every session ended: through the adapter, the sockets on every instance end too.
  const onSessionEnded = (...[event]: DomainEvents['session:ended']) => io.in(sessionRoom(event.sid)).disconnectSockets(true);
  const onUserSessionsEnded = (...[event]: DomainEvents['user:sessions-ended']) => io.in(userRoom(event.userId)).disconnectSockets(true);
  bus.on('session:ended', onSessionEnded);
  bus.on('user:sessions-ended', onUserSessionsEnded);

  return {
    close() {
      stopBoard();
      pushes.close();
      bus.off('notifications:read', onRead);
      bus.off('user:deactivated', onDeactivated);
      bus.off('session:ended', onSessionEnded);
      bus.off('user:sessions-ended', onUserSessionsEnded);
    },
  };
}

// A socket must not outlive the session it was opened with (issue 15.2): when that ends, so does the socket.
import type { Logger } from 'pino';
import type { Clock } from '../domain/clock.js';
import type { ErrorCode } from '../errors.js';
import { t } from '../i18n/index.js';
import type { SessionRecord } from '../store/store.js';
import type { IoSocket } from './events.js';

/** A session ends at its expiry; the socket checks again then (and at least this often, for a session that rolled on). */
const RECHECK_MAX_MS = 60_000;
/** After the expiry, so that the store agrees the session is over. */
const MARGIN_MS = 250;

export interface SessionGuardDeps {
  /** The session while it is live (accounts.liveSession); null once it ended or expired. */
  liveSession: (sid: string) => Promise<Pick<SessionRecord, 'userId' | 'expiresAt'> | null>;
  clock: Clock;
  logger: Logger;
}

/**
 * A socket lives no longer than the session it was opened with (issue 15.2):
 *  - every request the client sends is served only while that session is still there, for the same
 *    user (otherwise the ack answers `unauthenticated` and the socket is closed);
 *  - a timer closes the socket when the session expires (re-reading the store then, since a session
 *    rolls on with every page the user opens);
 *  - signing out and deactivation close it at once through its session or user room (io.ts), on
 *    every instance when socket.io runs on the Redis adapter.
 * Returns a function that stops the timer (on disconnect).
 */
export function guardSession(socket: IoSocket, { liveSession, clock, logger }: SessionGuardDeps): () => void {
  const { sid, actor } = socket.data;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  /** The session's expiry while it is live and still this user's, else null. */
  async function liveUntil(): Promise<number | null> {
    const rec = await liveSession(sid);
    return rec && rec.userId === actor.id ? Date.parse(rec.expiresAt) : null;
  }

  function end(reason: string): void {
    logger.debug({ userId: actor.id, reason }, 'socket closed: its session ended');
    socket.disconnect(true);
  }

  async function check(): Promise<void> {
    timer = null;
    if (stopped) return;
    const until = await liveUntil().catch(() => Number.POSITIVE_INFINITY); // a store hiccup is not a sign-out
    if (until === null) return end('expired');
    const wait = Number.isFinite(until) ? until - clock.now().getTime() + MARGIN_MS : RECHECK_MAX_MS;
    timer = setTimeout(() => void check(), Math.min(Math.max(wait, MARGIN_MS), RECHECK_MAX_MS));
    timer.unref();
  }
  void check();

  socket.use((packet, next) => {
    const ack = packet[packet.length - 1];
    const refuse = (code: ErrorCode, key: string) => {
      if (typeof ack === 'function') (ack as (r: unknown) => void)({ ok: false, error: { code, message: t(socket.data.locale, key) } });
    };
    liveUntil().then(
      (until) => {
        if (until !== null) return next();
        refuse('unauthenticated', 'errors.signin_required');
        end('request after the session ended');
      },
      (err: unknown) => {
        // Not next(err): socket.io would emit it as an 'error' event on the socket. Fail closed, say so.
        logger.error({ err, userId: actor.id }, 'socket session check failed');
        refuse('internal', 'errors.internal');
      },
    );
  });

  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}

// Sessions live in our own store, not in memory: they survive a restart and work across instances,
// and deactivating a user can end every session of theirs at once (the user id has its own column).
import session from 'express-session';
import type { RequestHandler } from 'express';
import type { Store } from '../../store/store.js';
import type { Clock } from '../../domain/clock.js';
import type { DomainBus } from '../../domain/events.js';

const TOUCH_SLACK = 0.01;
const MAX_REMEMBERED = 50_000;

class PortSessionStore extends session.Store {
  /**
   * The expiry each recently read session has in the store. `rolling` moves the expiry on every
   * request; writing it each time costs a synchronous SQLite commit (an fsync) per request on the main
   * thread. touch() writes only when the expiry moved by more than TOUCH_SLACK of the lifetime, so a
   * session may end that much earlier than its cookie says (12 h: 7 minutes).
   */
  private readonly stored = new Map<string, number>();

  constructor(private readonly store: Store, private readonly clock: Clock, private readonly ttlMs: number) {
    super();
  }

  private remember(sid: string, expiresAt: string): void {
    this.stored.delete(sid);
    this.stored.set(sid, Date.parse(expiresAt));
    if (this.stored.size > MAX_REMEMBERED) this.stored.delete(this.stored.keys().next().value!);
  }

  private expiry(sess: session.SessionData): string {
    const exp = sess.cookie?.expires ? new Date(sess.cookie.expires) : new Date(this.clock.now().getTime() + this.ttlMs);
    return exp.toISOString();
  }

  override get(sid: string, cb: (err: unknown, session?: session.SessionData | null) => void): void {
    this.store.getSession(sid, this.clock.now().toISOString()).then(
      (rec) => {
        if (rec) this.remember(sid, rec.expiresAt);
        cb(null, rec ? (JSON.parse(rec.data) as session.SessionData) : null);
      },
      (err) => cb(err),
    );
  }

  override set(sid: string, sess: session.SessionData, cb?: (err?: unknown) => void): void {
    const expiresAt = this.expiry(sess);
    this.store
      .setSession({ sid, userId: sess.userId ?? null, data: JSON.stringify(sess), expiresAt })
      .then(() => { this.remember(sid, expiresAt); cb?.(); }, (err) => cb?.(err));
  }

  override touch(sid: string, sess: session.SessionData, cb?: (err?: unknown) => void): void {
    const stored = this.stored.get(sid);
    if (stored !== undefined && Date.parse(this.expiry(sess)) - stored < this.ttlMs * TOUCH_SLACK) return cb?.();
    this.set(sid, sess, cb);
  }

  override destroy(sid: string, cb?: (err?: unknown) => void): void {
    this.stored.delete(sid);
    this.store.destroySession(sid).then(() => cb?.(), (err) => cb?.(err));
  }
}

export const SESSION_COOKIE = 'medestander.sid';

export function sessionMiddleware(opts: { store: Store; clock: Clock; secret: string; ttlMs: number; secure: boolean }): RequestHandler {
  return session({
    name: SESSION_COOKIE,
    secret: opts.secret,
    store: new PortSessionStore(opts.store, opts.clock, opts.ttlMs),
    resave: false,
    saveUninitialized: false, // visitors get no session until a form needs a CSRF token
    rolling: true,
    cookie: { httpOnly: true, sameSite: 'lax', secure: opts.secure, maxAge: opts.ttlMs },
  });
}

/** Where sign-outs are announced, so the sockets of an ended session end too (realtime/io.ts). */
type SessionBus = Pick<DomainBus, 'emit'>;

/**
 * Signs a user in on this request: a new session id (against fixation), then the user id. A session
 * that was signed in before (someone else's, in this browser) ends, with its sockets.
 */
export async function startUserSession(req: import('express').Request, userId: string, bus?: SessionBus): Promise<void> {
  const previous = req.session?.userId ? req.sessionID : null;
  await new Promise<void>((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));
  if (previous) bus?.emit('session:ended', { sid: previous });
  req.session.userId = userId;
  await new Promise<void>((resolve, reject) => req.session.save((err) => (err ? reject(err) : resolve())));
}

/** Signs out: the session is gone from the store, and its sockets close on every instance. */
export async function endUserSession(req: import('express').Request, bus: SessionBus): Promise<void> {
  if (!req.session) return;
  const sid = req.sessionID;
  await new Promise<void>((resolve, reject) => req.session.destroy((err) => (err ? reject(err) : resolve())));
  bus.emit('session:ended', { sid });
}

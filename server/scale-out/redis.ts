// Every Redis feature here shares two connections that outlive Redis restarts and half-open paths.
import { Redis, ReplyError } from 'ioredis';
import type { Logger } from 'pino';

/**
 * The two Redis connections an instance keeps: `cmd` for commands and publishing, `sub` for
 * subscriptions (a subscribed connection can do nothing else). Both reconnect for ever with a capped
 * backoff, so an instance that starts without Redis, or loses it, goes on serving and picks up again
 * when Redis is back.
 *
 * `cmd` has no offline queue: while Redis is away a command fails at once (the caller degrades)
 * instead of piling up and firing late. With `commandTimeoutMs` a command on `cmd` that gets no answer
 * in that time fails with "Command timed out", and is not sent again after a reconnect (its caller has
 * moved on; a lock round or a publish must not run late). `sub` has no timeout (a subscription waits
 * for its connection), keeps its subscribe commands queued until it connects, sends again those a
 * lost connection never answered, and ioredis subscribes again after every reconnect.
 *
 * A half-open connection (a proxy or NAT that silently stops forwarding, the socket still open) is
 * never noticed by ioredis itself: it stays "ready" while nothing comes back. With `watchdog` each
 * ready connection is PINGed (`sub` too: PING is allowed in subscriber mode); after two PINGs in a row
 * without anything coming back, or a reconnect whose handshake gets no answer in as long, the
 * connection is taken for dead: `isUp()` turns false and it reconnects (so the usual catching up runs
 * once it is ready again).
 */
export interface RedisConnections {
  cmd: Redis;
  sub: Redis;
  /** Both connections are ready, and neither is being reconnected by the watchdog. */
  isUp(): boolean;
  /** Runs `listener(up)` whenever the state above changes. */
  onChange(listener: (up: boolean) => void): void;
  close(): Promise<void>;
}

/** Reconnect after 100 ms, 200 ms, … at most `maxDelayMs` apart, for ever. */
export const backoff = (maxDelayMs: number) => (attempt: number): number => Math.min(attempt * 100, maxDelayMs);

export interface Watchdog {
  /** A ready connection is PINGed this often. */
  intervalMs: number;
  /** A PING after which nothing comes back within this time is missed. */
  timeoutMs: number;
}

/** Missed PINGs in a row after which a connection is taken for dead. */
export const WATCHDOG_MISSES = 2;

export interface RedisOptions {
  /** The longest reconnect backoff. */
  maxDelayMs?: number;
  /** Fail a command on `cmd` that gets no answer in this time (none by default). */
  commandTimeoutMs?: number;
  /** Reconnect a connection that no longer answers (no watchdog by default). */
  watchdog?: Watchdog;
}

export function connectRedis(url: string, logger: Logger, opts: RedisOptions = {}): RedisConnections {
  const common = { retryStrategy: backoff(opts.maxDelayMs ?? 2000), connectTimeout: 5000, lazyConnect: false };
  const cmd = new Redis(url, {
    ...common, connectionName: 'medestander-cmd', enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: opts.commandTimeoutMs,
    // A command still unanswered when its connection is lost is not sent again after the reconnect:
    // its timeout fails it and the caller moves on; sent late, it could take the lock for a round
    // that gave up, or count a sign-in twice. Without a timeout it would never settle unless sent again.
    autoResendUnfulfilledCommands: opts.commandTimeoutMs === undefined,
  });
  const sub = new Redis(url, { ...common, connectionName: 'medestander-sub', maxRetriesPerRequest: null, autoResubscribe: true });
  // The socket.io adapter calls publish/subscribe without handling their promises; a refused or
  // timed-out command there would be an unhandled rejection, which ends a Node process.
  for (const client of [cmd, sub]) swallowRejections(client, ['publish', 'subscribe', 'psubscribe', 'unsubscribe', 'punsubscribe']);

  const listeners: ((up: boolean) => void)[] = [];
  let up = false;
  let closing = false;
  // Connections the watchdog gave up on, until they are ready again (ioredis still says "ready" for a moment).
  const dead = new Set<Redis>();
  const update = () => {
    const now = !closing && [cmd, sub].every((c) => c.status === 'ready' && !dead.has(c));
    if (now === up) return;
    up = now;
    if (!closing) logger[up ? 'info' : 'warn'](up ? 'redis: connected' : 'redis: unreachable; live updates stay on this instance until it is back');
    for (const l of listeners) l(up);
  };
  for (const client of [cmd, sub]) {
    // Without an 'error' listener ioredis would print every failed reconnect; the state change is logged once above.
    client.on('error', (err: Error) => logger.debug({ err: err.message, client: client.options.connectionName }, 'redis: connection error'));
    client.on('ready', () => { dead.delete(client); update(); });
    client.on('close', update);
    client.on('end', update);
  }

  const reconnect = (client: Redis, why: string, wasReady: boolean) => {
    if (closing) return;
    const name = client.options.connectionName;
    // Once per lost connection; a reconnect that stalls again (the path still dead) is only worth a debug line.
    if (wasReady) logger.warn({ client: name }, `redis: ${why}; reconnecting`);
    else logger.debug({ client: name }, `redis: ${why}; reconnecting`);
    dead.add(client);
    update();
    // Destroyed rather than ended (`disconnect(true)`): ending waits for the other side, up to
    // ioredis' disconnectTimeout (2 s), and on a dead path it never answers. Either way ioredis reconnects.
    client.stream.destroy();
  };
  const stopWatching = opts.watchdog
    ? [cmd, sub].map((client) => watch(client, opts.watchdog!, logger, (why, wasReady) => reconnect(client, why, wasReady)))
    : [];

  return {
    cmd,
    sub,
    isUp: () => up,
    onChange: (l) => { listeners.push(l); },
    async close() {
      closing = true;
      for (const stop of stopWatching) stop();
      update();
      await Promise.all([cmd, sub].map(async (c) => {
        if (c.status !== 'ready' || dead.has(c)) return c.disconnect();
        // QUIT on a half-open `sub` (no command timeout) would never be answered.
        const quit = c.quit().then(() => true, () => false);
        if (!(await (opts.watchdog ? orAfter(quit, opts.watchdog.timeoutMs, false) : quit))) c.disconnect();
      }));
    },
  };
}

/**
 * PINGs `client` every `intervalMs` while it is ready. Anything that comes back on the connection
 * within `timeoutMs` of a PING counts as an answer (a pub/sub message as much as the PONG); after
 * WATCHDOG_MISSES PINGs in a row without one, `dead` is called. A new connection whose handshake
 * (CLIENT SETNAME, INFO) gets no answer in as long is dead too: ioredis' connectTimeout only covers
 * the TCP connect, and would leave it waiting for ever. Returns `stop`.
 */
function watch(client: Redis, { intervalMs, timeoutMs }: Watchdog, logger: Logger, dead: (why: string, wasReady: boolean) => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  let connection = 0; // a round started on an earlier connection decides nothing
  let received = 0;
  let missed = 0;
  const stop = () => { connection++; clearTimeout(timer); timer = undefined; };
  const later = (ms: number, run: () => void) => { clearTimeout(timer); timer = setTimeout(run, ms); timer.unref(); };

  const round = (mine: number) => {
    const started = Date.now();
    const before = received;
    const reply = client.ping().then(() => true, (err: unknown) => err instanceof ReplyError);
    answeredWithin(reply, timeoutMs, () => received > before).then((answered) => {
      if (mine !== connection) return;
      missed = answered ? 0 : missed + 1;
      if (missed < WATCHDOG_MISSES) return later(Math.max(0, started + intervalMs - Date.now()), () => round(mine));
      stop();
      dead(`no answer to ${WATCHDOG_MISSES} PINGs in a row (${timeoutMs} ms each)`, true);
    }).catch((err: unknown) => logger.error({ err }, 'redis: watchdog failed'));
  };

  client.on('connect', () => {
    stop();
    const mine = connection;
    later(WATCHDOG_MISSES * timeoutMs, () => {
      if (mine !== connection || client.status !== 'connect') return;
      stop();
      dead(`no answer to the handshake in ${WATCHDOG_MISSES * timeoutMs} ms`, false);
    });
  });
  client.on('ready', () => {
    stop();
    missed = 0;
    const mine = connection;
    client.stream.on('data', () => { received++; });
    later(intervalMs, () => round(mine));
  });
  client.on('close', stop);
  client.on('end', stop);
  return stop;
}

/**
 * True as soon as `reply` says so; otherwise, after `ms`, whatever `heard()` says. That verdict waits
 * for the poll phase (setImmediate): an answer that arrived while the event loop was busy past the
 * timeout is read first and still counts.
 */
function answeredWithin(reply: Promise<boolean>, ms: number, heard: () => boolean): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => setImmediate(() => resolve(heard())), ms);
    timer.unref();
    void reply.then((answered) => {
      if (!answered) return;
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** What `work` resolves to, or `fallback` when it has not settled within `ms` (`work` runs on, unawaited). */
export async function orAfter<T>(work: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => { timer = setTimeout(() => resolve(fallback), ms); });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

function swallowRejections(client: Redis, methods: string[]): void {
  const target = client as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of methods) {
    const original = target[name]!.bind(client);
    target[name] = (...args: unknown[]) => {
      const result = original(...args);
      if (result instanceof Promise) result.catch(() => undefined);
      return result;
    };
  }
}

import { Redis } from 'ioredis';
import type { Logger } from 'pino';

/**
 * The two Redis connections an instance keeps: `cmd` for commands and publishing, `sub` for
 * subscriptions (a subscribed connection can do nothing else). Both reconnect for ever with a capped
 * backoff, so an instance that starts without Redis, or loses it, goes on serving and picks up again
 * when Redis is back.
 *
 * `cmd` has no offline queue: while Redis is away a command fails at once (the caller degrades)
 * instead of piling up and firing late. With `commandTimeoutMs` a command on `cmd` that gets no answer
 * in that time fails with "Command timed out": on a half-open connection (a proxy or NAT that silently
 * stops forwarding, the socket still open) it would otherwise wait for ever. `sub` has no timeout (a
 * subscription waits for its connection), keeps its subscribe commands queued until it connects, and
 * ioredis subscribes again after every reconnect.
 */
export interface RedisConnections {
  cmd: Redis;
  sub: Redis;
  /** Both connections are ready. */
  isUp(): boolean;
  /** Runs `listener(up)` whenever the state above changes. */
  onChange(listener: (up: boolean) => void): void;
  close(): Promise<void>;
}

/** Reconnect after 100 ms, 200 ms, … at most `maxDelayMs` apart, for ever. */
export const backoff = (maxDelayMs: number) => (attempt: number): number => Math.min(attempt * 100, maxDelayMs);

export interface RedisOptions {
  /** The longest reconnect backoff. */
  maxDelayMs?: number;
  /** Fail a command on `cmd` that gets no answer in this time (none by default). */
  commandTimeoutMs?: number;
}

export function connectRedis(url: string, logger: Logger, opts: RedisOptions = {}): RedisConnections {
  const common = { retryStrategy: backoff(opts.maxDelayMs ?? 2000), connectTimeout: 5000, lazyConnect: false };
  const cmd = new Redis(url, {
    ...common, connectionName: 'medestander-cmd', enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: opts.commandTimeoutMs,
  });
  const sub = new Redis(url, { ...common, connectionName: 'medestander-sub', maxRetriesPerRequest: null, autoResubscribe: true });
  // The socket.io adapter calls publish/subscribe without handling their promises; a refused or
  // timed-out command there would be an unhandled rejection, which ends a Node process.
  for (const client of [cmd, sub]) swallowRejections(client, ['publish', 'subscribe', 'psubscribe', 'unsubscribe', 'punsubscribe']);

  const listeners: ((up: boolean) => void)[] = [];
  let up = false;
  let closing = false;
  const update = () => {
    const now = !closing && cmd.status === 'ready' && sub.status === 'ready';
    if (now === up) return;
    up = now;
    if (!closing) logger[up ? 'info' : 'warn'](up ? 'redis: connected' : 'redis: unreachable; live updates stay on this instance until it is back');
    for (const l of listeners) l(up);
  };
  for (const client of [cmd, sub]) {
    // Without an 'error' listener ioredis would print every failed reconnect; the state change is logged once above.
    client.on('error', (err: Error) => logger.debug({ err: err.message, client: client.options.connectionName }, 'redis: connection error'));
    client.on('ready', update);
    client.on('close', update);
    client.on('end', update);
  }

  return {
    cmd,
    sub,
    isUp: () => up,
    onChange: (l) => { listeners.push(l); },
    async close() {
      closing = true;
      update();
      await Promise.all([cmd, sub].map(async (c) => {
        if (c.status === 'ready') await c.quit().catch(() => c.disconnect());
        else c.disconnect();
      }));
    },
  };
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

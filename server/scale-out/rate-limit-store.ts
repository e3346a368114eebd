// A limit must hold across instances: its counts live in Redis, not in each instance's memory.
import { MemoryStore, type ClientRateLimitInfo, type Options, type Store } from 'express-rate-limit';
import type { RedisConnections } from './redis.js';

// A fixed window per key: the first hit starts it (expiry = the window), later hits count in it.
const INCREMENT = `local hits = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) ttl = tonumber(ARGV[1]) end
return {hits, ttl}`;
// Never creates a key (it would have no expiry) and never goes below zero.
const DECREMENT = `if redis.call('GET', KEYS[1]) and tonumber(redis.call('GET', KEYS[1])) > 0 then return redis.call('DECR', KEYS[1]) else return 0 end`;

/**
 * express-rate-limit's store on Redis, so that a limit holds across all instances (a client that
 * spreads its attempts over N instances gets no N times the budget). While Redis is away it counts
 * in memory on this instance: the limit then holds per instance, rather than not at all or by
 * refusing every sign-in.
 */
export class RedisRateLimitStore implements Store {
  readonly localKeys = false;
  private windowMs = 60_000;
  private readonly fallback = new MemoryStore();

  constructor(private readonly redis: RedisConnections, readonly prefix: string) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
    this.fallback.init(options);
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    if (!this.redis.isUp()) return this.fallback.increment(key);
    try {
      const [hits, ttl] = (await this.redis.cmd.eval(INCREMENT, 1, this.prefix + key, String(this.windowMs))) as [number, number];
      return { totalHits: hits, resetTime: new Date(Date.now() + ttl) };
    } catch {
      return this.fallback.increment(key);
    }
  }

  async decrement(key: string): Promise<void> {
    if (!this.redis.isUp()) return this.fallback.decrement(key);
    await this.redis.cmd.eval(DECREMENT, 1, this.prefix + key).catch(() => this.fallback.decrement(key));
  }

  async resetKey(key: string): Promise<void> {
    await this.fallback.resetKey(key);
    if (this.redis.isUp()) await this.redis.cmd.del(this.prefix + key).catch(() => undefined);
  }

  shutdown(): void {
    this.fallback.shutdown();
  }
}

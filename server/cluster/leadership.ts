import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

// Renew or release only while the lock still holds our token: after an expiry another instance may own it.
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

export interface LockOptions {
  redis: Redis;
  /** The lock's key (prefixed by the caller). */
  key: string;
  /** A lock not renewed for this long expires: the longest a crashed leader blocks the others. */
  ttlMs: number;
  logger: Logger;
}

/**
 * A lock with expiry in Redis that elects one leader among the instances: `SET key token NX PX ttl`
 * to take it, renewed every third of the TTL by a script that checks the token, released the same
 * way on close. An instance that cannot renew (Redis away) steps down before its lock can have
 * expired, so two instances never both believe they lead; it takes the lock again when it can.
 */
export class RedisLock {
  readonly token = randomUUID();
  private leader = false;
  private renewedAt = 0;
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> = Promise.resolve();
  private readonly listeners: ((leader: boolean) => void)[] = [];
  private stopped = false;

  constructor(private readonly o: LockOptions) {}

  isLeader(): boolean { return this.leader; }

  onChange(listener: (leader: boolean) => void): void { this.listeners.push(listener); }

  start(): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => void this.tick(), Math.max(100, Math.floor(this.o.ttlMs / 3)));
    this.timer.unref();
    void this.tick();
  }

  /** One election round now (also when another instance says it let go). */
  tick(): Promise<void> {
    this.ticking = this.ticking.then(() => this.round()).catch((err: unknown) => this.o.logger.error({ err }, 'leadership: round failed'));
    return this.ticking;
  }

  private async round(): Promise<void> {
    if (this.stopped) return;
    const { redis, key, ttlMs } = this.o;
    const started = Date.now();
    try {
      const held = this.leader
        ? (await redis.eval(RENEW, 1, key, this.token, String(ttlMs))) === 1
        : (await redis.set(key, this.token, 'PX', ttlMs, 'NX')) === 'OK';
      if (held) this.renewedAt = started;
      if (!this.stopped) this.set(held);
    } catch (err) {
      // Keep leading only while the lock we last renewed must still be ours, with a safety margin.
      if (this.leader && Date.now() - this.renewedAt > ttlMs * 0.6) this.set(false);
      this.o.logger.debug({ err: (err as Error).message }, 'leadership: redis command failed');
    }
  }

  private set(leader: boolean): void {
    if (leader === this.leader) return;
    this.leader = leader;
    this.o.logger.info({ token: this.token }, leader ? 'leadership: this instance now recomputes the clusters' : 'leadership: this instance stepped down');
    for (const l of this.listeners) l(leader);
  }

  /** Stops competing and lets go of the lock, so another instance takes over at once rather than after the TTL. */
  async stop(): Promise<boolean> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.ticking;
    const wasLeader = this.leader;
    this.set(false);
    if (!wasLeader) return false;
    return (await this.o.redis.eval(RELEASE, 1, this.o.key, this.token).catch(() => 0)) === 1;
  }
}

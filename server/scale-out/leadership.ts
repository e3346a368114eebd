// Exactly one instance recomputes the clusters: the holder of a lock with expiry in Redis.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { orAfter } from './redis.js';

// Renew or release only while the lock still holds our token: after an expiry another instance may own it.
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

/** Leadership ends this far into the TTL after the last successful renewal: the margin covers clock drift and a slow reply. */
const STEP_DOWN_AT = 0.6;

/**
 * The command timeout for the connection the lock runs on (`connectRedis`' `commandTimeoutMs`): a
 * quarter of the TTL, so a renewal stuck on a half-open connection fails within one renewal period
 * and the next round still runs well before the step-down deadline.
 */
export const lockCommandTimeoutMs = (ttlMs: number): number => Math.max(100, Math.floor(ttlMs / 4));

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
 * way on close. Two instances never both believe they lead: leadership ends on a local clock once
 * the last successful renewal is older than 60 % of the TTL, before the lock can have expired in
 * Redis, whatever Redis does meanwhile (refuses, or never answers on a half-open connection). An
 * instance takes the lock again when it can.
 */
export class RedisLock {
  readonly token = randomUUID();
  private leader = false;
  private renewedAt = 0;
  private timer: NodeJS.Timeout | null = null;
  private deadline: NodeJS.Timeout | null = null;
  private ticking: Promise<void> = Promise.resolve();
  private rounds = 0;
  private readonly listeners: ((leader: boolean) => void)[] = [];
  private stopped = false;
  private readonly periodMs: number;

  constructor(private readonly o: LockOptions) {
    this.periodMs = Math.max(100, Math.floor(o.ttlMs / 3));
  }

  /** False from the step-down deadline on, even before the deadline's timer has told the listeners. */
  isLeader(): boolean { return this.leader && Date.now() - this.renewedAt < this.o.ttlMs * STEP_DOWN_AT; }

  onChange(listener: (leader: boolean) => void): void { this.listeners.push(listener); }

  start(): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => void this.tick(), this.periodMs);
    this.timer.unref();
    void this.tick();
  }

  /** One election round now (also when another instance says it let go). */
  tick(): Promise<void> {
    this.ticking = this.ticking.then(() => this.boundedRound()).catch((err: unknown) => this.o.logger.error({ err }, 'leadership: round failed'));
    return this.ticking;
  }

  /**
   * A round whose command never answers gives way after one renewal period, so later rounds (and
   * `stop`) are not chained behind it for ever; whatever it learns afterwards is ignored.
   */
  private async boundedRound(): Promise<void> {
    const round = ++this.rounds;
    const gaveUp = await orAfter(this.round(round).then(() => false), this.periodMs, true);
    if (gaveUp) this.o.logger.warn({ token: this.token }, 'leadership: Redis did not answer within a renewal period');
  }

  private async round(round: number): Promise<void> {
    if (this.stopped) return;
    const { redis, key, ttlMs } = this.o;
    const started = Date.now();
    try {
      const held = this.leader
        ? (await redis.eval(RENEW, 1, key, this.token, String(ttlMs))) === 1
        : (await redis.set(key, this.token, 'PX', ttlMs, 'NX')) === 'OK';
      if (round !== this.rounds || this.stopped) return;
      if (held) this.renewed(started);
      this.set(held);
    } catch (err) {
      // A failed command (Redis away, or "Command timed out" on a half-open connection): keep leading
      // only until the deadline of the last renewal, which the deadline timer also enforces.
      if (this.leader && !this.isLeader()) this.set(false);
      this.o.logger.debug({ err: (err as Error).message }, 'leadership: redis command failed');
    }
  }

  /**
   * The lock is ours until at least `at` + TTL (Redis ran the command after `at`). Leadership ends at
   * `at` + 60 % of the TTL unless a later renewal moves it: a timer of its own, outside the rounds,
   * so a hanging round cannot hold it up.
   */
  private renewed(at: number): void {
    this.renewedAt = at;
    if (this.deadline) clearTimeout(this.deadline);
    this.deadline = setTimeout(() => {
      this.deadline = null;
      if (this.renewedAt !== at || !this.leader) return;
      this.o.logger.warn({ token: this.token }, 'leadership: lock not renewed in time');
      this.set(false);
    }, Math.max(0, at + this.o.ttlMs * STEP_DOWN_AT - Date.now()));
    this.deadline.unref();
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
    if (this.deadline) clearTimeout(this.deadline);
    this.deadline = null;
    const wasLeader = this.leader;
    this.set(false);
    if (!wasLeader) return false;
    let released = false;
    await orAfter(this.o.redis.eval(RELEASE, 1, this.o.key, this.token).then((n) => { released = n === 1; }, () => undefined), this.periodMs, undefined);
    return released;
  }
}

import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { RedisLock, lockCommandTimeoutMs } from '../../server/scale-out/leadership.js';
import { connectRedis, type RedisConnections } from '../../server/scale-out/redis.js';
import { REDIS_URL, dropKeys, skipWithoutRedis, within } from '../support/instances.js';
import { redisProxy, type RedisProxy } from '../support/redis-proxy.js';

/**
 * The clustering leader's lock (server/scale-out/leadership.ts) when the leader's connection to Redis
 * goes half-open: a proxy or NAT that silently stops forwarding while the sockets stay open, so no
 * command fails and none is ever answered.
 */
const TTL_MS = 1500;
const STEP_DOWN_MS = TTL_MS * 0.6;
const logger = pino({ level: 'silent' });

describe('the clustering leader’s lock on a half-open connection', function () {
  this.timeout(20_000);
  let prefix: string;
  let proxy: RedisProxy;
  const locks: RedisLock[] = [];
  const closers: (() => Promise<unknown> | void)[] = [];

  before(async function () { await skipWithoutRedis(this); });
  beforeEach(async () => {
    prefix = `medestander-test-${randomUUID().slice(0, 8)}:`;
    proxy = await redisProxy();
  });
  afterEach(async () => {
    await proxy?.close();
    await Promise.all(locks.splice(0).map((l) => l.stop().catch(() => false)));
    for (const close of closers.splice(0)) await close();
    await dropKeys(prefix);
  });

  /** A lock on `redis` that records what its listeners heard. */
  function lockOn(redis: Redis) {
    const lock = new RedisLock({ redis, key: `${prefix}cluster:leader`, ttlMs: TTL_MS, logger });
    const heard: boolean[] = [];
    lock.onChange((leader) => heard.push(leader));
    locks.push(lock);
    lock.start();
    return { lock, heard };
  }

  function connect(url: string): RedisConnections {
    const redis = connectRedis(url, logger, { commandTimeoutMs: lockCommandTimeoutMs(TTL_MS) });
    closers.push(() => redis.close());
    return redis;
  }

  /**
   * Samples both locks every 10 ms, failing at once if both say they lead: until `done()` holds (failing
   * after `ms`), or for `ms` when no `done` is given.
   */
  async function watch(a: RedisLock, b: RedisLock, ms: number, done?: () => boolean, what = 'condition'): Promise<void> {
    const end = Date.now() + ms;
    for (;;) {
      expect(a.isLeader() && b.isLeader(), 'both instances lead').to.equal(false);
      if (done?.()) return;
      if (Date.now() > end) {
        if (done) throw new Error(`${what}: not within ${ms} ms`);
        return;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  it('when the leader’s connection silently stops forwarding, then it steps down before its lock expires, tells its listeners, and the other instance takes over without both ever leading', async () => {
    const viaProxy = connect(proxy.url);
    await within(5000, () => (viaProxy.isUp() ? true : undefined), 'A connected');
    const a = lockOn(viaProxy.cmd);
    await within(TTL_MS, () => (a.lock.isLeader() ? true : undefined), 'A leading');
    const direct = connect(REDIS_URL);
    await within(5000, () => (direct.isUp() ? true : undefined), 'B connected');
    const b = lockOn(direct.cmd);
    await watch(a.lock, b.lock, TTL_MS);
    expect(a.lock.isLeader(), 'A still leading before the partition').to.equal(true);

    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', record);
    try {
      const dropped = Date.now();
      proxy.drop();
      // The socket.io adapter publishes without handling the promise; timing out must not surface.
      void viaProxy.cmd.publish(`${prefix}channel`, 'lost');

      await watch(a.lock, b.lock, TTL_MS, () => !a.lock.isLeader() && a.heard.at(-1) === false, 'A stepping down');
      expect(Date.now() - dropped, 'A stepped down within 60 % of the TTL (plus scheduling slack)').to.be.at.most(STEP_DOWN_MS + 250);
      await watch(a.lock, b.lock, 2 * TTL_MS, () => b.lock.isLeader(), 'B taking over');
      expect(b.heard).to.deep.equal([true]);
      // A's commands now fail instead of hanging; it keeps trying and never leads again while B does.
      const timeoutMs = lockCommandTimeoutMs(TTL_MS);
      const pinged = Date.now();
      const failure = await viaProxy.cmd.ping().then(() => null, (err: Error) => err.message);
      expect(failure).to.equal('Command timed out');
      expect(Date.now() - pinged).to.be.below(timeoutMs + 250);
      await watch(a.lock, b.lock, TTL_MS / 2);
      expect(a.heard).to.deep.equal([true, false]);
      expect(b.lock.isLeader()).to.equal(true);
      expect(unhandled).to.deep.equal([]);
    } finally {
      process.off('unhandledRejection', record);
    }
  });

  it('when a renewal never returns and the connection has no command timeout, then the lock still steps down at its deadline and later rounds still run', async () => {
    const raw = new Redis(proxy.url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, retryStrategy: () => null });
    raw.on('error', () => undefined);
    closers.push(() => raw.disconnect());
    await within(5000, () => (raw.status === 'ready' ? true : undefined), 'connected');
    const a = lockOn(raw);
    await within(TTL_MS, () => (a.lock.isLeader() ? true : undefined), 'leading');

    const dropped = Date.now();
    proxy.drop();
    await within(TTL_MS, () => (!a.lock.isLeader() && a.heard.at(-1) === false ? true : undefined), 'stepping down');
    expect(Date.now() - dropped).to.be.at.most(STEP_DOWN_MS + 250);
    // The renewal is still unanswered, yet a new round settles: queued behind the hung one, each given up after a renewal period.
    const started = Date.now();
    await a.lock.tick();
    expect(Date.now() - started).to.be.below(2 * (TTL_MS / 3) + 250);
    expect(a.lock.isLeader()).to.equal(false);
  });
});

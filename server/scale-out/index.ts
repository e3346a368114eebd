// Several instances behind one load balancer, on one store: what they tell each other through Redis.
import { randomUUID } from 'node:crypto';
import type { Store as RateLimitStore } from 'express-rate-limit';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { BoardPeers } from '../domain/board/index.js';
import type { DomainBus, DomainEvents } from '../domain/events.js';
import type { RecomputeCoordination } from '../domain/matching/coordination.js';
import type { Matching } from '../domain/matching.js';
import type { IoServer } from '../realtime/events.js';
import { redisAdapter } from './adapter.js';
import { RedisLock, lockCommandTimeoutMs } from './leadership.js';
import type { Message } from './messages.js';
import { RedisRateLimitStore } from './rate-limit-store.js';
import { createRecomputeSync, type Follower } from './recompute-sync.js';
import { connectRedis, type RedisConnections } from './redis.js';

/** What the other instances' news does to this instance's matching. */
type ScaleOutMatching = Follower & Pick<Matching, 'ideaChangedElsewhere' | 'resync'>;

export interface ScaleOutHealth { redis: 'up' | 'down'; leader: boolean }

export interface ScaleOut {
  /** For the matching service: this instance recomputes only while it holds the lock (recompute-sync.ts). */
  coordination: RecomputeCoordination;
  /** For the board: tells the others which timeline events this instance stored (each pushes them to its own sockets). */
  boardPeers: BoardPeers;
  /** For the limits (sign-in, writes): counted in Redis, across instances. One store per limit, named by `name`. */
  rateLimitStore(name: string): RateLimitStore;
  health(): ScaleOutHealth;
  /** Puts socket.io on the Redis adapter, follows the other instances, starts competing for leadership. */
  attach(edges: { io: IoServer; bus: DomainBus; matching: ScaleOutMatching }): void;
  /** Lets go of the lock (another instance takes over at once) and stops following. */
  release(): Promise<void>;
  /** Closes the connections (after socket.io closed). */
  close(): Promise<void>;
}

/**
 * Several instances on one store and one Redis (REDIS_URL):
 *  - socket.io's Redis adapter, so a push from any instance reaches a socket on any other;
 *  - one clustering leader (a Redis lock, leadership.ts); only it runs the debounced recomputes;
 *  - every instance publishes the ids of ideas posted or edited through it; the others load the idea
 *    from the store (the source of truth; no personal data goes through Redis) and place it at once,
 *    so every engine holds every idea and the leader sees every change that calls for a recompute;
 *  - after each recompute the leader hands the result to the others, who adopt it, so all instances
 *    show the same clusters and each pushes them to its own sockets (recompute-sync.ts);
 *  - each instance writes the board's timeline events for the changes it took (the leader: those of
 *    its recomputes) and says so; every instance hears of ideas, labels and timeline events from the
 *    others on the bus (`idea:elsewhere`, `cluster:labelled-elsewhere`, `board:elsewhere`), so its
 *    board shows everything and pushes each event to its own sockets once (domain/board/);
 *  - the sign-in limit counted in Redis.
 * Redis away: each instance goes on alone (local sockets, a local limit, no recomputes) and
 * catches up when Redis is back (reconnects for ever, resubscribes, loads what it missed). What it
 * took meanwhile was never announced, so it asks the others to resync too (`resync`), as soon as it
 * can publish again. Messages are not replayed: resync compares the whole store with what the engine
 * holds, so it finds every change, however long ago, and it runs on start too (after subscribing),
 * for what was announced while the instance was loading the store.
 */
export function createScaleOut(config: NonNullable<Config['redis']>, logger: Logger, opts: { maxDelayMs?: number } = {}): ScaleOut {
  const log = logger.child({ component: 'scale-out' });
  const redis: RedisConnections = connectRedis(config.url, log, { ...opts, commandTimeoutMs: lockCommandTimeoutMs(config.lockTtlMs), watchdog: { intervalMs: lockCommandTimeoutMs(config.lockTtlMs), timeoutMs: lockCommandTimeoutMs(config.lockTtlMs) } });
  const self = randomUUID();
  // The key and channel names predate the folder's name; kept so that old and new instances still meet in a rolling deploy.
  const channel = `${config.prefix}cluster`;
  const resultKey = `${config.prefix}cluster:result`;
  const lock = new RedisLock({ redis: redis.cmd, key: `${config.prefix}cluster:leader`, ttlMs: config.lockTtlMs, logger: log });
  const fail = (what: string) => (err: unknown) => log.warn({ err: (err as Error)?.message ?? err }, `scale-out: ${what} failed`);
  let attached: { bus: DomainBus; matching: ScaleOutMatching } | null = null;
  let stopped = false;
  // Messages are handled one after another, in the order they were published: the board must have
  // taken an idea or a label from another instance before it pushes the timeline event about it.
  let handling: Promise<void> = Promise.resolve();
  // A publish failed: the others missed something this instance took. Told with a 'resync' when Redis answers again.
  let owed = false;
  let retry: NodeJS.Timeout | null = null;
  let resyncQueued = false;
  let lastBoard: { version: number; clusters: number } | null = null;

  const send = (message: Message): Promise<unknown> => redis.cmd.publish(channel, JSON.stringify(message));
  const publish = (message: Message): Promise<unknown> => send(message).catch((err: unknown) => { owe(); throw err; });
  const recomputes = createRecomputeSync({ cmd: redis.cmd, lock, resultKey, self, publish, fail });

  function owe(): void {
    owed = true;
    // Redis is up but refused the publish: try again shortly. Down: the reconnect announces it.
    if (!retry && !stopped && redis.isUp()) retry = setTimeout(() => { retry = null; announceReturn(); }, 1000).unref();
  }

  /** Asks the others to resync, then repeats the last board announcement (its timeline events were written meanwhile). */
  function announceReturn(): void {
    if (!owed || stopped) return;
    owed = false;
    void send({ t: 'resync', from: self })
      .then(() => (lastBoard ? send({ t: 'board', from: self, ...lastBoard }) : undefined))
      .catch((err: unknown) => { fail('announcing a resync')(err); owe(); });
  }

  async function takeChanges(matching: ScaleOutMatching): Promise<void> {
    const { ideas, labels } = await matching.resync();
    for (const e of ideas) attached?.bus.emit('idea:elsewhere', e);
    for (const clusterId of labels) attached?.bus.emit('cluster:labelled-elsewhere', { clusterId });
  }

  /**
   * Compares the store with what this engine holds and takes the difference, after the messages
   * already received (in order) and after subscribing: whatever is announced from then on arrives
   * as a message, whatever was stored before is read here.
   */
  function resyncHere(why: string): void {
    if (resyncQueued || stopped) return;
    resyncQueued = true;
    const run = async () => {
      await redis.sub.subscribe(channel);
      resyncQueued = false;
      if (attached && !stopped) await takeChanges(attached.matching);
    };
    handling = handling.then(run).catch((err: unknown) => { resyncQueued = false; fail(why)(err); });
  }

  async function receive(message: Message): Promise<void> {
    if (!attached || message.from === self || stopped) return;
    const { matching, bus } = attached;
    switch (message.t) {
      case 'idea': {
        const idea = await matching.ideaChangedElsewhere(message.id);
        bus.emit('idea:elsewhere', { ideaId: message.id, idea });
        return;
      }
      case 'state': return recomputes.leaderRecomputed(matching, message.version, message.stored);
      case 'label': return recomputes.labelSetElsewhere(matching, bus, message);
      case 'board': { bus.emit('board:elsewhere', { version: message.version, clusters: message.clusters }); return; }
      case 'released': return lock.tick();
      case 'resync': return takeChanges(matching);
    }
  }

  const onMessage = (from: string, raw: string) => {
    if (from !== channel) return;
    let message: Message;
    try { message = JSON.parse(raw) as Message; } catch { return; }
    handling = handling.then(() => receive(message)).catch(fail(`handling '${message.t}'`));
  };
  const onIdea = (idea: DomainEvents['idea:created'][0]) => { publish({ t: 'idea', from: self, id: idea.id }).catch(fail('publishing an idea')); };

  const boardPeers: BoardPeers = {
    written: ({ version, clusters }) => {
      lastBoard = { version, clusters };
      publish({ t: 'board', from: self, version, clusters }).catch(fail('publishing board events'));
    },
  };

  return {
    coordination: recomputes.coordination,
    boardPeers,
    rateLimitStore: (name) => new RedisRateLimitStore(redis, `${config.prefix}rl:${name}:`),
    health: () => ({ redis: redis.isUp() ? 'up' : 'down', leader: lock.isLeader() }),

    attach({ io, bus, matching }) {
      attached = { bus, matching };
      io.adapter(redisAdapter(redis, `${config.prefix}socket.io`) as unknown as Parameters<IoServer['adapter']>[0]);
      redis.sub.on('message', onMessage);
      // matching.start() read the store before this instance listened: an idea announced in between would be lost.
      resyncHere('catching up after subscribing');
      bus.on('idea:created', onIdea);
      bus.on('idea:updated', onIdea);
      recomputes.watchLeadership(matching);
      redis.onChange((up) => {
        if (!up || stopped) return;
        void lock.tick();
        announceReturn();
        resyncHere('catching up after Redis came back');
      });
      lock.start();
    },

    async release() {
      if (stopped) return;
      stopped = true;
      if (retry) clearTimeout(retry);
      if (attached) {
        attached.bus.off('idea:created', onIdea);
        attached.bus.off('idea:updated', onIdea);
      }
      redis.sub.off('message', onMessage);
      if (await lock.stop().catch(() => false)) await publish({ t: 'released', from: self }).catch(() => undefined);
    },

    async close() {
      await this.release();
      await redis.close();
    },
  };
}

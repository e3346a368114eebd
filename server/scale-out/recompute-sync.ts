// The leader/follower protocol of the recomputes across instances: only the holder of the lock
// recomputes, it puts each result in Redis, and the others adopt that very result or the saved state.
import { deserialize, serialize } from 'node:v8';
import type { Redis } from 'ioredis';
import type { DomainBus } from '../domain/events.js';
import type { RecomputeCoordination } from '../domain/matching/coordination.js';
import type { Matching } from '../domain/matching.js';
import type { RecomputeResult } from '../engine/types.js';
import type { RedisLock } from './leadership.js';
import type { Message } from './messages.js';

const RESULT_TTL_MS = 3600_000;

/** What the protocol does to this instance's matching. */
export type Follower = Pick<Matching, 'follow' | 'loadSaved' | 'labelSetElsewhere' | 'leadershipChanged'>;

export interface RecomputeSyncDeps {
  cmd: Redis;
  lock: RedisLock;
  /** Where the leader's last result is kept (one key: each result replaces the one before). */
  resultKey: string;
  /** This instance, as named in the messages it sends. */
  self: string;
  publish(message: Message): Promise<unknown>;
  fail(what: string): (err: unknown) => void;
}

/**
 * The leader adopts and saves each recompute, then puts the whole result (clusters, map, placement
 * model) in Redis and publishes its version; the others adopt that very result (or, if it has already
 * been replaced or expired, the state saved in the store), so all instances show the same clusters.
 * A label set on any instance is published with the store version that holds it. The lock itself
 * (who leads, and for how long) is leadership.ts.
 */
export function createRecomputeSync({ cmd, lock, resultKey, self, publish, fail }: RecomputeSyncDeps) {
  async function publishState(result: RecomputeResult, stored: number): Promise<void> {
    await cmd.set(resultKey, serialize(result), 'PX', RESULT_TTL_MS);
    await publish({ t: 'state', from: self, version: result.version, stored });
  }

  async function fetchResult(version: number): Promise<RecomputeResult | null> {
    const buffer = await cmd.getBuffer(resultKey);
    if (!buffer) return null;
    const result = deserialize(buffer) as RecomputeResult;
    return result.version === version ? result : null;
  }

  const coordination: RecomputeCoordination = {
    isLeader: () => lock.isLeader(),
    recomputed: ({ result, storedVersion }) => { publishState(result, storedVersion).catch(fail('publishing the clusters')); },
    labelSet: ({ clusterId, label, stored }) => { publish({ t: 'label', from: self, clusterId, label, stored }).catch(fail('publishing a label')); },
  };

  return {
    /** For the matching service: it recomputes only while this instance holds the lock, and tells the others. */
    coordination,

    /** The leader published recompute `version`, saved as store version `stored`: a follower takes it. */
    async leaderRecomputed(matching: Follower, version: number, stored: number): Promise<void> {
      const result = await fetchResult(version).catch(() => null);
      if (lock.isLeader()) return;
      if (result) matching.follow(result, stored);
      else await matching.loadSaved();
    },

    /** Another instance set a label; the board hears of it when this instance takes it. */
    labelSetElsewhere(matching: Follower, bus: DomainBus, { clusterId, label, stored }: Extract<Message, { t: 'label' }>): void {
      if (matching.labelSetElsewhere(clusterId, label, stored ?? null)) bus.emit('cluster:labelled-elsewhere', { clusterId });
    },

    /** Takes part in the election: a new leader catches up and recomputes, one that stepped down stops. */
    watchLeadership(matching: Follower): void {
      lock.onChange((leader) => { matching.leadershipChanged(leader).catch(fail('taking over the clustering')); });
    },
  };
}

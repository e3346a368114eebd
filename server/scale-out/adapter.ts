// A socket.io push from any instance must reach a socket on any other, and still reach local ones while Redis is away.
import { RedisAdapter } from '@socket.io/redis-adapter';
import type { BroadcastOptions, Room } from 'socket.io-adapter';
import type { RedisConnections } from './redis.js';

/**
 * socket.io's Redis adapter, except that while Redis is away it acts as the in-memory adapter: a
 * broadcast still reaches this instance's sockets, and `fetchSockets` answers with the local ones
 * instead of failing. (The plain adapter would publish into the void and reject every
 * `fetchSockets`, so even a user connected to this very instance would miss their notification.)
 */
class ResilientRedisAdapter extends RedisAdapter {
  constructor(nsp: unknown, private readonly redis: RedisConnections, key: string) {
    super(nsp, redis.cmd, redis.sub, { key, requestsTimeout: 3000 });
  }

  private scope(opts: BroadcastOptions): BroadcastOptions {
    return this.redis.isUp() ? opts : { ...opts, flags: { ...opts.flags, local: true } };
  }

  override broadcast(packet: unknown, opts: BroadcastOptions): void {
    super.broadcast(packet, this.scope(opts));
  }

  override broadcastWithAck(packet: unknown, opts: BroadcastOptions, count: (n: number) => void, ack: (...args: unknown[]) => void): void {
    super.broadcastWithAck(packet, this.scope(opts), count, ack);
  }

  override fetchSockets(opts: BroadcastOptions): Promise<unknown[]> {
    return super.fetchSockets(this.scope(opts));
  }

  override addSockets(opts: BroadcastOptions, rooms: Room[]): void {
    super.addSockets(this.scope(opts), rooms);
  }

  override delSockets(opts: BroadcastOptions, rooms: Room[]): void {
    super.delSockets(this.scope(opts), rooms);
  }

  override disconnectSockets(opts: BroadcastOptions, close: boolean): void {
    super.disconnectSockets(this.scope(opts), close);
  }
}

/** For `io.adapter(...)` (which calls it with `new`): every namespace gets its own adapter on the shared connections; channels start with `key`. */
export function redisAdapter(redis: RedisConnections, key: string): new (nsp: unknown) => RedisAdapter {
  return class extends ResilientRedisAdapter {
    constructor(nsp: unknown) { super(nsp, redis, key); }
  };
}

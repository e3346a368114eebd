/**
 * A TCP proxy in front of the local Redis, to take the path to Redis away in the two ways networks do:
 * - `drop()`: half-open. Nothing is forwarded in either direction (a FIN neither) while every socket
 *   stays open, as a firewall, NAT or proxy that silently loses the path does;
 * - `cut()`: every connection is closed and new ones are closed at once, as when Redis or the
 *   network goes away outright;
 * and `restore()` forwards again (what was dropped stays lost).
 *
 *   const proxy = await redisProxy(); connectRedis(proxy.url, …); proxy.drop(); …; await proxy.close();
 */
import net, { type AddressInfo } from 'node:net';
import { REDIS } from './instances.js';

export interface RedisProxy {
  url: string;
  /** TCP connections accepted so far. */
  readonly accepted: number;
  /** The numbers (1 = the first accepted) of the connections the client ended or closed: it gave up on them. */
  readonly ended: readonly number[];
  /** What Redis sent that a drop swallowed (latin1 text): proof that a message went down the dead path. */
  readonly lost: readonly string[];
  drop(): void;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function redisProxy(): Promise<RedisProxy> {
  const sockets = new Set<net.Socket>();
  let dropping = false;
  let refusing = false;
  let accepted = 0;
  const ended: number[] = [];
  const lost: string[] = [];
  const pipe = (from: net.Socket, to: net.Socket, onDropped?: (chunk: Buffer) => void) => {
    from.on('data', (chunk: Buffer) => { if (!dropping) to.write(chunk); else onDropped?.(chunk); });
    from.on('end', () => { if (!dropping) to.end(); });
  };
  // allowHalfOpen: a socket the other side ended is not ended back by Node; while dropping, nothing is.
  const server = net.createServer({ allowHalfOpen: true }, (client) => {
    if (refusing) { client.destroy(); return; }
    const n = ++accepted;
    const gaveUp = () => { if (!ended.includes(n)) ended.push(n); };
    client.once('end', gaveUp);
    client.once('close', gaveUp);
    const upstream = net.connect({ port: REDIS.port, host: REDIS.host, allowHalfOpen: true });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => { sockets.delete(s); client.destroy(); upstream.destroy(); });
    }
    pipe(client, upstream);
    pipe(upstream, client, (chunk) => lost.push(chunk.toString('latin1')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const cut = () => { refusing = true; for (const s of sockets) s.destroy(); };
  return {
    url: `redis://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get accepted() { return accepted; },
    ended,
    lost,
    drop() { dropping = true; },
    cut,
    restore() { dropping = false; refusing = false; },
    async close() {
      cut();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A TCP proxy in front of the local Redis that can go half-open: `drop()` stops forwarding in both
 * directions (a FIN too) while every socket stays open, as a firewall, NAT or proxy that silently
 * loses the path does; `restore()` forwards again (what was dropped stays lost).
 *
 *   const proxy = await halfOpenProxy(); connectRedis(proxy.url, …); proxy.drop(); …; await proxy.close();
 */
import net, { type AddressInfo } from 'node:net';
import { REDIS } from './instances.js';

export interface HalfOpenProxy {
  url: string;
  /** TCP connections accepted so far. */
  readonly accepted: number;
  drop(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function halfOpenProxy(): Promise<HalfOpenProxy> {
  const sockets = new Set<net.Socket>();
  let dropping = false;
  let accepted = 0;
  const pipe = (from: net.Socket, to: net.Socket) => {
    from.on('data', (chunk) => { if (!dropping) to.write(chunk); });
    from.on('end', () => { if (!dropping) to.end(); });
  };
  // allowHalfOpen: a socket the other side ended is not ended back by Node; while dropping, nothing is.
  const server = net.createServer({ allowHalfOpen: true }, (client) => {
    accepted++;
    const upstream = net.connect({ port: REDIS.port, host: REDIS.host, allowHalfOpen: true });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => { sockets.delete(s); client.destroy(); upstream.destroy(); });
    }
    pipe(client, upstream);
    pipe(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `redis://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get accepted() { return accepted; },
    drop() { dropping = true; },
    restore() { dropping = false; },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

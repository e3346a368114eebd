/**
 * For tests with several app instances on one SQLite file and one Redis (the local server at
 * 127.0.0.1:6379; `.ci/run` starts it). Each suite uses its own key and channel prefix and removes
 * its keys afterwards, so parallel runs do not meet.
 *
 *   before(async function () { await skipWithoutRedis(this); a = await startInstance('A', dir, { REDIS_URL: REDIS_URL, REDIS_PREFIX: prefix }); … });
 *   after(() => stopInstances(prefix, dir, a, b));
 */
import { rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { createApp, type AppHandle } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { createStore } from '../../server/store/index.js';
import type { Store } from '../../server/store/store.js';

export const REDIS = { host: '127.0.0.1', port: 6379 };
export const REDIS_URL = `redis://${REDIS.host}:${REDIS.port}`;

export interface Instance { name: string; handle: AppHandle; baseUrl: string; store: Store }

/** Six ideas (title, description) on two topics, parking permits and the citizens' budget, so the clustering has something to find. */
export const TWO_TOPICS = [
  ['Digitaal loket voor parkeervergunningen', 'Bewoners vragen hun parkeervergunning online aan en betalen meteen digitaal, zonder naar het gemeentehuis te komen.'],
  ['Online aanvraag bewonersparkeerkaart', 'Een digitaal loket waar inwoners hun bewonerskaart voor parkeren aanvragen, verlengen en betalen.'],
  ['Parkeervergunning digitaal aanvragen en betalen', 'Vergunningen voor parkeren voor bewoners en bezoekers via een online loket met digitale betaling.'],
  ['Burgerbegroting met online stemming', 'Inwoners dienen projecten in voor de burgerbegroting en stemmen online over welke projecten de gemeente uitvoert.'],
  ['Participatieplatform voor de burgerbegroting', 'Een online platform waar burgers projectvoorstellen indienen en stemmen over de besteding van de burgerbegroting.'],
  ['Digitale inspraak en stemming over buurtprojecten', 'Burgers stemmen online over buurtprojecten en volgen de uitvoering van de gekozen projecten van de begroting.'],
] as const;

/** One app instance on the SQLite file in `dir` (shared with the other instances), listening on port 0. */
export async function startInstance(name: string, dir: string, env: Record<string, string>): Promise<Instance> {
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dir, ...env });
  const store = await createStore(config);
  const handle = await createApp({ store }, config);
  await new Promise<void>((resolve) => handle.httpServer.listen(0, '127.0.0.1', resolve));
  return { name, handle, store, baseUrl: `http://127.0.0.1:${(handle.httpServer.address() as AddressInfo).port}` };
}

export async function redisReachable(): Promise<boolean> {
  const probe = new Redis({ ...REDIS, lazyConnect: true, retryStrategy: () => null, connectTimeout: 1000, maxRetriesPerRequest: 0 });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

/** In a `before` hook: skips the suite, saying why, when no Redis answers at 127.0.0.1:6379. */
export async function skipWithoutRedis(ctx: Mocha.Context): Promise<void> {
  if (await redisReachable()) return;
  console.log('    skipped: no Redis at 127.0.0.1:6379 (start one, or run .ci/run, which does)');
  ctx.skip();
}

/** Closes the instances that started, removes their data folder and every key of the run's prefix. */
export async function stopInstances(prefix: string, dir: string | undefined, ...instances: (Instance | undefined)[]): Promise<void> {
  for (const i of instances) await i?.handle.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  await dropKeys(prefix);
}

/** Removes every key of a test run's prefix. */
export async function dropKeys(prefix: string): Promise<void> {
  const client = new Redis({ ...REDIS, maxRetriesPerRequest: 1 });
  client.on('error', () => undefined);
  const keys = await client.keys(`${prefix}*`).catch(() => [] as string[]);
  if (keys.length) await client.del(...keys).catch(() => undefined);
  client.disconnect();
}

/** Resolves with the first defined value of `check`, polling every 25 ms; rejects after `ms`, naming `what`. */
export async function within<T>(ms: number, check: () => T | undefined | Promise<T | undefined>, what = 'condition'): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

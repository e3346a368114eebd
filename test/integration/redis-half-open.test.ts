import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import request from 'supertest';
import { lockCommandTimeoutMs } from '../../server/scale-out/leadership.js';
import { WATCHDOG_MISSES, connectRedis, type RedisConnections } from '../../server/scale-out/redis.js';
import { actorOf } from '../../server/domain/actor.js';
import type { Idea } from '../../server/store/store.js';
import { makeOrganisation, makeUser } from '../support/factories.js';
import { REDIS_URL, dropKeys, skipWithoutRedis, startInstance, stopInstances, within, type Instance } from '../support/instances.js';
import { redisProxy, type RedisProxy } from '../support/redis-proxy.js';
import { RECOMPUTE_ON_REQUEST } from '../support/start-test-app.js';

/**
 * An instance's Redis connections going half-open: a proxy or NAT that silently stops forwarding
 * while the sockets stay open, so ioredis sees no error and no close. The watchdog in connectRedis
 * (server/scale-out/redis.ts) must notice, say Redis is down, and reconnect, so the instance catches up.
 */
const TTL_MS = 1500;
// As createScaleOut wires it: the command timeout and the watchdog both from the lock's TTL.
const TIMEOUT_MS = lockCommandTimeoutMs(TTL_MS);
const logger = pino({ level: 'silent' });

describe('a Redis connection that goes half-open', function () {
  this.timeout(30_000);
  let prefix: string;
  let proxy: RedisProxy;
  const closers: (() => Promise<unknown> | void)[] = [];
  const unhandled: unknown[] = [];
  const record = (reason: unknown) => unhandled.push(reason);

  before(async function () { await skipWithoutRedis(this); });
  beforeEach(async () => {
    prefix = `medestander-test-${randomUUID().slice(0, 8)}:`;
    proxy = await redisProxy();
    unhandled.length = 0;
    process.on('unhandledRejection', record);
  });
  afterEach(async () => {
    process.off('unhandledRejection', record);
    proxy?.restore(); // so that a failed test's connections can still be closed
    for (const close of closers.splice(0)) await close();
    await proxy?.close();
    await dropKeys(prefix);
  });

  function connect(url: string): RedisConnections & { heard: boolean[] } {
    const redis = connectRedis(url, logger, { commandTimeoutMs: TIMEOUT_MS, watchdog: { intervalMs: TIMEOUT_MS, timeoutMs: TIMEOUT_MS } });
    closers.push(() => redis.close());
    const heard: boolean[] = [];
    redis.onChange((up) => heard.push(up));
    return Object.assign(redis, { heard });
  }
  function direct(): Redis {
    const client = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    client.on('error', () => undefined);
    closers.push(() => client.disconnect());
    return client;
  }

  it('when the path silently stops forwarding, then isUp() turns false within a few PING timeouts, and once the path is back it reconnects, is up again and gets messages on the channels subscribed before', async () => {
    const redis = connect(proxy.url);
    const publisher = direct();
    await within(5000, () => (redis.isUp() ? true : undefined), 'connected');
    const channel = `${prefix}news`;
    const received: string[] = [];
    redis.sub.on('message', (from: string, message: string) => { if (from === channel) received.push(message); });
    await redis.sub.subscribe(channel);
    await publisher.publish(channel, 'before');
    await within(2000, () => (received.includes('before') ? true : undefined), 'a message before the drop');
    const connections = proxy.accepted;

    const dropped = Date.now();
    proxy.drop();
    // Sent into the void: it times out, and must not run when the connection is back.
    const late = redis.cmd.incr(`${prefix}late`).then(() => 'ran', (err: Error) => err.message);
    await within(5000, () => (redis.isUp() ? undefined : true), 'isUp() turning false');
    const detectedAfter = Date.now() - dropped;
    expect(detectedAfter, 'detected within (misses + 1) PING intervals, plus slack').to.be.below((WATCHDOG_MISSES + 1) * TIMEOUT_MS + 500);
    expect(redis.heard).to.deep.equal([true, false]);
    expect(await late).to.equal('Command timed out');
    // Still dropping: a reconnect whose handshake is never answered does not count as up, through until
    // the client gives that new connection up.
    await within(30 * TIMEOUT_MS, () => {
      expect(redis.isUp(), 'up while the path is still dead').to.equal(false);
      return proxy.ended.some((n) => n > connections) ? true : undefined;
    }, 'a reconnect given up');
    expect(redis.isUp(), 'up while the path is still dead').to.equal(false);
    expect(proxy.accepted, 'it tried new connections meanwhile').to.be.above(connections);

    proxy.restore();
    await within(10_000, () => (redis.isUp() ? true : undefined), 'isUp() true again');
    expect(redis.heard).to.deep.equal([true, false, true]);
    await publisher.publish(channel, 'after');
    await within(3000, () => (received.includes('after') ? true : undefined), 'a message after the reconnect');
    // A command resent on the new connection would go before this PING: once it answers, the INCR would have run.
    expect(await redis.cmd.ping()).to.equal('PONG');
    expect(await publisher.get(`${prefix}late`), 'the timed-out command ran after the reconnect').to.equal(null);
    expect(unhandled).to.deep.equal([]);
  });

  it('when the connections are closed while the path is dead, then close() does not wait for an answer that never comes', async () => {
    const redis = connect(proxy.url);
    await within(5000, () => (redis.isUp() ? true : undefined), 'connected');
    await redis.sub.subscribe(`${prefix}news`);
    proxy.drop();
    const started = Date.now();
    await redis.close();
    expect(Date.now() - started).to.be.below(TIMEOUT_MS + 500);
    expect(redis.isUp()).to.equal(false);
    expect(unhandled).to.deep.equal([]);
  });
});

describe('an instance whose Redis connections go half-open', function () {
  this.timeout(60_000);
  const prefix = `medestander-test-${randomUUID().slice(0, 8)}:`;
  const contact = { name: 'Contactpersoon', email: 'contact@gemeente.test' };
  let dir: string;
  let proxy: RedisProxy;
  let a: Instance;
  let b: Instance;
  let counter = 0;
  const env = (url: string) => ({ REDIS_URL: url, REDIS_PREFIX: prefix, REDIS_LOCK_TTL_MS: String(TTL_MS), ...RECOMPUTE_ON_REQUEST });
  const health = async (i: Instance) => (await request(i.baseUrl).get('/healthz')).body as { redis?: string; leader?: boolean };

  async function post(on: Instance, title: string, description: string): Promise<Idea> {
    const org = makeOrganisation({ code: String(70000 + ++counter), name: `Gemeente ${counter}` });
    await b.store.upsertOrganisations([org]);
    const author = makeUser(org.id);
    await b.store.createUser(author);
    return on.handle.services.ideas.create(actorOf(author), { title, description, theme: 'services', contact });
  }
  async function similarOn(i: Instance, ideaId: string): Promise<string[]> {
    const res = await request(i.baseUrl).get(`/api/ideas/${ideaId}/similar?limit=20`).expect(200);
    return (res.body as { items: { idea: { id: string } }[] }).items.map((s) => s.idea.id);
  }

  before(async function () {
    await skipWithoutRedis(this);
    dir = await mkdtemp(path.join(tmpdir(), 'medestander-half-open-'));
    proxy = await redisProxy();
    b = await startInstance('B', dir, env(REDIS_URL));
    await within(5000, async () => ((await health(b)).leader ? true : undefined), 'B leading');
    a = await startInstance('A', dir, env(proxy.url));
    await within(5000, async () => ((await health(a)).redis === 'up' ? true : undefined), 'A connected');
  });
  after(async () => {
    proxy?.restore();
    await stopInstances(prefix, dir, a, b);
    await proxy?.close();
  });

  it('when its path to Redis goes half-open and an idea is posted on another instance meanwhile, then /healthz says Redis is down, and once the path is back it shows that idea within a few seconds, without a restart', async () => {
    const first = await post(b, 'Digitaal loket voor parkeervergunningen', 'Bewoners vragen hun parkeervergunning online aan en betalen meteen digitaal, zonder naar het gemeentehuis te komen.');
    const second = await post(b, 'Parkeervergunning digitaal aanvragen en betalen', 'Vergunningen voor parkeren voor bewoners en bezoekers via een online loket met digitale betaling.');
    await within(5000, async () => ((await similarOn(a, first.id)).includes(second.id) ? true : undefined), 'A following B before the drop');

    proxy.drop();
    await within(5000, async () => ((await health(a)).redis === 'down' ? true : undefined), 'A saying Redis is down');
    const late = await post(b, 'Online aanvraag bewonersparkeerkaart', 'Een digitaal loket waar inwoners hun bewonerskaart voor parkeren aanvragen, verlengen en betalen.');
    expect(await similarOn(b, first.id), 'B has it').to.include(late.id);
    await within(5000, () => (proxy.lost.some((text) => text.includes(late.id)) ? true : undefined), "B's announcement lost on the dead path");
    expect(await similarOn(a, first.id), 'A cannot have it yet').to.not.include(late.id);

    proxy.restore();
    await within(10_000, async () => ((await health(a)).redis === 'up' ? true : undefined), 'A saying Redis is up');
    await within(5000, async () => ((await similarOn(a, first.id)).includes(late.id) ? true : undefined), 'A showing the idea posted meanwhile');
  });
});

import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import request from 'supertest';
import { createApp } from '../../server/app.js';
import { actorOf } from '../../server/domain/actor.js';
import { loadConfig } from '../../server/config.js';
import { createSqliteStore } from '../../server/store/sqlite/index.js';
import type { Idea, Store, User } from '../../server/store/store.js';
import { makeOrganisation, makeUser } from '../support/factories.js';
import { redisProxy, type RedisProxy } from '../support/redis-proxy.js';
import { REDIS_URL, skipWithoutRedis, startInstance as startShared, stopInstances, within, type Instance, TWO_TOPICS } from '../support/instances.js';
import { RECOMPUTE_ON_REQUEST } from '../support/start-test-app.js';

/**
 * Catching up after Redis was away, with two instances on one SQLite file and one Redis
 * (127.0.0.1:6379): B reaches Redis directly, A through a proxy the test cuts. What A took while it
 * was cut off was never announced; the others must still learn of it, without a restart. Also the
 * start of an instance: ideas announced while it was loading the store must not be missed.
 */

const contact = { name: 'Contactpersoon', email: 'contact@gemeente.test' };
const SPAM = ['Goedkope parkeervergunning online kopen', 'Koop hier uw parkeervergunning en bewonerskaart online, digitaal betalen, klik op onze link voor korting.'] as const;
const LATE = ['Bezoekersparkeerkaart digitaal aanvragen', 'Bewoners vragen online een parkeerkaart voor hun bezoekers aan en betalen digitaal via het loket.'] as const;
const AT_START = ['Parkeerkaart voor zorgverleners online', 'Zorgverleners vragen digitaal een parkeervergunning aan en betalen online, zonder loket.'] as const;

describe('several instances catching up after Redis was away', function () {
  this.timeout(60_000);
  const prefix = `medestander-test-${randomUUID().slice(0, 8)}:`;
  let dir: string;
  let proxy: RedisProxy;
  let a: Instance;
  let b: Instance;
  let late: Instance | undefined;
  let programme: User;
  let counter = 0;
  const ids: string[] = [];
  // A long debounce: recomputes run only when a test asks for one.
  const env = (url: string) => ({ REDIS_URL: url, REDIS_PREFIX: prefix, REDIS_LOCK_TTL_MS: '1500', ...RECOMPUTE_ON_REQUEST });
  const health = async (i: Instance) => (await request(i.baseUrl).get('/healthz')).body as { redis?: string; leader?: boolean };

  async function user(organisationId: string | null): Promise<User> {
    const u = makeUser(organisationId);
    await b.store.createUser(u);
    return u;
  }
  async function author(): Promise<User> {
    const org = makeOrganisation({ code: String(60000 + ++counter), name: `Gemeente ${counter}` });
    await b.store.upsertOrganisations([org]);
    return user(org.id);
  }
  async function post(on: Instance, [title, description]: readonly [string, string]): Promise<Idea> {
    return on.handle.services.ideas.create(actorOf(await author()), { title, description, theme: 'services', contact });
  }
  /** What a visitor sees beside an idea on an instance: the ids of the similar ideas. */
  async function similarOn(i: Instance, ideaId: string): Promise<string[]> {
    const res = await request(i.baseUrl).get(`/api/ideas/${ideaId}/similar?limit=20`).expect(200);
    return (res.body as { items: { idea: { id: string } }[] }).items.map((s) => s.idea.id);
  }
  const members = (i: Instance) => i.handle.services.matching.clusters().flatMap((c) => c.members);

  before(async function () {
    await skipWithoutRedis(this);
    dir = await mkdtemp(path.join(tmpdir(), 'medestander-catch-up-'));
    proxy = await redisProxy();
    b = await startShared('B', dir, env(REDIS_URL));
    await within(5000, async () => ((await health(b)).leader ? true : undefined), 'B leading');
    a = await startShared('A', dir, env(proxy.url));
    await within(5000, async () => ((await health(a)).redis === 'up' ? true : undefined), 'A connected');
    programme = await user(null);
    for (const text of TWO_TOPICS) ids.push((await post(b, text)).id);
    await b.handle.services.matching.recomputeNow();
    await within(10_000, () => {
      const [ma, mb] = [a, b].map((i) => i.handle.services.matching);
      return mb!.version > 0 && ma!.version === mb!.version && ids.every((id) => ma!.clusterOf(id) && mb!.clusterOf(id)) ? true : undefined;
    }, 'both instances on the leader’s clusters');
  });
  after(async () => {
    await stopInstances(prefix, dir, late, a, b);
    await proxy?.close();
  });

  it('when an instance cut off from Redis takes a post and hides an idea, then after Redis returns the other instance shows the new idea and drops the hidden one (similar ideas, clusters, board), without a restart', async () => {
    const spam = await post(a, SPAM);
    await within(5000, () => (b.handle.services.matching.clusterOf(spam.id) ? true : undefined), 'the spam idea on B');
    expect(await similarOn(b, ids[0]!)).to.include(spam.id);

    proxy.cut();
    await within(5000, async () => ((await health(a)).redis === 'down' ? true : undefined), 'A noticing Redis is gone');
    await a.handle.services.moderation.hide(actorOf(programme), spam.id, { reason: 'Reclame' });
    const fresh = await post(a, LATE);
    expect(a.handle.services.matching.clusterOf(fresh.id), 'placed on A at once').to.not.equal(null);
    proxy.restore();
    await within(10_000, async () => ((await health(a)).redis === 'up' ? true : undefined), 'A reconnected');

    await within(5000, async () => {
      const similar = await similarOn(b, ids[0]!);
      return b.handle.services.matching.clusterOf(fresh.id) && similar.includes(fresh.id) && !similar.includes(spam.id) ? true : undefined;
    }, 'B showing the new idea and not the hidden one');
    expect(b.handle.services.matching.clusterOf(spam.id)).to.equal(null);
    expect(members(b)).to.not.include(spam.id);
    // B's board has the timeline entries A wrote meanwhile, and the ideas as they are.
    const latest = (await b.store.listBoardEvents({ limit: 1 }))[0]!.seq;
    await within(5000, async () => {
      await b.handle.services.board.settled();
      const board = await b.handle.services.board.snapshot(actorOf(programme));
      const shown = board.ideas.map((i) => i.id);
      return board.version === latest && shown.includes(fresh.id) && !shown.includes(spam.id) ? true : undefined;
    }, 'B’s board up to date');

    // And a recompute by the leader keeps it so.
    await b.handle.services.matching.recomputeNow();
    expect(b.handle.services.matching.clusterOf(fresh.id)).to.not.equal(null);
    expect(members(b)).to.include(fresh.id).and.not.include(spam.id);
    const labels = b.handle.services.matching.clusters().map((c) => c.label.toLowerCase()).join(' ');
    expect(labels).to.not.match(/goedkope|korting|klik/);
    const similar = await similarOn(b, ids[0]!);
    expect(similar).to.include(fresh.id).and.not.include(spam.id);
  });

  it('when an instance cut off from Redis renames a cluster, then after Redis returns the other instance (the leader) shows the new name, and the store keeps it', async () => {
    const id = a.handle.services.matching.clusterOf(ids[0]!)!.id;
    proxy.cut();
    await within(5000, async () => ((await health(a)).redis === 'down' ? true : undefined), 'A noticing Redis is gone');
    await a.handle.services.clusters.setLabel(actorOf(programme), id, { label: 'Parkeren, offline hernoemd' });
    proxy.restore();
    await within(10_000, async () => ((await health(a)).redis === 'up' ? true : undefined), 'A reconnected');

    const labelOn = (i: Instance) => i.handle.services.matching.clusters().find((c) => c.id === id)?.label;
    await within(5000, () => (labelOn(b) === 'Parkeren, offline hernoemd' ? true : undefined), 'the new name on B');
    await b.handle.services.matching.recomputeNow(); // saved by the leader with its state
    expect([labelOn(a), labelOn(b)]).to.deep.equal(['Parkeren, offline hernoemd', 'Parkeren, offline hernoemd']);
    const stored = JSON.parse((await b.store.getClusterState())!.state) as { clusters: { id: number; override: string | null }[] };
    expect(stored.clusters.find((c) => c.id === id)?.override).to.equal('Parkeren, offline hernoemd');
  });

  it('when an idea is posted elsewhere while an instance is starting (after it read the store, before it listens to Redis), then that instance has it too', async () => {
    let posted: Idea | undefined;
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dir, ...env(REDIS_URL) });
    const real = createSqliteStore({ file: config.sqliteFile });
    // The real store, with one moment added: right after the first read of the open ideas, B takes a post.
    const store: Store = new Proxy(real, {
      get(target, key, receiver) {
        if (key !== 'allOpenIdeas' || posted) return Reflect.get(target, key, receiver) as unknown;
        return async () => {
          const open = await target.allOpenIdeas();
          // B's announcement has gone out once A, listening on Redis all along, has it.
          const onA = new Set<string>();
          const heard = ({ ideaId }: { ideaId: string }) => { onA.add(ideaId); };
          a.handle.services.bus.on('idea:elsewhere', heard);
          try {
            posted = await post(b, AT_START);
            await within(5000, () => (onA.has(posted!.id) ? true : undefined), "B's announcement on A");
          } finally {
            a.handle.services.bus.off('idea:elsewhere', heard);
          }
          return open;
        };
      },
    });
    const handle = await createApp({ store }, config);
    await new Promise<void>((resolve) => handle.httpServer.listen(0, '127.0.0.1', resolve));
    late = { name: 'C', handle, store, baseUrl: `http://127.0.0.1:${(handle.httpServer.address() as AddressInfo).port}` };
    expect(posted, 'the post during the start').to.not.equal(undefined);

    await within(5000, () => (handle.services.matching.clusterOf(posted!.id) ? true : undefined), 'the idea on the new instance');
    expect(await similarOn(late, ids[0]!)).to.include(posted!.id);
  });
});

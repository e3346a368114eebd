import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { pino } from 'pino';
import request from 'supertest';
import { actorOf } from '../../server/domain/actor.js';
import { DomainBus } from '../../server/domain/events.js';
import { createMatching, type Matching } from '../../server/domain/matching.js';
import type { RecomputeCoordination } from '../../server/domain/matching/coordination.js';
import type { EngineState } from '../../server/engine/types.js';
import { createSqliteStore } from '../../server/store/sqlite/index.js';
import type { Store, User } from '../../server/store/store.js';
import { systemClock } from '../../server/domain/clock.js';
import { T0, makeIdea, makeOrganisation, makeUser } from '../support/factories.js';
import { REDIS_URL, skipWithoutRedis, startInstance, stopInstances, within, type Instance, TWO_TOPICS } from '../support/instances.js';
import { RECOMPUTE_ON_REQUEST } from '../support/start-test-app.js';

/**
 * Cluster labels changed on several instances sharing one store: whatever the order in which the
 * instances hear of each other's renames, every instance and the store end with the rename saved
 * last, and a reset to the automatic label is a rename like any other.
 */

const contact = { name: 'Contactpersoon', email: 'contact@gemeente.test' };

async function storedOverride(store: Store, clusterId: number): Promise<string | null | undefined> {
  const saved = await store.getClusterState();
  return saved ? (JSON.parse(saved.state) as EngineState).clusters.find((c) => c.id === clusterId)?.override : undefined;
}
const overrideOf = (matching: Matching, clusterId: number) => matching.clusters().find((c) => c.id === clusterId)?.override;

describe('cluster labels on two instances (one store, one Redis)', function () {
  this.timeout(60_000);
  const prefix = `medestander-test-${randomUUID().slice(0, 8)}:`;
  let dir: string;
  let leader: Instance;
  let follower: Instance;
  let programme: User;
  let clusterIds: number[];

  const rename = (on: Instance, id: number, label: string | null) => on.handle.services.clusters.setLabel(actorOf(programme), id, { label });
  /** Both instances hold `label` for the cluster (null: the automatic one). */
  const everywhere = (id: number, label: string | null, what: string) =>
    within(5000, () => ([leader, follower].every((i) => overrideOf(i.handle.services.matching, id) === label) ? true : undefined), what);
  /** What a visitor reads on each instance, and what the store holds. */
  async function seen(id: number) {
    const api = async (i: Instance) => ((await request(i.baseUrl).get(`/api/clusters/${id}`).expect(200)).body as { label: string; override: string | null }).override;
    return { leader: await api(leader), follower: await api(follower), stored: await storedOverride(leader.store, id) };
  }

  before(async function () {
    await skipWithoutRedis(this);
    dir = await mkdtemp(path.join(tmpdir(), 'medestander-labels-'));
    // A long debounce: the leader recomputes only when asked.
    const env = { REDIS_URL: REDIS_URL, REDIS_PREFIX: prefix, REDIS_LOCK_TTL_MS: '1500', ...RECOMPUTE_ON_REQUEST };
    const a = await startInstance('A', dir, env);
    const b = await startInstance('B', dir, env);
    const leads = async (i: Instance) => ((await request(i.baseUrl).get('/healthz')).body as { leader?: boolean }).leader === true;
    leader = await within(5000, async () => ((await leads(a)) ? a : (await leads(b)) ? b : undefined), 'a leader');
    follower = leader === a ? b : a;
    programme = makeUser(null);
    await leader.store.createUser(programme);
    for (const [i, [title, description]] of TWO_TOPICS.entries()) {
      const org = makeOrganisation({ code: String(61000 + i), name: `Gemeente L${i}` });
      await leader.store.upsertOrganisations([org]);
      const author = makeUser(org.id);
      await leader.store.createUser(author);
      await leader.handle.services.ideas.create(actorOf(author), { title, description, theme: 'services', contact });
    }
    await leader.handle.services.matching.recomputeNow();
    await within(10_000, () => {
      const [l, f] = [leader, follower].map((i) => i.handle.services.matching);
      return l!.version > 0 && f!.version === l!.version ? true : undefined;
    }, 'the follower on the leader’s clusters');
    clusterIds = leader.handle.services.matching.clusters().filter((c) => c.size > 0).map((c) => c.id);
    expect(clusterIds.length).to.be.greaterThan(1);
  });
  after(() => stopInstances(prefix, dir, leader, follower));

  it('when the follower renames a cluster and then the leader renames it, then the leader’s name holds on both instances and in the store', async () => {
    const id = clusterIds[0]!;
    await rename(follower, id, 'Oud');
    await everywhere(id, 'Oud', 'the follower’s name on both');
    await rename(leader, id, 'Nieuw');
    await everywhere(id, 'Nieuw', 'the leader’s name on both');
    expect(await seen(id)).to.deep.equal({ leader: 'Nieuw', follower: 'Nieuw', stored: 'Nieuw' });
  });

  it('when the leader resets a label to automatic after the follower renamed another cluster, then the reset holds on both instances and in the store, and so does the other name', async () => {
    const [first, second] = [clusterIds[0]!, clusterIds[1]!];
    await rename(leader, first, 'Parkeren');
    await everywhere(first, 'Parkeren', 'the first name on both');
    await rename(follower, second, 'Burgerbegroting');
    await everywhere(second, 'Burgerbegroting', 'the second name on both');
    await rename(leader, first, null);
    await everywhere(first, null, 'the reset on both');
    expect(await seen(first)).to.deep.equal({ leader: null, follower: null, stored: null });
    expect(await seen(second)).to.deep.equal({ leader: 'Burgerbegroting', follower: 'Burgerbegroting', stored: 'Burgerbegroting' });
  });
});

/**
 * The same with two matching services on one SQLite file and the messages between them in the test's
 * hands, so that one can arrive late: after the other instance has saved a later label.
 */
describe('cluster labels when the news of a rename arrives late', () => {
  let dir: string;
  const stores: Store[] = [];
  const silent = pino({ level: 'silent' });
  const clock = { ...systemClock, now: () => new Date(T0) };
  type Sent = { clusterId: number; label: string | null; stored: number | null };

  beforeEach(async () => { dir = await mkdtemp(path.join(tmpdir(), 'medestander-labels-late-')); });
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** One instance: its own connection to the shared file, and the label messages it sent, for the test to deliver. */
  async function instance(isLeader: boolean) {
    const store = createSqliteStore({ file: path.join(dir, 'shared.sqlite') });
    await store.init();
    stores.push(store);
    const sent: Sent[] = [];
    const results: Parameters<RecomputeCoordination['recomputed']>[0][] = [];
    const coordination: RecomputeCoordination = {
      isLeader: () => isLeader,
      recomputed: (e) => results.push(e),
      labelSet: (e) => sent.push({ clusterId: e.clusterId, label: e.label, stored: e.stored ?? null }),
    };
    const clusterNews = { joined: () => undefined };
    const matching = createMatching({ store, clock, bus: new DomainBus(), clusterNews, logger: silent, options: { debounceMs: 600_000 }, coordination });
    return { store, matching, sent, results };
  }
  const deliver = (to: Matching, m: Sent) => to.labelSetElsewhere(m.clusterId, m.label, m.stored);

  /** Leader A and follower B on the same six ideas, B on A's recompute. */
  async function pair() {
    const a = await instance(true);
    const orgs = TWO_TOPICS.map((_, i) => makeOrganisation({ code: String(62000 + i) }));
    await a.store.upsertOrganisations(orgs);
    for (const [i, [title, description]] of TWO_TOPICS.entries()) {
      const author = makeUser(orgs[i]!.id);
      await a.store.createUser(author);
      await a.store.createIdea(makeIdea(orgs[i]!.id, author.id, { title, description }));
    }
    const b = await instance(false);
    await a.matching.start();
    await b.matching.start();
    await a.matching.recomputeNow();
    await within(5000, () => a.results[0], 'the leader’s saved recompute');
    b.matching.follow(a.results[0]!.result, a.results[0]!.storedVersion);
    expect(b.matching.version).to.equal(a.matching.version);
    const ids = a.matching.clusters().filter((c) => c.size > 0).map((c) => c.id);
    return { a, b, ids, close: async () => { await a.matching.close(); await b.matching.close(); } };
  }

  it('when the leader renames a cluster before it heard of the follower’s earlier rename, then the leader’s name (saved last) holds on both and in the store, and the late news is not taken', async () => {
    const { a, b, ids, close } = await pair();
    try {
      const id = ids[0]!;
      await b.matching.setLabel(id, 'Oud');
      await a.matching.setLabel(id, 'Nieuw');
      deliver(b.matching, a.sent.at(-1)!);
      deliver(a.matching, b.sent.at(-1)!); // late
      expect([overrideOf(a.matching, id), overrideOf(b.matching, id), await storedOverride(a.store, id)]).to.deep.equal(['Nieuw', 'Nieuw', 'Nieuw']);
    } finally {
      await close();
    }
  });

  it('when the leader resets a label to automatic before it heard of the follower’s rename of another cluster, then the reset and the other name both hold on both and in the store', async () => {
    const { a, b, ids, close } = await pair();
    try {
      const [first, second] = [ids[0]!, ids[1]!];
      await a.matching.setLabel(first, 'Parkeren');
      deliver(b.matching, a.sent.at(-1)!);
      await b.matching.setLabel(second, 'Burgerbegroting');
      await a.matching.setLabel(first, null);
      deliver(b.matching, a.sent.at(-1)!);
      deliver(a.matching, b.sent.at(-1)!); // late
      expect([overrideOf(a.matching, first), overrideOf(b.matching, first), await storedOverride(a.store, first)]).to.deep.equal([null, null, null]);
      expect([overrideOf(a.matching, second), overrideOf(b.matching, second), await storedOverride(a.store, second)])
        .to.deep.equal(['Burgerbegroting', 'Burgerbegroting', 'Burgerbegroting']);
    } finally {
      await close();
    }
  });
});

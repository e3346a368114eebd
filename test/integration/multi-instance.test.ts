import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { Redis } from 'ioredis';
import { io as connectClient, type Socket as ClientSocket } from 'socket.io-client';
import request from 'supertest';
import { actorOf } from '../../server/domain/actor.js';
import type { ClientToServerEvents, NotificationPayload, ServerToClientEvents } from '../../server/realtime/events.js';
import type { Organisation, Store, User } from '../../server/store/store.js';
import { makeOrganisation, makeUser } from '../support/factories.js';
import { markerThrough } from '../support/socket-marker.js';
import { REDIS, REDIS_URL, dropKeys, skipWithoutRedis, startInstance as startShared, stopInstances, within, type Instance, TWO_TOPICS } from '../support/instances.js';
import { TEST_PASSWORD, signIn, startTestApp, type TestApp, sessionCookie } from '../support/start-test-app.js';

/**
 * Several instances on one store and one Redis (the local server at 127.0.0.1:6379; `.ci/run` starts
 * it). Each run uses its own key and channel prefix, so parallel runs do not meet.
 */
const LOCK_TTL_MS = 1500;

type Client = ClientSocket<ServerToClientEvents, ClientToServerEvents>;





const health = async (baseUrl: string) => (await request(baseUrl).get('/healthz')).body as { status: string; redis?: string; leader?: boolean };


describe('several instances on one store and one Redis', function () {
  this.timeout(60_000);
  const prefix = `medestander-test-${randomUUID().slice(0, 8)}:`;
  let dir: string;
  let a: Instance;
  let b: Instance;
  const sockets: Client[] = [];
  let counter = 0;

  const startInstance = (name: string, env: Record<string, string>) => startShared(name, dir, { RECOMPUTE_DEBOUNCE_MS: '150', ...env });


  const stopped = new Set<Instance>();
  /** The shared store, through an instance still running. */
  const store = (): Store => [a, b].find((i) => !stopped.has(i))!.store;
  let hash: string;
  async function member(org: Organisation): Promise<User> {
    hash ??= await a.handle.services.accounts.hashPassword(TEST_PASSWORD);
    const user = makeUser(org.id, { passwordHash: hash });
    await store().createUser(user);
    return user;
  }
  async function organisation(): Promise<Organisation> {
    const org = makeOrganisation({ code: String(70000 + ++counter) });
    await store().upsertOrganisations([org]);
    return org;
  }

  before(async function () {
    await skipWithoutRedis(this);
    dir = await mkdtemp(path.join(tmpdir(), 'medestander-multi-'));
    const env = { REDIS_URL: REDIS_URL, REDIS_PREFIX: prefix, REDIS_LOCK_TTL_MS: String(LOCK_TTL_MS), SIGNIN_MAX_FAILURES: '4' };
    a = await startInstance('A', env);
    b = await startInstance('B', env);
    // One of them leads once the first election round is through.
    await within(5000, async () => ((await health(a.baseUrl)).leader || (await health(b.baseUrl)).leader ? true : undefined), 'a leader');
  });
  afterEach(() => { for (const s of sockets.splice(0)) s.disconnect(); });
  after(() => stopInstances(prefix, dir, a, b));

  const cookieOf = (instance: Instance, user: User) => sessionCookie(instance.baseUrl, user.email);


  async function connect(instance: Instance, cookie: string): Promise<{ socket: Client; received: NotificationPayload[] }> {
    const socket: Client = connectClient(instance.baseUrl, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { cookie } });
    sockets.push(socket);
    const received: NotificationPayload[] = [];
    socket.on('notification:created', (n) => received.push(n));
    await new Promise<void>((resolve, reject) => { socket.once('connect', resolve); socket.once('connect_error', reject); });
    return { socket, received };
  }

  /** Signed in now; posts later (so that posts can go out at once). */
  async function poster(instance: Instance, user: User): Promise<(text: readonly [string, string]) => Promise<string>> {
    const agent = request.agent(instance.baseUrl);
    const csrf = await signIn(agent, user.email);
    return async ([title, description]) => {
      const res = await agent.post('/api/ideas').set('X-CSRF-Token', csrf).send({ title, description, theme: 'services' }).expect(201);
      return (res.body as { id: string }).id;
    };
  }
  const post = async (instance: Instance, user: User, text: readonly [string, string]) => (await poster(instance, user))(text);

  it('when a member endorses through instance A, then the idea owner’s socket on instance B gets the notification', async () => {
    const [owners, endorsers] = [await organisation(), await organisation()];
    const owner = await member(owners);
    const endorser = await member(endorsers);
    const ideaId = await post(b, owner, TWO_TOPICS[0]);
    const { socket, received } = await connect(b, await cookieOf(b, owner));

    const agent = request.agent(a.baseUrl);
    const csrf = await signIn(agent, endorser.email);
    await agent.post(`/api/ideas/${ideaId}/endorsements`).set('X-CSRF-Token', csrf).send({ message: 'Wij ook!' }).expect(201);

    const n = await within(3000, () => received.find((x) => x.kind === 'endorsed' && x.link === `/ideas/${ideaId}`), 'the endorsement on B');
    expect(n.text).to.be.a('string').and.not.empty;
    // Exactly once, not once per instance: a marker from each instance, sent after it, has come through first.
    await Promise.all([markerThrough(a.handle.io, socket, owner.id), markerThrough(b.handle.io, socket, owner.id)]);
    expect(received.filter((x) => x.kind === 'endorsed')).to.have.length(1);
  });

  it('when ideas are posted through both instances, then one recompute runs at a time, on the leader, and both end with the same clusters', async () => {
    // Which instances are recomputing right now (a run that began before this test may end in it).
    const running = new Set<string>();
    let most = 0;
    const starts = { A: 0, B: 0 };
    for (const inst of [a, b]) {
      inst.handle.services.bus.on('clusters:recomputing', ({ running: on }) => {
        if (on) running.add(inst.name); else running.delete(inst.name);
        most = Math.max(most, running.size);
        if (on) starts[inst.name as 'A' | 'B']++;
      });
    }
    const authors = await Promise.all(TWO_TOPICS.map(async () => member(await organisation())));
    const posters: ((text: readonly [string, string]) => Promise<string>)[] = [];
    for (const [i, author] of authors.entries()) posters.push(await poster(i % 2 ? a : b, author));
    const ids = await Promise.all(TWO_TOPICS.map((text, i) => posters[i]!(text)));

    const membership = (inst: Instance) => JSON.stringify(inst.handle.services.matching.clusters()
      .map((c) => [c.id, c.label, [...c.members].sort()] as const).filter(([, , m]) => m.length > 0).sort((x, y) => x[0] - y[0]));
    const settled = () => {
      const [ma, mb] = [a, b].map((i) => i.handle.services.matching);
      const all = ids.every((id) => ma!.clusterOf(id) && mb!.clusterOf(id));
      return running.size === 0 && all && ma!.version > 0 && ma!.version === mb!.version && membership(a) === membership(b) ? true : undefined;
    };
    await within(20_000, settled, 'identical clusters on both instances');
    const leader = (await health(a.baseUrl)).leader ? 'A' : 'B';
    // Still the same after one more recompute on the leader: nothing was left that would change them.
    await (leader === 'A' ? a : b).handle.services.matching.recomputeNow();
    await within(5000, settled, 'identical clusters, settled');

    expect(most, 'recomputes running at once').to.equal(1);
    expect(starts[leader]).to.be.greaterThan(0);
    expect(starts[leader === 'A' ? 'B' : 'A'], 'recomputes on the follower').to.equal(0);
    expect(membership(a)).to.equal(membership(b));
    for (const id of ids) expect(a.handle.services.matching.clusterOf(id)?.id).to.equal(b.handle.services.matching.clusterOf(id)?.id);
  });

  it('when sign-ins fail on both instances, then they count against one limit', async () => {
    const wrong = (i: Instance) => request(i.baseUrl).post('/api/session').send({ email: 'niemand@gemeente.test', password: 'fout wachtwoord' });
    for (const i of [a, b, a, b]) expect((await wrong(i)).status).to.equal(401);
    expect((await wrong(a)).status, 'the fifth failure, on either instance').to.equal(429);
    expect((await wrong(b)).status).to.equal(429);
    await dropKeys(`${prefix}rl:`); // the later tests sign in from the same address
  });

  it('when the leader stops, then the other instance leads within the lock’s TTL and recomputes the next change', async () => {
    const [leader, other] = (await health(a.baseUrl)).leader ? [a, b] : [b, a];
    expect((await health(other.baseUrl)).leader).to.equal(false);
    const since = Date.now();
    stopped.add(leader);
    await leader.handle.close();
    await within(LOCK_TTL_MS, async () => ((await health(other.baseUrl)).leader ? true : undefined), 'the follower taking over');
    expect(Date.now() - since).to.be.lessThan(LOCK_TTL_MS);

    let started = 0;
    other.handle.services.bus.on('clusters:recomputing', ({ running }) => { if (running) started++; });
    const author = await member(await organisation());
    const id = await post(other, author, ['Parkeerkaart voor bezoekers digitaal', 'Bezoekers van bewoners krijgen een digitale parkeerkaart via het online loket van de gemeente.']);
    await within(10_000, () => (started > 0 && other.handle.services.matching.clusterOf(id) ? true : undefined), 'a recompute on the new leader');
  });
});

/** A TCP proxy in front of the real Redis, to take Redis away and bring it back. */
function redisProxy(port: number) {
  let server: net.Server | null = null;
  const open = new Set<net.Socket>();
  return {
    async up(): Promise<void> {
      server = net.createServer((client) => {
        const upstream = net.connect(REDIS.port, REDIS.host);
        for (const s of [client, upstream]) { open.add(s); s.on('error', () => { client.destroy(); upstream.destroy(); }); s.on('close', () => open.delete(s)); }
        client.pipe(upstream).pipe(client);
      });
      await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
    },
    async down(): Promise<void> {
      for (const s of open) s.destroy();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      server = null;
    },
  };
}

describe('an instance whose Redis is away', function () {
  this.timeout(60_000);
  const prefix = `medestander-test-${randomUUID().slice(0, 8)}:`;
  let app: TestApp;
  let proxy: ReturnType<typeof redisProxy>;

  before(async function () {
    await skipWithoutRedis(this);
    // A port nothing listens on (yet).
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    proxy = redisProxy(port);
    app = await startTestApp({ env: { REDIS_URL: `redis://127.0.0.1:${port}`, REDIS_PREFIX: prefix, REDIS_LOCK_TTL_MS: String(LOCK_TTL_MS) } });
  });
  after(async () => {
    await app?.close();
    await proxy?.down();
    await dropKeys(prefix);
  });

  it('when Redis is unreachable at start, then pages and sign-in work and /healthz says degraded; when Redis comes, it recovers and leads', async () => {
    await request(app.baseUrl).get('/').expect(200);
    await request(app.baseUrl).get('/ideas').expect(200);
    const res = await request(app.baseUrl).get('/healthz').expect(200);
    expect(res.body).to.deep.equal({ status: 'degraded', redis: 'down', leader: false });
    const user = await app.createMember((await app.createOrganisation()).id);
    await signIn(request.agent(app.baseUrl), user.email); // the sign-in limit counts locally meanwhile

    await proxy.up();
    await within(10_000, async () => ((await health(app.baseUrl)).status === 'ok' ? true : undefined), 'reconnecting');
    await within(5000, async () => ((await health(app.baseUrl)).leader ? true : undefined), 'taking the lead');
    expect((await health(app.baseUrl))).to.deep.equal({ status: 'ok', redis: 'up', leader: true });
  });

  it('when Redis goes away during a run, then the instance keeps serving and pushing to its own sockets, and recovers when it returns', async () => {
    await within(10_000, async () => ((await health(app.baseUrl)).status === 'ok' ? true : undefined), 'connected first');
    const org = await app.createOrganisation();
    const user = await app.createMember(org.id);
    const agent = request.agent(app.baseUrl);
    await signIn(agent, user.email);
    const cookie = await sessionCookie(app.baseUrl, user.email);
    const socket: Client = connectClient(app.baseUrl, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { cookie } });
    const received: NotificationPayload[] = [];
    socket.on('notification:created', (n) => received.push(n));
    await new Promise<void>((resolve, reject) => { socket.once('connect', resolve); socket.once('connect_error', reject); });

    try {
      await proxy.down();
      await within(5000, async () => ((await health(app.baseUrl)).redis === 'down' ? true : undefined), 'noticing Redis is gone');
      await request(app.baseUrl).get('/ideas').expect(200);
      expect((await request(app.baseUrl).get('/healthz').expect(200)).body.status).to.equal('degraded');

      // A notification for a user connected here still arrives (the adapter falls back to this instance).
      const other = await app.createOrganisation();
      const endorser = await app.createMember(other.id);
      const owner = await app.services.ideas.create(actorOf(user), {
        title: 'Digitaal loket voor afvalkalender', description: 'De afvalkalender en ophaalrondes digitaal raadplegen en meldingen ontvangen.', theme: 'services',
        contact: { name: 'Contact', email: 'contact@gemeente.test' },
      });
      await app.services.endorsements.endorse(actorOf(endorser), owner.id, {});
      await within(3000, () => received.find((n) => n.kind === 'endorsed'), 'the notification while Redis is away');

      await proxy.up();
      await within(10_000, async () => ((await health(app.baseUrl)).status === 'ok' ? true : undefined), 'recovering');
      await within(5000, async () => ((await health(app.baseUrl)).leader ? true : undefined), 'leading again');
    } finally {
      socket.disconnect();
    }
  });
});

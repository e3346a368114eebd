import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { io as connectClient, type Socket as ClientSocket } from 'socket.io-client';
import request from 'supertest';
import { actorOf } from '../../server/domain/actor.js';
import type { BoardSnapshot, BoardUpdate } from '../../server/domain/board/index.js';
import { applyUpdate, createState } from '../../public/js/board-merge.js';
import type { ClientToServerEvents, Result, ServerToClientEvents } from '../../server/realtime/events.js';
import { boardRoom } from '../../server/realtime/rooms.js';
import type { BoardEvent, Organisation, User } from '../../server/store/store.js';
import { makeOrganisation, makeUser } from '../support/factories.js';
import { markerThrough } from '../support/socket-marker.js';
import { REDIS_URL, skipWithoutRedis, startInstance as startShared, stopInstances, within, type Instance } from '../support/instances.js';
import { TEST_PASSWORD, signIn, sessionCookie, RECOMPUTE_ON_REQUEST } from '../support/start-test-app.js';

/**
 * The live board with two instances on one SQLite file and one Redis (127.0.0.1:6379, as in
 * multi-instance.test.ts): one timeline entry per change, one push per board socket, every board
 * showing every idea and label. Each run uses its own key and channel prefix.
 */

type Client = ClientSocket<ServerToClientEvents, ClientToServerEvents>;




const contact = { name: 'Contactpersoon', email: 'contact@gemeente.test' };
const SEED = [
  ['Digitaal afsprakenplatform voor het loket', 'Inwoners boeken online een afspraak aan het loket burgerzaken, met herinnering per sms en e-mail.'],
  ['Online afspraken maken bij burgerzaken', 'Een afsprakenmodule waarmee burgers zelf een tijdslot kiezen aan het loket, met sms-herinnering.'],
  ['Slimme glascontainers met sensoren', 'Sensoren in de glascontainers melden wanneer ze vol zijn, zodat de ophaling efficiënter kan plannen.'],
  ['Sensoren in glasbollen voor ophaalrondes', 'De glasbollen geven hun vulgraad door met sensoren, de ophaalrondes worden daarop gepland.'],
] as const;

describe('the live board on several instances', function () {
  this.timeout(60_000);
  const prefix = `medestander-test-${randomUUID().slice(0, 8)}:`;
  let dir: string;
  let a: Instance;
  let b: Instance;
  let leader: Instance;
  let programme: User;
  const sockets: Client[] = [];
  let counter = 0;
  let hash: string;

  const startInstance = (name: string, env: Record<string, string>) => startShared(name, dir, env);


  async function user(organisationId: string | null, role: 'member' | 'programme'): Promise<User> {
    hash ??= await a.handle.services.accounts.hashPassword(TEST_PASSWORD);
    const u = makeUser(organisationId, { passwordHash: hash, role });
    await a.store.createUser(u);
    return u;
  }
  async function member(): Promise<User> {
    const org: Organisation = makeOrganisation({ code: String(80000 + ++counter), name: `Gemeente ${counter}` });
    await a.store.upsertOrganisations([org]);
    return user(org.id, 'member');
  }

  /** Both instances on the same clusters (the follower adopted the leader's last recompute). */
  const sameClusters = () => within(10_000, () => {
    const [va, vb] = [a, b].map((i) => i.handle.services.matching.version);
    return va! > 0 && va === vb ? true : undefined;
  }, 'the follower adopting the clusters');
  const settled = async () => { for (const i of [a, b]) await i.handle.services.board.settled(); };
  /** Every instance has announced everything stored: a quiet moment for counting. */
  const quiet = async () => {
    const latest = async () => (await a.store.listBoardEvents({ limit: 1 }))[0]?.seq ?? 0;
    await within(5000, async () => {
      await settled();
      const [sa, sb] = await Promise.all([a, b].map(snapshot));
      const top = await latest();
      return sa!.version === top && sb!.version === top ? true : undefined;
    }, 'both boards up to date');
  };

  before(async function () {
    await skipWithoutRedis(this);
    dir = await mkdtemp(path.join(tmpdir(), 'medestander-multi-board-'));
    // A long debounce: the leader recomputes only when a test asks, so each test sees the updates it causes.
    const env = { REDIS_URL: REDIS_URL, REDIS_PREFIX: prefix, REDIS_LOCK_TTL_MS: '1500', ...RECOMPUTE_ON_REQUEST };
    a = await startInstance('A', env);
    b = await startInstance('B', env);
    const leads = async (i: Instance) => ((await request(i.baseUrl).get('/healthz')).body as { leader?: boolean }).leader === true;
    leader = await within(5000, async () => ((await leads(a)) ? a : (await leads(b)) ? b : undefined), 'a leader');
    programme = await user(null, 'programme');
    for (const [i, [title, description]] of SEED.entries()) {
      const author = await member();
      await (i % 2 ? a : b).handle.services.ideas.create(actorOf(author), { title, description, theme: 'services', contact });
    }
    // Each board lists the ideas posted through the other (so the leader's engine has them all too).
    await within(5000, async () => ((await Promise.all([a, b].map(snapshot))).every((x) => x.ideas.length === SEED.length) ? true : undefined), 'every idea on both boards');
    await leader.handle.services.matching.recomputeNow();
    await sameClusters();
    await quiet();
  });
  afterEach(() => { for (const s of sockets.splice(0)) s.disconnect(); boards.clear(); });
  after(() => stopInstances(prefix, dir, a, b));

  const cookieOf = (instance: Instance, u: User) => sessionCookie(instance.baseUrl, u.email);


  async function snapshot(instance: Instance): Promise<BoardSnapshot> {
    return (await request(instance.baseUrl).get('/api/board').set('Cookie', await cookieOf(instance, programme)).expect(200)).body as BoardSnapshot;
  }

  /** A programme-team board socket on `instance`, in the board room, collecting what it is pushed. */
  async function board(instance: Instance): Promise<BoardUpdate[]> {
    const socket: Client = connectClient(instance.baseUrl, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { cookie: await cookieOf(instance, programme) } });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => { socket.once('connect', resolve); socket.once('connect_error', reject); });
    const joined = await new Promise<Result<unknown>>((resolve) => (socket.emit as (e: string, p: unknown, ack: (r: Result<unknown>) => void) => void)('room:join', { room: boardRoom() }, resolve));
    expect(joined.ok).to.equal(true);
    const got: BoardUpdate[] = [];
    socket.on('board:updated', (u) => got.push(u));
    boards.set(got, { socket, instance });
    return got;
  }
  const boards = new Map<BoardUpdate[], { socket: Client; instance: Instance }>();
  /**
   * After quiet(): every board socket has everything its instance announced. Each instance pushes the
   * board to its own sockets, so a marker from that instance, sent after, arrives after all of it.
   */
  const delivered = () => Promise.all([...boards.values()].map(({ socket, instance }) => markerThrough(instance.handle.io, socket, programme.id)));

  const eventsAfter = async (version: number): Promise<BoardEvent[]> => a.store.listBoardEvents({ after: version, limit: 500 });

  for (const [from, to] of [['A', 'B'], ['B', 'A']] as const) {
    it(`when a member posts through instance ${from}, then a board on ${to} (and one on ${from}) gets exactly one update with a higher version, the timeline one entry, and ${to}'s GET /api/board lists the idea`, async () => {
      const [poster, watcher] = from === 'A' ? [a, b] : [b, a];
      const before = await snapshot(watcher);
      const [there, here] = [await board(watcher), await board(poster)];
      const author = await member();
      const agent = request.agent(poster.baseUrl);
      const csrf = await signIn(agent, author.email);
      const res = await agent.post('/api/ideas').set('X-CSRF-Token', csrf)
        .send({ title: 'Afsprakenmodule voor het loket met sms', description: 'Inwoners maken online een afspraak aan het loket burgerzaken, met een sms-herinnering de dag voordien.', theme: 'services' }).expect(201);
      const id = (res.body as { id: string }).id;

      const update = await within(3000, () => there.find((u) => u.changes.ideas.some((i) => i.id === id)), `the update on ${to}`);
      await within(3000, () => (here.length > 0 ? true : undefined), `the update on ${from}`);
      await quiet();
      await delivered();
      expect(there, `updates on ${to}`).to.have.length(1);
      expect(here, `updates on ${from}`).to.have.length(1);
      expect(update.version).to.be.greaterThan(before.version);
      expect(here[0]!.version).to.equal(update.version);
      expect(update.changes.ideas.find((i) => i.id === id)?.clusterId).to.not.equal(undefined);

      const entries = (await eventsAfter(before.version)).filter((e) => e.ideaId === id);
      expect(entries.map((e) => e.kind), 'timeline entries for the idea').to.have.length(1);

      const listed = await snapshot(watcher);
      expect(listed.ideas.map((i) => i.id)).to.include(id);
      expect(listed.numbers.ideas).to.equal(before.numbers.ideas + 1);
    });
  }

  it('when the leader recomputes, then its events are written once and every board gets one update with the recomputed clusters', async () => {
    const follower = leader === a ? b : a;
    const before = await snapshot(follower);
    const beforeOnLeader = await snapshot(leader);
    const [onFollower, onLeader] = [await board(follower), await board(leader)];
    const author = await member();
    await follower.handle.services.ideas.create(actorOf(author), { title: 'Glascontainers die zelf melden dat ze vol zijn', description: 'Sensoren in de glascontainers sturen hun vulgraad door zodat de ophaling beter plant.', theme: 'services', contact });
    await within(3000, () => (onFollower.length > 0 && onLeader.length > 0 ? true : undefined), 'the post on both boards');
    const beforeRecompute = (await eventsAfter(0)).at(-1)!.seq;
    await leader.handle.services.matching.recomputeNow();
    await sameClusters();
    await quiet();
    await delivered();

    expect(onFollower.map((u) => u.version), 'versions on the follower').to.deep.equal(onLeader.map((u) => u.version));
    expect(onFollower.map((u) => u.version)).to.deep.equal([...new Set(onFollower.map((u) => u.version))].sort((x, y) => x - y));
    expect(onFollower[0]!.version).to.be.greaterThan(before.version);
    const recomputeEvents = await eventsAfter(beforeRecompute);
    const keys = recomputeEvents.map((e) => JSON.stringify([e.kind, e.clusterId, e.ideaId, e.params]));
    expect(keys, 'no event written twice').to.deep.equal([...new Set(keys)]);
    // Each update carries the cards that changed: the boards as the browser folds them in.
    const folded = (snap: BoardSnapshot, updates: BoardUpdate[]) => { const st = createState(snap); for (const u of updates) applyUpdate(st, u); return st.clusters.map((c) => c.id).sort(); };
    expect(folded(before, onFollower)).to.deep.equal(folded(beforeOnLeader, onLeader));
    expect(folded(before, onFollower)).to.deep.equal((await snapshot(follower)).clusters.map((c) => c.id).sort());
  });

  it('when the programme team renames a cluster on one instance, then a board on the other gets the new label at once, and the timeline says so once', async () => {
    const renamer = leader === a ? b : a; // a follower's rename, the case that used to wait for the next update
    const other = renamer === a ? b : a;
    const before = await snapshot(other);
    const target = before.clusters[0]!;
    const there = await board(other);
    await renamer.handle.services.clusters.setLabel(actorOf(programme), target.id, { label: 'Afspraken aan het loket' });

    const update = await within(3000, () => there.find((u) => u.changes.cards?.some((c) => c.id === target.id && c.label === 'Afspraken aan het loket')), 'the new label on the other board');
    await quiet();
    await delivered();
    expect(there).to.have.length(1);
    expect(update.events.map((e) => e.kind)).to.include('cluster_renamed');
    const renamed = (await eventsAfter(before.version)).filter((e) => e.kind === 'cluster_renamed');
    expect(renamed).to.have.length(1);
    expect((await snapshot(other)).clusters.find((c) => c.id === target.id)?.label).to.equal('Afspraken aan het loket');
  });
});

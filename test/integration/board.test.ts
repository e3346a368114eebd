import { expect } from 'chai';
import { io as connectClient, type Socket as ClientSocket } from 'socket.io-client';
import request from 'supertest';
import { actorOf } from '../../server/domain/actor.js';
import type { BoardCatchUp, BoardSnapshot, BoardUpdate } from '../../server/domain/board/index.js';
import type { ClientToServerEvents, Result, ServerToClientEvents } from '../../server/realtime/events.js';
import { boardRoom } from '../../server/realtime/rooms.js';
import type { Organisation, User } from '../../server/store/store.js';
import { applyCatchUp, applyUpdate, createState } from '../../public/js/board-merge.js';
import { markerThrough } from '../support/socket-marker.js';
import { signIn, startTestApp, type TestApp, sessionCookie, RECOMPUTE_ON_REQUEST } from '../support/start-test-app.js';

type Client = ClientSocket<ServerToClientEvents, ClientToServerEvents>;

const TEXTS = [
  { title: 'Digitaal afsprakenplatform voor het loket', description: 'Inwoners boeken online een afspraak aan het loket burgerzaken, met herinnering per sms en e-mail.' },
  { title: 'Online afspraken maken bij burgerzaken', description: 'Een afsprakenmodule waarmee burgers zelf een tijdslot kiezen aan het loket, met sms-herinnering.' },
  { title: 'Slimme glascontainers met sensoren', description: 'Sensoren in de glascontainers melden wanneer ze vol zijn, zodat de ophaling efficiënter kan plannen.' },
  { title: 'Sensoren in glasbollen voor ophaalrondes', description: 'De glasbollen geven hun vulgraad door met sensoren, de ophaalrondes worden daarop gepland.' },
];

describe('the live board', () => {
  let app: TestApp;
  let orgs: Organisation[];
  let members: User[];
  let programme: User;
  const open: Client[] = [];

  before(async () => {
    // A long debounce: only recomputeNow() recomputes, so each test sees only the updates it causes.
    app = await startTestApp({ env: { ...RECOMPUTE_ON_REQUEST } });
    orgs = await Promise.all(['Lier', 'Mol', 'Geel', 'Tienen'].map((name) => app.createOrganisation({ name })));
    members = await Promise.all(orgs.map((o) => app.createMember(o.id)));
    programme = await app.createProgramme();
    for (let i = 0; i < TEXTS.length; i++) {
      await app.services.ideas.create(actorOf(members[i]!), { ...TEXTS[i]!, theme: 'services', contact: { name: 'Contact', email: 'contact@gemeente.test' } });
    }
    await app.services.matching.recomputeNow();
    await app.services.board.settled();
  });
  afterEach(() => { for (const s of open.splice(0)) s.disconnect(); });
  after(() => app?.close());

  const cookieOf = (user: User) => sessionCookie(app.baseUrl, user.email);


  async function online(user: User): Promise<Client> {
    const socket: Client = connectClient(app.baseUrl, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { cookie: await cookieOf(user) } });
    open.push(socket);
    await new Promise<void>((resolve, reject) => { socket.once('connect', resolve); socket.once('connect_error', reject); });
    return socket;
  }

  const ask = <T>(socket: Client, event: 'room:join' | 'board:since', payload: unknown) =>
    new Promise<Result<T>>((resolve) => (socket.emit as (e: string, p: unknown, ack: (r: Result<T>) => void) => void)(event, payload, resolve));
  const snapshot = async () => (await request(app.baseUrl).get('/api/board').set('Cookie', await cookieOf(programme)).expect(200)).body as BoardSnapshot;

  describe('who may see it', () => {
    it('when a visitor opens /board, then they are sent to sign in and come back; /api/board answers 401', async () => {
      const res = await request(app.baseUrl).get('/board').expect(303);
      expect(res.headers.location).to.equal('/signin?next=%2Fboard');
      expect((await request(app.baseUrl).get('/api/board').expect(401)).body.error.code).to.equal('unauthenticated');
      await request(app.baseUrl).get('/api/board/events?after=0').expect(401);
    });

    it('when a member opens /board or /api/board, then 403', async () => {
      const agent = request.agent(app.baseUrl);
      await signIn(agent, members[0]!.email);
      await agent.get('/board').expect(403);
      expect((await agent.get('/api/board').expect(403)).body.error.code).to.equal('forbidden');
      await agent.get('/api/board/events').expect(403);
    });

    it('when a member asks to join the board room or for its catch-up, then both are refused and no update reaches them', async () => {
      const socket = await online(members[0]!);
      const got: BoardUpdate[] = [];
      socket.on('board:updated', (u) => got.push(u));
      const joined = await ask(socket, 'room:join', { room: boardRoom() });
      expect(joined.ok).to.equal(false);
      const since = await ask(socket, 'board:since', { version: 0 });
      expect(since).to.deep.include({ ok: false });
      await app.services.ideas.create(actorOf(members[1]!), { title: 'Nog een afsprakenmodule voor het loket', description: 'Burgers boeken online een afspraak bij burgerzaken, met sms-herinnering vooraf.', theme: 'services', contact: { name: 'Contactpersoon', email: 'c@gemeente.test' } });
      await app.services.board.settled();
      await markerThrough(app.handle.io, socket, members[0]!.id);
      expect(got).to.deep.equal([]);
    });

    it('when the programme team opens /board, then the page shows the cluster cards, the numbers as tables and the timeline, and a nav link', async () => {
      const agent = request.agent(app.baseUrl);
      await signIn(agent, programme.email);
      const html = (await agent.get('/board').expect(200)).text;
      expect(html).to.include('href="/board"');
      expect(html).to.match(/<li class="cluster-card[^"]*" data-cluster-id="\d+">/);
      expect(html).to.include('data-table="theme"').and.include('data-table="funnel"');
      expect(html).to.include('<ol class="timeline"');
      expect(html).to.match(/<path d="M[^"]+" data-nis="11002" class="municipality/);
      expect(html).to.include('Lier');
      const chart = await agent.get('/static/vendor/chart.js/chart.umd.js').expect(200);
      expect(chart.headers['content-type']).to.match(/javascript/);
    });
  });

  describe('live updates', () => {
    it('when a member posts an idea over HTTP, then the board room gets exactly one update, with a higher version, naming the new idea', async () => {
      const before = await snapshot();
      const socket = await online(programme);
      expect((await ask(socket, 'room:join', { room: boardRoom() })).ok).to.equal(true);
      const got: BoardUpdate[] = [];
      socket.on('board:updated', (u) => got.push(u));

      const agent = request.agent(app.baseUrl);
      const csrf = await signIn(agent, members[3]!.email);
      const started = Date.now();
      const first = new Promise<void>((resolve) => socket.once('board:updated', () => resolve()));
      const res = await agent.post('/api/ideas').set('X-CSRF-Token', csrf)
        .send({ title: 'Afsprakenmodule voor het loket in Tienen', description: 'Inwoners van Tienen maken online een afspraak aan het loket burgerzaken, met een sms-herinnering.', theme: 'services' }).expect(201);
      await first;
      expect(Date.now() - started, 'an update within a second').to.be.below(1000);
      expect(got).to.have.length(1);
      await app.services.board.settled();
      await markerThrough(app.handle.io, socket, programme.id);
      expect(got, 'exactly one').to.have.length(1);

      const update = got[0]!;
      expect(update.version).to.be.greaterThan(before.version);
      expect(update.events.at(-1)!.seq).to.equal(update.version);
      const idea = update.changes.ideas.find((i) => i.id === res.body.id);
      expect(idea).to.include({ organisation: 'Tienen', title: 'Afsprakenmodule voor het loket in Tienen' });
      const joined = update.events.find((e) => e.kind === 'cluster_gained' || e.kind === 'idea_posted');
      expect(joined?.params.organisations).to.equal('Tienen');
      expect(update.changes.numbers.ideas).to.equal(before.numbers.ideas + 1);
    });

    it('when a late, older update arrives after a newer one, then the client keeps the newer state', async () => {
      const snap = await snapshot();
      const state = createState(snap);
      const idea = snap.ideas[0]!;
      const base = { clusters: snap.clusters, numbers: snap.numbers, removed: [] };
      const newer: BoardUpdate = { version: snap.version + 2, events: [{ seq: snap.version + 2, kind: 'refreshed', params: {}, clusterId: null, ideaId: null, createdAt: new Date().toISOString() }], changes: { ...base, ideas: [{ ...idea, x: 0.5, y: 0.5 }] } };
      const older: BoardUpdate = { version: snap.version + 1, events: [{ seq: snap.version + 1, kind: 'refreshed', params: {}, clusterId: null, ideaId: null, createdAt: new Date().toISOString() }], changes: { ...base, ideas: [{ ...idea, x: -0.5, y: -0.5 }] } };

      expect(applyUpdate(state, newer)).to.include({ applied: true, gap: true });
      expect(applyUpdate(state, older)).to.deep.equal({ applied: false });
      expect(applyUpdate(state, newer)).to.deep.equal({ applied: false }); // the same one twice
      expect(state.version).to.equal(snap.version + 2);
      expect(state.ideas.get(idea.id)).to.include({ x: 0.5, y: 0.5 });

      // A catch-up answered before the newer update changes nothing either, except adding missed events.
      const stale: BoardCatchUp = { version: snap.version + 1, reload: false, events: older.events, changes: { ...older.changes, replace: true } };
      expect(applyCatchUp(state, stale)).to.include({ applied: false });
      expect(state.ideas.get(idea.id)).to.include({ x: 0.5, y: 0.5 });
      expect(state.timeline.map((e) => e.seq).slice(0, 2)).to.deep.equal([snap.version + 2, snap.version + 1]);
    });

    it('when a board reconnects, then board:since answers what it missed and the board as it is now', async () => {
      const before = await snapshot();
      await app.services.ideas.create(actorOf(members[2]!), { title: 'Glascontainers die zelf melden dat ze vol zijn', description: 'Sensoren in de glascontainers sturen hun vulgraad door zodat de ophaling beter plant.', theme: 'workplace', contact: { name: 'Contactpersoon', email: 'c@gemeente.test' } });
      await app.services.board.settled();

      const socket = await online(programme);
      const res = await ask<BoardCatchUp>(socket, 'board:since', { version: before.version });
      expect(res.ok).to.equal(true);
      const data = (res as { ok: true; data: BoardCatchUp }).data;
      if (data.reload) throw new Error('unexpected reload');
      expect(data.version).to.be.greaterThan(before.version);
      expect(data.events.map((e) => e.seq).every((s) => s > before.version)).to.equal(true);
      expect(data.changes?.replace).to.equal(true);
      expect(data.changes?.ideas).to.have.length(before.ideas.length + 1);

      const state = createState(before);
      expect(applyCatchUp(state, data)).to.include({ applied: true });
      expect(state.version).to.equal(data.version);
      expect(state.ideas.size).to.equal(before.ideas.length + 1);

      const upToDate = await ask<BoardCatchUp>(socket, 'board:since', { version: data.version });
      expect(upToDate).to.deep.equal({ ok: true, data: { version: data.version, reload: false, events: [], changes: null } });
      expect((await ask(socket, 'board:since', { version: -1 })).ok).to.equal(false);
    });

    it('when a board missed too much, then board:since tells it to reload the snapshot', async () => {
      const { version } = await snapshot();
      await app.store.appendBoardEvents(Array.from({ length: 201 }, () => ({ kind: 'refreshed', params: {}, clusterId: null, ideaId: null, createdAt: new Date().toISOString() })));
      const socket = await online(programme);
      const res = await ask<BoardCatchUp>(socket, 'board:since', { version });
      expect(res).to.deep.equal({ ok: true, data: { version: version + 201, reload: true } });
      expect(applyCatchUp(createState(await snapshot()), (res as { ok: true; data: BoardCatchUp }).data)).to.deep.equal({ reload: true });
    });

    it('when /api/board/events is asked for what came after a version, then those events come oldest first; a bad `after` is a 400', async () => {
      const agent = request.agent(app.baseUrl);
      await signIn(agent, programme.email);
      const { version } = await snapshot();
      const items = (await agent.get(`/api/board/events?after=${version - 3}`).expect(200)).body.items as { seq: number }[];
      expect(items.map((e) => e.seq)).to.deep.equal([version - 2, version - 1, version]);
      expect((await agent.get('/api/board/events?after=abc').expect(400)).body.error.fields).to.have.property('after');
    });
  });
});

import { expect } from 'chai';
import { io as connectClient, type Socket as ClientSocket } from 'socket.io-client';
import request from 'supertest';
import { actorOf } from '../../server/domain/actor.js';
import type { ClientToServerEvents, NotificationPayload, Result, ServerToClientEvents } from '../../server/realtime/events.js';
import { organisationRoom, userRoom } from '../../server/realtime/rooms.js';
import { SESSION_COOKIE } from '../../server/web/middleware/session.js';
import type { Idea, Organisation, User } from '../../server/store/store.js';
import { makeIdea } from '../support/factories.js';
import { markerThrough } from '../support/socket-marker.js';
import { TEST_PASSWORD, startTestApp, type TestApp, sessionCookie } from '../support/start-test-app.js';

type Client = ClientSocket<ServerToClientEvents, ClientToServerEvents>;

/** A client socket that records what it receives from the moment it is made. */
interface Recorder {
  socket: Client;
  notifications: NotificationPayload[];
  unread: number[];
}

describe('realtime: notifications over socket.io', () => {
  let app: TestApp;
  let orgA: Organisation;
  let orgB: Organisation;
  let orgC: Organisation;
  let a1: User;
  let a2: User;
  let b: User;
  let c: User;
  const cookies = new Map<string, string>();
  const open: Client[] = [];

  before(async () => {
    app = await startTestApp();
    [orgA, orgB, orgC] = await Promise.all([app.createOrganisation(), app.createOrganisation(), app.createOrganisation()]);
    a1 = await app.createMember(orgA.id);
    a2 = await app.createMember(orgA.id);
    b = await app.createMember(orgB.id);
    c = await app.createMember(orgC.id);
  });
  afterEach(() => {
    for (const s of open.splice(0)) s.disconnect();
  });
  after(() => app?.close());

  /** Signs in over HTTP and returns the session cookie, as a browser would hold it. */
  async function cookieOf(user: User): Promise<string> {
    const known = cookies.get(user.id);
    if (known) return known;
    const session = await sessionCookie(app.baseUrl, user.email);
    cookies.set(user.id, session);
    return session;
  }

  function socketWith(cookie: string | null, auth: Record<string, unknown> = {}): Recorder {
    const socket: Client = connectClient(app.baseUrl, {
      transports: ['websocket'], forceNew: true, reconnection: false, auth,
      ...(cookie ? { extraHeaders: { cookie } } : {}),
    });
    open.push(socket);
    const rec: Recorder = { socket, notifications: [], unread: [] };
    socket.on('notification:created', (n) => rec.notifications.push(n));
    socket.on('notifications:unread', ({ count }) => rec.unread.push(count));
    return rec;
  }

  const connected = (rec: Recorder) =>
    new Promise<Recorder>((resolve, reject) => {
      rec.socket.once('connect', () => resolve(rec));
      rec.socket.once('connect_error', reject);
    });
  const refused = (rec: Recorder) =>
    new Promise<Error & { data?: { code: string; message: string } }>((resolve, reject) => {
      rec.socket.once('connect', () => reject(new Error('connected, but should have been refused')));
      rec.socket.once('connect_error', resolve);
    });

  async function online(user: User, opts: { lang?: string; since?: string } = {}): Promise<Recorder> {
    const cookie = (await cookieOf(user)) + (opts.lang ? `; lang=${opts.lang}` : '');
    return connected(socketWith(cookie, opts.since ? { since: opts.since } : {}));
  }

  /** Resolves when `check` holds, polling; rejects after `ms`. */
  async function within<T>(ms: number, check: () => T | undefined): Promise<T> {
    const until = Date.now() + ms;
    for (;;) {
      const v = check();
      if (v !== undefined) return v;
      if (Date.now() > until) throw new Error(`not within ${ms} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Resolves once `rec` got a marker sent after everything before it (see markerThrough). */
  const drained = (rec: Recorder, user: User) => markerThrough(app.handle.io, rec.socket, user.id);

  function emitWithAck<E extends 'room:join' | 'notifications:since' | 'notifications:read'>(
    socket: Client, event: E, payload: unknown,
  ): Promise<Result<unknown> & { ok: boolean }> {
    return new Promise((resolve) => (socket.emit as (e: string, p: unknown, ack: (r: Result<unknown>) => void) => void)(event, payload, resolve));
  }

  async function ideaOf(org: Organisation, author: User, over: Partial<Idea> = {}): Promise<Idea> {
    const idea = makeIdea(org.id, author.id, over);
    await app.store.createIdea(idea);
    return idea;
  }

  describe('delivery to exactly the people concerned', () => {
    it('when B endorses an idea of A, then every socket of A gets it within a second, in its own language, and C never does', async () => {
      const idea = await ideaOf(orgA, a1, { title: 'Digitale afsprakenmodule voor het loket' });
      const [sa1, sa1b, sa2, sb, sc] = await Promise.all([
        online(a1), online(a1), online(a2, { lang: 'en' }), online(b), online(c),
      ]);
      const started = Date.now();
      await app.services.endorsements.endorse(actorOf(b), idea.id, { message: 'Wij delen graag de kost van de boekingsmodule.' });

      const endorsedFor = (rec: Recorder) => () => rec.notifications.find((n) => n.kind === 'endorsed' && n.link === `/ideas/${idea.id}`);
      const [n1, n1b, n2] = await Promise.all([within(1000, endorsedFor(sa1)), within(1000, endorsedFor(sa1b)), within(1000, endorsedFor(sa2))]);
      expect(Date.now() - started).to.be.below(1000);
      expect(n1.text).to.equal(`${orgB.name} vindt je idee ‘${idea.title}’ ook waardevol. Jullie zijn nu in contact en zien elkaars contactpersoon.`);
      expect(n1b.id).to.equal(n1.id);
      expect(n2.text).to.include(orgB.name).and.not.to.equal(n1.text); // English
      expect(n1).to.have.keys(['id', 'kind', 'text', 'link', 'createdAt', 'readAt']);
      await within(1000, () => (sa1.unread.at(-1) ?? 0) >= 1 || undefined);
      await within(1000, () => sb.notifications.find((n) => n.kind === 'connected'));

      const marker = await drained(sc, c); // C must stay silent: nothing before the marker sent after everything
      expect(sc.notifications).to.deep.equal([marker]);
      expect(sc.unread).to.deep.equal([0]); // only the count sent on connect
    });

    it('when a socket connects, then it is told its unread count at once', async () => {
      const rec = await online(c);
      const count = await within(1000, () => rec.unread[0]);
      expect(count).to.equal(await app.store.countUnread(c.id));
    });
  });

  describe('authentication and rooms', () => {
    it('when a socket has no session, then it is refused with a clear error', async () => {
      const err = await refused(socketWith(null));
      expect(err.message).to.equal('unauthenticated');
      expect(err.data).to.deep.equal({ code: 'unauthenticated', message: 'Meld je aan om verder te gaan.' });
    });

    it('when a page of another site opens a socket with the user\'s cookie, then the handshake is refused; the own origin is let in', async () => {
      const cookie = await cookieOf(a1);
      const foreign = connectClient(app.baseUrl, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { cookie, origin: 'https://evil.example' } });
      open.push(foreign);
      await new Promise<void>((resolve, reject) => {
        foreign.once('connect', () => reject(new Error('a foreign origin was let in')));
        foreign.once('connect_error', () => resolve());
      });
      const own = connectClient(app.baseUrl, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { cookie, origin: app.baseUrl } });
      open.push(own);
      await new Promise<void>((resolve, reject) => { own.once('connect', () => resolve()); own.once('connect_error', reject); });
    });

    it('when a socket brings a forged or signed-out session cookie, then it is refused', async () => {
      const forged = await refused(socketWith(`${SESSION_COOKIE}=s%3Aforged.signature`));
      expect(forged.data?.code).to.equal('unauthenticated');
      const leaver = await app.createMember(orgC.id);
      const agent = request.agent(app.baseUrl);
      const res = await agent.post('/api/session').send({ email: leaver.email, password: TEST_PASSWORD }).expect(201);
      const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).map((h) => h.split(';')[0]!).join('; ');
      await agent.delete('/api/session').set('X-CSRF-Token', res.body.csrfToken as string).expect(204);
      const signedOut = await refused(socketWith(cookie));
      expect(signedOut.data?.code).to.equal('unauthenticated');
    });

    it('when a deactivated user connects with a session that was valid, then the socket is refused and says why', async () => {
      const leaver = await app.createMember(orgA.id);
      const cookie = await cookieOf(leaver);
      await connected(socketWith(cookie)); // fine while active
      await app.store.updateUser(leaver.id, { active: false }, new Date().toISOString());
      const err = await refused(socketWith(`${cookie}; lang=en`));
      expect(err.data).to.deep.equal({ code: 'unauthenticated', message: 'This account is no longer active.' });
    });

    it("when a socket asks for another organisation's room, then it is refused, joins nothing and receives nothing from it", async () => {
      const [sa, sc] = await Promise.all([online(a1), online(c)]);
      const answer = await emitWithAck(sc.socket, 'room:join', { room: organisationRoom(orgA.id) });
      expect(answer).to.deep.include({ ok: false });
      expect((answer as { error: { code: string } }).error.code).to.equal('forbidden');
      const other = await emitWithAck(sc.socket, 'room:join', { room: userRoom(a1.id) });
      expect(other.ok).to.equal(false);

      const probe: NotificationPayload = { id: 'probe', kind: 'endorsed', text: 'only for A', link: '/ideas', createdAt: new Date().toISOString(), readAt: null };
      app.handle.io.to(organisationRoom(orgA.id)).emit('notification:created', probe);
      app.handle.io.to(userRoom(a1.id)).emit('notification:created', { ...probe, id: 'probe-user' });
      await within(1000, () => sa.notifications.find((n) => n.id === 'probe-user'));
      await within(1000, () => sa.notifications.find((n) => n.id === 'probe'));
      const marker = await drained(sc, c);
      expect(sc.notifications).to.deep.equal([marker]);
    });

    it('when a socket asks for its own rooms, then the answer is ok; a bad payload names the field', async () => {
      const sc = await online(c);
      expect(await emitWithAck(sc.socket, 'room:join', { room: organisationRoom(orgC.id) })).to.deep.equal({ ok: true, data: { room: organisationRoom(orgC.id) } });
      expect(await emitWithAck(sc.socket, 'room:join', { room: userRoom(c.id) })).to.deep.include({ ok: true });
      const bad = await emitWithAck(sc.socket, 'room:join', { room: 42 });
      expect(bad.ok).to.equal(false);
      expect(bad).to.have.nested.property('error.code', 'validation_failed');
      expect(bad).to.have.nested.property('error.fields.room.code', 'wrong_type');
    });
  });

  describe('catching up after being offline', () => {
    it('when a socket was offline, then on reconnect with auth.since it receives what it missed, oldest first, and nothing older', async () => {
      const before = await ideaOf(orgA, a1);
      const after = await ideaOf(orgA, a1);
      const otherOrg = await app.createOrganisation();
      const endorser = await app.createMember(otherOrg.id);
      await app.services.endorsements.endorse(actorOf(endorser), before.id, {});

      const first = await online(a1);
      await within(1000, () => first.unread[0]); // the server has finished greeting the socket
      first.socket.disconnect();
      const seen = (await app.store.listNotifications(a1.id, { limit: 1 }))[0]!.createdAt;

      await within(1000, () => Date.now() > Date.parse(seen) || undefined); // the next notification is stamped later
      await app.services.endorsements.endorse(actorOf(endorser), after.id, {});
      const missed = (await app.store.listNotifications(a1.id, { since: seen, limit: 100 })).map((n) => n.id).reverse();
      expect(missed.length).to.be.greaterThan(0);

      const back = await online(a1, { since: seen });
      await within(1000, () => (back.notifications.length >= missed.length ? true : undefined));
      expect(back.notifications.map((n) => n.id)).to.deep.equal(missed);
      expect(back.notifications.some((n) => n.link === `/ideas/${before.id}`)).to.equal(false);

      const asked = await emitWithAck(back.socket, 'notifications:since', { since: seen });
      expect(asked.ok).to.equal(true);
      expect((asked as { data: { items: NotificationPayload[] } }).data.items.map((n) => n.id)).to.deep.equal([...missed].reverse());
    });

    it('when the handshake carries a malformed since, then the socket connects and gets no backlog', async () => {
      const rec = await online(a1, { since: 'yesterday' });
      await within(1000, () => rec.unread[0]);
      expect(rec.notifications).to.deep.equal([]);
    });
  });

  describe('marking as read over the socket', () => {
    it("when one socket marks all as read, then the user's other sockets get the new count, and ids of others are ignored", async () => {
      const idea = await ideaOf(orgA, a2);
      const otherOrg = await app.createOrganisation();
      await app.services.endorsements.endorse(actorOf(await app.createMember(otherOrg.id)), idea.id, {});
      const [one, two, sc] = await Promise.all([online(a2), online(a2), online(c)]);
      expect(await app.store.countUnread(a2.id)).to.be.greaterThan(0);

      const theirs = (await app.store.listNotifications(a2.id, { limit: 1 }))[0]!.id;
      const foreign = await emitWithAck(sc.socket, 'notifications:read', { ids: [theirs] });
      expect(foreign).to.deep.equal({ ok: true, data: { changed: 0, unread: await app.store.countUnread(c.id) } });

      const answer = await emitWithAck(one.socket, 'notifications:read', { all: true });
      expect(answer).to.have.nested.property('data.unread', 0);
      await within(1000, () => (two.unread.at(-1) === 0 && two.unread.length >= 2 ? true : undefined));
      const bad = await emitWithAck(one.socket, 'notifications:read', { ids: [] });
      expect(bad).to.have.nested.property('error.code', 'validation_failed');
    });
  });

  it('when the browser asks for the client script, then socket.io serves it from the same origin', async () => {
    const res = await request(app.baseUrl).get('/socket.io/socket.io.min.js').expect(200);
    expect(res.headers['content-type']).to.match(/javascript/);
  });
});

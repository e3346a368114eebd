import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { io as connectClient, type Socket as ClientSocket } from 'socket.io-client';
import request from 'supertest';
import type { ClientToServerEvents, Result, ServerToClientEvents } from '../../../server/realtime/events.js';
import { systemClock, type Clock } from '../../../server/domain/clock.js';
import { SESSION_COOKIE } from '../../../server/web/middleware/session.js';
import { REDIS_URL, skipWithoutRedis, startInstance, stopInstances, type Instance } from '../../support/instances.js';
import { makeOrganisation, makeUser } from '../../support/factories.js';
import { csrfFrom, signIn, startTestApp, type TestApp, TEST_PASSWORD } from '../../support/start-test-app.js';

type Client = ClientSocket<ServerToClientEvents, ClientToServerEvents>;
const open: Client[] = [];
afterEach(() => { for (const s of open.splice(0)) s.disconnect(); });

/** Signs in with an agent (which keeps the cookie) and returns the agent, its CSRF token and the cookie for a socket. */
async function signedIn(baseUrl: string, email: string) {
  const agent = request.agent(baseUrl);
  const res = await agent.post('/api/session').send({ email, password: TEST_PASSWORD });
  if (res.status !== 201) throw new Error(`sign-in failed: ${res.status}`);
  const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).map((h) => h.split(';')[0]!).find((h) => h.startsWith(`${SESSION_COOKIE}=`))!;
  return { agent, csrf: res.body.csrfToken as string, cookie };
}

function connect(baseUrl: string, cookie: string): Promise<Client> {
  const socket: Client = connectClient(baseUrl, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { cookie } });
  open.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** Resolves with the reason when the server closes the socket. */
const closedByServer = (socket: Client) => new Promise<string>((resolve) => {
  if (!socket.connected) return resolve('already closed');
  socket.once('disconnect', (reason) => resolve(reason));
});

const ask = (socket: Client, event: 'notifications:since' | 'notifications:read', payload: unknown) =>
  new Promise<Result<unknown>>((resolve) => (socket.emit as (e: string, p: unknown, a: (r: Result<unknown>) => void) => void)(event, payload, resolve));

describe('hardening: a socket lives no longer than its session (issue 15.2)', () => {
  let app: TestApp;
  let now = Date.now();
  const clock: Clock = { ...systemClock, now: () => new Date(now) };
  let orgId: string;

  before(async () => {
    app = await startTestApp({ clock });
    orgId = (await app.createOrganisation()).id;
  });
  after(() => app.close());

  it('when the user signs out through the API, the socket of that session is closed by the server, and a socket of another session stays', async () => {
    const user = await app.createMember(orgId);
    const mine = await signedIn(app.baseUrl, user.email);
    const other = await signedIn(app.baseUrl, user.email);
    const [socket, otherSocket] = await Promise.all([connect(app.baseUrl, mine.cookie), connect(app.baseUrl, other.cookie)]);
    const closed = closedByServer(socket);
    expect((await mine.agent.delete('/api/session').set('X-CSRF-Token', mine.csrf)).status).to.equal(204);
    expect(await closed).to.equal('io server disconnect');
    const still = await ask(otherSocket, 'notifications:since', { since: new Date(0).toISOString() });
    expect(still.ok).to.equal(true);
  });

  it('when the user signs out through the page, the socket is closed by the server', async () => {
    const user = await app.createMember(orgId);
    const browser = request.agent(app.baseUrl);
    const page = await browser.get('/signin');
    const res = await browser.post('/signin').type('form').send({ _csrf: csrfFrom(page.text), email: user.email, password: TEST_PASSWORD });
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).map((h) => h.split(';')[0]!).find((h) => h.startsWith(`${SESSION_COOKIE}=`))!;
    const socket = await connect(app.baseUrl, cookie);
    const closed = closedByServer(socket);
    const home = await browser.get('/');
    const out = await browser.post('/signout').type('form').send({ _csrf: csrfFrom(home.text) });
    expect(out.status).to.equal(303);
    expect(await closed).to.equal('io server disconnect');
  });

  it('when the session has expired, a socket request is refused as unauthenticated and the socket is closed', async () => {
    const user = await app.createMember(orgId);
    const { cookie } = await signedIn(app.baseUrl, user.email);
    const socket = await connect(app.baseUrl, cookie);
    const closed = closedByServer(socket);
    now += 13 * 3600_000; // past the 12-hour default
    try {
      const answer = await ask(socket, 'notifications:read', { all: true });
      expect(answer).to.deep.include({ ok: false });
      expect((answer as { error: { code: string } }).error.code).to.equal('unauthenticated');
      expect(await closed).to.equal('io server disconnect');
    } finally {
      now = Date.now();
    }
  });

  it('when another person signs in in the same browser, the sockets of the earlier session close', async () => {
    const first = await app.createMember(orgId);
    const second = await app.createMember(orgId);
    const browser = await signedIn(app.baseUrl, first.email);
    const socket = await connect(app.baseUrl, browser.cookie);
    const closed = closedByServer(socket);
    await signIn(browser.agent, second.email).catch(async () => {
      // Signed in already: the JSON sign-in then needs the session's token, as any state change does.
      const res = await browser.agent.post('/api/session').set('X-CSRF-Token', browser.csrf).send({ email: second.email, password: TEST_PASSWORD });
      expect(res.status).to.equal(201);
    });
    expect(await closed).to.equal('io server disconnect');
  });
});

describe('hardening: a socket ends when its session expires, without any request', () => {
  let app: TestApp;
  before(async () => { app = await startTestApp({ env: { SESSION_TTL_HOURS: '0.0004' } }); }); // 1.44 s
  after(() => app.close());

  it('when the session runs out while the socket is idle, the server closes the socket', async () => {
    const user = await app.createMember((await app.createOrganisation()).id);
    const { cookie } = await signedIn(app.baseUrl, user.email);
    const socket = await connect(app.baseUrl, cookie);
    expect(await closedByServer(socket)).to.equal('io server disconnect');
  });
});

describe('hardening: signing out on one instance closes the session’s sockets on every instance (Redis)', () => {
  let dir: string;
  let a: Instance;
  let b: Instance;
  const prefix = `medestander-test-${process.pid}-session:`;

  before(async function () {
    await skipWithoutRedis(this);
    dir = await mkdtemp(path.join(tmpdir(), 'medestander-sessions-'));
    a = await startInstance('A', dir, { REDIS_URL, REDIS_PREFIX: prefix });
    b = await startInstance('B', dir, { REDIS_URL, REDIS_PREFIX: prefix });
  });
  after(() => stopInstances(prefix, dir, a, b));

  it('when the user signs out through instance A, the socket on instance B is closed by the server', async () => {
    const org = makeOrganisation();
    await a.store.upsertOrganisations([org]);
    const user = makeUser(org.id, { passwordHash: await a.handle.services.accounts.hashPassword(TEST_PASSWORD) });
    await a.store.createUser(user);
    const session = await signedIn(a.baseUrl, user.email);
    const socket = await connect(b.baseUrl, session.cookie);
    const closed = closedByServer(socket);
    expect((await session.agent.delete('/api/session').set('X-CSRF-Token', session.csrf)).status).to.equal(204);
    expect(await closed).to.equal('io server disconnect');
  });
});

import { expect } from 'chai';
import { io as connectClient, type Socket as ClientSocket } from 'socket.io-client';
import request, { type Agent } from 'supertest';
import { actorOf } from '../../server/domain/actor.js';
import type { ClientToServerEvents, NotificationPayload, ServerToClientEvents } from '../../server/realtime/events.js';
import type { Idea, Organisation, User } from '../../server/store/store.js';
import { TEXTS } from '../support/cluster-fixture.js';
import { markerThrough } from '../support/socket-marker.js';
import { waitFor } from '../support/wait-for.js';
import { sessionCookie, signIn, startTestApp, type TestApp, RECOMPUTE_ON_REQUEST } from '../support/start-test-app.js';

type Client = ClientSocket<ServerToClientEvents, ClientToServerEvents>;

/** Appointment ideas in other words: they land in the cluster of Lier's, Geel's and Mol's. */
const appointment = (n: number) => ({
  title: `Online afspraak bij burgerzaken, loket ${n}`,
  description: `Inwoners boeken online een afspraak aan het loket burgerzaken voor paspoort of rijbewijs, met een sms-herinnering en zonder wachtrij (${n}).`,
  theme: 'services',
});

describe('cluster news: "a similar idea joined your cluster", aggregated (issue 19)', () => {
  let app: TestApp;
  let lier: Organisation; let geel: Organisation; let mol: Organisation;
  let lierOwner: User; let lierColleague: User; let geelOwner: User; let molOwner: User;
  let lierIdea: Idea;
  let clusterId: number;
  const open: Client[] = [];
  const later = (ms = 60_000) => new Date(Date.now() + ms).toISOString();

  before(async function () {
    this.timeout(90_000); // ten sign-ins: argon2 is slow on purpose
    // No background recompute during a test: the clusters stay as the first recompute made them.
    app = await startTestApp({ env: { ...RECOMPUTE_ON_REQUEST } });
    [lier, geel, mol] = await Promise.all(['Lier', 'Geel', 'Mol'].map((name) => app.createOrganisation({ name: `${name} (news)` }))) as [Organisation, Organisation, Organisation];
    [lierOwner, lierColleague, geelOwner, molOwner] = await Promise.all([app.createMember(lier.id), app.createMember(lier.id), app.createMember(geel.id), app.createMember(mol.id)]);
    // Setting up tells nobody anything: the tests start with empty inboxes.
    for (const u of [lierOwner, lierColleague, geelOwner, molOwner]) await app.store.setNotificationSettings(u.id, { clusterJoined: 'never' });
    const post = (user: User, text: { title: string; description: string }) =>
      app.services.ideas.create(actorOf(user), { ...text, theme: 'services', contact: { name: user.name, email: user.email } });
    lierIdea = await post(lierOwner, TEXTS.lier);
    await post(geelOwner, TEXTS.geel);
    await post(molOwner, TEXTS.mol);
    await post(lierColleague, TEXTS.glas);
    await post(geelOwner, TEXTS.parkeren);
    await app.services.matching.recomputeNow();
    await app.services.clusterNews.settled();
    clusterId = app.services.matching.clusterOf(lierIdea.id)!.id;
    for (const u of [lierOwner, lierColleague, molOwner]) await app.store.setNotificationSettings(u.id, { clusterJoined: 'immediate' });
    await app.services.notifications.updateSettings(actorOf(geelOwner), { clusterJoined: 'daily' });
    await signedInPosters();
  });
  afterEach(() => { for (const s of open.splice(0)) s.disconnect(); });
  after(() => app?.close());

  /** Members of ten other organisations, signed in once (signing in is slow on purpose). */
  let posters: { agent: Agent; csrf: string }[] | undefined;
  async function signedInPosters() {
    posters ??= await Promise.all(Array.from({ length: 10 }, async (_, i) => {
      const org = await app.createOrganisation({ name: `Poster ${i} (news)` });
      const user = await app.createMember(org.id);
      const agent: Agent = request.agent(app.baseUrl);
      return { agent, csrf: await signIn(agent, user.email) };
    }));
    return posters;
  }

  /** `count` (at most 10) appointment ideas posted at once over HTTP, each by another organisation; returns those that joined the cluster. */
  async function burst(count: number, from = 0): Promise<string[]> {
    const all = await signedInPosters();
    const ids = await Promise.all(all.slice(0, count).map(async ({ agent, csrf }, i) =>
      (await agent.post('/api/ideas').set('X-CSRF-Token', csrf).send({ ...appointment(from + i), contact: { name: 'Poster', email: `poster${from + i}@news.test` } }).expect(201)).body.id as string));
    await app.services.clusterNews.settled();
    return ids.filter((id) => app.services.matching.clusterOf(id)?.id === clusterId);
  }

  const clusterNotices = async (u: User) => (await app.store.listNotifications(u.id, { limit: 100 })).filter((n) => n.kind === 'cluster_joined');
  const unreadNotices = async (u: User) => (await clusterNotices(u)).filter((n) => n.readAt === null);

  function recorder(cookie: string): Promise<{ socket: Client; got: NotificationPayload[] }> {
    const socket: Client = connectClient(app.baseUrl, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { cookie } });
    open.push(socket);
    const got: NotificationPayload[] = [];
    socket.on('notification:created', (n) => got.push(n));
    return new Promise((resolve, reject) => {
      socket.once('notifications:unread', () => resolve({ socket, got })); // the welcome: connected and in its rooms
      socket.once('connect_error', reject);
    });
  }

  it('when many ideas of other organisations join the cluster, then each owner has one notice, updated while unread, and a colleague who owns none of them has none', async () => {
    const joined = await burst(8);
    expect(joined.length, 'the appointment ideas join the appointment cluster').to.be.at.least(6);
    const [notice, ...more] = await unreadNotices(lierOwner);
    expect(more).to.deep.equal([]);
    expect(notice).to.include({ readAt: null, link: `/clusters/${clusterId}`, groupKey: `cluster:${clusterId}` });
    expect(notice!.params.count).to.equal(String(joined.length));
    expect(await unreadNotices(lierColleague)).to.deep.equal([]);
    expect(await unreadNotices(molOwner)).to.have.length(1);

    const agent = request.agent(app.baseUrl);
    await signIn(agent, lierOwner.email);
    const { items, unread } = (await agent.get('/api/notifications').expect(200)).body as { items: { text: string }[]; unread: number };
    expect(unread).to.equal(1);
    expect(items[0]!.text).to.match(new RegExp(`^${joined.length} nieuwe gelijkaardige ideeën in cluster ‘.+’, van Poster \\d+ \\(news\\), Poster \\d+ \\(news\\), Poster \\d+ \\(news\\), …\\.$`));
  });

  it('when the owner is on the daily digest, then nothing comes now and the digest names them all in one notice', async () => {
    expect(await unreadNotices(geelOwner)).to.deep.equal([]);
    const held = (await app.store.listDigestItems(later())).filter((i) => i.userId === geelOwner.id);
    expect(held.length).to.be.at.least(6);
    const digest = (await app.services.notifications.dailyDigest()).filter((n) => n.userId === geelOwner.id);
    expect(digest).to.have.length(1);
    expect(digest[0]!.params.count).to.equal(String(new Set(held.map((i) => i.ideaId)).size));
  });

  it('when the owner has read the notice, then more news within the period waits for the digest instead of a second notice', async () => {
    await app.store.markRead(molOwner.id, 'all', later(0));
    const before = await clusterNotices(molOwner);
    const joined = await burst(2, 100);
    expect(joined.length).to.be.at.least(1);
    expect(await clusterNotices(molOwner)).to.deep.equal(before);
    const held = (await app.store.listDigestItems(later())).filter((i) => i.userId === molOwner.id);
    expect(held.map((i) => i.ideaId)).to.include.members(joined);
  });

  it('when a burst of posts joins the cluster, then the owner\'s socket gets one push of one notice, not one per post, and the inbox has it up to date', async () => {
    const herk = await app.createOrganisation({ name: 'Herk-de-Stad (news)' });
    const owner = await app.createMember(herk.id);
    const own = await app.services.ideas.create(actorOf(owner), { ...appointment(199), contact: { name: owner.name, email: owner.email } });
    await app.services.clusterNews.settled();
    expect(app.services.matching.clusterOf(own.id)?.id).to.equal(clusterId);
    const { socket, got } = await recorder(await sessionCookie(app.baseUrl, owner.email));
    const joined = await burst(10, 200);
    const notices = await clusterNotices(owner);
    expect(notices).to.have.length(1);
    const notice = notices[0]!;
    expect(notice.params.count).to.equal(String(joined.length));
    // The new notice goes out once; its updates (while unread) are in the inbox, not pushed again.
    await waitFor(() => got.some((n) => n.id === notice.id), { what: 'the notice pushed' });
    await app.services.clusterNews.settled();
    const marker = await markerThrough(app.handle.io, socket, owner.id);
    expect(got.map((n) => n.id)).to.deep.equal([notice.id, marker.id]);
    const agent = request.agent(app.baseUrl);
    await signIn(agent, owner.email);
    const { items } = (await agent.get('/api/notifications').expect(200)).body as { items: { id: string; text: string }[] };
    expect(joined.length).to.be.greaterThan(1);
    expect(items.find((n) => n.id === notice.id)!.text).to.match(new RegExp(`^${joined.length} nieuwe gelijkaardige ideeën`));
  });
});

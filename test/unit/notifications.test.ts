import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { actorOf, type Actor } from '../../server/domain/actor.js';
import { systemClock, type Clock } from '../../server/domain/clock.js';
import { DomainBus, type DomainEvents } from '../../server/domain/events.js';
import { createClusterNews, type ClusterNews } from '../../server/domain/cluster-news.js';
import { createNotifications, notificationTextKey, type Notifications } from '../../server/domain/notifications.js';
import { AppError } from '../../server/errors.js';
import { t } from '../../server/i18n/index.js';
import { newId } from '../../server/store/ids.js';
import { createSqliteStore } from '../../server/store/sqlite/index.js';
import { DEFAULT_NOTIFICATION_SETTINGS, type Idea, type Notification, type Organisation, type Store, type User } from '../../server/store/store.js';
import { T0, at, makeIdea, makeOrganisation, makeUser } from '../support/factories.js';
import { waitFor } from '../support/wait-for.js';

describe('notifications (domain, on a SQLite file)', () => {
  let dir: string;
  let store: Store;
  let now: string;
  let bus: DomainBus;
  let notifications: Notifications;
  let news: ClusterNews;
  let pushed: DomainEvents['notification:created'][0][];

  interface Org { org: Organisation; users: User[]; actor: Actor; idea: Idea }

  const clock: Clock = { ...systemClock, now: () => new Date(now) };

  async function org(name: string, extraUsers: Partial<User>[] = []): Promise<Org> {
    const o = makeOrganisation({ name });
    await store.upsertOrganisations([o]);
    const users = [makeUser(o.id), ...extraUsers.map((over) => makeUser(o.id, over))];
    for (const u of users) await store.createUser(u);
    const idea = makeIdea(o.id, users[0]!.id, { title: `Afsprakenmodule ${name}` });
    await store.createIdea(idea);
    return { org: o, users, actor: actorOf(users[0]!), idea };
  }

  async function newIdea(by: Org, over: Partial<Idea> = {}): Promise<Idea> {
    const idea = makeIdea(by.org.id, by.users[0]!.id, { title: `Nieuw idee van ${by.org.name}`, createdAt: now, updatedAt: now, ...over });
    await store.createIdea(idea);
    return idea;
  }

  const notice = (userId: string, over: Partial<Notification> = {}): Notification => ({
    id: newId(), userId, kind: 'endorsed', params: { organisation: 'Mol', idea: 'x' }, link: '/ideas/x', createdAt: T0, readAt: null, ...over,
  });

  async function failure(p: Promise<unknown>): Promise<AppError> {
    const err = await p.then(() => null, (e: unknown) => e);
    expect(err, 'expected an AppError').to.be.instanceOf(AppError);
    return err as AppError;
  }

  const inbox = (u: User): Promise<Notification[]> => store.listNotifications(u.id, { limit: 100 });

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'medestander-notifications-'));
    store = createSqliteStore({ file: join(dir, 'store.sqlite') });
    await store.init();
    now = T0;
    bus = new DomainBus();
    pushed = [];
    bus.on('notification:created', (e) => pushed.push(e));
    notifications = createNotifications({ store, clock, bus });
    news = createClusterNews({ store, clock, bus, logger: { error: (e: unknown) => { throw e; } }, options: { intervalMs: 0 } });
  });

  /** `idea` joins cluster 1 whose ideas are `members`; resolves with what was sent at once, after the fan-out ran. */
  async function clusterJoined(idea: Idea, members: Idea[]): Promise<Notification[]> {
    const before = pushed.length;
    news.joined(idea, { id: 1, label: () => 'Afspraken', members: () => members });
    await news.settled();
    return pushed.slice(before).flatMap((e) => e.notifications);
  }

  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  describe('the inbox', () => {
    let lier: Org;
    let mol: Org;

    beforeEach(async () => {
      lier = await org('Lier');
      mol = await org('Mol');
    });

    it('when listing, then only the actor\'s own notifications come, newest first', async () => {
      const old = notice(lier.actor.id, { createdAt: at(1) });
      const recent = notice(lier.actor.id, { createdAt: at(2) });
      await store.createNotifications([old, recent, notice(mol.actor.id)]);
      expect(await notifications.list(lier.actor)).to.deep.equal([recent, old]);
    });

    it('when a reconnecting client asks since its last one, then only later ones come', async () => {
      const seen = notice(lier.actor.id, { createdAt: at(1) });
      const missed = notice(lier.actor.id, { createdAt: at(5) });
      await store.createNotifications([seen, missed]);
      expect(await notifications.list(lier.actor, { since: at(1) })).to.deep.equal([missed]);
      expect(await notifications.list(lier.actor, { since: '2026-01-15T10:00:01+01:00' })).to.deep.equal([missed]);
    });

    it('when asking unread only (also as query text) with a limit, then read ones are left out and the limit holds', async () => {
      const list = [1, 2, 3].map((s) => notice(lier.actor.id, { createdAt: at(s) }));
      await store.createNotifications(list);
      await store.markRead(lier.actor.id, [list[2]!.id], at(10));
      expect(await notifications.list(lier.actor, { unreadOnly: 'true', limit: '1' })).to.deep.equal([list[1]]);
      expect(await notifications.unreadCount(lier.actor)).to.equal(2);
    });

    it('when the query is bad, then 400 naming the field', async () => {
      expect((await failure(notifications.list(lier.actor, { limit: 1000 }))).fields).to.have.property('limit');
      expect((await failure(notifications.list(lier.actor, { since: 'gisteren' }))).fields).to.have.property('since');
    });

    it('when marking one read, then it is read and the unread count drops; someone else\'s id is ignored', async () => {
      const mine = notice(lier.actor.id);
      const theirs = notice(mol.actor.id);
      await store.createNotifications([mine, theirs]);
      now = at(30);
      expect(await notifications.markRead(lier.actor, { ids: [mine.id, theirs.id] })).to.equal(1);
      expect(await notifications.unreadCount(lier.actor)).to.equal(0);
      expect((await inbox(lier.users[0]!))[0]!.readAt).to.equal(at(30));
      expect(await notifications.unreadCount(mol.actor)).to.equal(1);
    });

    it('when marking all read, then only the actor\'s own become read', async () => {
      await store.createNotifications([notice(lier.actor.id), notice(lier.actor.id), notice(mol.actor.id)]);
      expect(await notifications.markRead(lier.actor, { all: true })).to.equal(2);
      expect(await notifications.unreadCount(lier.actor)).to.equal(0);
      expect(await notifications.unreadCount(mol.actor)).to.equal(1);
    });

    it('when the mark-read input is empty or odd, then 400 and nothing changes', async () => {
      await store.createNotifications([notice(lier.actor.id)]);
      expect((await failure(notifications.markRead(lier.actor, {}))).status).to.equal(400);
      expect((await failure(notifications.markRead(lier.actor, { ids: [] }))).status).to.equal(400);
      expect((await failure(notifications.markRead(lier.actor, { all: false }))).status).to.equal(400);
      expect(await notifications.unreadCount(lier.actor)).to.equal(1);
    });

    it('when a visitor asks, then 401', async () => {
      expect((await failure(notifications.list(null))).status).to.equal(401);
      expect((await failure(notifications.unreadCount(null))).status).to.equal(401);
      expect((await failure(notifications.markRead(null, { all: true }))).status).to.equal(401);
    });

    it('when settings were never changed, then immediate; when changed, then kept; when invalid, then 400', async () => {
      expect(await notifications.getSettings(lier.actor)).to.deep.equal({ ...DEFAULT_NOTIFICATION_SETTINGS, clusterJoined: 'immediate' });
      await notifications.updateSettings(lier.actor, { clusterJoined: 'daily' });
      expect(await notifications.getSettings(lier.actor)).to.deep.equal({ ...DEFAULT_NOTIFICATION_SETTINGS, clusterJoined: 'daily' });
      expect((await failure(notifications.updateSettings(lier.actor, { clusterJoined: 'hourly' }))).fields).to.have.property('clusterJoined');
    });

    it('when a notification of each kind is shown, then its text exists in Dutch and English with its params filled in', () => {
      for (const kind of ['endorsed', 'connected', 'cluster_joined', 'introduced', 'cluster_digest'] as const) {
        const key = notificationTextKey({ kind });
        const params = { organisation: 'Mol', idea: 'Afsprakenmodule', yourIdea: 'Ons idee', count: '2', organisations: 'Mol, Geel' };
        for (const locale of ['nl', 'en'] as const) expect(t(locale, key, params)).to.not.match(/[{}]|notifications\./);
      }
    });
  });

  describe('a new idea joins a cluster', () => {
    let lier: Org;
    let mol: Org;
    let geel: Org;
    let herentals: Org;
    let balen: Org;

    beforeEach(async () => {
      lier = await org('Lier', [{}]);               // the poster, who also has an older idea in the cluster
      mol = await org('Mol', [{ active: false }]);   // immediate (default), one inactive user
      geel = await org('Geel');                      // never
      herentals = await org('Herentals');            // daily
      balen = await org('Balen');                    // in the cluster only with a withdrawn idea
      await store.setNotificationSettings(geel.actor.id, { clusterJoined: 'never' });
      await store.setNotificationSettings(herentals.actor.id, { clusterJoined: 'daily' });
      await store.updateIdea(balen.idea.id, { status: 'withdrawn' }, 1, T0);
    });

    const cluster = async (): Promise<Idea[]> =>
      Promise.all([lier.idea, mol.idea, geel.idea, herentals.idea, balen.idea].map(async (i) => (await store.getIdea(i.id))!));

    it('when Lier posts into the cluster, then Mol\'s active user is told at once and nobody else now', async () => {
      now = at(60);
      const idea = await newIdea(lier);
      const sent = await clusterJoined(idea, [idea, ...(await cluster())]);
      expect(sent.map((n) => n.userId)).to.deep.equal([mol.actor.id]);
      expect(sent[0]).to.include({ kind: 'cluster_joined', link: `/ideas/${idea.id}`, createdAt: at(60), readAt: null, groupKey: 'cluster:1' });
      expect(sent[0]!.params).to.include({ organisation: 'Lier', idea: idea.title, yourIdea: mol.idea.title, count: '1', cluster: 'Afspraken' });
      expect(await inbox(mol.users[0]!)).to.deep.equal(sent);
      for (const u of [...lier.users, mol.users[1]!, geel.users[0]!, herentals.users[0]!, balen.users[0]!]) {
        expect(await inbox(u), u.name).to.deep.equal([]);
      }
      expect(pushed).to.deep.equal([{ userIds: [mol.actor.id], notifications: sent, coalesce: true }]);
    });

    it('when more news comes while the notice it goes into was just written, then it waits and goes into that notice when its time is up, unhurried and not pushed again', async () => {
      const slow = createClusterNews({ store, clock, bus, logger: { error: (e: unknown) => { throw e; } }, options: { intervalMs: 0, rewriteMs: 2000 } });
      const notices = async () => (await inbox(mol.users[0]!)).filter((n) => n.kind === 'cluster_joined');
      try {
        const first = await newIdea(lier, { title: 'Eerste' });
        slow.joined(first, { id: 1, label: () => 'Afspraken', members: () => [first, mol.idea] });
        await waitFor(async () => (await notices()).length === 1, { what: 'the first notice' });
        const second = await newIdea(lier, { title: 'Tweede' });
        const third = await newIdea(herentals, { title: 'Derde' });
        const members = () => [first, second, third, mol.idea];
        slow.joined(second, { id: 1, label: () => 'Afspraken', members });
        slow.joined(third, { id: 1, label: () => 'Afspraken', members });
        await new Promise((r) => setTimeout(r, 300));
        expect((await notices()).map((n) => n.params.count), 'held: the notice was written less than rewriteMs ago').to.deep.equal(['1']);
        const [notice] = await waitFor(async () => { const list = await notices(); return list[0]?.params.count === '3' && list; }, { what: 'the held news in the notice', within: 8000 });
        expect(notice!.params.organisations).to.equal('Lier, Herentals');
        expect(pushed.flatMap((e) => e.notifications).filter((n) => n.userId === mol.users[0]!.id).map((n) => n.id), 'the update is not pushed again').to.deep.equal([notice!.id]);
      } finally {
        await slow.close();
      }
    });

    it('when the new idea is withdrawn or hidden, then nobody is told', async () => {
      const hidden = await newIdea(lier, { hidden: true });
      expect(await clusterJoined(hidden, [hidden, ...(await cluster())])).to.deep.equal([]);
      const gone = await newIdea(lier, { status: 'withdrawn' });
      expect(await clusterJoined(gone, [gone, ...(await cluster())])).to.deep.equal([]);
      expect(await store.listDigestItems(at(99999))).to.deep.equal([]);
      expect(pushed).to.deep.equal([]);
    });

    it('when the idea is placed in no cluster (not yet matched), then nobody is told and nothing is held', async () => {
      const idea = await newIdea(lier);
      news.joined(idea, { id: -1, label: () => '', members: () => [idea, ...[mol.idea, herentals.idea]] });
      await news.settled();
      expect(pushed).to.deep.equal([]);
      expect(await store.listDigestItems(at(99999))).to.deep.equal([]);
    });

    it('when the cluster holds only the poster\'s own ideas, then nobody is told', async () => {
      const idea = await newIdea(lier);
      expect(await clusterJoined(idea, [idea, lier.idea])).to.deep.equal([]);
    });

    it('when the daily digest runs after two ideas joined, then the daily user gets one digest naming both organisations', async () => {
      now = at(60);
      const fromLier = await newIdea(lier);
      await clusterJoined(fromLier, [fromLier, ...(await cluster())]);
      now = at(120);
      const fromMol = await newIdea(mol);
      await clusterJoined(fromMol, [fromMol, fromLier, ...(await cluster())]);
      pushed = [];

      now = at(24 * 3600);
      const digest = await notifications.dailyDigest();
      expect(digest).to.have.length(1);
      expect(digest[0]).to.include({ userId: herentals.actor.id, kind: 'cluster_digest', link: '/ideas', createdAt: at(24 * 3600) });
      expect(digest[0]!.params).to.deep.equal({ count: '2', organisations: 'Lier, Mol' });
      expect(await inbox(herentals.users[0]!)).to.deep.equal(digest);
      expect(pushed).to.deep.equal([{ userIds: [herentals.actor.id], notifications: digest }]);
    });

    it('when the digest has run, then running it again sends nothing', async () => {
      const idea = await newIdea(lier);
      await clusterJoined(idea, [idea, ...(await cluster())]);
      expect(await notifications.dailyDigest(at(3600))).to.have.length(1);
      expect(await notifications.dailyDigest(at(7200))).to.deep.equal([]);
      expect(await inbox(herentals.users[0]!)).to.have.length(1);
    });

    it('when the digest has one idea, then it links to that idea', async () => {
      const idea = await newIdea(lier);
      await clusterJoined(idea, [idea, ...(await cluster())]);
      const [digest] = await notifications.dailyDigest(at(3600));
      expect(digest).to.include({ link: `/ideas/${idea.id}` });
      expect(digest!.params).to.deep.equal({ count: '1', organisations: 'Lier' });
    });

    it('when the idea was withdrawn before the digest, or the user switched to never, then no digest and the queue is emptied', async () => {
      const idea = await newIdea(lier);
      await clusterJoined(idea, [idea, ...(await cluster())]);
      await store.updateIdea(idea.id, { status: 'withdrawn' }, 1, at(10));
      expect(await notifications.dailyDigest(at(3600))).to.deep.equal([]);

      const again = await newIdea(lier);
      await clusterJoined(again, [again, ...(await cluster())]);
      await notifications.updateSettings(herentals.actor, { clusterJoined: 'never' });
      expect(await notifications.dailyDigest(at(7200))).to.deep.equal([]);
      expect(await store.listDigestItems(at(99999))).to.deep.equal([]);
      expect(await inbox(herentals.users[0]!)).to.deep.equal([]);
    });
  });
});

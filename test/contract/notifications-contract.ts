/**
 * The store contract for notifications: stored all or none, listed per user newest first, read
 * marks, settings with their defaults, the daily digest queue, and the batches that aggregate
 * cluster news (one notice per user and group key, rewritten while unread).
 */
import { expect } from 'chai';
import { newId } from '../../server/store/ids.js';
import {
  DEFAULT_NOTIFICATION_SETTINGS,
  StoreConflictError,
  type Idea,
  type Notification,
  type Organisation,
  type Store,
  type User,
} from '../../server/store/store.js';
import { T0, at, makeUser } from '../support/factories.js';
import { failure, freshStoreEachTest, orgWithIdea, type ContractOptions } from './support.js';

export function runNotificationsContract({ name, create }: ContractOptions): void {
  describe(`store contract, notifications: ${name}`, () => {
    let store: Store;
    let lier: { org: Organisation; user: User; idea: Idea };
    let mol: { org: Organisation; user: User; idea: Idea };
    freshStoreEachTest(create, (s) => { store = s; });
    beforeEach(async () => {
      lier = await orgWithIdea(store, 'Lier');
      mol = await orgWithIdea(store, 'Mol');
    });

    const notification = (userId: string, over: Partial<Notification> = {}): Notification => ({
      id: newId(), userId, kind: 'endorsed', params: { organisation: 'Mol' }, link: '/ideas/x', createdAt: T0, readAt: null, ...over,
    });

    describe('notifications', () => {
      it('when a batch has a taken id, then none of it is stored', async () => {
        const first = notification(lier.user.id);
        await store.createNotifications([first]);
        const err = await failure(store.createNotifications([notification(lier.user.id), notification(mol.user.id), { ...first }]));
        expect(err).to.be.instanceOf(StoreConflictError);
        expect(await store.listNotifications(lier.user.id, { limit: 10 })).to.deep.equal([first]);
        expect(await store.listNotifications(mol.user.id, { limit: 10 })).to.deep.equal([]);
      });

      it('when listed, then only the user\'s own come, newest first with ties by id descending, up to the limit, params intact', async () => {
        const a = notification(lier.user.id, { createdAt: at(1), params: { organisation: 'Mol', idea: 'Digitaal afsprakensysteem' } });
        const b = notification(lier.user.id, { createdAt: at(3), kind: 'connected' });
        const c = notification(lier.user.id, { createdAt: at(3), kind: 'cluster_joined' });
        const other = notification(mol.user.id, { createdAt: at(2) });
        await store.createNotifications([a, b, c, other]);
        const [hi, lo] = b.id > c.id ? [b, c] : [c, b];
        expect(await store.listNotifications(lier.user.id, { limit: 10 })).to.deep.equal([hi, lo, a]);
        expect(await store.listNotifications(lier.user.id, { limit: 2 })).to.deep.equal([hi, lo]);
      });

      it('when asked since a moment, then only later ones come (strictly after), for reconnect catch-up', async () => {
        const before = notification(lier.user.id, { createdAt: at(1) });
        const same = notification(lier.user.id, { createdAt: at(2) });
        const after = notification(lier.user.id, { createdAt: at(3) });
        await store.createNotifications([before, same, after]);
        expect(await store.listNotifications(lier.user.id, { since: at(2), limit: 10 })).to.deep.equal([after]);
        expect(await store.listNotifications(lier.user.id, { since: at(0), limit: 10 })).to.deep.equal([after, same, before]);
      });

      it('when some are read, then countUnread and unreadOnly leave them out', async () => {
        const a = notification(lier.user.id, { createdAt: at(1) });
        const b = notification(lier.user.id, { createdAt: at(2) });
        const c = notification(lier.user.id, { createdAt: at(3) });
        await store.createNotifications([a, b, c]);
        expect(await store.countUnread(lier.user.id)).to.equal(3);
        expect(await store.markRead(lier.user.id, [b.id, b.id], at(10))).to.equal(1);
        expect(await store.countUnread(lier.user.id)).to.equal(2);
        expect(await store.listNotifications(lier.user.id, { unreadOnly: true, limit: 10 })).to.deep.equal([c, a]);
        expect((await store.listNotifications(lier.user.id, { limit: 10 }))[1]).to.deep.equal({ ...b, readAt: at(10) });
      });

      it('when marking another user\'s notifications read, then nothing changes for them', async () => {
        const theirs = notification(mol.user.id);
        await store.createNotifications([theirs]);
        expect(await store.markRead(lier.user.id, [theirs.id], at(1))).to.equal(0);
        expect(await store.markRead(lier.user.id, 'all', at(1))).to.equal(0);
        expect(await store.countUnread(mol.user.id)).to.equal(1);
      });

      it('when marking all read, then every own unread one gets the time and ones already read keep theirs', async () => {
        const read = notification(lier.user.id, { createdAt: at(1) });
        const unread = notification(lier.user.id, { createdAt: at(2) });
        await store.createNotifications([read, unread, notification(mol.user.id)]);
        await store.markRead(lier.user.id, [read.id], at(5));
        expect(await store.markRead(lier.user.id, 'all', at(9))).to.equal(1);
        expect(await store.listNotifications(lier.user.id, { limit: 10 })).to.deep.equal([{ ...unread, readAt: at(9) }, { ...read, readAt: at(5) }]);
        expect(await store.countUnread(mol.user.id)).to.equal(1);
      });
    });

    describe('notification settings and members', () => {
      it('when never set, then clusterJoined is immediate; when set (twice), then the last one is kept per user', async () => {
        expect(await store.getNotificationSettings(lier.user.id)).to.deep.equal({ ...DEFAULT_NOTIFICATION_SETTINGS, clusterJoined: 'immediate' });
        await store.setNotificationSettings(lier.user.id, { clusterJoined: 'never' });
        await store.setNotificationSettings(lier.user.id, { clusterJoined: 'daily' });
        expect(await store.getNotificationSettings(lier.user.id)).to.deep.equal({ ...DEFAULT_NOTIFICATION_SETTINGS, clusterJoined: 'daily' });
        expect(await store.getNotificationSettings(mol.user.id)).to.deep.equal({ ...DEFAULT_NOTIFICATION_SETTINGS, clusterJoined: 'immediate' });
      });

      it('when listing active members, then inactive users and other organisations are left out', async () => {
        const inactive = makeUser(lier.org.id, { active: false });
        await store.createUser(inactive);
        const ids = (users: User[]): string[] => users.map((u) => u.id).sort();
        expect(ids(await store.listActiveMembers([lier.org.id]))).to.deep.equal([lier.user.id]);
        expect(ids(await store.listActiveMembers([lier.org.id, mol.org.id, lier.org.id]))).to.deep.equal([lier.user.id, mol.user.id].sort());
        expect(await store.listActiveMembers([])).to.deep.equal([]);
      });
    });

    describe('daily digest queue', () => {
      it('when items are queued, then they are listed oldest first up to a moment, and delivering removes them with the digest notification', async () => {
        const early = { id: newId(), userId: lier.user.id, ideaId: mol.idea.id, createdAt: at(1) };
        const later = { id: newId(), userId: lier.user.id, ideaId: mol.idea.id, createdAt: at(5) };
        await store.queueDigestItems([later, early]);
        expect(await store.listDigestItems(at(3))).to.deep.equal([early]);
        expect(await store.listDigestItems(at(5))).to.deep.equal([early, later]);
        const digest = notification(lier.user.id, { kind: 'cluster_digest' });
        await store.deliverDigest([digest], [early.id]);
        expect(await store.listDigestItems(at(9))).to.deep.equal([later]);
        expect(await store.listNotifications(lier.user.id, { limit: 10 })).to.deep.equal([digest]);
      });

      it('when delivering fails on a notification, then the items stay queued', async () => {
        const item = { id: newId(), userId: lier.user.id, ideaId: mol.idea.id, createdAt: at(1) };
        await store.queueDigestItems([item]);
        const twice = notification(lier.user.id, { kind: 'cluster_digest' });
        expect(await failure(store.deliverDigest([twice, { ...twice }], [item.id]))).to.be.instanceOf(StoreConflictError);
        expect(await store.listDigestItems(at(9))).to.deep.equal([item]);
      });
    });

    describe('notices that aggregate', () => {
      it('when asked for the latest per user and group key, then the newest one comes, read or not, and keys without one are left out', async () => {
        const old = notification(lier.user.id, { kind: 'cluster_joined', groupKey: 'cluster:7', createdAt: at(1) });
        const newest = notification(lier.user.id, { kind: 'cluster_joined', groupKey: 'cluster:7', createdAt: at(2) });
        const molsOwn = notification(mol.user.id, { kind: 'cluster_joined', groupKey: 'cluster:7', createdAt: at(3) });
        const ungrouped = notification(lier.user.id, { createdAt: at(4) });
        await store.createNotifications([old, newest, molsOwn, ungrouped]);
        await store.markRead(lier.user.id, [newest.id], at(5));
        const latest = await store.latestGroupedNotifications([
          { userId: lier.user.id, groupKey: 'cluster:7' }, { userId: lier.user.id, groupKey: 'cluster:8' },
        ]);
        expect(latest).to.deep.equal([{ ...newest, readAt: at(5) }]);
        expect(await store.latestGroupedNotifications([])).to.deep.equal([]);
      });

      it('when a batch is written, then it creates, rewrites the unread, reports the read as stale and queues the digest items', async () => {
        const unread = notification(lier.user.id, { kind: 'cluster_joined', groupKey: 'cluster:7', createdAt: at(1) });
        const read = notification(mol.user.id, { kind: 'cluster_joined', groupKey: 'cluster:7', createdAt: at(1) });
        await store.createNotifications([unread, read]);
        await store.markRead(mol.user.id, 'all', at(2));
        const fresh = notification(lier.user.id, { kind: 'cluster_joined', groupKey: 'cluster:9', createdAt: at(3) });
        const rewritten = { ...unread, params: { cluster: 'Afspraken', count: '3' }, link: '/clusters/7', createdAt: at(3) };
        const item = { id: newId(), userId: mol.user.id, ideaId: lier.idea.id, createdAt: at(3) };
        const result = await store.writeNotificationBatch({ create: [fresh], update: [rewritten, { ...read, createdAt: at(3) }], digest: [item] });
        expect(result).to.deep.equal({ stale: [read.id] });
        expect(await store.listNotifications(lier.user.id, { limit: 10 })).to.have.deep.members([fresh, rewritten]);
        expect(await store.listNotifications(mol.user.id, { limit: 10 })).to.deep.equal([{ ...read, readAt: at(2) }]);
        expect(await store.listDigestItems(at(9))).to.deep.equal([item]);
      });

      it('when a batch has a taken id, then none of it is written', async () => {
        const taken = notification(lier.user.id, { createdAt: at(1) });
        await store.createNotifications([taken]);
        const item = { id: newId(), userId: mol.user.id, ideaId: lier.idea.id, createdAt: at(3) };
        const err = await failure(store.writeNotificationBatch({ create: [notification(mol.user.id), { ...taken }], update: [], digest: [item] }));
        expect(err, 'the same refusal from every store').to.be.instanceOf(StoreConflictError);
        expect(await store.listNotifications(mol.user.id, { limit: 10 })).to.deep.equal([]);
        expect(await store.listDigestItems(at(9))).to.deep.equal([]);
      });

      it('when settings are listed for several users, then each gets theirs or the defaults, once', async () => {
        await store.setNotificationSettings(mol.user.id, { clusterJoined: 'daily', endorsed: 'app' });
        const settings = await store.listNotificationSettings([lier.user.id, mol.user.id, lier.user.id]);
        expect([...settings.keys()].sort()).to.deep.equal([lier.user.id, mol.user.id].sort());
        expect(settings.get(lier.user.id)).to.deep.equal(DEFAULT_NOTIFICATION_SETTINGS);
        expect(settings.get(mol.user.id)).to.deep.equal({ ...DEFAULT_NOTIFICATION_SETTINGS, clusterJoined: 'daily', endorsed: 'app' });
        expect(await store.listNotificationSettings([])).to.deep.equal(new Map());
      });
    });
  });
}

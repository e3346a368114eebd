/**
 * The store contract for finding allies: endorsements, connections, notifications, notification
 * settings, the daily digest queue and the engine's cluster state. Run beside `runStoreContract`:
 *
 *   runAlliesContract({ name: 'SQLite', create: async () => createSqliteStore({ file: freshFile() }) });
 *
 * Pinned here: lists are newest first with ties broken by id descending; connection pairs come back
 * ordered (organisationA < organisationB); every multi-record write is all or nothing.
 */
import { expect } from 'chai';
import { newId } from '../../server/store/ids.js';
import {
  DEFAULT_NOTIFICATION_SETTINGS,
  StoreConflictError,
  StoreVersionError,
  orderedPair,
  type Connection,
  type Endorsement,
  type Idea,
  type Notification,
  type Organisation,
  type Store,
  type User,
} from '../../server/store/store.js';
import { T0, at, makeIdea, makeOrganisation, makeUser } from '../support/factories.js';

export interface AlliesContractOptions {
  name: string;
  create: () => Promise<Store>;
}

export function runAlliesContract({ name, create }: AlliesContractOptions): void {
  describe(`store contract, allies: ${name}`, () => {
    let store: Store;
    let lier: { org: Organisation; user: User; idea: Idea };
    let mol: { org: Organisation; user: User; idea: Idea };

    beforeEach(async () => {
      store = await create();
      await store.init();
      lier = await orgWithIdea('Lier');
      mol = await orgWithIdea('Mol');
    });

    afterEach(async () => {
      await store.close();
    });

    async function orgWithIdea(orgName: string): Promise<{ org: Organisation; user: User; idea: Idea }> {
      const org = makeOrganisation({ name: orgName });
      await store.upsertOrganisations([org]);
      const user = makeUser(org.id);
      await store.createUser(user);
      const idea = makeIdea(org.id, user.id);
      await store.createIdea(idea);
      return { org, user, idea };
    }

    const endorsement = (idea: Idea, by: { org: Organisation; user: User }, over: Partial<Endorsement> = {}): Endorsement => ({
      id: newId(), ideaId: idea.id, organisationId: by.org.id, userId: by.user.id, message: null, createdAt: T0, ...over,
    });

    const connection = (ideaId: string, a: string, b: string, over: Partial<Connection> = {}): Connection => {
      const [first, second] = orderedPair(a, b);
      return { id: newId(), ideaId, organisationA: first, organisationB: second, via: 'endorsement', createdAt: T0, ...over };
    };

    const notification = (userId: string, over: Partial<Notification> = {}): Notification => ({
      id: newId(), userId, kind: 'endorsed', params: { organisation: 'Mol' }, link: '/ideas/x', createdAt: T0, readAt: null, ...over,
    });

    const failure = (p: Promise<unknown>): Promise<unknown> => p.then(() => null, (e: unknown) => e);

    describe('endorsements', () => {
      it('when an endorsement is created, then it is listed by idea, by endorsing organisation and by the idea\'s organisation', async () => {
        const e = endorsement(lier.idea, mol, { message: 'Wij delen graag de kost van de boekingsmodule.' });
        await store.createEndorsement(e);
        expect(await store.listEndorsements({ ideaId: lier.idea.id })).to.deep.equal([e]);
        expect(await store.listEndorsements({ organisationId: mol.org.id })).to.deep.equal([e]);
        expect(await store.listEndorsements({ ideaOrganisationId: lier.org.id })).to.deep.equal([e]);
        expect(await store.listEndorsements({ ideaOrganisationId: mol.org.id })).to.deep.equal([]);
      });

      it('when the same organisation endorses the same idea again, then StoreConflictError(endorsement) and the first stays alone', async () => {
        const first = endorsement(lier.idea, mol);
        await store.createEndorsement(first);
        const err = await failure(store.createEndorsement(endorsement(lier.idea, mol, { createdAt: at(5) })));
        expect(err).to.be.instanceOf(StoreConflictError);
        expect((err as StoreConflictError).what).to.equal('endorsement');
        expect(await store.listEndorsements({ ideaId: lier.idea.id })).to.deep.equal([first]);
      });

      it('when several are listed, then they come newest first, ties by id descending, and filters combine', async () => {
        const geel = await orgWithIdea('Geel');
        const a = endorsement(lier.idea, mol, { createdAt: at(1) });
        const b = endorsement(lier.idea, geel, { createdAt: at(3) });
        const c = endorsement(mol.idea, geel, { createdAt: at(3) });
        const d = endorsement(geel.idea, lier, { createdAt: at(2) });
        for (const e of [a, b, c, d]) await store.createEndorsement(e);
        const [hi, lo] = b.id > c.id ? [b, c] : [c, b];
        expect(await store.listEndorsements()).to.deep.equal([hi, lo, d, a]);
        expect(await store.listEndorsements({ organisationId: geel.org.id, ideaOrganisationId: lier.org.id })).to.deep.equal([b]);
      });

      it('when deleted, then it is returned and gone; deleting again answers null', async () => {
        const e = endorsement(lier.idea, mol);
        await store.createEndorsement(e);
        expect(await store.deleteEndorsement(lier.idea.id, mol.org.id)).to.deep.equal(e);
        expect(await store.deleteEndorsement(lier.idea.id, mol.org.id)).to.equal(null);
        expect(await store.listEndorsements()).to.deep.equal([]);
      });
    });

    describe('connections', () => {
      it('when a connection is created in either order, then it is stored once with the pair ordered and both sides see it', async () => {
        const [a, b] = orderedPair(lier.org.id, mol.org.id);
        const c: Connection = { id: newId(), ideaId: lier.idea.id, organisationA: b, organisationB: a, via: 'endorsement', createdAt: T0 };
        await store.createConnection(c);
        const stored = { ...c, organisationA: a, organisationB: b };
        expect(await store.listConnections({ organisationId: lier.org.id })).to.deep.equal([stored]);
        expect(await store.listConnections({ organisationId: mol.org.id })).to.deep.equal([stored]);
        expect(await store.listConnections({ ideaId: mol.idea.id })).to.deep.equal([]);
      });

      it('when the same idea, pair and via come again (in the other order), then StoreConflictError(connection); another via is allowed', async () => {
        await store.createConnection(connection(lier.idea.id, lier.org.id, mol.org.id));
        const err = await failure(store.createConnection(connection(lier.idea.id, mol.org.id, lier.org.id)));
        expect(err).to.be.instanceOf(StoreConflictError);
        expect((err as StoreConflictError).what).to.equal('connection');
        await store.createConnection(connection(lier.idea.id, mol.org.id, lier.org.id, { via: 'introduction' }));
        expect(await store.listConnections()).to.have.length(2);
      });

      it('when asked whether two organisations are connected, then either order answers the same, with or without the idea', async () => {
        const geel = await orgWithIdea('Geel');
        await store.createConnection(connection(lier.idea.id, lier.org.id, mol.org.id));
        expect(await store.areConnected(mol.org.id, lier.org.id)).to.equal(true);
        expect(await store.areConnected(lier.org.id, mol.org.id, lier.idea.id)).to.equal(true);
        expect(await store.areConnected(lier.org.id, mol.org.id, mol.idea.id)).to.equal(false);
        expect(await store.areConnected(lier.org.id, geel.org.id)).to.equal(false);
      });

      it('when a connection is deleted by its key in any order, then only that via goes', async () => {
        const byEndorsement = connection(lier.idea.id, lier.org.id, mol.org.id);
        const byIntroduction = connection(lier.idea.id, lier.org.id, mol.org.id, { via: 'introduction', createdAt: at(1) });
        await store.createConnection(byEndorsement);
        await store.createConnection(byIntroduction);
        const key = { ideaId: lier.idea.id, organisationA: mol.org.id, organisationB: lier.org.id, via: 'endorsement' as const };
        expect(await store.deleteConnection(key)).to.deep.equal(byEndorsement);
        expect(await store.deleteConnection(key)).to.equal(null);
        expect(await store.listConnections()).to.deep.equal([byIntroduction]);
        expect(await store.areConnected(lier.org.id, mol.org.id, lier.idea.id)).to.equal(true);
      });
    });

    describe('endorse and unendorse: all or nothing', () => {
      it('when endorse succeeds, then the endorsement, the connection and the notifications are all there', async () => {
        const e = endorsement(lier.idea, mol);
        const c = connection(lier.idea.id, mol.org.id, lier.org.id);
        const n = notification(lier.user.id);
        await store.endorse({ endorsement: e, connection: c, notifications: [n] });
        expect(await store.listEndorsements()).to.deep.equal([e]);
        expect(await store.listConnections()).to.deep.equal([c]);
        expect(await store.listNotifications(lier.user.id, { limit: 10 })).to.deep.equal([n]);
      });

      it('when a notification insert fails, then no endorsement, connection or notification is written', async () => {
        const twice = notification(lier.user.id);
        const err = await failure(store.endorse({
          endorsement: endorsement(lier.idea, mol),
          connection: connection(lier.idea.id, mol.org.id, lier.org.id),
          notifications: [notification(mol.user.id), twice, { ...twice }],
        }));
        expect(err).to.be.instanceOf(StoreConflictError);
        expect((err as StoreConflictError).what).to.equal('notification');
        expect(await store.listEndorsements()).to.deep.equal([]);
        expect(await store.listConnections()).to.deep.equal([]);
        expect(await store.countUnread(lier.user.id)).to.equal(0);
        expect(await store.countUnread(mol.user.id)).to.equal(0);
      });

      it('when the endorsement already exists, then endorse throws StoreConflictError(endorsement) and adds no notification', async () => {
        await store.createEndorsement(endorsement(lier.idea, mol));
        const err = await failure(store.endorse({ endorsement: endorsement(lier.idea, mol), connection: null, notifications: [notification(lier.user.id)] }));
        expect((err as StoreConflictError).what).to.equal('endorsement');
        expect(await store.countUnread(lier.user.id)).to.equal(0);
      });

      it('when unendorse drops the connection, then endorsement and endorsement-connection go, an introduction stays, notifications are added', async () => {
        const e = endorsement(lier.idea, mol);
        await store.endorse({ endorsement: e, connection: connection(lier.idea.id, mol.org.id, lier.org.id), notifications: [] });
        const intro = connection(lier.idea.id, lier.org.id, mol.org.id, { via: 'introduction' });
        await store.createConnection(intro);
        const n = notification(lier.user.id, { kind: 'connected' });
        expect(await store.unendorse({ ideaId: lier.idea.id, organisationId: mol.org.id, dropConnection: true, notifications: [n] })).to.deep.equal(e);
        expect(await store.listEndorsements()).to.deep.equal([]);
        expect(await store.listConnections()).to.deep.equal([intro]);
        expect(await store.listNotifications(lier.user.id, { limit: 10 })).to.deep.equal([n]);
      });

      it('when unendorse keeps the connection, then only the endorsement goes', async () => {
        const c = connection(lier.idea.id, mol.org.id, lier.org.id);
        await store.endorse({ endorsement: endorsement(lier.idea, mol), connection: c, notifications: [] });
        await store.unendorse({ ideaId: lier.idea.id, organisationId: mol.org.id, dropConnection: false, notifications: [] });
        expect(await store.listConnections()).to.deep.equal([c]);
      });

      it('when there is nothing to unendorse, then it answers null and writes no notification', async () => {
        const result = await store.unendorse({ ideaId: lier.idea.id, organisationId: mol.org.id, dropConnection: true, notifications: [notification(lier.user.id)] });
        expect(result).to.equal(null);
        expect(await store.countUnread(lier.user.id)).to.equal(0);
      });

      it('when a notification insert in unendorse fails, then the endorsement and connection stay', async () => {
        const e = endorsement(lier.idea, mol);
        const c = connection(lier.idea.id, mol.org.id, lier.org.id);
        await store.endorse({ endorsement: e, connection: c, notifications: [] });
        const twice = notification(lier.user.id);
        const err = await failure(store.unendorse({ ideaId: lier.idea.id, organisationId: mol.org.id, dropConnection: true, notifications: [twice, { ...twice }] }));
        expect(err).to.be.instanceOf(StoreConflictError);
        expect(await store.listEndorsements()).to.deep.equal([e]);
        expect(await store.listConnections()).to.deep.equal([c]);
      });
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

    describe('cluster state', () => {
      it('when nothing is saved yet, then getClusterState answers null', async () => {
        expect(await store.getClusterState()).to.equal(null);
      });

      it('when saved with the expected version, then it is read back; each next save needs the current version', async () => {
        const v1 = { version: 1, state: '{"clusters":[]}', updatedAt: T0 };
        await store.saveClusterState(v1, null);
        expect(await store.getClusterState()).to.deep.equal(v1);
        const v2 = { version: 2, state: '{"clusters":[{"id":"c1"}]}', updatedAt: at(60) };
        await store.saveClusterState(v2, 1);
        expect(await store.getClusterState()).to.deep.equal(v2);
      });

      it('when the expected version is stale, then StoreVersionError with the stored version and the state is unchanged', async () => {
        const v1 = { version: 1, state: '{}', updatedAt: T0 };
        await store.saveClusterState(v1, null);
        const stale = await failure(store.saveClusterState({ version: 2, state: '{"x":1}', updatedAt: at(1) }, 0));
        expect(stale).to.be.instanceOf(StoreVersionError);
        expect((stale as StoreVersionError).currentVersion).to.equal(1);
        const again = await failure(store.saveClusterState({ version: 1, state: '{"x":2}', updatedAt: at(1) }, null));
        expect(again).to.be.instanceOf(StoreVersionError);
        expect(await store.getClusterState()).to.deep.equal(v1);
      });

      it('when a version is expected but nothing is stored, then StoreVersionError with version 0', async () => {
        const err = await failure(store.saveClusterState({ version: 2, state: '{}', updatedAt: T0 }, 1));
        expect((err as StoreVersionError).currentVersion).to.equal(0);
        expect(await store.getClusterState()).to.equal(null);
      });
    });
  });
}

/**
 * The store contract for allies: endorsements, the connections they and introductions make, and the
 * all-or-nothing writes that carry their notifications (endorse, unendorse, introduce).
 *
 * Pinned here: lists are newest first with ties broken by id descending; connection pairs come back
 * ordered (organisationA < organisationB); every multi-record write is all or nothing.
 */
import { expect } from 'chai';
import { newId } from '../../server/store/ids.js';
import {
  StoreConflictError,
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
import { failure, freshStoreEachTest, orgWithIdea, type ContractOptions } from './support.js';

export function runAlliesContract({ name, create }: ContractOptions): void {
  describe(`store contract, allies: ${name}`, () => {
    let store: Store;
    let lier: { org: Organisation; user: User; idea: Idea };
    let mol: { org: Organisation; user: User; idea: Idea };
    freshStoreEachTest(create, (s) => { store = s; });
    beforeEach(async () => {
      lier = await orgWithIdea(store, 'Lier');
      mol = await orgWithIdea(store, 'Mol');
    });

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
        const geel = await orgWithIdea(store, 'Geel');
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
        const geel = await orgWithIdea(store, 'Geel');
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
  });

  describe(`store contract, introductions: ${name}`, () => {
    let store: Store;
    freshStoreEachTest(create, (s) => { store = s; });

    async function setup() {
      const orgs = [makeOrganisation({ name: 'Lier' }), makeOrganisation({ name: 'Mol' }), makeOrganisation({ name: 'Tienen' })];
      await store.upsertOrganisations(orgs);
      const users = orgs.map((o) => makeUser(o.id));
      for (const u of users) await store.createUser(u);
      const ideas = orgs.map((o, i) => makeIdea(o.id, users[i]!.id));
      for (const i of ideas) await store.createIdea(i);
      return { orgs, users, ideas };
    }
    const conn = (ideaId: string, a: string, b: string): Connection => ({ id: newId(), ideaId, organisationA: a, organisationB: b, via: 'introduction', createdAt: at(0) });
    const note = (userId: string): Notification => ({ id: newId(), userId, kind: 'introduced', params: { organisation: 'Mol', idea: 'Afspraken' }, link: '/clusters/1', createdAt: at(0), readAt: null });

    it('when introduced, then the connections (pairs ordered) and notifications are stored and the new ones counted', async () => {
      const { orgs, users, ideas } = await setup();
      const n = await store.introduce({ connections: [conn(ideas[0]!.id, orgs[1]!.id, orgs[0]!.id), conn(ideas[0]!.id, orgs[0]!.id, orgs[2]!.id)], notifications: users.map((u) => note(u.id)) });
      expect(n).to.equal(2);
      const stored = await store.listConnections({ ideaId: ideas[0]!.id });
      expect(stored).to.have.length(2);
      for (const c of stored) expect(c.organisationA < c.organisationB).to.equal(true);
      expect(await store.areConnected(orgs[0]!.id, orgs[1]!.id, ideas[0]!.id)).to.equal(true);
      for (const u of users) expect(await store.countUnread(u.id)).to.equal(1);
    });

    it('when introduced again, then existing connections are skipped, not duplicated, and the notifications are added', async () => {
      const { orgs, users, ideas } = await setup();
      await store.introduce({ connections: [conn(ideas[0]!.id, orgs[0]!.id, orgs[1]!.id)], notifications: [note(users[0]!.id)] });
      const n = await store.introduce({ connections: [conn(ideas[0]!.id, orgs[1]!.id, orgs[0]!.id), conn(ideas[1]!.id, orgs[1]!.id, orgs[0]!.id)], notifications: [note(users[0]!.id)] });
      expect(n).to.equal(1);
      expect(await store.listConnections({ organisationId: orgs[0]!.id })).to.have.length(2);
      expect(await store.countUnread(users[0]!.id)).to.equal(2);
    });

    it('when a notification id is taken, then nothing of the introduction is written', async () => {
      const { orgs, users, ideas } = await setup();
      const taken = note(users[0]!.id);
      await store.createNotifications([taken]);
      const err = await store.introduce({ connections: [conn(ideas[0]!.id, orgs[0]!.id, orgs[1]!.id)], notifications: [note(users[1]!.id), { ...taken }] })
        .then(() => null, (x: unknown) => x);
      expect(err).to.be.instanceOf(StoreConflictError);
      expect(await store.listConnections({ ideaId: ideas[0]!.id })).to.deep.equal([]);
      expect(await store.countUnread(users[1]!.id)).to.equal(0);
    });
  });
}

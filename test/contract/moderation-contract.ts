/**
 * The store contract for moderation: the append-only audit log (and, below, introductions). Run beside
 * the other suites:
 *
 *   runModerationContract({ name: 'SQLite', create: async () => createSqliteStore({ file: freshFile() }) });
 */
import { expect } from 'chai';
import { newId } from '../../server/store/ids.js';
import { StoreConflictError, type AuditEntry, type Connection, type Notification, type Store } from '../../server/store/store.js';
import { at, makeIdea, makeOrganisation, makeUser } from '../support/factories.js';

export interface ModerationContractOptions {
  name: string;
  create: () => Promise<Store>;
}

export function runModerationContract({ name, create }: ModerationContractOptions): void {
  describe(`store contract, moderation: ${name}`, () => {
    let store: Store;

    beforeEach(async () => {
      store = await create();
      await store.init();
    });

    afterEach(async () => {
      await store.close();
    });

    const entry = (over: Partial<AuditEntry> = {}): AuditEntry => ({
      id: newId(), at: at(0), actorId: 'u1', actorName: 'Programma', action: 'idea.hidden',
      targetType: 'idea', targetId: 'i1', details: { reason: 'Spam – “reclame”' }, ...over,
    });

    describe('audit log', () => {
      it('when entries are appended, then they come back newest first (ties by id descending), exactly as written', async () => {
        const a = entry({ id: 'a', at: at(1) });
        const b = entry({ id: 'b', at: at(2), actorId: null, actorName: 'system', details: {} });
        const c = entry({ id: 'c', at: at(2) });
        for (const e of [a, c, b]) await store.appendAudit(e);
        expect(await store.listAudit({ limit: 10 })).to.deep.equal([c, b, a]);
      });

      it('when paged with before, then each page continues strictly after the previous one', async () => {
        const all = Array.from({ length: 5 }, (_, i) => entry({ id: `e${i}`, at: at(i % 3) }));
        for (const e of all) await store.appendAudit(e);
        const first = await store.listAudit({ limit: 2 });
        const second = await store.listAudit({ limit: 2, before: first[1]!.id });
        const third = await store.listAudit({ limit: 2, before: second[1]!.id });
        const ids = [...first, ...second, ...third].map((e) => e.id);
        expect(ids).to.deep.equal(['e2', 'e4', 'e1', 'e3', 'e0']);
        expect(await store.listAudit({ limit: 2, before: 'e0' })).to.deep.equal([]);
      });

      it('when filtered by target and actions, then only those entries come back', async () => {
        await store.appendAudit(entry({ id: 'x1', targetType: 'cluster', targetId: '7', action: 'cluster.renamed', at: at(1) }));
        await store.appendAudit(entry({ id: 'x2', targetType: 'cluster', targetId: '7', action: 'cluster.introduced', at: at(2) }));
        await store.appendAudit(entry({ id: 'x3', targetType: 'cluster', targetId: '8', action: 'cluster.renamed', at: at(3) }));
        await store.appendAudit(entry({ id: 'x4', targetType: 'idea', targetId: '7', at: at(4) }));
        const seven = await store.listAudit({ limit: 10, targetType: 'cluster', targetId: '7' });
        expect(seven.map((e) => e.id)).to.deep.equal(['x2', 'x1']);
        const renamed = await store.listAudit({ limit: 10, targetType: 'cluster', targetId: '7', actions: ['cluster.renamed'] });
        expect(renamed.map((e) => e.id)).to.deep.equal(['x1']);
        expect(await store.listAudit({ limit: 10, actions: [] })).to.deep.equal([]);
      });

      it('when an id is appended twice, then the second append fails and the first stays', async () => {
        const e = entry({ id: 'dup' });
        await store.appendAudit(e);
        const err = await store.appendAudit(entry({ id: 'dup', action: 'idea.unhidden' })).then(() => null, (x: unknown) => x);
        expect(err).to.be.instanceOf(Error);
        expect(await store.listAudit({ limit: 10 })).to.deep.equal([e]);
      });
    });

    describe('introductions', () => {
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
  });
}

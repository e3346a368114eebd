/**
 * The store contract for users (ports/accounts.ts): created with a unique e-mail in any case, read,
 * patched and counted; listed newest first (createdAt, then id, descending); the last active
 * programme-team account is never deactivated, also not by two deactivations at once.
 */
import { expect } from 'chai';
import { StoreConflictError, type Organisation, type Store, type User } from '../../server/store/store.js';
import { T0, at, makeOrganisation, makeUser } from '../support/factories.js';
import { freshStoreEachTest, type ContractOptions } from './support.js';

export function runUsersContract({ name, create }: ContractOptions): void {
  describe(`store contract, users: ${name}`, () => {
    let store: Store;
    freshStoreEachTest(create, (s) => { store = s; });

    describe('users', () => {
      it('when a user is created, then getUser and getUserByEmail return it as put in', async () => {
        const org = makeOrganisation();
        await store.upsertOrganisations([org]);
        const user = makeUser(org.id, { phone: '+32 3 123 45 67', passwordHash: '$argon2id$x', locale: 'en' });
        await store.createUser(user);
        expect(await store.getUser(user.id)).to.deep.equal(user);
        expect(await store.getUserByEmail(user.email)).to.deep.equal(user);
      });

      it('when a programme-team user has no organisation, then it is stored with organisationId null', async () => {
        const admin = makeUser(null, { role: 'programme' });
        await store.createUser(admin);
        expect(await store.getUser(admin.id)).to.deep.equal(admin);
      });

      it('when looking up an e-mail in another case, then the user is found', async () => {
        const user = makeUser(null, { email: 'an.peeters@mol.be' });
        await store.createUser(user);
        expect(await store.getUserByEmail('An.Peeters@MOL.be')).to.deep.equal(user);
      });

      it('when an e-mail is taken in another case, then createUser throws StoreConflictError and adds nobody', async () => {
        await store.createUser(makeUser(null, { email: 'an.peeters@mol.be' }));
        const twin = makeUser(null, { email: 'AN.PEETERS@mol.be' });
        const err = await store.createUser(twin).then(() => null, (e: unknown) => e);
        expect(err).to.be.instanceOf(StoreConflictError);
        expect((err as StoreConflictError).what).to.equal('email');
        expect(await store.getUser(twin.id)).to.equal(null);
        expect(await store.countUsers()).to.equal(1);
      });

      it('when unknown, then getUser and getUserByEmail answer null', async () => {
        expect(await store.getUser('nobody')).to.equal(null);
        expect(await store.getUserByEmail('nobody@nowhere.test')).to.equal(null);
      });

      it('when a user is updated, then only the given fields and updatedAt change', async () => {
        const user = makeUser(null, { phone: '011 22 33 44' });
        await store.createUser(user);
        const updated = await store.updateUser(user.id, { name: 'Nieuwe Naam', active: false, phone: null }, at(60));
        const expected: User = { ...user, name: 'Nieuwe Naam', active: false, phone: null, updatedAt: at(60) };
        expect(updated).to.deep.equal(expected);
        expect(await store.getUser(user.id)).to.deep.equal(expected);
      });

      it('when passwordHash and locale are updated, then they are stored', async () => {
        const user = makeUser(null);
        await store.createUser(user);
        await store.updateUser(user.id, { passwordHash: 'hash', locale: 'en' }, at(1));
        expect(await store.getUser(user.id)).to.include({ passwordHash: 'hash', locale: 'en', updatedAt: at(1) });
      });

      it('when the patch is empty or its keys are undefined, then only updatedAt changes', async () => {
        const user = makeUser(null, { phone: '011 22 33 44' });
        await store.createUser(user);
        await store.updateUser(user.id, {}, at(1));
        await store.updateUser(user.id, { name: undefined, phone: undefined }, at(2));
        expect(await store.getUser(user.id)).to.deep.equal({ ...user, updatedAt: at(2) });
      });

      it('when the user does not exist, then updateUser answers null', async () => {
        expect(await store.updateUser('nobody', { name: 'X' }, T0)).to.equal(null);
      });

      it('when counting, then countUsers counts all or one role', async () => {
        const org = makeOrganisation();
        await store.upsertOrganisations([org]);
        await store.createUser(makeUser(org.id));
        await store.createUser(makeUser(org.id));
        await store.createUser(makeUser(null, { role: 'programme' }));
        expect(await store.countUsers()).to.equal(3);
        expect(await store.countUsers({ role: 'member' })).to.equal(2);
        expect(await store.countUsers({ role: 'programme' })).to.equal(1);
      });
    });

    describe('users: listed and (de)activated', () => {
      let org: Organisation;

      beforeEach(async () => {
        org = makeOrganisation();
        await store.upsertOrganisations([org]);
      });

      it('when listed, then newest first, and the filters combine with AND', async () => {
        const other = makeOrganisation();
        await store.upsertOrganisations([other]);
        const a = makeUser(org.id, { createdAt: at(1) });
        const b = makeUser(org.id, { createdAt: at(2), active: false });
        const c = makeUser(other.id, { createdAt: at(3) });
        const p = makeUser(null, { createdAt: at(4) });
        for (const u of [a, b, c, p]) await store.createUser(u);
        expect((await store.listUsers()).map((u) => u.id)).to.deep.equal([p.id, c.id, b.id, a.id]);
        expect((await store.listUsers({ organisationId: org.id })).map((u) => u.id)).to.deep.equal([b.id, a.id]);
        expect((await store.listUsers({ organisationId: org.id, active: true })).map((u) => u.id)).to.deep.equal([a.id]);
        expect((await store.listUsers({ active: false }))).to.deep.equal([b]);
        expect((await store.listUsers({ role: 'programme' })).map((u) => u.id)).to.deep.equal([p.id]);
        expect((await store.listUsers({ role: 'member', active: true })).map((u) => u.id)).to.deep.equal([c.id, a.id]);
      });

      it('when a member is deactivated and reactivated, then active and updatedAt follow', async () => {
        const u = makeUser(org.id);
        await store.createUser(u);
        expect(await store.setUserActive(u.id, false, at(10))).to.deep.equal({ ok: true, user: { ...u, active: false, updatedAt: at(10) } });
        expect(await store.getUser(u.id)).to.deep.include({ active: false, updatedAt: at(10) });
        expect(await store.listActiveMembers([org.id])).to.deep.equal([]);
        expect(await store.setUserActive(u.id, true, at(20))).to.deep.equal({ ok: true, user: { ...u, active: true, updatedAt: at(20) } });
      });

      it('when the user does not exist, then not_found', async () => {
        expect(await store.setUserActive('nope', false, T0)).to.deep.equal({ ok: false, reason: 'not_found' });
      });

      it('when the last active programme account would be deactivated, then it is refused and nothing is written', async () => {
        const p1 = makeUser(null);
        const p2 = makeUser(null, { active: false });
        await store.createUser(p1);
        await store.createUser(p2);
        expect(await store.setUserActive(p1.id, false, at(10))).to.deep.equal({ ok: false, reason: 'last_programme' });
        expect(await store.getUser(p1.id)).to.deep.equal(p1);
        expect(await store.setUserActive(p2.id, true, at(11))).to.deep.include({ ok: true });
        expect(await store.setUserActive(p1.id, false, at(12))).to.deep.include({ ok: true });
      });

      it('when two programme accounts are deactivated at the same time, then one of them stays active', async () => {
        const p1 = makeUser(null);
        const p2 = makeUser(null);
        await store.createUser(p1);
        await store.createUser(p2);
        const results = await Promise.all([store.setUserActive(p1.id, false, at(1)), store.setUserActive(p2.id, false, at(1))]);
        expect(results.filter((r) => r.ok)).to.have.length(1);
        expect(results.filter((r) => !r.ok)).to.deep.equal([{ ok: false, reason: 'last_programme' }]);
        expect(await store.listUsers({ role: 'programme', active: true })).to.have.length(1);
      });
    });
  });
}

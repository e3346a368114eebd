/**
 * The store contract for account management: invitations resent and revoked, users listed and
 * (de)activated. Run beside `runStoreContract`:
 *
 *   runAccountsContract({ name: 'SQLite', create: async () => createSqliteStore({ file: freshFile() }) });
 *
 * Pinned here: an invitation changes only while it is neither used nor revoked; users come newest
 * first (createdAt, then id, descending); the last active programme-team account is never deactivated,
 * also not by two deactivations at once.
 */
import { expect } from 'chai';
import type { Organisation, Store } from '../../server/store/store.js';
import { T0, at, makeInvitation, makeOrganisation, makeUser, sha256 } from '../support/factories.js';

export interface AccountsContractOptions {
  name: string;
  create: () => Promise<Store>;
}

export function runAccountsContract({ name, create }: AccountsContractOptions): void {
  describe(`store contract, accounts: ${name}`, () => {
    let store: Store;
    let org: Organisation;

    beforeEach(async () => {
      store = await create();
      await store.init();
      org = makeOrganisation();
      await store.upsertOrganisations([org]);
    });

    afterEach(async () => {
      await store.close();
    });

    describe('invitations', () => {
      it('when an open invitation gets a new token hash and expiry, then the old hash finds nothing and the new one finds it', async () => {
        const inv = makeInvitation({ organisationId: org.id });
        await store.createInvitation(inv);
        const changed = await store.updateInvitation(inv.id, { tokenHash: sha256('new'), expiresAt: at(3600) });
        expect(changed).to.deep.equal({ ...inv, tokenHash: sha256('new'), expiresAt: at(3600) });
        expect(await store.getInvitationByTokenHash(inv.tokenHash)).to.equal(null);
        expect(await store.getInvitationByTokenHash(sha256('new'))).to.deep.equal(changed);
        expect(await store.getInvitation(inv.id)).to.deep.equal(changed);
      });

      it('when an expired invitation is revoked, then revokedAt is set and it cannot be changed again', async () => {
        const inv = makeInvitation({ expiresAt: at(-60) });
        await store.createInvitation(inv);
        expect(await store.updateInvitation(inv.id, { revokedAt: T0 })).to.deep.include({ revokedAt: T0 });
        expect(await store.updateInvitation(inv.id, { tokenHash: sha256('late') })).to.equal(null);
        expect(await store.getInvitation(inv.id)).to.deep.include({ tokenHash: inv.tokenHash, revokedAt: T0 });
      });

      it('when the invitation was used, then updateInvitation answers null and writes nothing', async () => {
        const inv = makeInvitation({ usedAt: T0 });
        await store.createInvitation(inv);
        expect(await store.updateInvitation(inv.id, { revokedAt: at(1) })).to.equal(null);
        expect(await store.getInvitation(inv.id)).to.deep.equal(inv);
      });

      it('when the invitation does not exist, then getInvitation and updateInvitation answer null', async () => {
        expect(await store.getInvitation('nope')).to.equal(null);
        expect(await store.updateInvitation('nope', { revokedAt: T0 })).to.equal(null);
      });

      it('when a revoked invitation is accepted, then nothing is written', async () => {
        const inv = makeInvitation({ organisationId: org.id });
        await store.createInvitation(inv);
        await store.updateInvitation(inv.id, { revokedAt: T0 });
        const user = makeUser(org.id, { email: inv.email });
        expect(await store.acceptInvitation(inv.id, user, at(1))).to.equal(false);
        expect(await store.getUser(user.id)).to.equal(null);
      });
    });

    describe('users', () => {
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

/**
 * The store contract for invitations (ports/accounts.ts): found by token hash, listed newest first,
 * accepted atomically with the new user, and changed (resent, revoked) only while neither used nor
 * revoked.
 */
import { expect } from 'chai';
import { StoreConflictError, type Organisation, type Store } from '../../server/store/store.js';
import { T0, at, makeInvitation, makeOrganisation, makeUser, sha256 } from '../support/factories.js';
import { freshStoreEachTest, orgWithMember, type ContractOptions } from './support.js';

export function runInvitationsContract({ name, create }: ContractOptions): void {
  describe(`store contract, invitations: ${name}`, () => {
    let store: Store;
    freshStoreEachTest(create, (s) => { store = s; });

    describe('invitations', () => {
      it('when an invitation is created, then it is found by its token hash as put in', async () => {
        const { org, user } = await orgWithMember(store);
        const inv = makeInvitation({ organisationId: org.id, invitedBy: user.id });
        await store.createInvitation(inv);
        expect(await store.getInvitationByTokenHash(inv.tokenHash)).to.deep.equal(inv);
        expect(await store.getInvitationByTokenHash('unknown')).to.equal(null);
      });

      it('when two invitations share a token hash, then the second throws StoreConflictError', async () => {
        const first = makeInvitation();
        await store.createInvitation(first);
        const err = await store.createInvitation(makeInvitation({ tokenHash: first.tokenHash })).then(() => null, (e: unknown) => e);
        expect(err).to.be.instanceOf(StoreConflictError);
        expect(await store.listInvitations()).to.have.length(1);
      });

      it('when listing, then invitations come newest first', async () => {
        const old = makeInvitation({ createdAt: at(-100) });
        const recent = makeInvitation({ createdAt: at(100) });
        const middle = makeInvitation({ createdAt: T0 });
        for (const inv of [old, recent, middle]) await store.createInvitation(inv);
        expect(await store.listInvitations()).to.deep.equal([recent, middle, old]);
      });

      it('when a valid invitation is accepted, then the user exists and the invitation is used at now', async () => {
        const org = makeOrganisation();
        await store.upsertOrganisations([org]);
        const inv = makeInvitation({ organisationId: org.id });
        await store.createInvitation(inv);
        const user = makeUser(org.id, { email: inv.email, passwordHash: 'hash' });
        expect(await store.acceptInvitation(inv.id, user, at(60))).to.equal(true);
        expect(await store.getUser(user.id)).to.deep.equal(user);
        expect(await store.getInvitationByTokenHash(inv.tokenHash)).to.deep.equal({ ...inv, usedAt: at(60) });
      });

      it('when the invitation was already used, then accept answers false and writes nothing', async () => {
        const inv = makeInvitation();
        await store.createInvitation(inv);
        expect(await store.acceptInvitation(inv.id, makeUser(null, { email: inv.email }), at(1))).to.equal(true);
        const second = makeUser(null, { email: 'someone.else@gemeente.test' });
        expect(await store.acceptInvitation(inv.id, second, at(2))).to.equal(false);
        expect(await store.getUser(second.id)).to.equal(null);
        expect((await store.getInvitationByTokenHash(inv.tokenHash))?.usedAt).to.equal(at(1));
      });

      it('when the invitation is revoked, then accept answers false and writes nothing', async () => {
        const inv = makeInvitation({ revokedAt: at(-1) });
        await store.createInvitation(inv);
        const user = makeUser(null, { email: inv.email });
        expect(await store.acceptInvitation(inv.id, user, T0)).to.equal(false);
        expect(await store.getUser(user.id)).to.equal(null);
        expect(await store.getInvitationByTokenHash(inv.tokenHash)).to.deep.equal(inv);
      });

      it('when the invitation expired (expiresAt at or before now), then accept answers false and writes nothing', async () => {
        const inv = makeInvitation({ expiresAt: at(10) });
        await store.createInvitation(inv);
        const user = makeUser(null, { email: inv.email });
        expect(await store.acceptInvitation(inv.id, user, at(10))).to.equal(false);
        expect(await store.acceptInvitation(inv.id, user, at(11))).to.equal(false);
        expect(await store.getUser(user.id)).to.equal(null);
        expect(await store.getInvitationByTokenHash(inv.tokenHash)).to.deep.equal(inv);
      });

      it('when the invitation does not exist, then accept answers false and writes nothing', async () => {
        const user = makeUser(null);
        expect(await store.acceptInvitation('no-such-invitation', user, T0)).to.equal(false);
        expect(await store.getUser(user.id)).to.equal(null);
      });

      it('when the e-mail is taken, then accept throws StoreConflictError and the invitation stays unused', async () => {
        await store.createUser(makeUser(null, { email: 'taken@gemeente.test' }));
        const inv = makeInvitation({ email: 'taken@gemeente.test' });
        await store.createInvitation(inv);
        const user = makeUser(null, { email: 'Taken@Gemeente.test' });
        const err = await store.acceptInvitation(inv.id, user, T0).then(() => null, (e: unknown) => e);
        expect(err).to.be.instanceOf(StoreConflictError);
        expect(await store.getUser(user.id)).to.equal(null);
        expect(await store.getInvitationByTokenHash(inv.tokenHash)).to.deep.equal(inv);
      });

      it('when two accepts of one invitation race, then exactly one succeeds', async () => {
        const inv = makeInvitation();
        await store.createInvitation(inv);
        const results = await Promise.all([
          store.acceptInvitation(inv.id, makeUser(null, { email: 'een@gemeente.test' }), T0),
          store.acceptInvitation(inv.id, makeUser(null, { email: 'twee@gemeente.test' }), T0),
        ]);
        expect(results.filter(Boolean)).to.have.length(1);
        expect(await store.countUsers()).to.equal(1);
      });
    });

    describe('invitations: resent and revoked', () => {
      let org: Organisation;

      beforeEach(async () => {
        org = makeOrganisation();
        await store.upsertOrganisations([org]);
      });

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
  });
}

/**
 * The store contract for partnerships: one per idea, read back exactly with their memberships, each
 * step written all or nothing and only on the expected version, listed with filters, counted by call.
 */
import { expect } from 'chai';
import { newId } from '../../server/store/ids.js';
import {
  StoreConflictError,
  type Notification,
  type PartnershipMembership,
  type PartnershipRecord,
  type Store,
} from '../../server/store/store.js';
import { at, makeIdea, T0 } from '../support/factories.js';
import { failure, freshStoreEachTest, notice, orgWithIdea, orgWithMember, type ContractOptions } from './support.js';

const record = (ideaId: string, lead: string, over: Partial<PartnershipRecord> = {}): PartnershipRecord => ({
  id: newId(), ideaId, callId: null, title: 'Samen een digitaal loket', leadOrganisationId: lead, status: 'forming',
  leadOfferedTo: null, createdAt: T0, updatedAt: T0, submittedAt: null, decidedAt: null, version: 1, ...over,
});

const membership = (partnershipId: string, organisationId: string, over: Partial<PartnershipMembership> = {}): PartnershipMembership => ({
  partnershipId, organisationId, state: 'member', via: 'opened', startedBy: newId(), answeredBy: null,
  createdAt: T0, answeredAt: null, ...over,
});

export function runPartnershipsContract({ name, create }: ContractOptions): void {
  describe(`store contract, partnerships: ${name}`, () => {
    let store: Store;
    freshStoreEachTest(create, (s) => { store = s; });

    /** Lier's idea, a partnership for it with Lier as lead, stored. */
    async function opened(over: Partial<PartnershipRecord> = {}, notifications: Notification[] = []) {
      const lier = await orgWithIdea(store, 'Lier');
      const p = record(lier.idea.id, lier.org.id, over);
      const lead = membership(p.id, lier.org.id, { startedBy: lier.user.id });
      await store.createPartnership(p, lead, notifications);
      return { lier, p, lead };
    }

    it('when a partnership is opened, then it reads back exactly with its lead, by id and by idea, and its notifications are stored', async () => {
      const geel = await orgWithMember(store, { name: 'Geel' });
      const { p, lead } = await opened({}, [notice(geel.user.id, 'partnership_invited')]);
      const read = await store.getPartnership(p.id);
      expect(read).to.deep.equal({ ...p, memberships: [lead] });
      expect(await store.getPartnershipForIdea(p.ideaId)).to.deep.equal(read);
      expect(JSON.parse(JSON.stringify(read))).to.deep.equal(read);
      expect((await store.listNotifications(geel.user.id, { limit: 10 })).map((n) => n.kind)).to.deep.equal(['partnership_invited']);
    });

    it('when an unknown id or idea is read, then null', async () => {
      expect(await store.getPartnership('geen-partnerschap')).to.equal(null);
      expect(await store.getPartnershipForIdea('geen-idee')).to.equal(null);
    });

    it('when a second partnership is opened for the same idea, then StoreConflictError and nothing of it is stored', async () => {
      const { lier, p } = await opened();
      const geel = await orgWithMember(store, { name: 'Geel' });
      const again = record(p.ideaId, lier.org.id);
      const err = await failure(store.createPartnership(again, membership(again.id, lier.org.id), [notice(geel.user.id, 'partnership_invited')]));
      expect(err).to.be.instanceOf(StoreConflictError);
      expect((err as StoreConflictError).what).to.equal('partnership');
      expect(await store.getPartnership(again.id)).to.equal(null);
      expect(await store.listNotifications(geel.user.id, { limit: 10 })).to.deep.equal([]);
    });

    it('when a step is saved on the expected version, then the record, the memberships and the notifications are written together', async () => {
      const { p, lead } = await opened();
      const geel = await orgWithMember(store, { name: 'Geel' });
      const invited = membership(p.id, geel.org.id, { state: 'invited', via: 'invitation', createdAt: at(10) });
      const next = { ...p, updatedAt: at(10), version: 2 };
      expect(await store.savePartnershipStep({ partnership: next, expectedVersion: 1, memberships: [invited], notifications: [notice(geel.user.id, 'partnership_invited')] })).to.equal(true);
      expect(await store.getPartnership(p.id)).to.deep.equal({ ...next, memberships: [lead, invited] });

      const accepted = { ...invited, state: 'member' as const, answeredBy: geel.user.id, answeredAt: at(20) };
      const third = { ...next, status: 'submitted' as const, submittedAt: at(20), callId: 'oproep-8', updatedAt: at(20), version: 3 };
      expect(await store.savePartnershipStep({ partnership: third, expectedVersion: 2, memberships: [accepted], notifications: [] })).to.equal(true);
      expect(await store.getPartnership(p.id)).to.deep.equal({ ...third, memberships: [lead, accepted] });
      expect(await store.listNotifications(geel.user.id, { limit: 10 })).to.have.length(1);
    });

    it('when a step is saved on a stale version, then false and nothing is written', async () => {
      const { p, lead } = await opened();
      const geel = await orgWithMember(store, { name: 'Geel' });
      const invited = membership(p.id, geel.org.id, { state: 'invited', via: 'invitation' });
      const first = { ...p, title: 'Eerste', version: 2 };
      expect(await store.savePartnershipStep({ partnership: first, expectedVersion: 1, memberships: [], notifications: [] })).to.equal(true);
      const stale = { ...p, title: 'Tweede', version: 2 };
      expect(await store.savePartnershipStep({ partnership: stale, expectedVersion: 1, memberships: [invited], notifications: [notice(geel.user.id, 'partnership_invited')] })).to.equal(false);
      expect(await store.getPartnership(p.id)).to.deep.equal({ ...first, memberships: [lead] });
      expect(await store.listNotifications(geel.user.id, { limit: 10 })).to.deep.equal([]);
    });

    it('when a step carries a notification whose id is taken, then StoreConflictError and the step is not written', async () => {
      const { p } = await opened();
      const geel = await orgWithMember(store, { name: 'Geel' });
      const taken = notice(geel.user.id, 'partnership_invited');
      await store.createNotifications([taken]);
      const err = await failure(store.savePartnershipStep({ partnership: { ...p, title: 'Anders', version: 2 }, expectedVersion: 1, memberships: [], notifications: [taken] }));
      expect(err).to.be.instanceOf(StoreConflictError);
      expect((await store.getPartnership(p.id))!.version).to.equal(1);
      expect((await store.getPartnership(p.id))!.title).to.equal(p.title);
    });

    it('when partnerships are listed, then newest first, filtered by organisation (any state), call and status', async () => {
      const a = await opened({ createdAt: at(1), updatedAt: at(1), callId: 'c1' });
      const geel = await orgWithIdea(store, 'Geel');
      const b = record(geel.idea.id, geel.org.id, { createdAt: at(2), updatedAt: at(2), callId: 'c2', status: 'forming' });
      await store.createPartnership(b, membership(b.id, geel.org.id), []);
      const mol = await orgWithMember(store, { name: 'Mol' });
      const molIdea = makeIdea(mol.org.id, mol.user.id);
      await store.createIdea(molIdea);
      const c = record(molIdea.id, mol.org.id, { createdAt: at(3), updatedAt: at(3), callId: 'c1' });
      await store.createPartnership(c, membership(c.id, mol.org.id), []);
      await store.savePartnershipStep({ partnership: { ...c, status: 'submitted', version: 2 }, expectedVersion: 1, notifications: [],
        memberships: [membership(c.id, a.lier.org.id, { state: 'declined', via: 'invitation' })] });

      const ids = async (q?: Parameters<Store['listPartnerships']>[0]) => (await store.listPartnerships(q)).map((p) => p.id);
      expect(await ids()).to.deep.equal([c.id, b.id, a.p.id]);
      expect(await ids({ organisationId: a.lier.org.id })).to.deep.equal([c.id, a.p.id]);
      expect(await ids({ callId: 'c1' })).to.deep.equal([c.id, a.p.id]);
      expect(await ids({ status: 'forming' })).to.deep.equal([b.id, a.p.id]);
      expect(await ids({ callId: 'c1', status: 'forming' })).to.deep.equal([a.p.id]);
      expect(await ids({ organisationId: 'niemand' })).to.deep.equal([]);
      const listed = (await store.listPartnerships({ organisationId: a.lier.org.id }))[0]!;
      expect(listed.memberships.map((m) => m.organisationId)).to.deep.equal([mol.org.id, a.lier.org.id].sort());
      expect(listed).to.deep.equal(await store.getPartnership(c.id));
    });

    it('when partnerships are counted by call, then one row per call and status (a call of none as null)', async () => {
      await opened({ callId: null });
      const geel = await orgWithIdea(store, 'Geel');
      const mol = await orgWithIdea(store, 'Mol');
      const hasselt = await orgWithIdea(store, 'Hasselt');
      for (const [who, status] of [[geel, 'forming'], [mol, 'forming'], [hasselt, 'submitted']] as const) {
        const p = record(who.idea.id, who.org.id, { callId: 'c9', status });
        await store.createPartnership(p, membership(p.id, who.org.id), []);
      }
      expect(await store.countPartnershipsByCall()).to.have.deep.members([
        { callId: null, status: 'forming', count: 1 },
        { callId: 'c9', status: 'forming', count: 2 },
        { callId: 'c9', status: 'submitted', count: 1 },
      ]);
    });

    it('when the caller changes records after storing or reading them, then the stored partnership does not change', async () => {
      const { p, lead } = await opened();
      const original = { ...structuredClone(p), memberships: [structuredClone(lead)] };
      p.title = 'Buiten de store gewijzigd';
      lead.state = 'left';
      const read = await store.getPartnership(p.id);
      read!.memberships.push(membership(p.id, 'x'));
      read!.status = 'ended';
      expect(await store.getPartnership(p.id)).to.deep.equal(original);
    });
  });
}

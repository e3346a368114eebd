/**
 * The store contract for check-ins: stored and read back exactly, listed newest first and filtered
 * (organisation, statuses, a range of moments compared as instants whatever their offset), and each
 * step written with its notifications and their mail all or nothing, only over the expected version.
 */
import { expect } from 'chai';
import { newId } from '../../server/store/ids.js';
import { StoreConflictError, type CheckInRecord, type Store } from '../../server/store/store.js';
import { at, T0 } from '../support/factories.js';
import { failure, freshStoreEachTest, notice, orgWithIdea, type ContractOptions } from './support.js';

export function makeCheckIn(organisationId: string, requestedBy: string, over: Partial<CheckInRecord> = {}): CheckInRecord {
  return {
    id: newId(), organisationId, requestedBy, subject: { type: 'idea', id: newId() }, subjectTitle: 'Digitaal loket',
    preferredMoments: ['2026-03-02T10:00:00+01:00', '2026-03-03T14:30:00+01:00'], note: 'Graag feedback op ons concept.',
    status: 'requested', moment: null, durationMinutes: 30, place: null, confirmedBy: null, proposedBy: null, cancelledBy: null,
    sequence: 0, createdAt: T0, updatedAt: T0, version: 1, ...over,
  };
}

export function runCheckInsContract({ name, create }: ContractOptions): void {
  describe(`store contract, check-ins: ${name}`, () => {
    let store: Store;
    freshStoreEachTest(create, (s) => { store = s; });

    it('when a check-in is created with its notification, then both read back exactly and the mail is owed', async () => {
      const { org, user } = await orgWithIdea(store, 'Lier');
      const checkIn = makeCheckIn(org.id, user.id, { place: null, note: '' });
      const n = notice(user.id, 'check_in_requested');
      await store.createCheckIn(checkIn, [n]);
      const read = await store.getCheckIn(checkIn.id);
      expect(read).to.deep.equal(checkIn);
      expect(JSON.parse(JSON.stringify(read))).to.deep.equal(read);
      expect((await store.listNotifications(user.id, { limit: 10 })).map((x) => x.id)).to.deep.equal([n.id]);
      expect((await store.listOutbox({ userId: user.id, limit: 10 })).map((x) => x.id)).to.deep.equal([n.id]);
      expect(await store.getCheckIn('geen-check-in')).to.equal(null);
    });

    it('when the id is taken, then StoreConflictError and nothing of the second write stays', async () => {
      const { org, user } = await orgWithIdea(store, 'Geel');
      const checkIn = makeCheckIn(org.id, user.id);
      await store.createCheckIn(checkIn, []);
      const err = await failure(store.createCheckIn({ ...checkIn, note: 'tweede' }, [notice(user.id, 'check_in_requested')]));
      expect(err).to.be.instanceOf(StoreConflictError);
      expect(await store.getCheckIn(checkIn.id)).to.deep.equal(checkIn);
      expect(await store.countUnread(user.id)).to.equal(0);
    });

    it('when a notification id is taken, then the check-in is not stored either', async () => {
      const { org, user } = await orgWithIdea(store, 'Mol');
      const taken = notice(user.id, 'check_in_requested');
      await store.createNotifications([taken]);
      const checkIn = makeCheckIn(org.id, user.id);
      expect(await failure(store.createCheckIn(checkIn, [taken]))).to.be.instanceOf(StoreConflictError);
      expect(await store.getCheckIn(checkIn.id)).to.equal(null);
    });

    it('when check-ins are listed, then newest first, filtered by organisation, statuses and moments as instants', async () => {
      const a = await orgWithIdea(store, 'Lier');
      const b = await orgWithIdea(store, 'Herentals');
      // 09:00 UTC written three ways: the range must compare instants, not text.
      const first = makeCheckIn(a.org.id, a.user.id, { createdAt: at(1), status: 'confirmed', moment: '2026-03-02T10:00:00+01:00' });
      const second = makeCheckIn(a.org.id, a.user.id, { createdAt: at(2), status: 'proposed', moment: '2026-03-09T09:00:00Z' });
      const third = makeCheckIn(b.org.id, b.user.id, { createdAt: at(3), status: 'confirmed', moment: '2026-06-01T11:00:00+02:00' });
      const fourth = makeCheckIn(b.org.id, b.user.id, { createdAt: at(4) });
      for (const c of [first, second, third, fourth]) await store.createCheckIn(c, []);
      expect(await store.listCheckIns()).to.deep.equal([fourth, third, second, first]);
      expect(await store.listCheckIns({ organisationId: a.org.id })).to.deep.equal([second, first]);
      expect(await store.listCheckIns({ statuses: ['confirmed'] })).to.deep.equal([third, first]);
      expect(await store.listCheckIns({ statuses: [] })).to.deep.equal([]);
      expect(await store.listCheckIns({ momentFrom: '2026-03-02T09:00:00Z', momentTo: '2026-03-09T10:00:00+01:00' })).to.deep.equal([first]);
      expect(await store.listCheckIns({ momentFrom: '2026-03-02T10:00:01+01:00' })).to.deep.equal([third, second]);
    });

    it('when a step is saved over the expected version, then the check-in and its notifications are written together', async () => {
      const { org, user } = await orgWithIdea(store, 'Geel');
      const checkIn = makeCheckIn(org.id, user.id);
      await store.createCheckIn(checkIn, []);
      const next: CheckInRecord = {
        ...checkIn, status: 'confirmed', moment: checkIn.preferredMoments[1]!, place: 'https://meet.example/abc', confirmedBy: 'programme-1',
        updatedAt: at(60), version: 2,
      };
      const n = notice(user.id, 'check_in_confirmed');
      expect(await store.saveCheckInStep({ checkIn: next, expectedVersion: 1, notifications: [n] })).to.equal(true);
      expect(await store.getCheckIn(checkIn.id)).to.deep.equal(next);
      expect((await store.listOutbox({ userId: user.id, limit: 10 })).map((x) => x.kind)).to.deep.equal(['check_in_confirmed']);
    });

    it('when a step is saved over a stale version, then false and nothing is written, notifications included', async () => {
      const { org, user } = await orgWithIdea(store, 'Mol');
      const checkIn = makeCheckIn(org.id, user.id);
      await store.createCheckIn(checkIn, []);
      const stale = await store.saveCheckInStep({ checkIn: { ...checkIn, status: 'cancelled', version: 3 }, expectedVersion: 2, notifications: [notice(user.id, 'check_in_proposed')] });
      expect(stale).to.equal(false);
      expect(await store.getCheckIn(checkIn.id)).to.deep.equal(checkIn);
      expect(await store.countUnread(user.id)).to.equal(0);
      expect(await store.saveCheckInStep({ checkIn: { ...checkIn, id: 'geen-check-in', version: 2 }, expectedVersion: 1, notifications: [] })).to.equal(false);
    });

    it('when a step carries a taken notification id, then the step is not written either', async () => {
      const { org, user } = await orgWithIdea(store, 'Lier');
      const checkIn = makeCheckIn(org.id, user.id);
      const taken = notice(user.id, 'check_in_requested');
      await store.createCheckIn(checkIn, [taken]);
      const err = await failure(store.saveCheckInStep({ checkIn: { ...checkIn, status: 'cancelled', version: 2 }, expectedVersion: 1, notifications: [taken] }));
      expect(err).to.be.instanceOf(StoreConflictError);
      expect(await store.getCheckIn(checkIn.id)).to.deep.equal(checkIn);
    });
  });
}

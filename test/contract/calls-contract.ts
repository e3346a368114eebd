/**
 * The store contract for calls for proposals: stored and read back exactly, listed by number, a
 * number used once, updated in place.
 */
import { expect } from 'chai';
import { StoreConflictError, type Store } from '../../server/store/store.js';
import { at, makeCall } from '../support/factories.js';
import { failure, freshStoreEachTest, type ContractOptions } from './support.js';

export function runCallsContract({ name, create }: ContractOptions): void {
  describe(`store contract, calls: ${name}`, () => {
    let store: Store;
    freshStoreEachTest(create, (s) => { store = s; });

    it('when a call is created, then it reads back exactly, by id and by number, as plain data', async () => {
      const call = makeCall({ themes: null, rules: {}, opensAt: null, decided: true, decidedOn: '2027-02-01', maxDurationMonths: null, realiseBy: '2025-12-31' });
      await store.createCall(call);
      const read = await store.getCall(call.id);
      expect(read).to.deep.equal(call);
      expect(await store.getCallByNumber(call.number)).to.deep.equal(call);
      expect(Object.getPrototypeOf(read!.rules)).to.equal(Object.prototype);
      expect(JSON.parse(JSON.stringify(read))).to.deep.equal(read);
    });

    it('when an unknown id or number is read, then null', async () => {
      expect(await store.getCall('geen-oproep')).to.equal(null);
      expect(await store.getCallByNumber(999_999)).to.equal(null);
    });

    it('when calls are listed, then every call comes back ordered by number', async () => {
      const [c3, c1, c2] = [makeCall({ number: 3 }), makeCall({ number: 1 }), makeCall({ number: 2 })];
      for (const c of [c3, c1, c2]) await store.createCall(c);
      expect(await store.listCalls()).to.deep.equal([c1, c2, c3]);
    });

    it('when a second call takes a number already used, then StoreConflictError and the first stays', async () => {
      const first = makeCall({ number: 7 });
      await store.createCall(first);
      const err = await failure(store.createCall(makeCall({ number: 7 })));
      expect(err).to.be.instanceOf(StoreConflictError);
      expect(await store.listCalls()).to.deep.equal([first]);
    });

    it('when a call is updated, then the patched fields and updatedAt change and the rest stays', async () => {
      const call = makeCall({ number: 11 });
      await store.createCall(call);
      const updated = await store.updateCall(call.id, { name: 'Oproep 11 – aangepast', rules: { maxPartners: 16 }, themes: ['democracy'] }, at(60));
      const expected = { ...call, name: 'Oproep 11 – aangepast', rules: { maxPartners: 16 }, themes: ['democracy'], updatedAt: at(60) };
      expect(updated).to.deep.equal(expected);
      expect(await store.getCall(call.id)).to.deep.equal(expected);
    });

    it('when an update takes a number of another call, then StoreConflictError; an unknown id gives null', async () => {
      const [a, b] = [makeCall({ number: 21 }), makeCall({ number: 22 })];
      await store.createCall(a);
      await store.createCall(b);
      expect(await failure(store.updateCall(b.id, { number: 21 }, at(1)))).to.be.instanceOf(StoreConflictError);
      expect(await store.getCall(b.id)).to.deep.equal(b);
      expect(await store.updateCall('geen-oproep', { name: 'Niets' }, at(1))).to.equal(null);
    });

    it('when the caller changes a record after storing it, then the stored call does not change', async () => {
      const call = makeCall();
      const original = structuredClone(call);
      await store.createCall(call);
      call.themes!.push('workplace');
      call.rules.maxPartners = 3;
      expect(await store.getCall(call.id)).to.deep.equal(original);
    });
  });
}

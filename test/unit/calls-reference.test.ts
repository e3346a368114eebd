/**
 * Loading the programme's seven calls (calls:load, seed:demo): idempotent by number, a call that was
 * changed is brought back to the reference, every add and change is in the audit log.
 */
import { expect } from 'chai';
import { createAudit } from '../../server/domain/audit.js';
import { brusselsDayAt, loadReferenceCalls } from '../../server/domain/calls-reference.js';
import type { Clock } from '../../server/domain/clock.js';
import { gzgReference } from '../../server/domain/partnerships/reference.js';
import type { Store } from '../../server/store/store.js';
import { createSqliteStore } from '../../server/store/sqlite/index.js';
import { T0, at } from '../support/factories.js';

describe('loading the reference calls', () => {
  let store: Store;
  let now = T0;
  const clock: Clock = { now: () => new Date(now), setTimeout: () => 0, clearTimeout: () => {} };
  const load = () => loadReferenceCalls({ store, clock, audit: createAudit({ store, clock }) });

  beforeEach(async () => {
    store = createSqliteStore({ file: ':memory:' });
    await store.init();
    now = T0;
  });
  afterEach(() => store.close());

  it('when loaded into an empty store, then the seven calls are added with the reference facts', async () => {
    expect(await load()).to.deep.equal({ added: [1, 2, 3, 4, 5, 6, 7], updated: [], unchanged: [] });
    const calls = await store.listCalls();
    const ref = gzgReference().calls;
    expect(calls.map((c) => c.number)).to.deep.equal(ref.map((c) => c.number));
    expect(calls[0]).to.include({ name: ref[0]!.name, closesAt: ref[0]!.closesAt, maxSubsidyEur: 150_000 });
    expect(calls[5]!.rules).to.deep.equal(ref[5]!.rules);
    expect((await store.listAudit({ limit: 20, actions: ['call.created'] })).length).to.equal(7);
  });

  it('when loaded again, then nothing is added or changed and nothing more is logged', async () => {
    await load();
    const before = await store.listCalls();
    now = at(3600);
    expect(await load()).to.deep.equal({ added: [], updated: [], unchanged: [1, 2, 3, 4, 5, 6, 7] });
    expect(await store.listCalls()).to.deep.equal(before);
    expect((await store.listAudit({ limit: 50 })).length).to.equal(7);
  });

  it('when a loaded call was changed, then loading again brings it back to the reference and says so', async () => {
    await load();
    const three = (await store.getCallByNumber(3))!;
    await store.updateCall(three.id, { name: 'Oproep 3 – hernoemd', rules: { maxPartners: 2 } }, at(10));
    now = at(20);
    expect(await load()).to.deep.equal({ added: [], updated: [3], unchanged: [1, 2, 4, 5, 6, 7] });
    const back = (await store.getCall(three.id))!;
    expect(back).to.deep.equal({ ...three, updatedAt: at(20) });
    const [entry] = await store.listAudit({ limit: 1, actions: ['call.updated'] });
    expect(entry!.details).to.include({ number: '3', fields: 'name, rules' });
  });

  it('when a day is turned into a Brussels instant, then the offset is the one in force at that time of day', () => {
    expect(brusselsDayAt('2027-01-15', '00:00:00', 0)).to.equal('2027-01-15T00:00:00+01:00');
    expect(brusselsDayAt('2027-06-30', '23:59:59', 22)).to.equal('2027-06-30T23:59:59+02:00');
    // The nights the clocks change: midnight still has the old offset, the evening the new one.
    expect(brusselsDayAt('2027-03-28', '00:00:00', 0)).to.equal('2027-03-28T00:00:00+01:00');
    expect(brusselsDayAt('2027-03-28', '23:59:59', 22)).to.equal('2027-03-28T23:59:59+02:00');
    expect(brusselsDayAt('2027-10-31', '00:00:00', 0)).to.equal('2027-10-31T00:00:00+02:00');
    expect(brusselsDayAt('2027-10-31', '23:59:59', 22)).to.equal('2027-10-31T23:59:59+01:00');
  });
});

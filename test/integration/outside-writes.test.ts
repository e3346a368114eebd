import { expect } from 'chai';
import { createSqliteStore } from '../../server/store/sqlite/index.js';
import type { Store } from '../../server/store/store.js';
import { makeIdea } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/start-test-app.js';

/**
 * Issue 16.1 without a browser: another process (here: a second connection to the same SQLite file, as
 * `npm run seed:demo` opens one) writes ideas while the app runs; at its next check the app takes them
 * into its matching, without a restart. Its own writes are not outside writes. The timer is off here
 * (OUTSIDE_WRITES_POLL_MS=0) and the check is called by hand, so nothing depends on timing.
 */
describe('outside writes: ideas another process wrote to the SQLite file', function () {
  this.timeout(30_000);
  let app: TestApp;
  let other: Store;

  before(async () => {
    app = await startTestApp({ env: { OUTSIDE_WRITES_POLL_MS: '0' } });
    other = createSqliteStore({ file: app.sqliteFile });
    await other.init();
  });
  after(async () => { await other?.close(); await app?.close(); });

  it('when only the app itself wrote, then a check finds nothing from outside', async () => {
    const org = await app.createOrganisation();
    const user = await app.createMember(org.id);
    await app.store.createIdea(makeIdea(org.id, user.id));
    expect(await app.handle.outsideWrites.check()).to.equal(false);
  });

  it('when another connection writes similar ideas, then the next check places them: they have similar ideas and a cluster', async () => {
    const [lier, mol] = [await app.createOrganisation({ name: 'Lier' }), await app.createOrganisation({ name: 'Mol' })];
    const [a, b] = [await app.createMember(lier.id), await app.createMember(mol.id)];
    const text = 'Inwoners boeken online een afspraak bij de dienst burgerzaken voor een identiteitskaart of rijbewijs, zonder wachtrij aan het loket.';
    const first = makeIdea(lier.id, a.id, { title: 'Online afspraken bij burgerzaken', description: text });
    const second = makeIdea(mol.id, b.id, { title: 'Afspraken online boeken bij burgerzaken', description: `${text} Ook via de smartphone.` });
    await other.createIdea(first);
    await other.createIdea(second);
    expect(await app.services.matching.similarToIdea(null, first.id, { k: 5 })).to.deep.equal([]); // not seen yet
    expect(await app.handle.outsideWrites.check()).to.equal(true);
    const similar = await app.services.matching.similarToIdea(null, first.id, { k: 5 });
    expect(similar.map((s) => s.idea.id)).to.include(second.id);
    await app.services.matching.recomputeNow();
    expect(app.services.matching.clusterOf(first.id)?.id).to.equal(app.services.matching.clusterOf(second.id)?.id).and.not.equal(undefined);
    expect(await app.handle.outsideWrites.check()).to.equal(false); // nothing new since
  });
});

/**
 * The store contract for the audit log: append-only, newest first (at, then id, descending), paged
 * with a `before` cursor and filtered on target and actions.
 */
import { expect } from 'chai';
import { newId } from '../../server/store/ids.js';
import type { AuditEntry, Store } from '../../server/store/store.js';
import { at } from '../support/factories.js';
import { freshStoreEachTest, type ContractOptions } from './support.js';

export function runAuditContract({ name, create }: ContractOptions): void {
  describe(`store contract, audit log: ${name}`, () => {
    let store: Store;
    freshStoreEachTest(create, (s) => { store = s; });

    const entry = (over: Partial<AuditEntry> = {}): AuditEntry => ({
      id: newId(), at: at(0), actorId: 'u1', actorName: 'Programma', action: 'idea.hidden',
      targetType: 'idea', targetId: 'i1', details: { reason: 'Spam – “reclame”' }, ...over,
    });

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
}

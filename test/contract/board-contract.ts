/**
 * The store contract for the live board's timeline: `appendBoardEvents` numbers events with one
 * strictly increasing sequence (the board's version) and `listBoardEvents` pages by it.
 *
 *   runBoardContract({ name: 'SQLite', create: async () => createSqliteStore({ file: freshFile() }) });
 */
import { expect } from 'chai';
import type { NewBoardEvent, Store } from '../../server/store/store.js';
import { T0, at } from '../support/factories.js';

export function runBoardContract({ name, create }: { name: string; create: () => Promise<Store> }): void {
  describe(`store contract, board timeline: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await create();
      await store.init();
    });
    afterEach(() => store.close());

    const event = (kind: string, over: Partial<NewBoardEvent> = {}): NewBoardEvent =>
      ({ kind, params: { cluster: 'digitaal afspraken', organisations: 'Tienen' }, clusterId: 3, ideaId: 'idea-1', createdAt: T0, ...over });

    it('when nothing was appended, then the timeline is empty', async () => {
      expect(await store.listBoardEvents({ limit: 10 })).to.deep.equal([]);
      expect(await store.listBoardEvents({ after: 0, limit: 10 })).to.deep.equal([]);
      expect(await store.appendBoardEvents([])).to.deep.equal([]);
    });

    it('when batches are appended, then every event gets a higher number than all before it, in order, and comes back as stored', async () => {
      const first = await store.appendBoardEvents([event('cluster_gained'), event('cluster_renamed', { clusterId: null, ideaId: null, params: {} })]);
      const second = await store.appendBoardEvents([event('endorsed', { createdAt: at(5) })]);
      const seqs = [...first, ...second].map((e) => e.seq);
      expect(seqs[0]).to.be.greaterThan(0);
      expect(seqs[1]).to.be.greaterThan(seqs[0]!);
      expect(seqs[2]).to.be.greaterThan(seqs[1]!);
      expect(first[1]).to.deep.equal({ ...event('cluster_renamed', { clusterId: null, ideaId: null, params: {} }), seq: seqs[1] });
      expect(await store.listBoardEvents({ limit: 10 })).to.deep.equal([...second, ...first.slice().reverse()]);
    });

    it('when asked for what came after a number, then those come oldest first, at most `limit`', async () => {
      const all = await store.appendBoardEvents([event('a'), event('b'), event('c'), event('d')]);
      const after = await store.listBoardEvents({ after: all[0]!.seq, limit: 2 });
      expect(after.map((e) => e.kind)).to.deep.equal(['b', 'c']);
      expect(await store.listBoardEvents({ after: all[3]!.seq, limit: 10 })).to.deep.equal([]);
      expect((await store.listBoardEvents({ limit: 1 }))[0]!.kind).to.equal('d');
    });

    it('when many appends race, then no number is handed out twice', async () => {
      const batches = await Promise.all(Array.from({ length: 10 }, (_, i) => store.appendBoardEvents([event(`k${i}`), event(`k${i}b`)])));
      const seqs = batches.flat().map((e) => e.seq);
      expect(new Set(seqs).size).to.equal(20);
    });
  });
}

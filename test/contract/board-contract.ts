/**
 * The store contract for the live board's timeline: `appendBoardEvents` numbers events with one
 * strictly increasing sequence (the board's version) and `listBoardEvents` pages by it.
 *
 *   runBoardContract({ name: 'SQLite', create: async () => createSqliteStore({ file: freshFile() }) });
 */
import { expect } from 'chai';
import { newId } from '../../server/store/ids.js';
import { orderedPair, type NewBoardEvent, type Store } from '../../server/store/store.js';
import { T0, at, makeCall, makeIdea, makeOrganisation, makeUser } from '../support/factories.js';
import { freshStoreEachTest, type ContractOptions } from './support.js';

export function runBoardContract({ name, create }: ContractOptions): void {
  describe(`store contract, board timeline: ${name}`, () => {
    let store: Store;
    freshStoreEachTest(create, (s) => { store = s; });

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

    describe('counts for the board\'s numbers', () => {
      const byIdea = <T extends { ideaId: string }>(rows: T[]) => [...rows].sort((a, b) => a.ideaId.localeCompare(b.ideaId));

      it('when ideas are endorsed and connected, then countPerIdea and countAll count them (zeros for listed ideas without any)', async () => {
        const [lier, mol, tienen] = ['Lier', 'Mol', 'Tienen'].map((name) => makeOrganisation({ name }));
        await store.upsertOrganisations([lier!, mol!, tienen!]);
        const user = makeUser(lier!.id);
        await store.createUser(user);
        const [a, b, c] = [makeIdea(lier!.id, user.id), makeIdea(lier!.id, user.id), makeIdea(lier!.id, user.id)];
        for (const idea of [a!, b!, c!]) await store.createIdea(idea);
        const endorse = (ideaId: string, organisationId: string) => store.createEndorsement({ id: newId(), ideaId, organisationId, userId: user.id, message: null, createdAt: T0 });
        const connect = async (ideaId: string, x: string, y: string, via: 'endorsement' | 'introduction') => {
          const [organisationA, organisationB] = orderedPair(x, y);
          await store.createConnection({ id: newId(), ideaId, organisationA, organisationB, via, createdAt: T0 });
        };
        expect(await store.countAll()).to.deep.equal({ endorsements: 0, connections: 0 });
        expect(await store.countPerIdea()).to.deep.equal([]);
        await endorse(a!.id, mol!.id);
        await endorse(a!.id, tienen!.id);
        await endorse(b!.id, mol!.id);
        await connect(a!.id, lier!.id, mol!.id, 'endorsement');
        await connect(a!.id, lier!.id, mol!.id, 'introduction');
        await connect(c!.id, tienen!.id, mol!.id, 'introduction');

        expect(await store.countAll()).to.deep.equal({ endorsements: 3, connections: 3 });
        expect(byIdea(await store.countPerIdea())).to.deep.equal(byIdea([
          { ideaId: a!.id, endorsements: 2, connections: 2 },
          { ideaId: b!.id, endorsements: 1, connections: 0 },
          { ideaId: c!.id, endorsements: 0, connections: 1 },
        ]));
        expect(byIdea(await store.countPerIdea([b!.id, 'no-such-idea', b!.id]))).to.deep.equal(byIdea([
          { ideaId: b!.id, endorsements: 1, connections: 0 },
          { ideaId: 'no-such-idea', endorsements: 0, connections: 0 },
        ]));
        expect(await store.countPerIdea([])).to.deep.equal([]);
      });

      it('when listed ideas aim at calls, then countIdeasByCall counts per call (null: none) those endorsed by another organisation and those connected, leaving out withdrawn and hidden ideas', async () => {
        const [lier, mol] = ['Lier', 'Mol'].map((name) => makeOrganisation({ name }));
        await store.upsertOrganisations([lier!, mol!]);
        const user = makeUser(lier!.id);
        await store.createUser(user);
        const [c1, c2] = [makeCall({ number: 1 }), makeCall({ number: 2 })];
        await store.createCall(c1!);
        await store.createCall(c2!);
        expect(await store.countIdeasByCall()).to.deep.equal([]);
        const [a, b, c, d, e, f] = [
          makeIdea(lier!.id, user.id, { callId: c1!.id }), makeIdea(lier!.id, user.id, { callId: c1!.id }), makeIdea(lier!.id, user.id, { callId: c1!.id }),
          makeIdea(lier!.id, user.id, { callId: c2!.id }), makeIdea(lier!.id, user.id), makeIdea(lier!.id, user.id, { callId: c1!.id }),
        ];
        const withdrawn = makeIdea(lier!.id, user.id, { callId: c1!.id, status: 'withdrawn' });
        const hidden = makeIdea(lier!.id, user.id, { callId: c1!.id, hidden: true });
        for (const idea of [a!, b!, c!, d!, e!, f!, withdrawn, hidden]) await store.createIdea(idea);
        const endorse = (ideaId: string, organisationId: string) => store.createEndorsement({ id: newId(), ideaId, organisationId, userId: user.id, message: null, createdAt: T0 });
        await endorse(a!.id, mol!.id);
        await endorse(f!.id, lier!.id); // by its own organisation: not "endorsed by another"
        await endorse(withdrawn.id, mol!.id);
        await endorse(hidden.id, mol!.id);
        const [organisationA, organisationB] = orderedPair(lier!.id, mol!.id);
        const connect = (ideaId: string, via: 'endorsement' | 'introduction') => store.createConnection({ id: newId(), ideaId, organisationA, organisationB, via, createdAt: T0 });
        await connect(a!.id, 'endorsement');
        await connect(a!.id, 'introduction'); // two connections, one idea connected
        await connect(b!.id, 'introduction');
        await connect(e!.id, 'introduction');

        const byCall = (await store.countIdeasByCall()).sort((x, y) => String(x.callId).localeCompare(String(y.callId)));
        expect(byCall).to.deep.equal([
          { callId: c1!.id, ideas: 4, endorsed: 1, connected: 2 },
          { callId: c2!.id, ideas: 1, endorsed: 0, connected: 0 },
          { callId: null, ideas: 1, endorsed: 0, connected: 1 },
        ].sort((x, y) => String(x.callId).localeCompare(String(y.callId))));
      });
    });
  });
}

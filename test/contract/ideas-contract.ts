/**
 * The store contract for ideas: created, read and updated optimistically (a stale version is refused
 * with the stored one), and `allOpenIdeas`, the corpus the matching engine reads.
 */
import { expect } from 'chai';
import { StoreConflictError, StoreVersionError, type Idea, type Store } from '../../server/store/store.js';
import { T0, at, makeIdea } from '../support/factories.js';
import { freshStoreEachTest, ids, orgWithMember, storeIdeas, type ContractOptions } from './support.js';

export function runIdeasContract({ name, create }: ContractOptions): void {
  describe(`store contract, ideas: ${name}`, () => {
    let store: Store;
    freshStoreEachTest(create, (s) => { store = s; });

    describe('ideas: create, read, update', () => {
      it('when an idea is created, then getIdea returns it as put in', async () => {
        const { org, user } = await orgWithMember(store);
        const idea = makeIdea(org.id, user.id, {
          tags: ['e-loket', 'Vergunningen', 'café'],
          contact: { name: 'An Peeters', email: 'an@mol.be', phone: '+32 14 33 08 00' },
          theme: 'democracy', language: 'fr', hidden: true, status: 'withdrawn', version: 3,
          createdAt: at(-60), updatedAt: at(60),
        });
        await store.createIdea(idea);
        expect(await store.getIdea(idea.id)).to.deep.equal(idea);
        expect(await store.getIdea('unknown')).to.equal(null);
      });

      it('when an idea id is used twice, then createIdea throws StoreConflictError', async () => {
        const { org, user } = await orgWithMember(store);
        const idea = makeIdea(org.id, user.id);
        await store.createIdea(idea);
        const err = await store.createIdea({ ...idea, title: 'Een ander idee' }).then(() => null, (e: unknown) => e);
        expect(err).to.be.instanceOf(StoreConflictError);
        expect(await store.getIdea(idea.id)).to.deep.equal(idea);
      });

      it('when updated with the current version, then the patch is applied, version +1 and updatedAt set', async () => {
        const { org, user } = await orgWithMember(store);
        const idea = makeIdea(org.id, user.id, { tags: ['oud'] });
        await store.createIdea(idea);
        const patch = {
          title: 'Nieuwe titel voor het idee', tags: ['nieuw', 'e-loket'], theme: 'workplace' as const,
          contact: { name: 'Jan', email: 'jan@mol.be', phone: null }, status: 'withdrawn' as const,
          language: 'en' as const, hidden: true, description: 'Een nieuwe beschrijving die lang genoeg is.',
        };
        const updated = await store.updateIdea(idea.id, patch, 1, at(120));
        const expected: Idea = { ...idea, ...patch, version: 2, updatedAt: at(120) };
        expect(updated).to.deep.equal(expected);
        expect(await store.getIdea(idea.id)).to.deep.equal(expected);
      });

      it('when a patch gives only one field, then the others stay', async () => {
        const { org, user } = await orgWithMember(store);
        const idea = makeIdea(org.id, user.id, { tags: ['a', 'b'] });
        await store.createIdea(idea);
        await store.updateIdea(idea.id, { title: 'Alleen de titel verandert', description: undefined, tags: undefined }, 1, at(1));
        expect(await store.getIdea(idea.id)).to.deep.equal({ ...idea, title: 'Alleen de titel verandert', version: 2, updatedAt: at(1) });
      });

      it('when updated with a stale version, then StoreVersionError carries the stored version and nothing is written', async () => {
        const { org, user } = await orgWithMember(store);
        const idea = makeIdea(org.id, user.id);
        await store.createIdea(idea);
        await store.updateIdea(idea.id, { title: 'Eerste wijziging' }, 1, at(1));
        const err = await store.updateIdea(idea.id, { title: 'Te late wijziging' }, 1, at(2)).then(() => null, (e: unknown) => e);
        expect(err).to.be.instanceOf(StoreVersionError);
        expect((err as StoreVersionError).currentVersion).to.equal(2);
        expect(await store.getIdea(idea.id)).to.include({ title: 'Eerste wijziging', version: 2, updatedAt: at(1) });
      });

      it('when the idea does not exist, then updateIdea answers null', async () => {
        expect(await store.updateIdea('unknown', { title: 'Wat dan ook' }, 1, T0)).to.equal(null);
      });

      it('when the text is updated, then search finds the new words and not the old', async () => {
        const { org, user } = await orgWithMember(store);
        const idea = makeIdea(org.id, user.id, { title: 'Parkeerkaart aanvragen', tags: ['parkeren'] });
        await store.createIdea(idea);
        await store.updateIdea(idea.id, { title: 'Bibliotheekpas aanvragen', tags: ['bibliotheek'] }, 1, at(1));
        const find = async (q: string) => ids((await store.listIdeas({ q, limit: 10, offset: 0 })).items);
        expect(await find('parkeerkaart')).to.deep.equal([]);
        expect(await find('parkeren')).to.deep.equal([]);
        expect(await find('bibliotheekpas')).to.deep.equal([idea.id]);
        expect(await find('bibliotheek')).to.deep.equal([idea.id]);
      });
    });

    describe('ideas: allOpenIdeas', () => {
      it('when asked, then every open, visible idea comes back, and no withdrawn or hidden one', async () => {
        const one = await orgWithMember(store);
        const two = await orgWithMember(store);
        const [a, , , d] = await storeIdeas(store, [
          makeIdea(one.org.id, one.user.id, { createdAt: at(1) }),
          makeIdea(one.org.id, one.user.id, { createdAt: at(2), status: 'withdrawn' }),
          makeIdea(two.org.id, two.user.id, { createdAt: at(3), hidden: true }),
          makeIdea(two.org.id, two.user.id, { createdAt: at(4) }),
        ]);
        const open = await store.allOpenIdeas();
        expect(open).to.have.deep.members([a, d]);
        expect(open).to.have.length(2);
      });

      it('when the store is empty, then allOpenIdeas answers an empty list', async () => {
        expect(await store.allOpenIdeas()).to.deep.equal([]);
      });
    });
  });
}

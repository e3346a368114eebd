/**
 * The store contract for listing and searching ideas: newest first with ties broken by id descending,
 * filters that combine, paging with a total, and a search that treats whatever is typed as words
 * (operators and punctuation included) and ignores a search with nothing searchable in it.
 */
import { expect } from 'chai';
import type { Idea, Store } from '../../server/store/store.js';
import { at, makeIdea } from '../support/factories.js';
import { freshStoreEachTest, ids, orgWithMember, storeIdeas, type ContractOptions } from './support.js';

export function runIdeaListContract({ name, create }: ContractOptions): void {
  describe(`store contract, idea list: ${name}`, () => {
    let store: Store;
    freshStoreEachTest(create, (s) => { store = s; });

    describe('ideas: listing', () => {
      it('when listing without filters, then visible ideas of every status come newest first with the total', async () => {
        const { org, user } = await orgWithMember(store);
        const [a, b, c] = await storeIdeas(store, [
          makeIdea(org.id, user.id, { createdAt: at(1) }),
          makeIdea(org.id, user.id, { createdAt: at(3), status: 'withdrawn' }),
          makeIdea(org.id, user.id, { createdAt: at(2) }),
        ]);
        const page = await store.listIdeas({ limit: 10, offset: 0 });
        expect(page.total).to.equal(3);
        expect(page.items).to.deep.equal([b, c, a]);
      });

      it('when two ideas have the same createdAt, then the one with the greater id comes first', async () => {
        const { org, user } = await orgWithMember(store);
        const [x, y] = await storeIdeas(store, [makeIdea(org.id, user.id), makeIdea(org.id, user.id)]);
        const expected = [x!, y!].sort((p, q) => (p.id < q.id ? 1 : -1)).map((i) => i.id);
        expect(ids((await store.listIdeas({ limit: 10, offset: 0 })).items)).to.deep.equal(expected);
      });

      it('when filter keys are present but undefined, then they are ignored', async () => {
        const { org, user } = await orgWithMember(store);
        const [idea] = await storeIdeas(store, [makeIdea(org.id, user.id)]);
        const page = await store.listIdeas({
          q: undefined, theme: undefined, province: undefined, organisationId: undefined,
          status: undefined, includeHidden: undefined, limit: 10, offset: 0,
        });
        expect(page).to.deep.equal({ items: [idea], total: 1 });
      });

      it('when paging, then limit and offset cut the list and total counts all matches', async () => {
        const { org, user } = await orgWithMember(store);
        const all = await storeIdeas(store, Array.from({ length: 7 }, (_, n) => makeIdea(org.id, user.id, { createdAt: at(n) })));
        const newestFirst = ids([...all].reverse());
        const first = await store.listIdeas({ limit: 3, offset: 0 });
        const second = await store.listIdeas({ limit: 3, offset: 3 });
        const last = await store.listIdeas({ limit: 3, offset: 6 });
        const beyond = await store.listIdeas({ limit: 3, offset: 10 });
        expect([first.total, second.total, last.total, beyond.total]).to.deep.equal([7, 7, 7, 7]);
        expect(ids([...first.items, ...second.items, ...last.items])).to.deep.equal(newestFirst);
        expect(beyond.items).to.deep.equal([]);
      });

      it('when hidden ideas exist, then they are left out unless includeHidden is set', async () => {
        const { org, user } = await orgWithMember(store);
        const [shown, hidden] = await storeIdeas(store, [
          makeIdea(org.id, user.id, { createdAt: at(1) }),
          makeIdea(org.id, user.id, { createdAt: at(2), hidden: true }),
        ]);
        expect(await store.listIdeas({ limit: 10, offset: 0 })).to.deep.equal({ items: [shown], total: 1 });
        expect(await store.listIdeas({ limit: 10, offset: 0, includeHidden: false })).to.deep.equal({ items: [shown], total: 1 });
        expect(await store.listIdeas({ limit: 10, offset: 0, includeHidden: true })).to.deep.equal({ items: [hidden, shown], total: 2 });
      });

      it('when filtering on theme, status, organisation or call, then only matching ideas come back', async () => {
        const one = await orgWithMember(store);
        const two = await orgWithMember(store);
        const [a, b, c, d] = await storeIdeas(store, [
          makeIdea(one.org.id, one.user.id, { theme: 'services', createdAt: at(1), callId: 'call-a' }),
          makeIdea(one.org.id, one.user.id, { theme: 'democracy', status: 'withdrawn', createdAt: at(2) }),
          makeIdea(two.org.id, two.user.id, { theme: 'democracy', createdAt: at(3), callId: 'call-a' }),
          makeIdea(two.org.id, two.user.id, { theme: 'workplace', createdAt: at(4) }),
        ]);
        const list = async (q: Partial<Parameters<Store['listIdeas']>[0]>) => store.listIdeas({ limit: 10, offset: 0, ...q });
        expect(await list({ theme: 'democracy' })).to.deep.equal({ items: [c, b], total: 2 });
        expect(await list({ status: 'open' })).to.deep.equal({ items: [d, c, a], total: 3 });
        expect(await list({ status: 'withdrawn' })).to.deep.equal({ items: [b], total: 1 });
        expect(await list({ organisationId: one.org.id })).to.deep.equal({ items: [b, a], total: 2 });
        expect(await list({ organisationId: 'unknown' })).to.deep.equal({ items: [], total: 0 });
        expect(await list({ callId: 'call-a' })).to.deep.equal({ items: [c, a], total: 2 });
        expect(await list({ callId: 'call-b' })).to.deep.equal({ items: [], total: 0 });
      });

      it("when filtering on province, then ideas of that province's organisations come back", async () => {
        const mol = await orgWithMember(store, { province: 'Antwerpen' });
        const genk = await orgWithMember(store, { province: 'Limburg' });
        const [a, b] = await storeIdeas(store, [
          makeIdea(mol.org.id, mol.user.id, { createdAt: at(1) }),
          makeIdea(genk.org.id, genk.user.id, { createdAt: at(2) }),
        ]);
        expect(await store.listIdeas({ province: 'Antwerpen', limit: 10, offset: 0 })).to.deep.equal({ items: [a], total: 1 });
        expect(await store.listIdeas({ province: 'Limburg', limit: 10, offset: 0 })).to.deep.equal({ items: [b], total: 1 });
        expect(await store.listIdeas({ province: 'West-Vlaanderen', limit: 10, offset: 0 })).to.deep.equal({ items: [], total: 0 });
      });

      it('when every filter is combined with a search, then only ideas matching all of them come back, paged', async () => {
        const mol = await orgWithMember(store, { province: 'Antwerpen' });
        const geel = await orgWithMember(store, { province: 'Antwerpen' });
        const genk = await orgWithMember(store, { province: 'Limburg' });
        const loket = { title: 'Digitaal loket voor vergunningen', theme: 'services' as const };
        const hits = await storeIdeas(store, [1, 2, 3].map((n) => makeIdea(mol.org.id, mol.user.id, { ...loket, createdAt: at(n) })));
        await storeIdeas(store, [
          makeIdea(mol.org.id, mol.user.id, { ...loket, theme: 'workplace', createdAt: at(10) }),
          makeIdea(mol.org.id, mol.user.id, { ...loket, status: 'withdrawn', createdAt: at(11) }),
          makeIdea(mol.org.id, mol.user.id, { ...loket, hidden: true, createdAt: at(12) }),
          makeIdea(mol.org.id, mol.user.id, { title: 'Burgerbudget online', createdAt: at(13) }),
          makeIdea(geel.org.id, geel.user.id, { ...loket, createdAt: at(14) }),
          makeIdea(genk.org.id, genk.user.id, { ...loket, createdAt: at(15) }),
        ]);
        const query = { q: 'loket', theme: 'services' as const, province: 'Antwerpen', organisationId: mol.org.id, status: 'open' as const };
        const page1 = await store.listIdeas({ ...query, limit: 2, offset: 0 });
        const page2 = await store.listIdeas({ ...query, limit: 2, offset: 2 });
        expect(page1.total).to.equal(3);
        expect(page2.total).to.equal(3);
        expect(ids([...page1.items, ...page2.items])).to.deep.equal(ids([...hits].reverse()));
        const withHidden = await store.listIdeas({ ...query, includeHidden: true, limit: 10, offset: 0 });
        expect(withHidden.total).to.equal(4);
        const province = await store.listIdeas({ q: 'loket', province: 'Antwerpen', status: 'open', limit: 10, offset: 0 });
        expect(province.total).to.equal(5);
      });
    });

    describe('ideas: search', () => {
      async function searchIds(q: string): Promise<string[]> {
        return ids((await store.listIdeas({ q, limit: 100, offset: 0 })).items);
      }

      async function corpus(): Promise<Record<'loket' | 'beleid' | 'cafe' | 'tagged' | 'other', Idea>> {
        const { org, user } = await orgWithMember(store);
        const [loket, beleid, cafe, tagged, other] = await storeIdeas(store, [
          makeIdea(org.id, user.id, { title: 'Een e-loket voor alle aanvragen', createdAt: at(1) }),
          makeIdea(org.id, user.id, { title: 'Beleidsplan digitaal opvolgen', description: 'Het meerjarenbeleid van de gemeente transparant maken voor inwoners.', createdAt: at(2) }),
          makeIdea(org.id, user.id, { title: 'Praatcafé over digitale inclusie', createdAt: at(3) }),
          makeIdea(org.id, user.id, { title: 'Registratie van vrijwilligers', tags: ['Vrijwilligerswerk', 'OCMW-samenwerking'], createdAt: at(4) }),
          makeIdea(org.id, user.id, { title: 'Slimme verlichting op het plein', description: 'Sensoren sturen de straatverlichting en de afvalophaling aan.', createdAt: at(5) }),
        ]);
        return { loket: loket!, beleid: beleid!, cafe: cafe!, tagged: tagged!, other: other! };
      }

      it('when searching a word of the title or description, then the ideas with it come back, any case', async () => {
        const c = await corpus();
        expect(await searchIds('verlichting')).to.deep.equal([c.other.id]);
        expect(await searchIds('AFVALOPHALING')).to.deep.equal([c.other.id]);
      });

      it('when searching a tag, then ideas with that tag come back', async () => {
        const c = await corpus();
        expect(await searchIds('vrijwilligerswerk')).to.deep.equal([c.tagged.id]);
        expect(await searchIds('ocmw-samenwerking')).to.deep.equal([c.tagged.id]);
      });

      it('when searching a hyphenated word, then "e-loket", "E loket" and "e.loket" find the same idea', async () => {
        const c = await corpus();
        expect(await searchIds('e-loket')).to.deep.equal([c.loket.id]);
        expect(await searchIds('E loket')).to.deep.equal([c.loket.id]);
        expect(await searchIds('e.loket')).to.deep.equal([c.loket.id]);
        expect(await searchIds('"e-loket"')).to.deep.equal([c.loket.id]);
      });

      it('when the last word is the start of a longer word, then it matches as a prefix', async () => {
        const c = await corpus();
        expect(await searchIds('beleid')).to.deep.equal([c.beleid.id]);
        expect(await searchIds('digitaal opvol')).to.deep.equal([c.beleid.id]);
      });

      it('when a word is not the last one, then it must match a whole word', async () => {
        const c = await corpus();
        expect(await searchIds('beleid plan')).to.deep.equal([]);
        expect(await searchIds('beleidsplan digitaal')).to.deep.equal([c.beleid.id]);
      });

      it('when searching with or without diacritics, then "café", "cafe" and "praatcafe" all match', async () => {
        const c = await corpus();
        expect(await searchIds('praatcafé')).to.deep.equal([c.cafe.id]);
        expect(await searchIds('praatcafe')).to.deep.equal([c.cafe.id]);
        expect(await searchIds('PRAATCAFÉ')).to.deep.equal([c.cafe.id]);
        expect(await searchIds('inclusie praatcafe')).to.deep.equal([c.cafe.id]);
      });

      it('when stored text has diacritics the query lacks, or the reverse, then they still match', async () => {
        const { org, user } = await orgWithMember(store);
        const [idea] = await storeIdeas(store, [makeIdea(org.id, user.id, { title: 'Réservation du café communal', language: 'fr' })]);
        expect(await searchIds('reservation cafe')).to.deep.equal([idea!.id]);
        expect(await searchIds('réservation café')).to.deep.equal([idea!.id]);
      });

      it('when several words are given, then every word must match', async () => {
        const c = await corpus();
        expect(await searchIds('digita')).to.have.members([c.beleid.id, c.cafe.id]);
        expect(await searchIds('digitaal beleidsplan')).to.deep.equal([c.beleid.id]);
        expect(await searchIds('digitaal vrijwilligers')).to.deep.equal([]);
      });

      it('when FTS operators are typed, then they are plain words and never throw', async () => {
        const c = await corpus();
        expect(await searchIds('loket OR verlichting')).to.deep.equal([]);
        expect(await searchIds('loket AND')).to.deep.equal([]);
        expect(await searchIds('NOT loket')).to.deep.equal([]);
        expect(await searchIds('loket NEAR aanvragen')).to.deep.equal([]);
        expect(await searchIds('title:loket')).to.deep.equal([]);
        expect(await searchIds('loket aanvragen')).to.deep.equal([c.loket.id]);
      });

      for (const hostile of ['"', '*', 'OR', 'AND', 'NOT', ')', '(', '(loket', 'loket)', '"loket', 'loket*', '^loket', '-', 'e-', ':', 'NEAR(', '""', "'", '\\', '%', '_', '{title}: x', '   ', '\u0000']) {
        it(`when the search is ${JSON.stringify(hostile)}, then it answers a page and never throws`, async () => {
          const c = await corpus();
          const page = await store.listIdeas({ q: hostile, limit: 100, offset: 0 });
          expect(page.total).to.equal(page.items.length);
          expect(page.total).to.be.at.most(Object.keys(c).length);
        });
      }

      it('when the search holds nothing searchable, then it is ignored like an empty search', async () => {
        const c = await corpus();
        expect(await searchIds('*')).to.have.length(Object.keys(c).length);
        expect(await searchIds('"")(')).to.have.length(Object.keys(c).length);
        expect(await searchIds('')).to.have.length(Object.keys(c).length);
      });

      it('when punctuation wraps a word, then the result is the same as for the bare word', async () => {
        const c = await corpus();
        for (const q of ['loket', '"loket"', 'loket*', '(loket)', 'loket!', '«loket»', 'loket,']) {
          expect(await searchIds(q), q).to.deep.equal([c.loket.id]);
        }
      });
    });
  });
}

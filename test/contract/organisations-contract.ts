/**
 * The store contract for organisations: upserted on their natural key (country, kind, code), listed
 * by name with filters.
 */
import { expect } from 'chai';
import type { Store } from '../../server/store/store.js';
import { makeOrganisation } from '../support/factories.js';
import { freshStoreEachTest, type ContractOptions } from './support.js';

export function runOrganisationsContract({ name, create }: ContractOptions): void {
  describe(`store contract, organisations: ${name}`, () => {
    let store: Store;
    freshStoreEachTest(create, (s) => { store = s; });

    it('when organisations are upserted, then each can be read back as put in', async () => {
      const a = makeOrganisation({ province: null, arrondissement: null });
      const b = makeOrganisation({ kind: 'ocmw' });
      expect(await store.upsertOrganisations([a, b])).to.equal(2);
      expect(await store.getOrganisation(a.id)).to.deep.equal(a);
      expect(await store.getOrganisation(b.id)).to.deep.equal(b);
    });

    it('when an id is unknown, then getOrganisation answers null', async () => {
      expect(await store.getOrganisation('no-such-id')).to.equal(null);
    });

    it('when the same organisations are upserted twice, then the second call adds 0', async () => {
      const orgs = [makeOrganisation(), makeOrganisation()];
      expect(await store.upsertOrganisations(orgs)).to.equal(2);
      expect(await store.upsertOrganisations(orgs)).to.equal(0);
      expect(await store.listOrganisations()).to.have.length(2);
    });

    it('when an organisation with the same country, kind and code but another id comes in, then it is not added and the first stays', async () => {
      const first = makeOrganisation({ code: '11002', name: 'Antwerpen' });
      await store.upsertOrganisations([first]);
      const twin = makeOrganisation({ code: '11002', name: 'Andere naam' });
      expect(await store.upsertOrganisations([twin])).to.equal(0);
      expect(await store.getOrganisation(twin.id)).to.equal(null);
      expect(await store.getOrganisation(first.id)).to.deep.equal(first);
    });

    it('when the code is the same but the kind or country differs, then both are kept', async () => {
      const a = makeOrganisation({ code: '12345' });
      const b = makeOrganisation({ code: '12345', kind: 'ocmw' });
      const c = makeOrganisation({ code: '12345', country: 'NL' });
      expect(await store.upsertOrganisations([a, b, c])).to.equal(3);
    });

    it('when listing, then organisations come sorted by name and filter on province and kind', async () => {
      const zoersel = makeOrganisation({ name: 'Zoersel', province: 'Antwerpen' });
      const aalst = makeOrganisation({ name: 'Aalst', province: 'Oost-Vlaanderen' });
      const mol = makeOrganisation({ name: 'Mol', province: 'Antwerpen' });
      const ocmw = makeOrganisation({ name: 'OCMW Mol', province: 'Antwerpen', kind: 'ocmw' });
      await store.upsertOrganisations([zoersel, aalst, mol, ocmw]);
      expect((await store.listOrganisations()).map((o) => o.name)).to.deep.equal(['Aalst', 'Mol', 'OCMW Mol', 'Zoersel']);
      expect(await store.listOrganisations({ province: 'Antwerpen', kind: 'municipality' })).to.deep.equal([mol, zoersel]);
      expect(await store.listOrganisations({ kind: 'ocmw' })).to.deep.equal([ocmw]);
      expect(await store.listOrganisations({ province: 'Limburg' })).to.deep.equal([]);
    });
  });
}

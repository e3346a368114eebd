import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import {
  FLEMISH_PROVINCES,
  listProvinces,
  loadMunicipalities,
  municipalityPopulation,
} from '../../server/domain/organisations.js';
import { createSqliteStore } from '../../server/store/sqlite/index.js';
import type { Store } from '../../server/store/store.js';
import { T0, at } from '../support/factories.js';

describe('organisations: the Flemish municipalities', () => {
  let dir: string;
  let store: Store;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'medestander-orgs-'));
    store = createSqliteStore({ file: join(dir, 'store.sqlite') });
    await store.init();
  });

  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('when loaded into an empty store, then 285 municipalities are added', async () => {
    expect(await loadMunicipalities(store, T0)).to.equal(285);
    expect(await store.listOrganisations({ kind: 'municipality' })).to.have.length(285);
  });

  it('when loaded a second time, then nothing is added and the first load stays as it was', async () => {
    await loadMunicipalities(store, T0);
    expect(await loadMunicipalities(store, at(3600))).to.equal(0);
    expect((await store.getOrganisation('be-nis-11002'))?.createdAt).to.equal(T0);
  });

  it('when loaded, then they lie in exactly the five Flemish provinces', async () => {
    await loadMunicipalities(store, T0);
    expect(await listProvinces(store)).to.deep.equal([...FLEMISH_PROVINCES]);
    const counts = await Promise.all(FLEMISH_PROVINCES.map(async (p) => (await store.listOrganisations({ province: p })).length));
    expect(counts).to.deep.equal([67, 38, 55, 63, 62]);
  });

  it('when loaded, then ids come from the NIS code and records carry kind, country and arrondissement', async () => {
    await loadMunicipalities(store, T0);
    expect(await store.getOrganisation('be-nis-11002')).to.deep.equal({
      id: 'be-nis-11002', kind: 'municipality', country: 'BE', code: '11002', name: 'Antwerpen',
      province: 'Antwerpen', arrondissement: 'Antwerpen', createdAt: T0,
    });
    expect((await store.getOrganisation('be-nis-46030'))?.name).to.equal('Beveren-Kruibeke-Zwijndrecht');
  });

  it('when asked for the population of a municipality, then the 2020 total of its merged parts comes back', () => {
    expect(municipalityPopulation('be-nis-11002')).to.equal(540196);
    expect(municipalityPopulation('unknown')).to.equal(null);
  });
});

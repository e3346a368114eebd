import { expect } from 'chai';
import { presentFilters } from '../../server/web/views/presenters/idea-list.js';
import type { Organisation } from '../../server/store/store.js';

const org = (id: string, name: string, province: string | null): Organisation =>
  ({ id, kind: 'municipality', country: 'BE', code: id, name, province, arrondissement: null, createdAt: '2026-01-01T00:00:00.000Z' });

const names = (groups: { province: string; organisations: { name: string; selected: boolean }[] }[]) =>
  groups.map((g) => [g.province, g.organisations.map((o) => (o.selected ? `*${o.name}` : o.name))]);

describe('the idea list filter presenter', () => {
  const orgs = [org('3', 'Mol', 'antwerpen'), org('1', 'Aalst', 'oost-vlaanderen'), org('2', 'Lier', 'antwerpen')];

  it('when nothing is chosen, then the organisations come grouped by province and sorted, none selected, the same groups for the same organisations', () => {
    const a = presentFilters({}, orgs.map((o) => ({ ...o })));
    expect(names(a.organisationGroups)).to.deep.equal([['antwerpen', ['Lier', 'Mol']], ['oost-vlaanderen', ['Aalst']]]);
    const b = presentFilters({ q: 'x' }, orgs.map((o) => ({ ...o })));
    expect(b.organisationGroups, 'kept from the last request').to.equal(a.organisationGroups);
  });

  it('when an organisation is chosen, then only it is selected, and the shared groups are left as they were', () => {
    const chosen = presentFilters({ organisation: '3' }, orgs);
    expect(names(chosen.organisationGroups)).to.deep.equal([['antwerpen', ['Lier', '*Mol']], ['oost-vlaanderen', ['Aalst']]]);
    expect(names(presentFilters({}, orgs).organisationGroups)).to.deep.equal([['antwerpen', ['Lier', 'Mol']], ['oost-vlaanderen', ['Aalst']]]);
  });

  it('when an organisation is renamed or added, then the groups are made again', () => {
    presentFilters({}, orgs);
    const renamed = presentFilters({}, [org('3', 'Balen', 'antwerpen'), ...orgs.slice(1), org('4', 'Gent', 'oost-vlaanderen')]);
    expect(names(renamed.organisationGroups)).to.deep.equal([['antwerpen', ['Balen', 'Lier']], ['oost-vlaanderen', ['Aalst', 'Gent']]]);
  });
});

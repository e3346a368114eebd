import { expect } from 'chai';
import { BoardTally, summarise } from '../../server/domain/board/tally.js';
import type { BoardIdea } from '../../server/domain/board/types.js';
import type { Organisation, Theme } from '../../server/store/store.js';
import { makeOrganisation } from '../support/factories.js';

const lier = makeOrganisation({ id: 'lier', name: 'Lier', code: '12021', province: 'Antwerpen' });
const mol = makeOrganisation({ id: 'mol', name: 'Mol', code: '13025', province: 'Antwerpen' });
const tienen = makeOrganisation({ id: 'tienen', name: 'Tienen', code: '24107', province: 'Vlaams-Brabant' });
const organisations = new Map<string, Organisation>([lier, mol, tienen].map((o) => [o.id, o]));

const idea = (id: string, organisationId: string, clusterId: number | null, theme: Theme = 'services'): BoardIdea =>
  ({ id, title: `Idee ${id}`, organisationId, organisation: organisations.get(organisationId)!.name, theme, clusterId, x: null, y: null });

const ideas = [idea('a', 'lier', 1), idea('b', 'mol', 1, 'democracy'), idea('c', 'tienen', 2), idea('d', 'tienen', null, 'workplace')];
const clusters = new Map([[1, { label: 'afspraken', members: ['a', 'b'], representative: 'b' }], [2, { label: 'glas', members: ['c'], representative: null }]]);
const counts = [{ ideaId: 'a', endorsements: 2, connections: 1 }, { ideaId: 'c', endorsements: 1, connections: 0 }, { ideaId: 'gone', endorsements: 5, connections: 5 }];

describe('board: cards and numbers (tally.ts)', () => {
  it('when a board is summarised, then the cards and numbers are the ones counted by hand', () => {
    const { clusters: cards, numbers } = summarise({ ideas, counts, clusters, organisations });
    expect(cards).to.deep.equal([
      {
        id: 1, label: 'afspraken', size: 2, representative: { id: 'b', title: 'Idee b' },
        organisations: [{ id: 'lier', name: 'Lier', code: '12021' }, { id: 'mol', name: 'Mol', code: '13025' }],
        themes: [{ theme: 'services', count: 1 }, { theme: 'democracy', count: 1 }], endorsements: 2, connections: 1,
      },
      {
        id: 2, label: 'glas', size: 1, representative: { id: 'c', title: 'Idee c' },
        organisations: [{ id: 'tienen', name: 'Tienen', code: '24107' }], themes: [{ theme: 'services', count: 1 }], endorsements: 1, connections: 0,
      },
    ]);
    // An idea off the board ('gone') counts for nothing.
    expect(numbers).to.deep.equal({
      ideas: 4,
      perTheme: [{ theme: 'services', count: 2 }, { theme: 'democracy', count: 1 }, { theme: 'workplace', count: 1 }],
      perProvince: [{ province: 'Antwerpen', count: 2 }, { province: 'Vlaams-Brabant', count: 2 }],
      endorsements: 3, connections: 1,
      funnel: { posted: 4, endorsed: 2, connected: 1, endorsedShare: 0.5, connectedShare: 0.25 },
    });
  });

  it('when the representative is not on the board, then the card shows its first member', () => {
    const { clusters: cards } = summarise({ ideas, counts, clusters: new Map([[1, { label: 'afspraken', members: ['a', 'b'], representative: 'x' }]]), organisations });
    expect(cards.find((c) => c.id === 1)!.representative).to.deep.equal({ id: 'a', title: 'Idee a' });
  });

  it('when a tally is kept up step by step, then it ends with the cards and numbers of the board summarised afresh', () => {
    const tally = new BoardTally(organisations);
    tally.resetCounts(counts);
    tally.setLabels(clusters);
    for (const i of ideas) tally.put(i);
    // d joins cluster 2, a leaves the board, b is endorsed, cluster 2 is renamed.
    const moved = { ...ideas[3]!, clusterId: 2 };
    tally.put(moved);
    tally.remove('a');
    tally.setCounts({ ideaId: 'b', endorsements: 1, connections: 1 });
    const renamed = new Map([[1, clusters.get(1)!], [2, { label: 'glasvezel', members: ['c', 'd'], representative: null }]]);
    tally.setLabels(renamed);

    const fresh = summarise({
      ideas: [ideas[1]!, ideas[2]!, moved],
      counts: [...counts, { ideaId: 'b', endorsements: 1, connections: 1 }],
      clusters: renamed, organisations,
    });
    expect(tally.cards()).to.deep.equal(fresh.clusters);
    expect(tally.numbers()).to.deep.equal(fresh.numbers);
    expect(tally.totals).to.deep.equal({ endorsements: 9, connections: 7 }); // every idea, on the board or not
  });

  it('when ideas only move on the map or change their title, then the tally matches a fresh summary, the representative\'s new title included', () => {
    const tally = new BoardTally(organisations);
    tally.resetCounts(counts);
    tally.setLabels(clusters);
    for (const i of ideas) tally.put(i);
    const before = tally.cards(); // cached cards, to be invalidated where a title changed
    // A recompute's new positions (the quick path: no sum changes), and b, the representative of cluster 1, retitled.
    const now = ideas.map((i, n) => ({ ...i, x: n / 10, y: -n / 10, title: i.id === 'b' ? 'Digitaal loket' : i.title }));
    for (const i of now) tally.put(i);
    const fresh = summarise({ ideas: now, counts, clusters, organisations });
    expect(tally.cards()).to.deep.equal(fresh.clusters);
    expect(tally.cards().find((c) => c.id === 1)!.representative).to.deep.equal({ id: 'b', title: 'Digitaal loket' });
    expect(before.find((c) => c.id === 1)!.representative!.title).to.equal('Idee b');
    expect(tally.numbers()).to.deep.equal(fresh.numbers);
    // An organisation that moved province (a corrected register; the board's map of organisations is
    // live): its ideas, put again unchanged, are counted in the new one.
    const live = new Map(organisations);
    const t2 = new BoardTally(live);
    t2.resetCounts(counts);
    t2.setLabels(clusters);
    for (const i of ideas) t2.put(i);
    live.set('mol', { ...mol, province: 'Limburg' });
    for (const i of ideas) t2.put(i);
    expect(t2.numbers().perProvince).to.deep.equal(summarise({ ideas, counts, clusters, organisations: live }).numbers.perProvince);
  });
});

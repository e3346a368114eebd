import { expect } from 'chai';
import { MatchingEngine } from '../../../server/engine/engine.js';
import { fixture, partition, topicOf } from './helpers.js';

function clustersOf(e: MatchingEngine): Map<string, number | null> {
  return new Map(e.recompute().items.map((i) => [i.id, i.clusterId]));
}

function shuffled<T>(xs: T[], seed: number): T[] {
  const out = [...xs];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 16807) % 2147483647;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const all = [...fixture('nl'), ...fixture('fr'), ...fixture('en')];

describe('engine clusters', () => {
  for (const lang of ['nl', 'fr', 'en'] as const) {
    it(`when the ${lang} fixture is clustered with k = 3, each topic is one cluster`, () => {
      const e = new MatchingEngine({ k: 3, seed: 7 });
      const ideas = fixture(lang);
      e.addMany(ideas);
      const got = clustersOf(e);
      const expected = new Map(ideas.map((i) => [i.id, topicOf(lang, i.id)]));
      expect(partition(got)).to.equal(partition(expected));
    });
  }

  it('when clustered twice with the same seed, the clusters are identical', () => {
    const a = new MatchingEngine({ seed: 3 });
    const b = new MatchingEngine({ seed: 3 });
    a.addMany(all);
    b.addMany(all);
    expect(a.recompute().items).to.deep.equal(b.recompute().items);
  });

  it('when the input is shuffled, the partition is the same', () => {
    const a = new MatchingEngine({ seed: 3 });
    const b = new MatchingEngine({ seed: 3 });
    a.addMany(all);
    b.addMany(shuffled(all, 11));
    expect(partition(clustersOf(b))).to.equal(partition(clustersOf(a)));
  });

  it('when one idea is added, every other idea keeps its cluster id', () => {
    const e = new MatchingEngine({ seed: 5 });
    e.addMany(all);
    const before = clustersOf(e);
    const placed = e.add({ id: 'new', title: 'Meldingen van kapotte straatlampen', description: 'inwoners melden een straatlamp met foto', language: 'nl', organisationId: 'boom' });
    expect(placed).to.not.equal(null);
    const after = clustersOf(e);
    for (const [id, c] of before) expect(after.get(id), id).to.equal(c);
    expect(after.get('new')).to.equal(after.get('nl-7'));
  });

  it('when k is chosen automatically, k does not change on a single addition', () => {
    const e = new MatchingEngine({ seed: 5 });
    e.addMany(all);
    const k1 = e.recompute().k;
    e.add({ id: 'x', title: 'Digitaal loket', description: 'burgers boeken online een afspraak', language: 'nl' });
    expect(e.recompute().k).to.equal(k1);
    expect(k1).to.be.within(2, 15);
  });

  it('when k is scored again after the collection grew past the 5 % window, the next window starts at the new size', () => {
    // k-means with automatic k, as for collections above linkageMaxIdeas.
    const e = new MatchingEngine({ seed: 5, linkageMaxIdeas: 0 });
    e.addMany(all);
    const first = e.recompute();
    const clustered = (r: { items: { clusterId: number | null }[] }) => r.items.filter((i) => i.clusterId !== null).length;
    expect(e.state().kChosenAt).to.equal(clustered(first));
    const extra = Math.ceil(all.length * 0.1);
    for (let i = 0; i < extra; i++) e.add({ id: `grow-${i}`, title: `Digitaal loket ${i}`, description: 'burgers boeken online een afspraak bij het loket', language: 'nl' });
    const second = e.recompute();
    // Scored again (the collection moved more than 5 %): whether or not k changed, this is where it was chosen.
    expect(e.state().kChosenAt).to.equal(clustered(second));
    expect(clustered(second)).to.be.greaterThan(clustered(first));
  });

  it('when a cluster label is overridden, it survives recomputation', () => {
    const e = new MatchingEngine({ seed: 5 });
    e.addMany(all);
    const r = e.recompute();
    const target = r.items.find((i) => i.id === 'nl-5')!.clusterId!;
    expect(e.setLabel(target, 'Meldingen openbaar domein')).to.equal(true);
    e.add({ id: 'y', title: 'Zwerfvuil melden', description: 'melding met foto', language: 'nl' });
    const again = e.recompute();
    const cluster = again.clusters.find((c) => c.id === target)!;
    expect(cluster.label).to.equal('Meldingen openbaar domein');
    expect(cluster.autoLabel).to.not.equal('');
    expect(e.state().clusters.find((c) => c.id === target)!.override).to.equal('Meldingen openbaar domein');
  });

  it('when clusters are labelled automatically, labels are written forms, not stems', () => {
    const e = new MatchingEngine({ k: 3, seed: 7 });
    e.addMany(fixture('nl'));
    const labels = e.recompute().clusters.map((c) => c.label).join(' ');
    expect(labels).to.match(/burgerbudget|stemmen|voorstellen/);
    expect(labels).to.not.match(/\bburgerbudget\b.*\bburgerbudget\b/);
  });

  it('when a cluster is held together only by parts of compound words, its label names those words instead of staying empty', () => {
    const e = new MatchingEngine({ k: 2, seed: 1 });
    // Every word is used once, so none is clustered on; the ideas pair up through their n-grams.
    e.addMany([
      { id: 'a', title: 'Speeltuinonderhoud', description: '', language: 'nl' },
      { id: 'b', title: 'Speeltuinverlichting', description: '', language: 'nl' },
      { id: 'c', title: 'Zwembadtarieven', description: '', language: 'nl' },
      { id: 'd', title: 'Zwembadkassa', description: '', language: 'nl' },
    ]);
    const clusters = e.recompute().clusters;
    expect(clusters.map((c) => [...c.members].sort().join(' ')).sort()).to.deep.equal(['a b', 'c d']);
    // Named by a title the other idea covers too (through the compound's first part and its concept).
    expect(clusters.map((c) => c.label).sort()).to.deep.equal(['Speeltuinonderhoud', 'Zwembadkassa']);
  });

  it('when the ideas of a cluster have no titles to name it by, its label is its distinctive words in written form', () => {
    const e = new MatchingEngine({ k: 1, seed: 1 });
    e.addMany([
      { id: 'a', title: '', description: 'Zwerfvuil en sluikstort melden met een foto', language: 'nl' },
      { id: 'b', title: '', description: 'Sluikstort en zwerfvuil op een kaart zetten', language: 'nl' },
    ]);
    const label = e.recompute().clusters[0]!.label;
    expect(label).to.include('sluikstort').and.include(',');
  });

  it('when a cluster says one thing in several forms, or counts in words, its name is the phrase its ideas share, without numbers', () => {
    const e = new MatchingEngine({ k: 1, seed: 1 });
    // "voorstel" and "voorstellen" are different stems, each in two ideas; "drie" is in all three.
    e.addMany([
      { id: 'a', title: 'Voorstellen voor drie parkings', description: 'Drie voorstellen voor parkings aan het station', language: 'nl' },
      { id: 'b', title: 'Voorstel voor parkings', description: 'Een voorstel voor drie parkings en voorstellen van de buurt', language: 'nl' },
      { id: 'c', title: 'Parkings: voorstel', description: 'Voorstel voor parkings bij de fietsenstallingen', language: 'nl' },
    ]);
    expect(e.recompute().clusters.map((c) => c.label)).to.deep.equal(['Voorstel voor parkings']);
  });

  it('when clusters are recomputed after an addition, the map keeps its orientation', () => {
    const e = new MatchingEngine({ seed: 5 });
    e.addMany(all);
    const before = new Map(e.recompute().items.map((i) => [i.id, [i.x, i.y]] as const));
    e.add({ id: 'z', title: 'Online stemmen', description: 'stemmen over voorstellen', language: 'nl' });
    const after = e.recompute().items.filter((i) => before.has(i.id));
    let dot = 0;
    for (const i of after) dot += i.x * before.get(i.id)![0]! + i.y * before.get(i.id)![1]!;
    expect(dot).to.be.greaterThan(0);
    let nb = 0;
    let na = 0;
    for (const i of after) {
      na += i.x * i.x + i.y * i.y;
      nb += before.get(i.id)![0]! ** 2 + before.get(i.id)![1]! ** 2;
    }
    expect(dot / Math.sqrt(na * nb)).to.be.greaterThan(0.5);
  });
});

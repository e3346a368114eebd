import { expect } from 'chai';
import { diffClusters, type ClusterView } from '../../server/domain/board/diff.js';

const ORG: Record<string, string> = { a: 'Lier', b: 'Mol', c: 'Geel', d: 'Tienen', e: 'Herk-de-Stad', f: 'Leuven' };
const describeIdea = (id: string) => ({ organisation: ORG[id] ?? '', title: `Idee ${id}` });

function view(clusters: Record<number, [string, string[]]>, unclustered: string[] = []): ClusterView {
  const v: ClusterView = { clusters: new Map(), ideas: new Map() };
  for (const id of unclustered) v.ideas.set(id, null);
  for (const [id, [label, members]] of Object.entries(clusters)) {
    v.clusters.set(Number(id), { label, members });
    for (const m of members) v.ideas.set(m, Number(id));
  }
  return v;
}
const kinds = (events: { kind: string }[]) => events.map((e) => e.kind);

describe('board: timeline events from two views of the clusters', () => {
  it('when nothing changed, then there is nothing to tell', () => {
    const v = view({ 1: ['afspraken', ['a', 'b']] });
    expect(diffClusters(v, v, describeIdea)).to.deep.equal([]);
  });

  it('when Tienen joins a cluster, then the cluster gained Tienen (with the idea to link)', () => {
    const events = diffClusters(view({ 1: ['digitaal afspraken', ['a', 'b']] }), view({ 1: ['digitaal afspraken', ['a', 'b', 'd']] }), describeIdea);
    expect(events).to.deep.equal([{ kind: 'cluster_gained', params: { cluster: 'digitaal afspraken', organisations: 'Tienen' }, clusterId: 1, ideaId: 'd' }]);
  });

  it('when an idea moves, then one line says from where to where; a withdrawn idea left its cluster', () => {
    const events = diffClusters(view({ 1: ['afspraken', ['a', 'b', 'c']], 2: ['glas', ['d', 'e']] }), view({ 1: ['afspraken', ['a', 'b']], 2: ['glas', ['d', 'c']] }), describeIdea);
    expect(events.map((e) => [e.kind, e.params])).to.deep.equal([
      ['idea_moved', { from: 'afspraken', cluster: 'glas', organisations: 'Geel' }], ['cluster_lost', { cluster: 'glas', organisations: 'Herk-de-Stad' }],
    ]);
    expect(events[1]!.ideaId).to.equal(null);
  });

  it('when an idea is no longer close to its cluster, then it left the cluster (and stays on the board, not yet matched)', () => {
    const events = diffClusters(view({ 1: ['afspraken', ['a', 'b', 'c']] }), view({ 1: ['afspraken', ['a', 'b']] }, ['c']), describeIdea);
    expect(events).to.deep.equal([{ kind: 'cluster_lost', params: { cluster: 'afspraken', organisations: 'Geel' }, clusterId: 1, ideaId: 'c' }]);
  });

  it('when a recompute moves three ideas, then one line tells it with the organisations, not three', () => {
    const before = view({ 1: ['afspraken', ['a', 'b', 'c']], 2: ['glas', ['d', 'e', 'f']] });
    const after = view({ 1: ['afspraken', ['a', 'b', 'd']], 2: ['glas', ['c', 'e']] }, ['f']);
    expect(diffClusters(before, after, describeIdea).map((e) => [e.kind, e.params])).to.deep.equal([['reshuffled', { count: '3', organisations: 'Geel, Leuven, Tienen' }]]);
  });

  it('when a cluster appears from scratch, splits off, merges, disappears or is renamed, then each is told once', () => {
    const before = view({ 1: ['afspraken', ['a', 'b', 'c', 'd']], 2: ['glas', ['e']], 3: ['parkeren', ['f']] });
    const split = diffClusters(before, view({ 1: ['afspraken', ['a', 'b']], 4: ['sms', ['c', 'd']], 2: ['glas', ['e']], 3: ['parkeren', ['f']] }), describeIdea);
    expect(kinds(split)).to.deep.equal(['cluster_split']);
    expect(split[0]!.params).to.deep.equal({ from: 'afspraken', cluster: 'sms' });
    const merged = diffClusters(before, view({ 1: ['afspraken', ['a', 'b', 'c', 'd', 'e']], 3: ['parkeren', ['f']] }), describeIdea);
    expect(merged.map((e) => [e.kind, e.params])).to.deep.equal([['cluster_merged', { from: 'glas', cluster: 'afspraken' }]]);
    const renamed = diffClusters(before, view({ 1: ['online afspraken', ['a', 'b', 'c', 'd']], 2: ['glas', ['e']], 3: ['parkeren', ['f']] }), describeIdea);
    expect(renamed.map((e) => [e.kind, e.params])).to.deep.equal([['cluster_renamed', { from: 'afspraken', cluster: 'online afspraken' }]]);
    const appeared = diffClusters(view({}, ['a', 'b']), view({ 5: ['kinderopvang', ['a', 'b']] }), describeIdea);
    expect(appeared.map((e) => [e.kind, e.params])).to.deep.equal([['cluster_appeared', { cluster: 'kinderopvang', organisations: 'Lier, Mol', size: '2' }]]);
    const gone = diffClusters(view({ 3: ['parkeren', ['f']] }), view({}, []), describeIdea);
    expect(kinds(gone)).to.deep.equal(['cluster_gone']);
  });

  it('when an idea joins no cluster, then it is told as posted', () => {
    expect(diffClusters(view({}), view({}, ['d']), describeIdea)).to.deep.equal([{ kind: 'idea_posted', params: { organisations: 'Tienen', title: 'Idee d' }, clusterId: null, ideaId: 'd' }]);
  });

  it('when many ideas move at once, then one reshuffled event sums it up', () => {
    const ids = Array.from({ length: 30 }, (_, i) => `i${i}`);
    const before = view(Object.fromEntries(ids.map((id, i) => [i + 1, [`c${i}`, [id, `${id}x`]]])));
    const after = view(Object.fromEntries(ids.map((id, i) => [i + 1, [`c${i}`, [ids[(i + 1) % 30]!, `${id}x`]]])));
    expect(diffClusters(before, after, describeIdea).map((e) => [e.kind, e.params])).to.deep.equal([['reshuffled', { count: '30', organisations: '' }]]);
  });
});

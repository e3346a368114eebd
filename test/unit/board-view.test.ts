import { expect } from 'chai';
import { boardIdea, clusterView, setIn, visible } from '../../server/domain/board/view.js';
import type { Organisation } from '../../server/store/store.js';
import { makeIdea, makeOrganisation } from '../support/factories.js';

describe('board: the picture at one moment (view.ts)', () => {
  const onBoard = new Map([['a', 1], ['b', 1], ['c', 1]]);

  it('when the matching has members off the board, then the view leaves them out, and a cluster with none on it', () => {
    const view = clusterView(onBoard, [
      { id: 1, label: 'afspraken', members: ['a', 'x', 'b'], representative: 'x' },
      { id: 2, label: 'glas', members: ['y'] },
    ]);
    expect([...view.clusters]).to.deep.equal([[1, { label: 'afspraken', members: ['a', 'b'], representative: 'x' }]]);
    expect([...view.ideas]).to.deep.equal([['a', 1], ['b', 1], ['c', null]]);
  });

  it('when an idea is put in another cluster or off the board, then both the members and the idea follow', () => {
    const view = clusterView(onBoard, [{ id: 1, label: 'afspraken', members: ['a', 'b'] }, { id: 2, label: 'glas', members: ['c'] }]);
    setIn(view, 'a', 2);
    setIn(view, 'b', undefined);
    expect(view.clusters.get(1)!.members).to.deep.equal([]);
    expect(view.clusters.get(2)!.members).to.deep.equal(['c', 'a']);
    expect([...view.ideas]).to.deep.equal([['a', 2], ['c', 2]]);
  });

  it('when an idea is shown on the map, then it carries its organisation\'s name and its place, or null before it is placed', () => {
    const org = makeOrganisation({ name: 'Lier' });
    const orgs = new Map<string, Organisation>([[org.id, org]]);
    const idea = makeIdea(org.id, 'u');
    expect(boardIdea(idea, 3, { x: 0.5, y: -0.25 }, orgs)).to.deep.equal({
      id: idea.id, title: idea.title, organisationId: org.id, organisation: 'Lier', theme: 'services', clusterId: 3, x: 0.5, y: -0.25,
    });
    expect(boardIdea(idea, null, undefined, new Map())).to.include({ organisation: '', clusterId: null, x: null, y: null });
  });

  it('when an idea is withdrawn or hidden, then it is not on the board', () => {
    expect(visible(makeIdea('o', 'u'))).to.equal(true);
    expect(visible(makeIdea('o', 'u', { status: 'withdrawn' }))).to.equal(false);
    expect(visible(makeIdea('o', 'u', { hidden: true }))).to.equal(false);
  });
});

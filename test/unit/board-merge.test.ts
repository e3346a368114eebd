import { expect } from 'chai';
import { applyUpdate, createState } from '../../public/js/board-merge.js';

// How a board in the browser takes a live update (public/js/board-merge.js): whole ideas, and ideas
// that only moved, sent in short after a recompute (issue 19).

const idea = (id: string, clusterId: number | null, x: number, y: number) =>
  ({ id, title: `Idee ${id}`, organisationId: 'o1', organisation: 'Gent', theme: 'services', clusterId, x, y });

describe('board merge: live updates with ideas that only moved', () => {
  it('when an update moves ideas in short, then the board keeps each idea and changes only its place and cluster; an idea it does not hold is left out', () => {
    const state = createState({ version: 3, ideas: [idea('a', 1, 0.1, 0.1), idea('b', 2, 0.5, 0.5)], clusters: [], numbers: null, events: [] });
    const r = applyUpdate(state, {
      version: 4, events: [{ seq: 4, kind: 'refreshed', params: {}, clusterId: null, ideaId: null, createdAt: '2026-12-07T00:00:00.000Z' }],
      changes: { ideas: [idea('c', null, 0, 0)], moved: [['a', -0.3, 0.2, 2], ['gone', 1, 1, 1]], removed: [], clusters: [], numbers: null },
    });
    expect(r.applied).to.equal(true);
    expect(state.ideas.get('a')).to.deep.equal({ ...idea('a', 2, -0.3, 0.2) });
    expect(state.ideas.get('b')).to.deep.equal(idea('b', 2, 0.5, 0.5));
    expect(state.ideas.get('c')).to.deep.equal(idea('c', null, 0, 0));
    expect(state.ideas.has('gone')).to.equal(false);
    expect(r.upserts!.map((i: { id: string }) => i.id)).to.have.members(['a', 'c']);
  });
});

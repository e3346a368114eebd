import { expect } from 'chai';
import { applyCatchUp, applyUpdate, createState } from '../../public/js/board-merge.js';
import type { BoardIdea, BoardNumbers, BoardPerCall } from '../../server/domain/board/index.js';

// How a board in the browser takes a live update (public/js/board-merge.js): whole ideas, and ideas
// that only moved, sent in short after a recompute (issue 19).

const idea = (id: string, clusterId: number | null, x: number, y: number): BoardIdea =>
  ({ id, title: `Idee ${id}`, organisationId: 'o1', organisation: 'Gent', theme: 'services', clusterId, x, y });
const perCall: BoardPerCall = { calls: [], funnels: [], partnerships: [] };
const numbers: BoardNumbers = { ideas: 0, perTheme: [], perProvince: [], endorsements: 0, connections: 0, funnel: { posted: 0, endorsed: 0, connected: 0, endorsedShare: 0, connectedShare: 0 } };

describe('board merge: live updates with ideas that only moved', () => {
  it('when an update moves ideas in short, then the board keeps each idea and changes only its place and cluster; an idea it does not hold is left out', () => {
    const state = createState({ version: 3, ideas: [idea('a', 1, 0.1, 0.1), idea('b', 2, 0.5, 0.5)], clusters: [], numbers, events: [], perCall, lastRecompute: null });
    const r = applyUpdate(state, {
      version: 4, events: [{ seq: 4, kind: 'refreshed', params: {}, clusterId: null, ideaId: null, createdAt: '2026-12-07T00:00:00.000Z' }],
      changes: { ideas: [idea('c', null, 0, 0)], moved: [['a', -0.3, 0.2, 2], ['gone', 1, 1, 1]], removed: [], clusters: [], numbers },
    });
    expect(r.applied).to.equal(true);
    expect(state.ideas.get('a')).to.deep.equal({ ...idea('a', 2, -0.3, 0.2) });
    expect(state.ideas.get('b')).to.deep.equal(idea('b', 2, 0.5, 0.5));
    expect(state.ideas.get('c')).to.deep.equal(idea('c', null, 0, 0));
    expect(state.ideas.has('gone')).to.equal(false);
    expect(r.upserts!.map((i: { id: string }) => i.id)).to.have.members(['a', 'c']);
  });
});

const card = (id: number, size: number, label = `C${id}`) => ({ id, label, size, representative: null, organisations: [], themes: [], endorsements: 0, connections: 0 });
const refreshed = (seq: number) => [{ seq, kind: 'refreshed', params: {}, clusterId: null, ideaId: null, createdAt: '2026-12-07T00:00:00.000Z' }];

describe('board merge: live updates with only the cards that changed', () => {
  it('when an update carries changed and removed cards, then the board changes just those and keeps the others, by size and then id', () => {
    const state = createState({ version: 3, ideas: [], clusters: [card(1, 5), card(2, 4), card(3, 1)], numbers, events: [], perCall, lastRecompute: null });
    applyUpdate(state, { version: 4, events: refreshed(4), changes: { ideas: [], removed: [], cards: [card(3, 6, 'groter'), card(4, 4)], cardsRemoved: [1], numbers } });
    expect(state.clusters).to.deep.equal([card(3, 6, 'groter'), card(2, 4), card(4, 4)]);
    applyUpdate(state, { version: 5, events: refreshed(5), changes: { ideas: [], removed: [], cards: [], numbers } });
    expect(state.clusters.map((c: { id: number }) => c.id), 'no card changed: the same cards').to.deep.equal([3, 2, 4]);
  });

  it('when a catch-up replaces the board, then its cards are all the cards: one it does not list is gone', () => {
    const state = createState({ version: 3, ideas: [], clusters: [card(1, 5), card(2, 4)], numbers, events: [], perCall, lastRecompute: null });
    applyCatchUp(state, { version: 4, reload: false, events: refreshed(4), changes: { ideas: [], removed: [], clusters: [card(2, 7)], numbers, replace: true } });
    expect(state.clusters).to.deep.equal([card(2, 7)]);
  });
});

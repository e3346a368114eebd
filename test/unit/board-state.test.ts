/**
 * The board's state keeps its cluster view up to date by what changed (a placement, an idea put on or
 * taken off the board, a rename) instead of rebuilding it over every idea on each update. Checked
 * against the rebuild: a seeded run of random changes, where after every update the timeline events
 * are the diff of two views built from scratch, and the ideas and cards announced so far are the
 * board as a snapshot builds it. The view itself is live-view.ts.
 */
import { expect } from 'chai';
import { diffClusters, type ClusterView, type DiffEvent } from '../../server/domain/board/diff.js';
import { listChange } from '../../server/domain/board/live-view.js';
import { BoardState } from '../../server/domain/board/state.js';
import type { BoardCluster, BoardIdea } from '../../server/domain/board/types.js';
import { clusterView, visible, type MatchedCluster } from '../../server/domain/board/view.js';
import { createRng } from '../../server/engine/random.js';
import type { Idea, Organisation } from '../../server/store/store.js';
import { makeIdea, makeOrganisation } from '../support/factories.js';

/** The matching service as the board reads it: an assignment per idea, listed per cluster in assignment order. */
class FakeMatching {
  version = 1;
  readonly assignment = new Map<string, number>();
  readonly labels = new Map<number, string>([[1, 'afspraken'], [2, 'glas'], [3, 'sport'], [4, 'water'], [5, 'data']]);
  readonly representatives = new Map<number, string>();
  clusters(): MatchedCluster[] {
    const members = new Map<number, string[]>();
    for (const [id, c] of this.assignment) (members.get(c) ?? members.set(c, []).get(c)!).push(id);
    return [...this.labels].filter(([id]) => members.has(id))
      .map(([id, label]) => ({ id, label, members: members.get(id)!, representative: this.representatives.get(id) ?? null }));
  }
}

const stripRefreshed = (events: DiffEvent[]) => events.filter((e) => e.kind !== 'refreshed').map((e) => JSON.stringify(e)).sort();

function runScenario(seed: number, steps: number): void {
  const rnd = createRng(seed); // seeded, so that a failure can be replayed
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const orgs: Organisation[] = ['Lier', 'Mol', 'Geel', 'Tienen'].map((name) => makeOrganisation({ name }));
  const byOrg = new Map(orgs.map((o) => [o.id, o]));
  const matching = new FakeMatching();
  const state = new BoardState(matching, false);
  const all = new Map<string, Idea>();                   // every idea, shown or not
  const board = () => new Map([...all].filter(([, i]) => visible(i)));
  const describe = (id: string) => ({ organisation: byOrg.get(all.get(id)?.organisationId ?? '')?.name ?? '', title: all.get(id)?.title ?? '' });

  for (let i = 0; i < 30; i++) {
    const idea = makeIdea(pick(orgs).id, 'u');
    all.set(idea.id, idea);
    if (rnd() < 0.9) matching.assignment.set(idea.id, 1 + Math.floor(rnd() * 4));
  }
  state.load([...all.values()], orgs, [], 1);
  let written: ClusterView = clusterView(board(), matching.clusters());
  const shown = new Map<string, BoardIdea>();
  for (const idea of state.picture([]).ideas) shown.set(idea.id, idea);
  const cards = new Map<number, BoardCluster>();         // the cards as a browser folds the updates' changed ones in
  for (const card of state.picture([]).clusters) cards.set(card.id, card);

  for (let step = 0; step < steps; step++) {
    const what = rnd();
    const ids = [...all.keys()];
    if (what < 0.25) {                                   // a post, placed in a cluster or close to none
      const idea = makeIdea(pick(orgs).id, 'u');
      all.set(idea.id, idea);
      state.ideaCreated(idea);
      if (rnd() < 0.85) matching.assignment.set(idea.id, 1 + Math.floor(rnd() * 5));
      state.placed([{ id: idea.id, x: rnd(), y: rnd() }]);
    } else if (what < 0.5) {                             // a placement moves an idea
      const id = pick(ids);
      if (rnd() < 0.2) matching.assignment.delete(id); else matching.assignment.set(id, 1 + Math.floor(rnd() * 5));
      state.placed([{ id, x: rnd(), y: rnd() }]);
    } else if (what < 0.65) {                            // hidden, withdrawn or shown again
      const previous = all.get(pick(ids))!;
      const idea: Idea = { ...previous, hidden: rnd() < 0.5 ? !previous.hidden : previous.hidden, status: rnd() < 0.3 ? 'withdrawn' : 'open' };
      all.set(idea.id, idea);
      state.ideaUpdated(idea, previous);
    } else if (what < 0.75) {                            // a rename, or a new representative
      const cluster = 1 + Math.floor(rnd() * 5);
      if (rnd() < 0.5) matching.labels.set(cluster, `naam ${step}`);
      else matching.representatives.set(cluster, pick(ids));
      state.labelled(cluster);
    } else if (what < 0.82) {                            // a recompute: a new version, many ideas moved
      matching.version++;
      for (const id of ids) if (rnd() < 0.3) matching.assignment.set(id, 1 + Math.floor(rnd() * 5));
      state.placed(ids.map((id) => ({ id, x: rnd(), y: rnd() })));
    }
    // else: nothing happened, and the update only re-announces
    if (rnd() < 0.5) state.prepare();                    // as updates.ts does a turn ahead after a recompute
    state.owe(true);
    const events = state.takeWrite() ?? [];
    const now = clusterView(board(), matching.clusters());
    expect(stripRefreshed(events), `events at step ${step} (seed ${seed})`).to.deep.equal(stripRefreshed(diffClusters(written, now, describe)));
    written = now;
    // Gone through a few ideas at a time, as updates.ts does after a recompute.
    const limit = 1 + Math.floor(rnd() * 8);
    state.beginAnnounce();
    while (!state.announceStep(limit));
    const changes = state.announce(step + 2);
    for (const idea of changes.ideas) shown.set(idea.id, idea);
    for (const [id, x, y, clusterId] of changes.moved ?? []) shown.set(id, { ...shown.get(id)!, x, y, clusterId });
    for (const id of changes.removed) shown.delete(id);
    expect(changes.clusters, 'a live update sends the changed cards only').to.equal(undefined);
    for (const card of changes.cards ?? []) cards.set(card.id, card);
    for (const id of changes.cardsRemoved ?? []) cards.delete(id);
    const picture = state.picture([]);
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    expect([...shown.values()].sort(byId), `ideas at step ${step} (seed ${seed})`).to.deep.equal([...picture.ideas].sort(byId));
    const bySize = (a: BoardCluster, b: BoardCluster) => b.size - a.size || a.id - b.id; // the snapshot's order
    expect([...cards.values()].sort(bySize), `cards at step ${step} (seed ${seed})`).to.deep.equal(picture.clusters);
  }
}

describe('board: the state\'s cluster view, kept by what changed (state.ts)', () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`when posts, placements, hidings, renames and recomputes follow each other (seed ${seed}), then every update is what a rebuild over every idea gives`, () => {
      runScenario(seed, 200);
    });
  }
});

describe('board: an announcement gone through in steps (state.ts)', () => {
  it('when an idea is posted while an announcement is under way, then that announcement leaves it out and the next one brings it', () => {
    const orgs = ['Lier', 'Mol'].map((name) => makeOrganisation({ name }));
    const matching = new FakeMatching();
    const state = new BoardState(matching, false);
    const ideas = Array.from({ length: 10 }, (_, i) => makeIdea(orgs[i % 2]!.id, 'u'));
    ideas.forEach((idea, i) => matching.assignment.set(idea.id, 1 + (i % 3)));
    state.load(ideas, orgs, [], 1);
    matching.version++;                                  // a recompute: every idea moves on the map
    state.placed(ideas.map((idea, i) => ({ id: idea.id, x: i / 10, y: -i / 10 })));
    state.owe(true);
    state.takeWrite();
    state.beginAnnounce();
    expect(state.announceStep(4)).to.equal(false);
    const late = makeIdea(orgs[0]!.id, 'u');           // arrives between two steps
    matching.assignment.set(late.id, 1);
    state.ideaCreated(late);
    state.placed([{ id: late.id, x: 0.5, y: 0.5 }]);
    while (!state.announceStep(4));
    const first = state.announce(2);
    expect(first.moved!.map(([id]) => id).sort()).to.deep.equal(ideas.map((i) => i.id).sort());
    expect(first.ideas).to.deep.equal([]);
    state.owe(true);
    state.takeWrite();
    const second = state.announce(3);
    expect(second.ideas.map((i) => i.id)).to.deep.equal([late.id]);
    expect(second.moved ?? []).to.deep.equal([]);
    expect(second.cards!.find((c) => c.id === 1)!.size).to.equal(5);
  });
});

describe('board: who joined and left a member list (live-view.ts)', () => {
  it('when ideas are appended, removed at the end, or moved in the middle, then exactly those are named', () => {
    expect(listChange(['a', 'b'], ['a', 'b', 'c', 'd'])).to.deep.equal({ joined: ['c', 'd'], left: [] });
    expect(listChange(['a', 'b', 'c'], ['a'])).to.deep.equal({ joined: [], left: ['b', 'c'] });
    expect(listChange(['a', 'b', 'c', 'd'], ['a', 'x', 'c', 'd', 'e'])).to.deep.equal({ joined: ['x', 'e'], left: ['b'] });
    expect(listChange([], [])).to.deep.equal({ joined: [], left: [] });
    expect(listChange(['a', 'b'], ['b', 'a'])).to.deep.equal({ joined: [], left: [] });
  });
});

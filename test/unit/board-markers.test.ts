import { expect } from 'chai';
import { MAP, markersOf, placeLabels } from '../../public/js/board-merge.js';

describe('board markers and cluster labels (public/js/board-merge.js)', () => {
  it('when there are up to 32 clusters, then no two share colour and shape, and the first 8 differ by colour alone', () => {
    const clusters = Array.from({ length: 32 }, (_, i) => ({ id: 100 - i }));
    const markers = markersOf(clusters);
    const pairs = [...markers.values()].map((m) => `${m.colour}/${m.shape}`);
    expect(new Set(pairs).size).to.equal(32);
    const firstEight = [...markers.values()].filter((m) => m.number <= 8);
    expect(new Set(firstEight.map((m) => m.colour)).size).to.equal(8);
    expect(firstEight.every((m) => m.shape === 0)).to.equal(true);
  });

  it('when a cluster appears or another grows, then the markers of the others stay (numbered by id, oldest first)', () => {
    const before = markersOf([{ id: 3 }, { id: 7 }, { id: 9 }]);
    const after = markersOf([{ id: 9 }, { id: 3 }, { id: 7 }, { id: 12 }]);
    for (const id of [3, 7, 9]) expect(after.get(id)).to.deep.equal(before.get(id));
    expect(after.get(12)!.number).to.equal(4);
  });

  it('when labels would overlap, then each later one moves down until none overlaps; near the right edge the name flips left', () => {
    const clusters = [1, 2, 3].map((id) => ({ id, label: `Cluster met een naam ${id}` }));
    const centres = new Map([[1, { cx: 200, cy: 100 }], [2, { cx: 210, cy: 104 }], [3, { cx: MAP.width - 50, cy: 300 }]]);
    const placed = placeLabels(clusters, centres);
    const one = placed.find((l) => l.id === 1)!;
    const two = placed.find((l) => l.id === 2)!;
    expect(Math.abs(two.cy - one.cy)).to.be.at.least(22);
    expect(placed.find((l) => l.id === 3)!.flip).to.equal(true);
    expect(one.flip).to.equal(false);
  });
});

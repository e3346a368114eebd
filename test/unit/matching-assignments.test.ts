import { expect } from 'chai';
import { Assignments } from '../../server/domain/matching/assignments.js';

describe('matching assignments: members per cluster', () => {
  it('when ideas are assigned, moved and removed, membersOf gives each cluster\'s ideas in the map\'s order, as a scan would', () => {
    const a = new Assignments();
    const scan = (c: number) => [...a].filter(([, x]) => x === c).map(([id]) => id);
    for (let i = 0; i < 30; i++) a.set(`i${i}`, i % 3);
    expect(a.membersOf(1)).to.deep.equal(scan(1));
    a.set('i4', 2); // moved: keeps its place in the map
    a.delete('i7');
    a.set('new', 1);
    for (const c of [0, 1, 2, 9]) expect(a.membersOf(c), `cluster ${c}`).to.deep.equal(scan(c));
    expect(a.membersOf(2)).to.include('i4');
    expect(a.sizeOf(1)).to.equal(scan(1).length);
    a.clear();
    expect(a.membersOf(0)).to.deep.equal([]);
  });
});

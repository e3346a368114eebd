import { expect } from 'chai';
import { averageLinkage, pairSimilarities } from '../../../server/engine/linkage.js';

/** A symmetric n x n similarity matrix from the upper triangle, row by row. */
function matrix(n: number, upper: number[][]): Float32Array {
  const sim = new Float32Array(n * n);
  upper.forEach((row, i) => row.forEach((s, k) => { const j = i + 1 + k; sim[i * n + j] = s; sim[j * n + i] = s; }));
  return sim;
}

describe('engine average linkage with a floor', () => {
  it('when two pairs are close and one item is close to nothing, there are two groups and one item alone', () => {
    // 0-1 and 2-3 are close; 4 is at most 0.1 from anyone.
    const sim = matrix(5, [
      [0.9, 0.1, 0.1, 0.0],
      [0.1, 0.1, 0.1],
      [0.8, 0.1],
      [0.0],
    ]);
    expect(Array.from(averageLinkage(sim, 5, { floor: 0.5 }))).to.deep.equal([0, 0, 1, 1, -1]);
  });

  it('when an item is close to one member of a group but far from the other, it joins only if the mean reaches the floor', () => {
    // 0-1 merge at 0.9; 2 is 0.7 from 0 and 0.1 from 1: mean 0.4.
    const sim = matrix(3, [[0.9, 0.7], [0.1]]);
    expect(Array.from(averageLinkage(Float32Array.from(sim), 3, { floor: 0.5 }))).to.deep.equal([0, 0, -1]);
    expect(Array.from(averageLinkage(Float32Array.from(sim), 3, { floor: 0.4 }))).to.deep.equal([0, 0, 0]);
  });

  it('when everything is below the floor, nothing is grouped; when everything is above, one group', () => {
    const low = matrix(3, [[0.1, 0.1], [0.1]]);
    expect(Array.from(averageLinkage(low, 3, { floor: 0.2 }))).to.deep.equal([-1, -1, -1]);
    const high = matrix(3, [[0.9, 0.8], [0.85]]);
    expect(Array.from(averageLinkage(high, 3, { floor: 0.2 }))).to.deep.equal([0, 0, 0]);
  });

  it('when pair similarities are blended, they are (1 - w) x TF-IDF cosine + w x reduced cosine, symmetric', () => {
    const rows = [
      { ids: Int32Array.from([0, 1]), w: Float32Array.from([0.6, 0.8]) },
      { ids: Int32Array.from([1]), w: Float32Array.from([1]) },
    ];
    const points = [Float32Array.from([1, 0]), Float32Array.from([0.6, 0.8])];
    const sim = pairSimilarities(rows, points, { denseWeight: 0.25 });
    expect(sim[1]).to.be.closeTo(0.75 * 0.8 + 0.25 * 0.6, 1e-6);
    expect(sim[2]).to.equal(sim[1]);
    expect(sim[0]).to.equal(0);
  });
});

import { expect } from 'chai';
import { ari, nmi, precisionAtK } from '../../../scripts/lib/engine-metrics.js';

describe('engine evaluation metrics', () => {
  it('when clusters equal the labels up to renaming, NMI and ARI are 1', () => {
    expect(nmi(['a', 'a', 'b', 'b'], [7, 7, 3, 3])).to.be.closeTo(1, 1e-12);
    expect(ari(['a', 'a', 'b', 'b'], [7, 7, 3, 3])).to.be.closeTo(1, 1e-12);
  });
  it('when clusters are independent of the labels, NMI is 0', () => {
    expect(nmi(['a', 'a', 'b', 'b'], [1, 2, 1, 2])).to.be.closeTo(0, 1e-12);
  });
  it('when half the neighbours share the label, P@k is 0.5', () => {
    const labels = new Map([['1', 'a'], ['2', 'a'], ['3', 'b']]);
    const near = new Map([['1', ['2', '3']], ['2', ['1', '3']], ['3', ['1', '2']]]);
    expect(precisionAtK(labels, near, 2)).to.be.closeTo((0.5 + 0.5 + 0) / 3, 1e-12);
  });
});

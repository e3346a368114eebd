import { expect } from 'chai';
import { TextPipeline } from '../../../server/engine/text.js';

describe('text pipeline: the front table of word records (issue 14)', () => {
  it('when words share a slot (length, first, middle and last letter), each still gets its own record and stem', () => {
    const t = new TextPipeline({ glossary: false });
    // "parking" and "peaking": seven letters, the same first (p), middle (k) and last (g) letter.
    const first = t.analyse('parking peaking parking', 'en');
    const again = t.analyse('peaking parking', 'en');
    expect(first.terms).to.deep.equal(['park', 'peak', 'park']);
    expect(again.terms).to.deep.equal(['peak', 'park']);
    expect(first.words![0]).to.equal(first.words![2]);
    expect(again.words![1]).to.equal(first.words![0]);
    expect(again.words![0]).to.equal(first.words![1]);
    expect(first.words![0]).to.not.equal(first.words![1]);
  });

  it('when the same word comes in two languages, each language has its own record', () => {
    const t = new TextPipeline({ glossary: false });
    const en = t.analyse('parking', 'en');
    const nl = t.analyse('parking', 'nl');
    expect(en.words![0]).to.not.equal(nl.words![0]);
    expect(t.analyse('parking', 'en').words![0]).to.equal(en.words![0]);
  });
});

import { expect } from 'chai';
import { MatchingEngine, type EngineDoc } from '../../../server/engine/engine.js';
import { plainText, TextPipeline } from '../../../server/engine/text.js';
import { DenseModel } from '../../../server/engine/dense.js';
import { project, type Basis } from '../../../server/engine/reduce.js';
import type { SparseTfIdf } from '../../../server/engine/tfidf.js';

/** The tokeniser as it was written before the char-code loop (issue 14): the reference it must match token for token. */
function regexTokens(text: string, maxTokens = 3000): string[] {
  const out: string[] = [];
  const lower = plainText(text).normalize('NFC').toLowerCase();
  for (const m of lower.matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu)) {
    let w = m[0];
    const apos = w.search(/['’]/);
    if (apos >= 0) w = apos <= 2 ? w.slice(apos + 1) : w.slice(0, apos);
    if (w.length < 2 || w.length > 40 || /^\p{N}+$/u.test(w)) continue;
    out.push(w);
    if (out.length >= maxTokens) break;
  }
  return out;
}

function docs(n: number): EngineDoc[] {
  const words = 'digitaal loket afspraak zwerfvuil meldingenplatform parkeerkaart fiets school bibliotheek subsidie afval energie klimaat container buurt'.split(' ');
  let x = 11;
  const rnd = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
  const text = (k: number) => Array.from({ length: k }, () => words[Math.floor(rnd() * words.length)]).join(' ');
  return Array.from({ length: n }, (_, i) => ({ id: `i${i}`, title: text(4), description: i % 3 === 0 ? text(30) : text(8), language: i % 7 === 0 ? 'en' : 'nl' }));
}

describe('engine throughput paths (issue 14)', () => {
  it('when text holds apostrophes, digits, astral letters, other scripts or a cut-off, the char-code tokeniser gives the regular expression\'s tokens', () => {
    const t = new TextPipeline();
    const samples = [
      "it's2go d'l'x 123'ab l’école qu'il n'12 'ab ab' a'1 o'neill's",
      '２０２５ x² 𝐀𝐁c 𝐀\'𝐁 ١٢٣ abc١٢ ΣΑΣ İstanbul ﬁne e\u0301cole Ǆemal',
      'Zie https://www.gent.be/x of mail info@gent.be &amp; <b>vet</b> #39;t',
      `${'a'.repeat(41)} ${'b'.repeat(40)} x 12 1a a1 \ud800 lone ${'\ud83d\ude00'}emoji`,
      'Ideeën voor Digitale Loketten! Un ÉTÉ à Liège — l’été',
    ];
    for (const s of samples) expect(t.tokenize(s), s).to.deep.equal(regexTokens(s));
    const long = Array.from({ length: 4000 }, (_, i) => `w${i}x`).join(' ');
    expect(t.tokenize(long)).to.deep.equal(regexTokens(long)).and.to.have.length(3000);
  });

  it('when many ideas are added at once, every vector and similar idea equals those of adding them one by one and refreshing', () => {
    const all = docs(300);
    const bulk = new MatchingEngine({ seed: 3 });
    bulk.addMany(all);
    const single = new MatchingEngine({ seed: 3 });
    for (const d of all) single.add(d);
    single.refreshIndex();
    for (const d of all.slice(0, 60)) {
      expect(bulk.similarTo(d.id, { k: 5 }), d.id).to.deep.equal(single.similarTo(d.id, { k: 5 }));
    }
    expect(bulk.snapshot()).to.deep.equal(single.snapshot());
    expect(bulk.recompute().items).to.deep.equal(single.recompute().items);
  });

  it('when ideas are removed and edited after a bulk add, written forms follow the words that remain', () => {
    const e = new MatchingEngine({ seed: 1 });
    e.addMany([
      { id: 'a', title: 'Meldingen van zwerfvuil', description: '', language: 'nl' },
      { id: 'b', title: 'Melding zwerfvuil', description: '', language: 'nl' },
      { id: 'c', title: 'Melding afval', description: '', language: 'nl' },
      ...docs(20),
    ]);
    const stem = new TextPipeline().stem('melding', 'nl');
    expect(e.writtenForm(stem)).to.equal('melding');
    e.remove('b');
    e.remove('c');
    expect(e.writtenForm(stem)).to.equal('meldingen');
    e.update({ id: 'a', title: 'Containers', description: '', language: 'nl' });
    expect(e.writtenForm(stem)).to.equal(stem);
  });
});

describe('the dense model\'s projection (issue 19)', () => {
  /** The projection as it was written before the numeric sort: pairs sorted by a comparator. */
  function pairsProjection(colOf: Int32Array, v: { ids: Int32Array; w: Float32Array }, basis: Basis): Float64Array {
    const pairs: [number, number][] = [];
    for (let i = 0; i < v.ids.length; i++) { const c = colOf[v.ids[i]!] ?? -1; if (c >= 0) pairs.push([c, v.w[i]!]); }
    pairs.sort((a, b) => a[0] - b[0]);
    return project({ ids: Int32Array.from(pairs, (x) => x[0]), w: Float32Array.from(pairs, (x) => x[1]) }, basis);
  }

  it('when a vector is projected, every coordinate equals the pairs-and-comparator version, bit for bit', () => {
    let x = 7;
    const rnd = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
    const vocabulary = Array.from({ length: 600 }, (_, i) => `term${i}`);
    // The model knows a shuffled half of the vocabulary, so columns do not follow term ids.
    const modelTerms = vocabulary.filter(() => rnd() < 0.5).sort(() => rnd() - 0.5);
    const dims = 24;
    const basis = Float64Array.from({ length: modelTerms.length * dims }, () => rnd() * 2 - 1);
    const tfidf = { terms: vocabulary, termId: (t: string) => { const i = vocabulary.indexOf(t); return i < 0 ? undefined : i; } };
    const model = new DenseModel({
      terms: modelTerms, basis, dims, clusterIds: [], centroids: [], ids: [], points: new Float32Array(0),
      layout: { mean: new Array(dims).fill(0), axes: [new Array(dims).fill(0), new Array(dims).fill(0)], rotation: [1, 0, 0, 1], scale: 1 },
    }, tfidf as unknown as SparseTfIdf);
    const colOf = new Int32Array(vocabulary.length).fill(-1);
    modelTerms.forEach((t, c) => { colOf[vocabulary.indexOf(t)] = c; });
    for (let n = 0; n < 300; n++) {
      const size = Math.floor(rnd() * 120);
      const ids = Int32Array.from(new Set(Array.from({ length: size }, () => Math.floor(rnd() * vocabulary.length))));
      const v = { ids, w: Float32Array.from(ids, () => rnd() * 3) };
      expect([...model.project(v)]).to.deep.equal([...pairsProjection(colOf, v, { data: basis, nCols: modelTerms.length, dims })]);
    }
  });
});

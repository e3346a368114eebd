import { expect } from 'chai';
import { MatchingEngine, type EngineDoc } from '../../../server/engine/engine.js';
import { plainText, TextPipeline } from '../../../server/engine/text.js';

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

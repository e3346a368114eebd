import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import porterEn from 'natural/lib/natural/stemmers/porter_stemmer.js';
import porterNl from 'natural/lib/natural/stemmers/porter_stemmer_nl.js';
import porterFr from 'natural/lib/natural/stemmers/porter_stemmer_fr.js';
import { stemEn } from '../../../server/engine/stem-en.js';
import { DutchStemmer } from '../../../server/engine/stem-nl.js';
import { stemFr } from '../../../server/engine/stem-fr.js';

/** Words with natural's stems (scripts/stemmer-fixture.ts); Dutch stems as a fresh stemmer gives them in this order. */
const WORDS = JSON.parse(readFileSync(new URL('./stemmer-words.json', import.meta.url), 'utf8')) as Record<'en' | 'nl' | 'fr', [string, string][]>;
const NaturalNl = Object.getPrototypeOf(porterNl).constructor as new () => { stem(w: string): string };

function mismatches(pairs: [string, string][], stem: (w: string) => string): string[] {
  const out: string[] = [];
  for (const [w, expected] of pairs) {
    const got = stem(w);
    if (got !== expected) out.push(`${w}: ${got}, expected ${expected}`);
  }
  return out;
}

describe('stemmers on character codes (issue 14): the stems of natural\'s Porter stemmers', () => {
  it('when English words are stemmed, the stems are natural\'s, word for word', () => {
    expect(WORDS.en.length).to.be.greaterThan(2000);
    expect(mismatches(WORDS.en, (w) => porterEn.stem(w)), 'natural, the reference').to.deep.equal([]);
    expect(mismatches(WORDS.en, stemEn)).to.deep.equal([]);
  });

  it('when French words are stemmed, the stems are natural\'s, word for word', () => {
    expect(WORDS.fr.length).to.be.greaterThan(2000);
    expect(mismatches(WORDS.fr, (w) => porterFr.stem(w)), 'natural, the reference').to.deep.equal([]);
    expect(mismatches(WORDS.fr, stemFr)).to.deep.equal([]);
  });

  it('when Dutch words are stemmed in turn by one stemmer, the stems are natural\'s, word for word', () => {
    expect(WORDS.nl.length).to.be.greaterThan(2000);
    const natural = new NaturalNl();
    expect(mismatches(WORDS.nl, (w) => natural.stem(w)), 'natural, the reference').to.deep.equal([]);
    const ours = new DutchStemmer();
    expect(mismatches(WORDS.nl, (w) => ours.stem(w))).to.deep.equal([]);
  });

  it('when no Dutch word had an e removed yet, a final "bar" stays, as natural\'s process-wide flag has it', () => {
    const ours = new DutchStemmer();
    const natural = new NaturalNl();
    expect(ours.stem('kinderbar')).to.equal('kinderbar');
    expect(natural.stem('kinderbar')).to.equal('kinderbar');
    expect(ours.barRule).to.equal(false);
    // "lange": step 2 removes the e, and from then on "bar" in R2 goes, in both.
    expect(ours.stem('lange')).to.equal(natural.stem('lange'));
    expect(ours.barRule).to.equal(true);
    expect(ours.stem('kinderbar')).to.equal('kinder');
    expect(natural.stem('kinderbar')).to.equal('kinder');
  });

  it('when words hold accents, markers, upper case, other scripts or odd code units, the stems are still natural\'s', () => {
    const alphabet = [...'aeiouybcdfgklmnrstvwz', ...'àâäçéèêëîïôöûùüáíóú', ...'YIUQE', "'", '7', 'İ', 'Σ', 'ς', '\n', '\ud801\udc00', '\ud83d', 'ж'];
    const endings = ['ement', 'ation', 'ational', 'heden', 'heid', 'lijk', 'baar', 'ing', 'eed', 'ies', 'issement', 'ièrement', 'icatif', 'amment', 'ions', 'eaux', 'euse', 'ité', 'guë', 'ière', 'ene', 'se', 'tion', 'ness', 'alli', 'at', 'y', 'll', 'kk', 'aan'];
    let x = 3;
    const rnd = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
    const words: string[] = [''];
    for (let k = 0; k < 5000; k++) {
      let w = '';
      for (let j = Math.floor(rnd() * 10); j > 0; j--) w += alphabet[Math.floor(rnd() * alphabet.length)];
      words.push(rnd() < 0.6 ? w + endings[Math.floor(rnd() * endings.length)] : w);
    }
    const natural = new NaturalNl();
    const ours = new DutchStemmer();
    for (const w of words) {
      expect(stemEn(w), `en ${JSON.stringify(w)}`).to.equal(porterEn.stem(w));
      expect(stemFr(w), `fr ${JSON.stringify(w)}`).to.equal(porterFr.stem(w));
      expect(ours.stem(w), `nl ${JSON.stringify(w)}`).to.equal(natural.stem(w));
    }
  });
});

// Checks detectLanguage (server/engine/language.ts, on character codes since issue 14) against the
// detector as first written with regular expressions (below, verbatim): the same decision on every
// item of the given corpora (by default ../shared/data/corpora/*.jsonl and the programme
// fixtures) as the engine asks it (title + ' ' + description), as the ideas service asks it (title
// + '\n' + description), on the title and the description alone, with fallbacks nl and en, and on
// hostile and random strings. Prints the differences (there must be none) and both sides' time.
//
//   npx tsx scripts/check-language.ts [--in items.jsonl ...] [--random 100000]
import { detectLanguage, type DetectOptions, type Language } from '../server/engine/language.js';
import { regexDetect } from '../test/support/language-reference.js';
import { HOSTILE_STRINGS } from '../test/fixtures/hostile-inputs.js';
import { checkInputs, randomStrings } from './lib/check-inputs.js';
import { readJsonl, toDoc } from './lib/engine-corpus.js';


const { inputs, random } = checkInputs({ random: 100_000, fixtures: ['programme.jsonl', 'programme-blind.jsonl', 'labelled-nl.jsonl'] });

const texts: string[] = [];
for (const file of inputs) {
  for (const d of readJsonl(file).map(toDoc)) texts.push(`${d.title} ${d.description}`, `${d.title}\n${d.description}`, d.title, d.description);
}
const corpusCount = texts.length;
for (const h of HOSTILE_STRINGS) texts.push(h, `${h} het loket`, `l'${h} qu'il`);
// Random strings over the letters and marks the cues look at.
const ALPHABET = [...'abcdeghijklmnoqrstuwxyz', ...'     ', ...'éèêàçùâîôûëï', "'", "'", '’', '_', '0', '.', '\n', 'İ', 'Σ', '\ud801\udc00', '\ud83d', 'ж',
  'the ', 'het ', 'les ', "l'", "qu'", "c'", "d'", "j'", "m'", "n'", "s'", "t'", "x'", 'ing', 'ingen', 'tion', 'tions', 'heid', 'ment', 'eux', 'aux', 'eau', 'ness', 'ght', 'ly', 'ck', 'een', 'eer', 'isch', '&amp;', '<b>', 'http://x.be ', 'a@b.be'];
for (const t of randomStrings(ALPHABET, random, 40, 99)) texts.push(t);
console.log(`${corpusCount} corpus texts, ${texts.length - corpusCount} hostile and random strings`);

let differences = 0;
for (const options of [{}, { fallback: 'en' as const }, { fallback: 'fr' as const, minMargin: 1 }]) {
  let bad = 0;
  for (const t of texts) {
    const expected = regexDetect(t, options);
    const got = detectLanguage(t, options);
    if (got !== expected) {
      bad++;
      if (bad <= 10) console.log(`  ${JSON.stringify(options)} ${JSON.stringify(t.slice(0, 120))}: reference ${expected}, ours ${got}`);
    }
  }
  console.log(`options ${JSON.stringify(options)}: ${bad} differences`);
  differences += bad;
}
const corpus = texts.slice(0, corpusCount);
const time = (f: (t: string) => Language) => { const t0 = performance.now(); let n = 0; for (const t of corpus) n += f(t).length; if (n === -1) console.log(n); return (performance.now() - t0) / 1000; };
time(regexDetect); time(detectLanguage);
const mb = corpus.reduce((n, t) => n + Buffer.byteLength(t.slice(0, 4000)), 0) / 1e6;
const tr = time(regexDetect), to = time(detectLanguage);
console.log(`time over the corpus texts (${mb.toFixed(1)} MB of samples): reference ${tr.toFixed(2)} s, ours ${to.toFixed(2)} s`);
console.log(differences === 0 ? 'OK: no differences' : `FAILED: ${differences} differences`);
process.exitCode = differences === 0 ? 0 : 1;

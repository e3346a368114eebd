// Checks our stemmers on character codes (server/engine/stem-en.ts, stem-nl.ts, stem-fr.ts) against
// natural's Porter stemmers, which they replace: every distinct token of the given corpora (by
// default ../shared/data/corpora/*.jsonl and the programme fixtures) and of the glossary, in all three languages
// whatever the text's language, plus random strings of letters, accents, markers and odd code
// units. Prints the mismatches (there must be none) and both sides' time. Issue 14.
//
//   npx tsx scripts/check-stemmers.ts [--in items.jsonl ...] [--random 200000]
import { readFileSync } from 'node:fs';
import porterEn from 'natural/lib/natural/stemmers/porter_stemmer.js';
import porterNl from 'natural/lib/natural/stemmers/porter_stemmer_nl.js';
import porterFr from 'natural/lib/natural/stemmers/porter_stemmer_fr.js';
import { stemEn } from '../server/engine/stem-en.js';
import { DutchStemmer } from '../server/engine/stem-nl.js';
import { stemFr } from '../server/engine/stem-fr.js';
import { GENERIC_WORDS, GLOSSARY } from '../server/engine/glossary-data.js';
import { tokenWords } from '../server/engine/text.js';
import { checkInputs, lcg } from './lib/check-inputs.js';

const { inputs, random } = checkInputs({ random: 200_000, fixtures: 'all' });

/** Every string value of a JSON value (fixtures are JSON Lines or JSON arrays of objects). */
function strings(v: unknown, out: string[]): void {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) strings(x, out);
}

const words = new Set<string>();
for (const file of inputs) {
  const text = readFileSync(file, 'utf8');
  const values: string[] = [];
  if (file.endsWith('.jsonl')) {
    for (const line of text.split('\n')) if (line.trim() !== '') strings(JSON.parse(line), values);
  } else strings(JSON.parse(text), values);
  const before = words.size;
  for (const v of values) for (const w of tokenWords(v, Number.MAX_SAFE_INTEGER)) words.add(w);
  console.log(`${file}: ${words.size - before} new distinct tokens`);
}
{
  // The glossary's terms and generic words: the engine stems every one of them at start.
  const values: string[] = [];
  strings(GLOSSARY, values);
  strings(GENERIC_WORDS, values);
  const before = words.size;
  for (const v of values) for (const w of tokenWords(v, Number.MAX_SAFE_INTEGER)) words.add(w);
  console.log(`glossary: ${words.size - before} new distinct tokens`);
}
const list = [...words];
console.log(`${list.length} distinct tokens`);

// Random strings: letters, the vowels and markers the stemmers treat apart, other scripts, odd units.
const ALPHABET = [...'aeiouyaeiouybcdfghjklmnpqrstvwxzbcdfgklmnrst', ...'àâäçéèêëîïôöûùüÿáíóúœæß', ...'YIUQAEZ', "'", '’', '0', '7',
  'İ', 'Σ', 'σ', 'ς', 'ǅ', '\n', '\u2028', '\ud801\udc00', '\ud83d', 'ж', 'ł'];
const rnd = lcg(12345);
const fuzz: string[] = [''];
const endings = ['ement', 'ements', 'ation', 'ational', 'iveness', 'heden', 'heid', 'lijk', 'baar', 'bar', 'ing', 'end', 'ig', 'eed', 'ies', 'sses', 'issement', 'ièrement', 'icatif', 'ative', 'amment', 'emment', 'ions', 'eaux', 'aux', 'euse', 'ité', 'logie', 'ence', 'qUe', 'gë', 'guë', 'ier', 'ière', 'ene', 'en', 'se', 'tion', 'sion', 'ness', 'ful', 'alli', 'bli', 'at', 'bl', 'iz', 'y', 'e', 'll', 'ss', 'kk', 'aan', 'oot'];
for (let k = 0; k < random; k++) {
  const len = Math.floor(rnd() * 12);
  let w = '';
  for (let j = 0; j < len; j++) w += ALPHABET[Math.floor(rnd() * ALPHABET.length)];
  if (rnd() < 0.6) w += endings[Math.floor(rnd() * endings.length)];
  fuzz.push(w);
}

type Stem = (w: string) => string;
const NatNl = Object.getPrototypeOf(porterNl).constructor as new () => { stem(w: string): string };

function compare(name: string, words: string[], ours: Stem, theirs: Stem): number {
  let bad = 0;
  for (const w of words) {
    let expected: string;
    try { expected = theirs(w); } catch { continue; } // natural throws on a few odd strings: nothing to match
    const got = ours(w);
    if (got !== expected) {
      bad++;
      if (bad <= 20) console.log(`  ${name} ${JSON.stringify(w)}: natural ${JSON.stringify(expected)}, ours ${JSON.stringify(got)}`);
    }
  }
  console.log(`${name}: ${words.length} words, ${bad} mismatches`);
  return bad;
}

function time(words: string[], f: Stem): number {
  const t0 = performance.now();
  let sink = 0;
  for (const w of words) sink += f(w).length;
  if (sink === -1) console.log(sink);
  return (performance.now() - t0) / 1000;
}

let mismatches = 0;
for (const [what, ws] of [['corpus tokens', list], ['random strings', fuzz]] as const) {
  console.log(`-- ${what}`);
  mismatches += compare('en', ws, stemEn, (w) => porterEn.stem(w));
  mismatches += compare('fr', ws, stemFr, (w) => porterFr.stem(w));
  // Dutch, in sequence on one stemmer each (natural's "step 2 removed an e" flag set on the way and kept) ...
  const natural = new NatNl();
  const ours = new DutchStemmer();
  mismatches += compare('nl (in sequence)', ws, (w) => ours.stem(w), (w) => natural.stem(w));
  // ... and every word on fresh stemmers (the flag not set).
  mismatches += compare('nl (fresh)', ws, (w) => new DutchStemmer().stem(w), (w) => new NatNl().stem(w));
}
console.log('-- time over the corpus tokens, seconds (natural / ours)');
for (const [name, theirs, ours] of [['en', (w: string) => porterEn.stem(w), stemEn], ['nl', (w: string) => porterNl.stem(w), (w: string) => new DutchStemmer().stem(w)], ['fr', (w: string) => porterFr.stem(w), stemFr]] as const) {
  const nl = new DutchStemmer();
  const oursFn = name === 'nl' ? (w: string) => nl.stem(w) : ours;
  time(list, theirs); time(list, oursFn);
  console.log(`${name}\t${time(list, theirs).toFixed(3)}\t${time(list, oursFn).toFixed(3)}`);
}
console.log(mismatches === 0 ? 'OK: no mismatches' : `FAILED: ${mismatches} mismatches`);
process.exitCode = mismatches === 0 ? 0 : 1;

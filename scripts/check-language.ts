// Checks detectLanguage (server/engine/language.ts, on character codes since issue 14) against the
// detector as first written with regular expressions (below, verbatim): the same decision on every
// item of the given corpora (by default ../shared/data/corpora/*.jsonl and the programme
// fixtures) as the engine asks it (title + ' ' + description), as the ideas service asks it (title
// + '\n' + description), on the title and the description alone, with fallbacks nl and en, and on
// hostile and random strings. Prints the differences (there must be none) and both sides' time.
//
//   npx tsx scripts/check-language.ts [--in items.jsonl ...] [--random 100000]
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { detectLanguage, LANGUAGES, type DetectOptions, type Language } from '../server/engine/language.js';
import { plainText } from '../server/engine/text.js';
import { HOSTILE_STRINGS } from '../test/fixtures/hostile-inputs.js';
import { readJsonl, toDoc } from './lib/engine-corpus.js';

// ---- the reference: detectLanguage as it was before issue 14's char-code loops ----
const FUNCTION_WORDS: Record<Language, string[]> = {
  nl: ('de het een en van in is op te dat die voor met zijn niet aan er ook als bij door om naar uit of ' +
    'over worden wordt kan meer deze nog tot onze wij we ze hun dit hebben heeft waar wat hoe zo ' +
    'maar dan al na zich geen kunnen moeten zal zou wil willen via tussen onder zoals graag andere ' +
    'elke alle nieuwe voor burgers inwoners digitale gemeente stad').split(' '),
  fr: ('le la les des du de un une et est en que qui dans pour pas sur au aux avec ce ces il elle nous ' +
    'vous par plus ou sont être leur leurs son sa ses cette mais comme tout tous fait faire peut ' +
    'entre sans aussi notre nos votre été avoir ont où dont chaque autres nouvelle nouveau ' +
    'citoyens commune ville numérique').split(' '),
  en: ('the of and to a in is for on that with as by be are this from at or an it was have has not we ' +
    'our their which will can more all new they you its into about than would been also other ' +
    'each these how what who should could may citizens council digital city').split(' '),
};
const AMBIGUOUS = new Set(['de', 'en', 'in', 'is', 'a', 'die', 'digital']);
const WORD_SCORE = new Map<string, Language>();
for (const lang of LANGUAGES) for (const w of FUNCTION_WORDS[lang]) if (!AMBIGUOUS.has(w) && !WORD_SCORE.has(w)) WORD_SCORE.set(w, lang);
WORD_SCORE.set('the', 'en');
const CUES: Array<[RegExp, Language, number]> = [
  [/ij|oe|aa|uu|sch|cht|ee[nr]\b|heid\b|ing(en)?\b|isch/g, 'nl', 0.35],
  [/[éèêàçùâîôû]|eau|aux\b|oi|qu[ei]|tion(s)?\b|ment\b|eux\b/g, 'fr', 0.35],
  [/th|wh|ght|ea(?!u)|ck\b|[^e]y\b|ing\b|ly\b|tion(s)?\b|ness\b|w[aeio]/g, 'en', 0.3],
];
function reference(text: string, options: DetectOptions = {}): Language {
  const fallback = options.fallback ?? 'nl';
  const minMargin = options.minMargin ?? 0.25;
  const sample = plainText(text.slice(0, 4000)).toLowerCase();
  const words = sample.match(/[\p{L}']+/gu);
  if (!words || words.length === 0) return fallback;
  const score: Record<Language, number> = { nl: 0, fr: 0, en: 0 };
  for (const raw of words) {
    const w = raw.replace(/^[ldjmnstc]'|^qu'/, '');
    if (w !== raw) score.fr += 1;
    const lang = WORD_SCORE.get(w);
    if (lang) score[lang] += 1;
  }
  for (const [re, lang, weight] of CUES) {
    const m = sample.match(re);
    if (m) score[lang] += weight * Math.min(m.length, words.length * 2);
  }
  const ranked = [...LANGUAGES].sort((a, b) => score[b] - score[a] || LANGUAGES.indexOf(a) - LANGUAGES.indexOf(b));
  const best = ranked[0]!;
  const second = ranked[1]!;
  if (score[best] - score[second] < minMargin) return fallback;
  return best;
}
// ---- end of the reference ----

const root = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);
const inputs: string[] = [];
let random = 100_000;
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--in') inputs.push(argv[++i]!);
  else if (argv[i] === '--random') random = Number(argv[++i]);
  else throw new Error(`unexpected argument: ${argv[i]}`);
}
if (inputs.length === 0) {
  const corpora = `${root}../shared/data/corpora/`;
  if (existsSync(corpora)) for (const f of readdirSync(corpora).sort()) if (f.endsWith('.jsonl')) inputs.push(corpora + f);
  for (const f of ['programme.jsonl', 'programme-blind.jsonl', 'labelled-nl.jsonl']) inputs.push(`${root}test/fixtures/engine/${f}`);
}

const texts: string[] = [];
for (const file of inputs) {
  for (const d of readJsonl(file).map(toDoc)) texts.push(`${d.title} ${d.description}`, `${d.title}\n${d.description}`, d.title, d.description);
}
const corpusCount = texts.length;
for (const h of HOSTILE_STRINGS) texts.push(h, `${h} het loket`, `l'${h} qu'il`);
// Random strings over the letters and marks the cues look at.
const ALPHABET = [...'abcdeghijklmnoqrstuwxyz', ...'     ', ...'éèêàçùâîôûëï', "'", "'", '’', '_', '0', '.', '\n', 'İ', 'Σ', '\ud801\udc00', '\ud83d', 'ж',
  'the ', 'het ', 'les ', "l'", "qu'", "c'", "d'", "j'", "m'", "n'", "s'", "t'", "x'", 'ing', 'ingen', 'tion', 'tions', 'heid', 'ment', 'eux', 'aux', 'eau', 'ness', 'ght', 'ly', 'ck', 'een', 'eer', 'isch', '&amp;', '<b>', 'http://x.be ', 'a@b.be'];
let seed = 99;
const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
for (let k = 0; k < random; k++) {
  let s = '';
  for (let j = Math.floor(rnd() * 40); j > 0; j--) s += ALPHABET[Math.floor(rnd() * ALPHABET.length)];
  texts.push(s);
}
console.log(`${corpusCount} corpus texts, ${texts.length - corpusCount} hostile and random strings`);

let differences = 0;
for (const options of [{}, { fallback: 'en' as const }, { fallback: 'fr' as const, minMargin: 1 }]) {
  let bad = 0;
  for (const t of texts) {
    const expected = reference(t, options);
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
time(reference); time(detectLanguage);
const mb = corpus.reduce((n, t) => n + Buffer.byteLength(t.slice(0, 4000)), 0) / 1e6;
const tr = time(reference), to = time(detectLanguage);
console.log(`time over the corpus texts (${mb.toFixed(1)} MB of samples): reference ${tr.toFixed(2)} s, ours ${to.toFixed(2)} s`);
console.log(differences === 0 ? 'OK: no differences' : `FAILED: ${differences} differences`);
process.exitCode = differences === 0 ? 0 : 1;

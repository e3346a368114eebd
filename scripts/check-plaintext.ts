// Checks plainText (server/engine/text.ts: entities decoded, tags, links and e-mail addresses left
// out) against the regular expressions it was first written with (below): the same string for
// every title and text of the given corpora (by default ../shared/data/corpora/*.jsonl and the
// programme fixtures), whole and cut at 4,000 characters as language detection cuts them, for the
// hostile inputs and for random address-like strings. Prints the differences (there must be none).
// Issue 14.
//
//   npx tsx scripts/check-plaintext.ts [--in items.jsonl ...] [--random 200000]
import { plainText } from '../server/engine/text.js';
import { HOSTILE_STRINGS } from '../test/fixtures/hostile-inputs.js';
import { checkInputs, randomStrings } from './lib/check-inputs.js';
import { readJsonl } from './lib/engine-corpus.js';

// ---- the reference ----
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: ' ' };
const MARKUP_HINT = /[&#<@]|https?:|www\./i;
const ENTITY = /(?:&|(?<![\p{L}\p{N}]))(?:#(\d{1,7})|#x([0-9a-f]{1,6})|(lt|gt|amp|quot|apos|nbsp));/giu;
const TAG = /<\/?[a-z][^<>]{0,500}>/gi;
const LINK = /\b(?:https?:\/\/|www\.)[^\s<>"]+/gi;
const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
function reference(text: string): string {
  if (!MARKUP_HINT.test(text)) return text;
  const decoded = text.replace(ENTITY, (_, dec?: string, hex?: string, name?: string) => {
    const code = dec !== undefined ? Number(dec) : hex !== undefined ? parseInt(hex, 16) : -1;
    if (name !== undefined) return NAMED[name.toLowerCase()]!;
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
  });
  return decoded.replace(TAG, ' ').replace(LINK, ' ').replace(EMAIL, ' ');
}
// ---- end of the reference ----

const { inputs, random } = checkInputs({ random: 200_000, fixtures: ['programme.jsonl', 'programme-blind.jsonl', 'labelled-nl.jsonl'] });
const texts: string[] = [];
for (const f of inputs) for (const item of readJsonl(f)) for (const v of [item.title, item.text]) if (typeof v === 'string') texts.push(v, v.slice(0, 4000));
const corpusCount = texts.length;
texts.push(...HOSTILE_STRINGS);
const PIECES = ['a', 'b', 'z', 'é', '7', '.', '..', '-', '_', '%', '+', '@', '@', '@', ' ', ';', '&amp;', '&#64;', '&lt;', '<b>', 'x.be', 'mail',
  '\ud801\udc00', '\ud835\udfd8', '\ud83d', '\udc00', '😀', 'ж', '٣', 'http://a.b/c ', '"', "'"];
for (const t of randomStrings(PIECES, random, 24, 17)) texts.push(t);
let bad = 0;
for (const t of texts) {
  if (plainText(t) !== reference(t)) {
    bad++;
    if (bad <= 10) console.log(`  ${JSON.stringify(t.slice(0, 160))}: ${JSON.stringify(reference(t).slice(0, 80))} / ours ${JSON.stringify(plainText(t).slice(0, 80))}`);
  }
}
const corpus = texts.slice(0, corpusCount);
const time = (f: (t: string) => string) => { const t0 = performance.now(); let n = 0; for (const t of corpus) n += f(t).length; if (n === -1) console.log(n); return (performance.now() - t0) / 1000; };
time(reference); time(plainText);
console.log(`${corpusCount} corpus strings, ${texts.length - corpusCount} hostile and random: ${bad} differences; time over the corpus strings: reference ${time(reference).toFixed(2)} s, ours ${time(plainText).toFixed(2)} s`);
process.exitCode = bad === 0 ? 0 : 1;

// Writes test/unit/engine/stemmer-words.json: for English, Dutch and French, a few thousand words
// with the stems natural's Porter stemmers give them, the reference test/unit/engine/stemmers.test.ts
// holds our stemmers (server/engine/stem-*.ts) to without ../shared. Words: distinct tokens of the
// corpora, the programme fixtures and the glossary, chosen to cover every change a stemmer makes
// (up to 4 words per removed and added ending), then a seeded sample of the rest. Issue 14.
//
//   npx tsx scripts/stemmer-fixture.ts [--per-language 3000]
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import porterEn from 'natural/lib/natural/stemmers/porter_stemmer.js';
import porterNl from 'natural/lib/natural/stemmers/porter_stemmer_nl.js';
import porterFr from 'natural/lib/natural/stemmers/porter_stemmer_fr.js';
import { GENERIC_WORDS, GLOSSARY } from '../server/engine/glossary-data.js';
import { tokenWords } from '../server/engine/text.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const perLanguage = process.argv[2] === '--per-language' ? Number(process.argv[3]) : 3000;

function strings(v: unknown, out: string[]): void {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) strings(x, out);
}

const files: string[] = [];
const corpora = `${root}../shared/data/corpora/`;
if (existsSync(corpora)) for (const f of readdirSync(corpora).sort()) if (f.endsWith('.jsonl')) files.push(corpora + f);
for (const f of readdirSync(`${root}test/fixtures/engine/`).sort()) if (/\.jsonl?$/.test(f)) files.push(`${root}test/fixtures/engine/${f}`);
const values: string[] = [];
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  if (file.endsWith('.jsonl')) for (const line of text.split('\n')) { if (line.trim() !== '') strings(JSON.parse(line), values); }
  else strings(JSON.parse(text), values);
}
strings(GLOSSARY, values);
strings(GENERIC_WORDS, values);
const words = new Set<string>();
for (const v of values) for (const w of tokenWords(v, Number.MAX_SAFE_INTEGER)) words.add(w);
const all = [...words].sort();

let seed = 7;
const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };

function choose(stem: (w: string) => string): string[] {
  const buckets = new Map<string, string[]>();
  for (const w of all) {
    const s = stem(w);
    let k = 0;
    while (k < w.length && k < s.length && w[k] === s[k]) k++;
    const key = `${w.slice(k)}>${s.slice(k)}`;
    let b = buckets.get(key);
    if (!b) buckets.set(key, (b = []));
    b.push(w);
  }
  const chosen = new Set<string>();
  for (const [key, b] of [...buckets].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
    if (key === '>') continue;
    for (let i = 0; i < 4 && b.length > 0; i++) chosen.add(b.splice(Math.floor(rnd() * b.length), 1)[0]!);
  }
  const rest = all.filter((w) => !chosen.has(w));
  while (chosen.size < perLanguage && rest.length > 0) chosen.add(rest.splice(Math.floor(rnd() * rest.length), 1)[0]!);
  return [...chosen];
}

// Dutch: natural's stemmer keeps a flag once step 2 removed an e (see stem-nl.ts): the fixture's
// stems are those of a fresh natural stemmer taking the words in the fixture's order.
const NatNl = Object.getPrototypeOf(porterNl).constructor as new () => { stem(w: string): string };
const out: Record<string, [string, string][]> = {};
const en = choose((w) => porterEn.stem(w));
out.en = en.map((w) => [w, porterEn.stem(w)]);
const nlWords = choose((w) => new NatNl().stem(w));
const nl = new NatNl();
out.nl = nlWords.map((w) => [w, nl.stem(w)]);
const fr = choose((w) => porterFr.stem(w));
out.fr = fr.map((w) => [w, porterFr.stem(w)]);
const path = `${root}test/unit/engine/stemmer-words.json`;
writeFileSync(path, `{\n${Object.entries(out).map(([l, pairs]) => `"${l}": [\n${pairs.map((p) => JSON.stringify(p)).join(',\n')}\n]`).join(',\n')}\n}\n`);
console.log(`${path}: ${Object.entries(out).map(([l, p]) => `${l} ${p.length}`).join(', ')}`);

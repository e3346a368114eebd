// The text pipeline alone, in MB of text per second: language detection, tokenising, stop words,
// stemming, n-grams and glossary concepts (what the engine does to every idea it stores), beside a
// plain split over the same text and the tokeniser alone, to show where the limit is.
//
//   npm run -s bench-text [-- --in items.jsonl [--in more.jsonl]] [--repeat 5]
//
// Texts: each item's title and body (the engine analyses the two apart); by default a mix of long
// and short texts from ../shared/data/corpora/ (20 Newsgroups, AG News, UK petitions, Pabulib
// Poland, Amsterdam), else generated text. Every pass starts from a new pipeline (cold caches, as
// a fresh process); the figure is the median over --repeat passes, after one pass not counted (JIT).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { detectLanguage } from '../server/engine/language.js';
import { TextPipeline } from '../server/engine/text.js';
import { intArg, parseArgs, readJsonl, toDoc } from './lib/engine-corpus.js';

const CORPORA = fileURLToPath(new URL('../../shared/data/corpora/', import.meta.url));
const DEFAULT = ['20newsgroups_en', 'ag_news_test_en', 'uk_petitions_titles_en', 'pabulib_poland_pl', 'amsterdam_buurtbudget_nl'].map((c) => `${CORPORA}${c}.jsonl`);

function args(): { inputs: string[]; repeat: number } {
  const argv = process.argv.slice(2);
  const inputs: string[] = [];
  for (let i = 0; i < argv.length; i++) if (argv[i] === '--in') inputs.push(argv[++i]!);
  const rest = argv.filter((a, i) => a !== '--in' && argv[i - 1] !== '--in');
  return { inputs, repeat: intArg(parseArgs(rest), 'repeat', 5)! };
}

function texts(inputs: string[]): { title: string; description: string; language?: string }[] {
  const files = inputs.length > 0 ? inputs : DEFAULT.filter((f) => existsSync(f));
  if (files.length > 0) return files.flatMap((f) => readJsonl(f).map(toDoc));
  const words = 'digitaal loket afspraak melding zwerfvuil meldingenplatform burger budget stemmen participatie app kaart fiets parkeren school bibliotheek sport subsidie vergunning afval container energie klimaat data the council'.split(' ');
  let x = 7;
  const rnd = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
  const text = (n: number) => Array.from({ length: n }, () => words[Math.floor(rnd() * words.length)]).join(' ');
  return Array.from({ length: 20000 }, (_, i) => ({ title: text(6), description: i % 4 === 0 ? text(300) : text(20) }));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const { inputs, repeat } = args();
const docs = texts(inputs);
const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d.title) + Buffer.byteLength(d.description), 0);
const mb = bytes / 1e6;
let sink = 0;
const stages: Record<string, () => void> = {
  'plain split (/\\s+/)': () => { for (const d of docs) sink += d.title.split(/\s+/).length + d.description.split(/\s+/).length; },
  'lower-case + split': () => { for (const d of docs) sink += d.title.toLowerCase().split(/\s+/).length + d.description.toLowerCase().split(/\s+/).length; },
  'tokenise': () => { const t = new TextPipeline(); for (const d of docs) sink += t.tokenize(d.title).length + t.tokenize(d.description).length; },
  'detect language': () => { for (const d of docs) sink += detectLanguage(`${d.title} ${d.description}`).length; },
  'analyse (given language)': () => { const t = new TextPipeline(); for (const d of docs) { const l = d.language ?? 'nl'; sink += t.analyse(d.title, l).terms.length + t.analyse(d.description, l).terms.length; } },
  'whole pipeline (detect + analyse)': () => {
    const t = new TextPipeline();
    // Always detected, even where the corpus gives the language (before issue 14's second round the
    // given language was used, and this row measured no detection on the corpora).
    for (const d of docs) { const l = detectLanguage(`${d.title} ${d.description}`); sink += t.analyse(d.title, l).terms.length + t.analyse(d.description, l).terms.length; }
  },
};
console.log(`${docs.length} texts, ${mb.toFixed(1)} MB (UTF-8), median of ${repeat} passes`);
// CPU seconds beside the wall clock (user + system of the whole process, garbage collection
// threads included): on a shared machine the wall clock also counts the time other processes ran.
console.log('stage\ts\tMB/s\tcpu s\tMB/cpu s');
for (const [name, run] of Object.entries(stages)) {
  run();
  const times: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < repeat; r++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    run();
    const c = process.cpuUsage(c0);
    times.push((performance.now() - t0) / 1000);
    cpu.push((c.user + c.system) / 1e6);
  }
  const s = median(times);
  const c = median(cpu);
  console.log(`${name}\t${s.toFixed(3)}\t${(mb / s).toFixed(1)}\t${c.toFixed(3)}\t${(mb / c).toFixed(1)}`);
}
if (sink === -1) console.log(sink);

/**
 * detectLanguage as first written, with regular expressions: the reference that the char-code loops
 * of server/engine/language.ts (issue 14) must answer like for every text. Used by
 * test/unit/engine/language-fast.test.ts (fixtures, random strings) and scripts/check-language.ts
 * (the corpora). Frozen: its word lists are a copy on purpose, so that an edit of the engine's lists
 * shows as a difference instead of moving both sides.
 */
import { LANGUAGES, type DetectOptions, type Language } from '../../server/engine/language.js';
import { plainText } from '../../server/engine/text.js';

const FUNCTION_WORDS: Record<Language, string> = {
  nl: 'de het een en van in is op te dat die voor met zijn niet aan er ook als bij door om naar uit of ' +
    'over worden wordt kan meer deze nog tot onze wij we ze hun dit hebben heeft waar wat hoe zo ' +
    'maar dan al na zich geen kunnen moeten zal zou wil willen via tussen onder zoals graag andere ' +
    'elke alle nieuwe voor burgers inwoners digitale gemeente stad',
  fr: 'le la les des du de un une et est en que qui dans pour pas sur au aux avec ce ces il elle nous ' +
    'vous par plus ou sont être leur leurs son sa ses cette mais comme tout tous fait faire peut ' +
    'entre sans aussi notre nos votre été avoir ont où dont chaque autres nouvelle nouveau ' +
    'citoyens commune ville numérique',
  en: 'the of and to a in is for on that with as by be are this from at or an it was have has not we ' +
    'our their which will can more all new they you its into about than would been also other ' +
    'each these how what who should could may citizens council digital city',
};
const AMBIGUOUS = new Set(['de', 'en', 'in', 'is', 'a', 'die', 'digital']);
const WORD_SCORE = new Map<string, Language>();
for (const lang of LANGUAGES) for (const w of FUNCTION_WORDS[lang].split(' ')) if (!AMBIGUOUS.has(w) && !WORD_SCORE.has(w)) WORD_SCORE.set(w, lang);
WORD_SCORE.set('the', 'en');
const CUES: Array<[RegExp, Language, number]> = [
  [/ij|oe|aa|uu|sch|cht|ee[nr]\b|heid\b|ing(en)?\b|isch/g, 'nl', 0.35],
  [/[éèêàçùâîôû]|eau|aux\b|oi|qu[ei]|tion(s)?\b|ment\b|eux\b/g, 'fr', 0.35],
  [/th|wh|ght|ea(?!u)|ck\b|[^e]y\b|ing\b|ly\b|tion(s)?\b|ness\b|w[aeio]/g, 'en', 0.3],
];

export function regexDetect(text: string, options: DetectOptions = {}): Language {
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
  if (score[ranked[0]!] - score[ranked[1]!] < minMargin) return fallback;
  return ranked[0]!;
}

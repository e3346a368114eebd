// Language detection for nl / fr / en idea texts.
//
// Why our own detector instead of franc/cld: we only ever need to tell three languages apart, texts
// are often a short title, and the pipeline must be deterministic and dependency-free. General
// detectors (franc covers 400 languages) are unreliable under ~20 characters and happily answer
// "Afrikaans" or "Frisian" for a Dutch title. Scoring frequent function words plus a few
// orthographic cues separates nl/fr/en well, and a short or undecided text falls back to the
// programme's default language (Dutch first).

import { plainText } from './text.js';

export type Language = 'nl' | 'fr' | 'en';
export const LANGUAGES: readonly Language[] = ['nl', 'fr', 'en'];

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

// Words that are function words in two of our languages score for neither.
const AMBIGUOUS = new Set(['de', 'en', 'in', 'is', 'a', 'die', 'digital']);

const WORD_SCORE = new Map<string, Language>();
for (const lang of LANGUAGES) {
  for (const w of FUNCTION_WORDS[lang]) {
    if (!AMBIGUOUS.has(w) && !WORD_SCORE.has(w)) WORD_SCORE.set(w, lang);
  }
}
// "de"/"en"/"in" are still weak evidence; "the" is strong English evidence.
WORD_SCORE.set('the', 'en');

// Orthographic cues weighted lower than whole function words.
const CUES: Array<[RegExp, Language, number]> = [
  [/ij|oe|aa|uu|sch|cht|ee[nr]\b|heid\b|ing(en)?\b|isch/g, 'nl', 0.35],
  [/[éèêàçùâîôû]|eau|aux\b|oi|qu[ei]|tion(s)?\b|ment\b|eux\b/g, 'fr', 0.35],
  [/th|wh|ght|ea(?!u)|ck\b|[^e]y\b|ing\b|ly\b|tion(s)?\b|ness\b|w[aeio]/g, 'en', 0.3],
];

export interface DetectOptions {
  /** Language answered when the text gives too little evidence. */
  fallback?: Language;
  /** Minimum winning margin (in score points) before we trust the detection. */
  minMargin?: number;
}

/** Detects nl/fr/en; answers `fallback` (default 'nl') for empty, very short or undecided text. */
export function detectLanguage(text: string, options: DetectOptions = {}): Language {
  const fallback = options.fallback ?? 'nl';
  const minMargin = options.minMargin ?? 0.25;
  // Only the first few thousand characters matter; this keeps 100 KB texts cheap.
  const sample = plainText(text.slice(0, 4000)).toLowerCase();
  const words = sample.match(/[\p{L}']+/gu);
  if (!words || words.length === 0) return fallback;
  const score: Record<Language, number> = { nl: 0, fr: 0, en: 0 };
  for (const raw of words) {
    const w = raw.replace(/^[ldjmnstc]'|^qu'/, '');
    if (w !== raw) score.fr += 1; // elision (l'école, d'une) is a strong French cue
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

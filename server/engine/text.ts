// Text pipeline: tokenise, drop stop words, stem, and remember written forms.
//
// natural's tokenisers split on [^a-zA-Z0-9] and would cut "ideeën" or "numérique" in two, so we
// tokenise on Unicode letters ourselves and use natural only for stop word lists. The Porter stemmers
// are natural's, redone on character codes (stem-en.ts, stem-nl.ts, stem-fr.ts: the same stems,
// about four times as fast; issue 14).
// Languages without a stemmer (Polish in the evaluation corpora, anything else) are stemmed by
// prefix truncation, which is known to work well for heavily inflected languages.

import stopEn from 'natural/lib/natural/util/stopwords.js';
import stopNl from 'natural/lib/natural/util/stopwords_nl.js';
import stopFr from 'natural/lib/natural/util/stopwords_fr.js';
import stopPl from 'natural/lib/natural/util/stopwords_pl.js';
import { TERM_CONCEPT, TERM_GENERIC, TERM_WORD, type TermKind } from './domain.js';
import { CONCEPT_PREFIX, Glossary } from './glossary.js';
import { stemEn } from './stem-en.js';
import { stemFr } from './stem-fr.js';
import { stemNl } from './stem-nl.js';

/** Prefix of compound-part features; they never appear in labels or explanations. */
export const NGRAM_PREFIX = '#';

/** Words that say nothing about an idea in a municipal setting (configurable per engine). */
export const DEFAULT_DOMAIN_STOP_WORDS: Record<string, string[]> = {
  nl: ['gemeente', 'gemeenten', 'gemeentelijk', 'gemeentelijke', 'stad', 'idee', 'ideeën', 'project',
    'projecten', 'graag', 'willen', 'wil', 'nieuw', 'nieuwe', 'zouden', 'onze', 'ons', 'enz', 'bv',
    'inwoner', 'inwoners', 'burger', 'burgers', 'haalbaar', 'mogelijk', 'mogelijke', 'mogelijkheid', 'mogelijkheden'],
  fr: ['commune', 'communes', 'communal', 'communale', 'ville', 'idée', 'idées', 'projet', 'projets',
    'nouveau', 'nouvelle', 'nouveaux', 'souhaitons', 'voudrions', 'etc', 'habitant', 'habitants', 'citoyen', 'citoyens'],
  en: ['municipality', 'municipalities', 'council', 'city', 'idea', 'ideas', 'project', 'projects',
    'new', 'would', 'like', 'etc', 'resident', 'residents', 'citizen', 'citizens'],
};

const NATURAL_STOP: Record<string, string[]> = {
  nl: stopNl.words, fr: stopFr.words, en: stopEn.words, pl: stopPl.words,
};
/**
 * Numbers written as words: "drie parkings" and "three car parks" are no more alike for it. Dutch
 * stresses "een" as "één" ("Eén loket", capitalised, lower-cases to "eén"); natural lists only "een".
 */
function numberWords(list: string): string[] {
  return list.split(' ');
}

// natural's Dutch list is short (143 words); these frequent function words, adverbs and generic verbs
// carry no topic either, and without them a small cluster was labelled "voorstellen, waarop, …".
// Words that are also nouns in ideas stay out ("pas": a card, "een digitale pas").
const EXTRA_STOP: Record<string, string[]> = {
  nl: ['we', 'wij', 'kunnen', 'moeten', 'worden', 'wordt', 'heeft', 'hebben', 'zijn', 'via', 'meer',
    'ook', 'zo', 'waar', 'hun', 'deze', 'dit', 'elke', 'alle', 'andere', 'zoals', 'tussen', 'waarbij', 'per',
    'heel', 'hele', 'zeer', 'erg', 'echt', 'ongeveer', 'bijna', 'vaak', 'soms', 'nooit', 'steeds', 'telkens',
    'even', 'enkel', 'enkele', 'alleen', 'slechts', 'zelfs', 'daarna', 'eerst', 'eerder', 'later',
    'zeker', 'misschien', 'eigenlijk', 'gewoon', 'vooral', 'samen', 'opnieuw', 'verder', 'zodat', 'zodra',
    'terwijl', 'doordat', 'waardoor', 'waarop', 'waarmee', 'waarin', 'waarvan', 'waarvoor', 'waaraan',
    'welke', 'welk', 'ieder', 'iedere', 'elk', 'sommige', 'verschillende', 'meerdere', 'weinig', 'minder',
    'meeste', 'beide', 'allemaal', 'onder', 'boven', 'binnen', 'buiten', 'tijdens', 'sinds', 'vanaf',
    'vanuit', 'volgens', 'rond', 'naast', 'daarbij', 'daarvoor', 'daarmee', 'daarin', 'daarom', 'daardoor',
    'daarop', 'hierbij', 'hiervoor', 'hiermee', 'hierin', 'hierdoor', 'ervan', 'erbij', 'ermee', 'ervoor',
    'erin', 'eraan', 'je', 'jij', 'jou', 'jouw', 'mijn', 'jullie', 'hen', 'werden', 'geworden', 'zullen', 'konden', 'mogen', 'mag', 'moest',
    'gaan', 'gaat', 'ging', 'komen', 'komt', 'kwam', 'krijgen', 'krijgt', 'laten', 'laat', 'staan', 'staat',
    'zien', 'ziet', 'geven', 'geeft', 'doet', 'maak', 'maakt', 'maken', 'zit', 'zitten', 'mee', 'toe', 'weer', 'terug', 'heen', 'niemand', 'iedereen',
    'hierover', 'daarover', 'erover', 'erop', 'eruit', 'zowel', 'echter', 'bovendien', 'daarnaast',
    'bijvoorbeeld', 'vb', 'oa',
    // Time and wishes: "vandaag moet je bellen", "we willen graag" (in 4 of 5 similar-idea explanations on the demo's idea page).
    'vandaag', 'morgen', 'gisteren', 'momenteel', 'tegenwoordig', 'huidige', 'graag', 'willen', 'wilt',
    // Size, quality and ease say nothing about a topic ("een eenvoudige, snelle app voor kleine gemeenten").
    'klein', 'kleine', 'kleiner', 'kleinere', 'groot', 'grote', 'groter', 'grotere', 'goed', 'goede', 'beter',
    'betere', 'extra', 'eigen', 'eenvoudig', 'eenvoudige', 'eenvoudiger', 'makkelijk', 'makkelijke', 'makkelijker',
    'gemakkelijk', 'gemakkelijke', 'snel', 'snelle', 'sneller', 'nieuw', 'nieuwe',
    ...numberWords('één eén twee drie vier vijf zes zeven acht negen tien elf twaalf twintig dertig veertig vijftig honderd duizend miljoen eerste tweede derde')],
  fr: ['peut', 'peuvent', 'faire', 'fait', 'tous', 'toutes', 'chaque', 'afin', 'être', 'avoir',
    ...numberWords('deux trois quatre cinq six sept huit neuf dix onze douze vingt trente cent mille million premier première deuxième troisième')],
  en: ['can', 'also', 'via', 'within', 'using', 'use', 'want', 'wants',
    // The demo's two English one-offs were explained to each other by "without", "let" and "co" (co-create).
    'without', 'let', 'lets', 'co', 'many', 'much', 'already', 'still', 'today', 'currently', 'make', 'makes', 'made', 'get', 'gets',
    ...numberWords('one two three four five six seven eight nine ten eleven twelve twenty thirty hundred thousand million first second third')],
};

export interface TextOptions {
  /**
   * Domain stop words per language, on top of natural's list and the extras: a language given here
   * replaces its DEFAULT_DOMAIN_STOP_WORDS list (pass the default without a word to keep that word).
   */
  domainStopWords?: Record<string, string[]>;
  /** Languages whose long words also emit character n-grams so compounds match their parts. */
  ngramLanguages?: string[];
  /** n of the character n-grams (default 5) and the minimum word length that emits them (default 7). */
  ngramSize?: number;
  ngramMinLength?: number;
  /** Prefix length used as the stem for languages without a stemmer (default 6). */
  truncateLength?: number;
  /** Tokens kept per text; bounds work on pasted 100 KB texts (default 3000). */
  maxTokens?: number;
  /** Stem words (default true); off only for measurements. */
  stem?: boolean;
  /**
   * Use the domain glossary (default true): words and phrases of nl, fr and en text also emit the
   * concepts they stand for, and the domain's generic words are marked (termKind), so that their
   * weight follows how far the collection is of the domain (domain.ts). Off only for measurements.
   */
  glossary?: boolean;
}

export interface Analysed {
  /** Stems (word features), in text order. */
  terms: string[];
  /** Compound-part features (prefixed with NGRAM_PREFIX), in text order. */
  ngrams: string[];
  /** For each entry of `terms`, the written (lower-case) form it came from. */
  forms: string[];
  /** Glossary concepts (prefixed with CONCEPT_PREFIX), one per match, in text order. */
  concepts: string[];
  /**
   * For each entry of `terms`, the pipeline's record of that written form in that language (one
   * object per distinct word): the engine tallies written forms on it, one addition per token
   * instead of two map lookups (absent in hand-made values).
   */
  words?: WordInfo[];
}

type Stemmer = (w: string) => string;

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: ' ' };
const MARKUP_HINT = /[&#<@]|https?:|www\./i;
// Entities, also with the "&" lost (AG News has " #39;" and " quot;").
const ENTITY = /(?:&|(?<![\p{L}\p{N}]))(?:#(\d{1,7})|#x([0-9a-f]{1,6})|(lt|gt|amp|quot|apos|nbsp));/giu;
const TAG = /<\/?[a-z][^<>]{0,500}>/gi;
const URL = /\b(?:https?:\/\/|www\.)[^\s<>"]+/gi;
// E-mail addresses, as the regular expression
//   /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu
// replaced by ' ' would find them (it starts only where a run of address characters starts: without
// the lookbehind every position of a long run was tried again, 5 s on a 100 KB word before a '@').
// Found from each '@' instead (withoutAddresses): that expression was a tenth of the text pipeline.

/** Letters and numbers (\p{L}, \p{N}) by UTF-16 code unit, filled lazily: 1 yes, 2 no. */
const LETTER_OR_NUMBER = new Uint8Array(65536);
const IS_LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;

function letterOrNumber(c: number): boolean {
  let k = LETTER_OR_NUMBER[c]!;
  if (k === 0) {
    k = c >= 0xd800 && c <= 0xdfff ? 2 : IS_LETTER_OR_NUMBER.test(String.fromCharCode(c)) ? 1 : 2;
    LETTER_OR_NUMBER[c] = k;
  }
  return k === 1;
}

/**
 * Width of the code point ending just before `end` if it is an address character ([\p{L}\p{N}],
 * and with local '.', '_', '%', '+'; '-' in both), else 0.
 */
function addressBefore(s: string, end: number, local: boolean): number {
  const c = s.charCodeAt(end - 1);
  if (c >= 0xdc00 && c <= 0xdfff && end >= 2) {
    const h = s.charCodeAt(end - 2);
    if (h >= 0xd800 && h <= 0xdbff) return IS_LETTER_OR_NUMBER.test(s.slice(end - 2, end)) ? 2 : 0;
  }
  if (c === 45 || (local && (c === 46 || c === 95 || c === 37 || c === 43))) return 1;
  return letterOrNumber(c) ? 1 : 0;
}

/** Width of the domain character ([\p{L}\p{N}-]) starting at i of s, else 0. */
function domainAt(s: string, i: number): number {
  if (i >= s.length) return 0;
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return IS_LETTER_OR_NUMBER.test(s.slice(i, i + 2)) ? 2 : 0;
  }
  return c === 45 || letterOrNumber(c) ? 1 : 0;
}

/** s with every e-mail address replaced by ' ' (the expression above, match for match). */
function withoutAddresses(s: string): string {
  let out = '';
  // End of the last address: the expression searches on from there, and a run of address
  // characters that starts before it has no start the lookbehind allows.
  let last = 0;
  let from = 0;
  for (;;) {
    const at = s.indexOf('@', from);
    if (at < 0) break;
    from = at + 1;
    let start = at;
    for (let w; start > 0 && (w = addressBefore(s, start, true)) > 0;) start -= w;
    if (start === at || start < last) continue;
    let end = at + 1;
    for (let w; (w = domainAt(s, end)) > 0;) end += w;
    if (end === at + 1) continue;
    // One or more ".label" after the first label, as many as there are.
    let labels = 0;
    while (s.charCodeAt(end) === 46) {
      let e = end + 1;
      for (let w; (w = domainAt(s, e)) > 0;) e += w;
      if (e === end + 1) break;
      end = e;
      labels++;
    }
    if (labels === 0) continue;
    out += s.slice(last, start) + ' ';
    last = end;
    from = end;
  }
  return last === 0 ? s : out + s.slice(last);
}

/**
 * The words of a text as a reader sees them: entities decoded, tags, links and e-mail addresses
 * left out. Pasted web text would otherwise bring "https", "www", "lt" or "href" as shared terms
 * that make unrelated ideas look alike.
 */
export function plainText(text: string): string {
  if (!MARKUP_HINT.test(text)) return text;
  // An entity needs a ';', a tag a '<', an address an '@': without one, that pass over the text is
  // skipped (most texts with an '@' have no entity or tag; each pass was a tenth of detecting a
  // language, issue 14).
  const decoded = text.indexOf(';') < 0 ? text : text.replace(ENTITY, (_, dec?: string, hex?: string, name?: string) => {
    const code = dec !== undefined ? Number(dec) : hex !== undefined ? parseInt(hex, 16) : -1;
    if (name !== undefined) return NAMED[name.toLowerCase()]!;
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
  });
  const untagged = (decoded.indexOf('<') < 0 ? decoded : decoded.replace(TAG, ' ')).replace(URL, ' ');
  return untagged.indexOf('@') < 0 ? untagged : withoutAddresses(untagged);
}

/** Cached stems per language: 47,836 petition titles hold 21,643 distinct words, 20 Newsgroups 111,070. */
const STEM_CACHE_MAX = 200_000;

/** Slots of a language's front table of word records (a power of two). */
const FRONT_SIZE = 8192;

/** One pipeline per language, built once per engine so that options never leak between engines. */
export class TextPipeline {
  private readonly stop = new Map<string, Set<string>>();
  private readonly stemCache = new Map<string, Map<string, string>>();
  private readonly wordCache = new Map<string, Map<string, WordInfo>>();
  /**
   * Per language, a small direct-mapped table in front of the word cache, slot by length and three
   * letters: frequent words stay in it and in the processor's cache, where a lookup in the large map
   * of every distinct word missed memory several times per token (issue 14). Holds only records of
   * the word cache; emptied when that is swept.
   */
  private readonly frontCache = new Map<string, (WordInfo | undefined)[]>();
  /** Size of a language's word cache at which its untallied records are dropped. */
  private sweepAt = STEM_CACHE_MAX;
  private readonly ngramLanguages: Set<string>;
  private readonly n: number;
  private readonly ngramMin: number;
  private readonly truncate: number;
  private readonly maxTokens: number;
  private readonly domain: Record<string, string[]>;
  private readonly stemming: boolean;
  private readonly glossary: Glossary | null;

  constructor(options: TextOptions = {}) {
    this.domain = { ...DEFAULT_DOMAIN_STOP_WORDS, ...options.domainStopWords };
    this.ngramLanguages = new Set(options.ngramLanguages ?? ['nl']);
    this.n = options.ngramSize ?? 5;
    this.ngramMin = options.ngramMinLength ?? 7;
    this.truncate = options.truncateLength ?? 6;
    this.maxTokens = options.maxTokens ?? 3000;
    this.stemming = options.stem ?? true;
    this.glossary = options.glossary ?? true ? sharedGlossary() : null;
  }

  /** The glossary this pipeline uses, or null (for naming concepts in explanations and labels). */
  get concepts(): Glossary | null { return this.glossary; }

  stopWords(language: string): Set<string> {
    let set = this.stop.get(language);
    if (!set) {
      set = new Set([...(NATURAL_STOP[language] ?? []), ...(EXTRA_STOP[language] ?? []), ...(this.domain[language] ?? [])]
        .map((w) => w.toLowerCase()));
      this.stop.set(language, set);
    }
    return set;
  }

  stem(word: string, language: string): string {
    let cache = this.stemCache.get(language);
    if (!cache) {
      cache = new Map();
      this.stemCache.set(language, cache);
    }
    let s = cache.get(word);
    if (s === undefined) {
      s = this.stemmerFor(language)(word) || word;
      // Every word typed into the idea form passes here, half-typed ones too: start afresh rather than grow for ever.
      if (cache.size >= STEM_CACHE_MAX) cache.clear();
      cache.set(word, s);
    }
    return s;
  }

  private stemmerFor(language: string): Stemmer {
    switch (language) {
      case 'nl': return stemNl;
      case 'fr': return stemFr;
      case 'en': return stemEn;
      default: return (w) => (w.length > this.truncate ? w.slice(0, this.truncate) : w);
    }
  }

  /** Lower-cased word tokens: letters and digits, French elisions split off, numbers dropped; no markup, links or addresses. */
  tokenize(text: string): string[] {
    return tokenWords(text, this.maxTokens);
  }

  /**
   * What the pipeline makes of one word in one language, computed once and cached: most tokens of
   * a collection are words seen before, so a token costs one map lookup instead of a stop-word
   * check, a stem lookup and the slicing of its n-grams.
   */
  private word(w: string, language: string, cache: Map<string, WordInfo>): WordInfo {
    let info = cache.get(w);
    if (info === undefined) {
      const stem = this.stem(w, language);
      const stop = this.stopWords(language).has(w);
      const term = this.stemming ? stem : w;
      let ngrams: string[] | null = null;
      // A generic word's parts would link every "…platform" compound to every other.
      if (!stop && this.ngramLanguages.has(language) && w.length >= this.ngramMin && !this.glossary?.genericStems.has(term)) {
        // Character n-grams of a long word let "meldingenplatform" share features with
        // "platform" and "meldingen" without a dictionary.
        const padded = `<${w}>`;
        ngrams = [];
        for (let i = 0; i + this.n <= padded.length; i++) ngrams.push(NGRAM_PREFIX + padded.slice(i, i + this.n));
      }
      info = { word: w, stem, term, stop, ngrams, tally: 0, listed: false, index: null, termId: -1, gramIds: null };
      // Every word typed into the idea form passes here, half-typed ones too: drop the records no
      // engine tallies now and then rather than grow for ever (a tallied record must stay the one
      // its word finds: removing an idea counts its words down on the records that counted them up).
      if (cache.size >= this.sweepAt) {
        for (const [k, v] of cache) if (!v.listed) cache.delete(k);
        this.sweepAt = cache.size + STEM_CACHE_MAX;
        for (const front of this.frontCache.values()) front.fill(undefined);
      }
      cache.set(w, info);
    }
    return info;
  }

  analyse(text: string, language: string): Analysed {
    let cache = this.wordCache.get(language);
    let front = this.frontCache.get(language);
    if (!cache || !front) {
      cache = new Map();
      this.wordCache.set(language, cache);
      front = new Array<WordInfo | undefined>(FRONT_SIZE).fill(undefined);
      this.frontCache.set(language, front);
    }
    const terms: string[] = [];
    const forms: string[] = [];
    const words: WordInfo[] = [];
    const ngrams: string[] = [];
    const tokens = this.tokenize(text);
    const glossary = this.glossary?.has(language) ? this.glossary : null;
    // Stems of every token, stop words included (glossary phrases hold them: "op afspraak", "prise de rendez-vous").
    const stems: string[] | null = glossary ? new Array<string>(tokens.length) : null;
    for (let i = 0; i < tokens.length; i++) {
      const w = tokens[i]!;
      const n = w.length;
      const slot = (n * 31 + w.charCodeAt(0) * 7 + w.charCodeAt(n >> 1) * 1031 + w.charCodeAt(n - 1) * 131) & (FRONT_SIZE - 1);
      let info = front[slot];
      if (info === undefined || info.word !== w) front[slot] = info = this.word(w, language, cache);
      if (stems) stems[i] = info.stem;
      if (info.stop) continue;
      terms.push(info.term);
      forms.push(info.word);
      words.push(info);
      const grams = info.ngrams;
      if (grams) for (let g = 0; g < grams.length; g++) ngrams.push(grams[g]!);
    }
    const concepts = glossary ? glossary.conceptsOf(tokens, language, stems!) : [];
    for (let i = 0; i < concepts.length; i++) concepts[i] = CONCEPT_PREFIX + concepts[i]!;
    return { terms, ngrams, forms, concepts, words };
  }
}

export interface WordInfo {
  /** The written (lower-case) form. */
  readonly word: string;
  /** The word's stem (stop words too: glossary phrases hold them). */
  stem: string;
  /** Its feature: the stem, or the word itself when stemming is off. */
  term: string;
  stop: boolean;
  /** Its compound-part features, or null. */
  ngrams: string[] | null;
  /** Occurrences an engine counts of this form (engine.ts, writtenForm), and whether it lists this record. */
  tally: number;
  listed: boolean;
  /** The TF-IDF index (tfidf.ts) that last resolved this word, and the ids it gave the term and its n-grams there. */
  index: object | null;
  termId: number;
  gramIds: Int32Array | null;
}

// Character classes for the tokeniser, by UTF-16 code unit (filled lazily): 1 letter, 2 number, 3 other.
const LETTER = 1;
const NUMBER = 2;
const OTHER = 3;
const CLASS = new Uint8Array(65536);
for (let c = 0; c < 128; c++) CLASS[c] = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) ? LETTER : c >= 48 && c <= 57 ? NUMBER : OTHER;
const IS_LETTER = /^\p{L}$/u;
const IS_NUMBER = /^\p{N}$/u;
const ALL_NUMBERS = /^\p{N}+$/u;

function classOfPoint(s: string): number {
  return IS_LETTER.test(s) ? LETTER : IS_NUMBER.test(s) ? NUMBER : OTHER;
}

/** Class of the code point at i of s (c = s.charCodeAt(i)); astral code points are two units wide (see width). */
function classAt(s: string, i: number, c: number): number {
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return classOfPoint(String.fromCodePoint(s.codePointAt(i)!));
  }
  let k = CLASS[c]!;
  if (k === 0) {
    // A lone surrogate is no letter (as for the regular expression with the u flag).
    k = c >= 0xd800 && c <= 0xdfff ? OTHER : classOfPoint(String.fromCharCode(c));
    CLASS[c] = k;
  }
  return k;
}

function width(s: string, i: number, c: number): number {
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 2;
  }
  return 1;
}

/**
 * The tokeniser as a char-code loop, token for token what the regular expression
 * /[\p{L}\p{N}]+(?:['’][\p{L}]+)*\/gu over the plain, NFC, lower-cased text matches (a Unicode
 * regular expression was a fifth of the text pipeline's time): a run of letters and digits, then
 * any number of apostrophes each followed by letters.
 */
export function tokenWords(text: string, maxTokens: number): string[] {
  const out: string[] = [];
  const s = plainText(text).normalize('NFC').toLowerCase();
  const n = s.length;
  let i = 0;
  while (i < n) {
    let c = s.charCodeAt(i);
    let k = c < 128 ? CLASS[c]! : classAt(s, i, c);
    if (k === OTHER) { i += c < 128 ? 1 : width(s, i, c); continue; }
    const start = i;
    let digits = k === NUMBER;
    i += c < 128 ? 1 : width(s, i, c);
    while (i < n) {
      c = s.charCodeAt(i);
      k = c < 128 ? CLASS[c]! : classAt(s, i, c);
      if (k === OTHER) break;
      if (k === LETTER) digits = false;
      i += c < 128 ? 1 : width(s, i, c);
    }
    let apostrophe = false;
    // Elisions and contractions: an apostrophe followed by at least one letter (letters only).
    while (i + 1 < n) {
      c = s.charCodeAt(i);
      if (c !== 39 && c !== 0x2019) break;
      const d = s.charCodeAt(i + 1);
      if ((d < 128 ? CLASS[d]! : classAt(s, i + 1, d)) !== LETTER) break;
      apostrophe = true;
      i += 1;
      while (i < n) {
        c = s.charCodeAt(i);
        if ((c < 128 ? CLASS[c]! : classAt(s, i, c)) !== LETTER) break;
        i += c < 128 ? 1 : width(s, i, c);
      }
    }
    let w = s.slice(start, i);
    if (apostrophe) {
      const apos = w.search(/['’]/);
      // l'application, d'une, qu'il: keep the word after the elision; "it's" keeps "it".
      w = apos <= 2 ? w.slice(apos + 1) : w.slice(0, apos);
      if (w.length < 2 || w.length > 40 || ALL_NUMBERS.test(w)) continue;
    } else if (w.length < 2 || w.length > 40 || digits) continue;
    out.push(w);
    if (out.length >= maxTokens) break;
  }
  return out;
}

let glossary: Glossary | null = null;

/** What a term of the vocabulary is: a glossary concept, a generic word of the domain, or a word (domain.ts). */
export function termKind(term: string): TermKind {
  if (term.startsWith(CONCEPT_PREFIX)) return TERM_CONCEPT;
  return sharedGlossary().genericStems.has(term) ? TERM_GENERIC : TERM_WORD;
}

/**
 * One glossary per process: its tables depend only on the tokeniser's rules and the nl/fr/en
 * stemmers, which no option changes (building it stems every term once, about 20 ms).
 */
function sharedGlossary(): Glossary {
  if (!glossary) {
    const plain = new TextPipeline({ glossary: false });
    glossary = new Glossary((t) => plain.tokenize(t), (w, l) => plain.stem(w, l));
  }
  return glossary;
}

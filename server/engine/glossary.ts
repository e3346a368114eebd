// The domain glossary as the text pipeline uses it: words and phrases of local government in Dutch,
// French and English mapped to shared concepts (glossary-data.ts), so that "afsprakenmodule",
// "online een tijdslot boeken", "prise de rendez-vous" and "appointment booking" meet.
//
//   const g = new Glossary(tokenize, stem);                // the pipeline's own tokeniser and stemmer
//   g.conceptsOf(['prise', 'de', 'rendez', 'vous'], 'fr')   // -> ['appointment', ...] per match, in text order
//   g.conceptsOf(tokens, 'fr', stems)                       // the same with the caller's stems of those tokens
//   g.name('appointment', 'nl')                             // -> 'afspraak' (the concept's first Dutch term)
//
// Matching is on stems, so inflections meet; a phrase matches consecutive tokens, stop words
// included ("op afspraak"); a Dutch word the glossary does not list meets a concept through a
// listed word of five or more letters that starts or ends it ("afsprakenmodule" -> "afspraken";
// "graf" in "grafregister" is too short to count), as compounds are written.

import { GENERIC_WORDS, GLOSSARY } from './glossary-data.js';

/** Prefix of concept features; they never appear as words, and are named in the reader's language. */
export const CONCEPT_PREFIX = '@';

const LANGS = ['nl', 'fr', 'en'] as const;
type GlossaryLanguage = (typeof LANGS)[number];

/** A compound's part must be at least this long to stand for a concept (shorter parts are too ambiguous). */
const MIN_PART = 5;
/** Remainders of a compound, beside a part, must be at least this long (a linking "s" or "e" is not a word). */
const MIN_REST = 3;

interface Phrase { stems: string[]; concepts: string[] }

interface LanguageTable {
  /** Stem of a one-word term -> its concepts. */
  words: Map<string, string[]>;
  /** Stem of a phrase's first token -> phrases starting with it (longest first). */
  phrases: Map<string, Phrase[]>;
  /** Lower-case one-word terms of MIN_PART letters or more -> concepts, for compound parts. */
  parts: Map<string, string[]>;
}

export class Glossary {
  private readonly tables = new Map<string, LanguageTable>();
  private readonly names = new Map<string, Record<GlossaryLanguage, string>>();
  private readonly compoundCache = new Map<string, string[]>();
  /** Stems of the generic words of every language (one vocabulary holds the stems of all languages). */
  readonly genericStems = new Set<string>();

  constructor(
    tokenize: (text: string) => string[],
    private readonly stem: (word: string, language: string) => string,
  ) {
    for (const lang of LANGS) this.tables.set(lang, { words: new Map(), phrases: new Map(), parts: new Map() });
    for (const lang of LANGS) for (const w of GENERIC_WORDS[lang]) for (const t of tokenize(w)) this.genericStems.add(stem(t, lang));
    for (const c of GLOSSARY) {
      this.names.set(c.id, { nl: c.nl[0] ?? c.en[0] ?? c.id, fr: c.fr[0] ?? c.en[0] ?? c.id, en: c.en[0] ?? c.id });
      for (const lang of LANGS) {
        const table = this.tables.get(lang)!;
        for (const term of c[lang]) {
          const tokens = tokenize(term);
          if (tokens.length === 0) continue;
          const stems = tokens.map((t) => stem(t, lang));
          if (tokens.length === 1) {
            add(table.words, stems[0]!, c.id);
            if (tokens[0]!.length >= MIN_PART) add(table.parts, tokens[0]!, c.id);
            continue;
          }
          const list = table.phrases.get(stems[0]!) ?? [];
          const same = list.find((p) => p.stems.join(' ') === stems.join(' '));
          if (same) { if (!same.concepts.includes(c.id)) same.concepts.push(c.id); } else list.push({ stems, concepts: [c.id] });
          list.sort((a, b) => b.stems.length - a.stems.length);
          table.phrases.set(stems[0]!, list);
        }
      }
    }
  }

  /** Generic words of the domain per language: they carry no match in a collection of the domain (domain.ts). */
  static genericWords(language: string): string[] {
    return (GENERIC_WORDS as Record<string, string[] | undefined>)[language] ?? [];
  }

  has(language: string): boolean { return this.tables.has(language); }

  /** The concept's name for a reader of `language` (its first term there). */
  name(concept: string, language: string): string {
    const n = this.names.get(concept);
    if (!n) return concept;
    return n[(LANGS as readonly string[]).includes(language) ? language as GlossaryLanguage : 'nl'];
  }

  /**
   * Concepts of a token sequence (lower-case tokens as the tokeniser gives them, stop words
   * included), one entry per match. A phrase consumes its tokens; a word already inside a matched
   * phrase is not matched again on its own.
   */
  conceptsOf(tokens: string[], language: string, stemsOf?: string[]): string[] {
    const table = this.tables.get(language);
    if (!table) return [];
    const out: string[] = [];
    // The caller's stems when it has them (the pipeline stems every token anyway): one stem cache, not two.
    const stems = stemsOf ?? tokens.map((t) => this.stem(t, language));
    // Loops rather than closures: this runs for every text (and under tsx every closure made also gets its name set).
    for (let i = 0; i < tokens.length; i++) {
      const stem = stems[i]!;
      const candidates = table.phrases.get(stem);
      let phrase: Phrase | undefined;
      if (candidates) {
        for (const p of candidates) {
          let all = true;
          for (let k = 0; k < p.stems.length && all; k++) all = stems[i + k] === p.stems[k];
          if (all) { phrase = p; break; }
        }
      }
      if (phrase) {
        for (const c of phrase.concepts) out.push(c);
        i += phrase.stems.length - 1;
        continue;
      }
      const direct = table.words.get(stem);
      if (direct) for (const c of direct) out.push(c);
      else if (language === 'nl' && tokens[i]!.length >= MIN_PART + MIN_REST) for (const c of this.compound(tokens[i]!, table)) out.push(c);
    }
    return out;
  }

  /** Concepts of a Dutch compound through its longest listed first and last parts. */
  private compound(word: string, table: LanguageTable): string[] {
    const cached = this.compoundCache.get(word);
    if (cached) return cached;
    const found: string[] = [];
    // The head (last part) names the thing: "afsprakenmodule" is a module, "parkeerkaart" a card.
    for (let i = MIN_REST; i + MIN_PART <= word.length; i++) {
      const c = table.parts.get(word.slice(i));
      if (c) { found.push(...c); break; }
    }
    for (let i = word.length - MIN_REST; i >= MIN_PART; i--) {
      const head = word.slice(0, i);
      const c = table.parts.get(head) ?? (head.endsWith('s') ? table.parts.get(head.slice(0, -1)) : undefined);
      if (c) { for (const x of c) if (!found.includes(x)) found.push(x); break; }
    }
    if (this.compoundCache.size > 100_000) this.compoundCache.clear();
    this.compoundCache.set(word, found);
    return found;
  }
}

function add(map: Map<string, string[]>, key: string, concept: string): void {
  const list = map.get(key);
  if (!list) map.set(key, [concept]);
  else if (!list.includes(concept)) list.push(concept);
}

// How far a collection speaks the glossary's language, and what that does to term weights.
//
//   const fit = domainFit(conceptDf, wordDf);      // 0 (news, forum posts) .. 1 (ideas of local governments)
//   idf(t) * domainFactor(kindOf(t), fit)
//
// The glossary (glossary.ts) is the vocabulary of local government: its concepts let "afspraak",
// "rendez-vous" and "appointment" meet, and its generic words ("digitaal", "platform", "inwoners")
// say nothing about which project an idea is. That holds for a programme's ideas, not for news or
// forum posts, where "software" or "government" is what a text is about and a concept such as
// "police" or "tax" adds a second, skewed copy of words that are already there (on AG News with
// k = 4, concepts at full weight took NMI from 0.447 to 0.389). So the collection decides: the
// density of glossary concepts among its content words (document frequencies; 0.29-0.32 on
// programme-like ideas, 0.19 on UK petition titles, 0.05-0.07 on 20 Newsgroups and AG News) sets a
// fit between 0 and 1; concepts weigh `fit`, generic words `1 - fit`. At fit 0 the engine weighs
// every term as it did without a glossary (docs/engine.md, "The vocabulary of local government").

/** A term of the vocabulary: a word (or compound n-gram), a glossary concept, or a generic word of the domain. */
export const TERM_WORD = 0;
export const TERM_CONCEPT = 1;
export const TERM_GENERIC = 2;
export type TermKind = typeof TERM_WORD | typeof TERM_CONCEPT | typeof TERM_GENERIC;

/** Concept density below which the glossary does not apply at all, and from which it applies fully. */
export const FIT_FROM = 0.1;
export const FIT_FULL = 0.2;

/** The collection's fit with the domain from the summed document frequencies of its concepts and its (non-generic) words. */
export function domainFit(conceptDf: number, wordDf: number): number {
  if (wordDf <= 0) return conceptDf > 0 ? 1 : 0;
  const density = conceptDf / wordDf;
  return Math.min(1, Math.max(0, (density - FIT_FROM) / (FIT_FULL - FIT_FROM)));
}

/** The share of a term's idf that counts at this fit. */
export function domainFactor(kind: number, fit: number): number {
  return kind === TERM_CONCEPT ? fit : kind === TERM_GENERIC ? 1 - fit : 1;
}

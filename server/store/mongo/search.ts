/**
 * Idea search for the MongoDB store, with the answers SQLite's FTS5 query gives (sqlite/fts-query.ts):
 * every typed word must match, a word with punctuation inside (`e-loket`) is the phrase of its parts,
 * words other than the last match whole words only, the last one also as a prefix (search as you type),
 * and case and diacritics do not matter.
 *
 * How: each idea keeps `searchText`, one string per field (title, description, each tag) made of its
 * folded words separated by single spaces. A query word becomes a regular expression anchored on those
 * spaces. User input never reaches the regex unescaped; after folding a token holds only letters and
 * digits anyway, but it is escaped all the same.
 *
 * Why not MongoDB's $text: it cannot match a prefix, and it ORs words by default; both would change
 * what the search box finds compared with SQLite. The regexes scan the ideas collection (after the
 * other filters), which is fine at the size of a programme (thousands of ideas).
 */
const MAX_WORDS = 16;
const WORD = /[\p{L}\p{N}]+/gu;

/** Lower-cased, canonically decomposed, combining marks removed: "Café" -> "cafe", "Réservation" -> "reservation". */
export function foldText(text: string): string {
  return text.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
}

/** The folded words of a text, in order. */
export function searchWords(text: string): string[] {
  return foldText(text).match(WORD) ?? [];
}

/** What an idea's `searchText` holds: one folded line per field, so a phrase never spans two fields. */
export function searchTextOf(idea: { title: string; description: string; tags: readonly string[] }): string[] {
  return [idea.title, idea.description, ...idea.tags].map((field) => searchWords(field).join(' '));
}

/** Every regex metacharacter escaped (the set that is special in both PCRE and JavaScript). */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * One regular expression source per searchable word of `query` (all must match), or null when nothing
 * searchable is left (only punctuation, or empty): the search is then ignored, as in SQLite.
 */
export function searchPatterns(query: string): string[] | null {
  const phrases: string[] = [];
  for (const word of query.split(/\s+/u)) {
    const words = searchWords(word);
    if (words.length > 0) phrases.push(words.join(' '));
    if (phrases.length === MAX_WORDS) break;
  }
  if (phrases.length === 0) return null;
  return phrases.map((phrase, i) =>
    i === phrases.length - 1 ? `(?:^| )${escapeRegex(phrase)}` : `(?:^| )${escapeRegex(phrase)}(?: |$)`);
}

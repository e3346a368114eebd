/**
 * Turns what a user typed into a safe FTS5 MATCH expression. User text is never passed raw: FTS5 syntax
 * (quotes, `*`, `AND`/`OR`/`NOT`, `NEAR`, parentheses, `column:`) would throw or change the meaning.
 *
 * Each whitespace-separated word becomes a quoted phrase of its letter/digit runs, so `e-loket`,
 * `e.loket` and `"e-loket"` all search the phrase `e loket` — the same tokens unicode61 made of the
 * stored text. Words are ANDed; the last one is prefix-matched (search as you type). Operators typed
 * by the user are just words. Returns null when nothing searchable is left (e.g. `*` or `")`).
 */
const MAX_WORDS = 16;
const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;

export function toFtsQuery(input: string): string | null {
  const phrases: string[] = [];
  for (const word of input.normalize('NFC').split(/\s+/u)) {
    const tokens = word.match(TOKEN);
    if (tokens && tokens.length > 0) phrases.push(tokens.join(' '));
    if (phrases.length === MAX_WORDS) break;
  }
  if (phrases.length === 0) return null;
  return phrases.map((p, i) => (i === phrases.length - 1 ? `"${p}"*` : `"${p}"`)).join(' ');
}

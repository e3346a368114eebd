// Passwords are judged by how guessable they are, not by counting character classes (issue 15.3).
import { ZxcvbnFactory, type ZxcvbnResult } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import * as nlBe from '@zxcvbn-ts/language-nl-be';
import { AppError, type FieldErrors } from '../errors.js';

/**
 * Password strength (issue 15.3), with zxcvbn-ts: a maintained TypeScript port of Dropbox's zxcvbn
 * that estimates how many guesses a password takes (dictionaries, keyboard rows, repeats, sequences,
 * dates, l33t) instead of counting character classes, so a long sentence passes and 'Wachtwoord1!'
 * does not. Its dictionaries: the common passwords and the Belgian Dutch and English words and names.
 * A password needs score 3 of 4 ("safely unguessable"), at least 10 characters, and may not be or
 * contain the user's e-mail address or name. Levenshtein matching is off: it made a check take up to
 * 1.5 s on these dictionaries instead of a few ms.
 *
 *   const problem = passwordProblem('een lange zin als wachtwoord', { email, name });  // null: fine
 */
export const MIN_SCORE = 3;

let factory: ZxcvbnFactory | undefined;
// Built on first use (~0.3 s for the dictionaries), not at start.
const estimator = () => (factory ??= new ZxcvbnFactory({
  graphs: common.adjacencyGraphs,
  dictionary: { ...common.dictionary, ...en.dictionary, ...nlBe.dictionary },
}));

/** zxcvbn's warnings, mapped onto our catalogue (errors.field.password.*); anything else is 'weak'. */
const WARNINGS: Record<string, string> = {
  straightRow: 'keyboard', keyPattern: 'keyboard',
  simpleRepeat: 'repeat', extendedRepeat: 'repeat',
  sequences: 'sequence',
  recentYears: 'dates', dates: 'dates',
  topTen: 'common', topHundred: 'common', common: 'common', similarToCommon: 'common', pwned: 'common',
  wordByItself: 'single_word',
  namesByThemselves: 'names', commonNames: 'names',
  userInputs: 'personal',
};

const letters = (s: string) => s.toLowerCase().normalize('NFKD').replace(/[^\p{L}\p{N}]/gu, '');

/** The field error for a weak password, or null when it is strong enough. */
export function passwordProblem(password: string, who: { email: string; name: string }): FieldErrors[string] | null {
  const flat = letters(password);
  const personal = [who.email, who.email.split('@')[0] ?? '', who.name, ...who.name.split(/\s+/)].map(letters).filter((p) => p.length >= 4);
  if (personal.some((p) => flat.includes(p))) return { key: 'errors.field.password.personal' };
  if (flat.length === 0) return { key: 'errors.field.password.weak' }; // spaces, punctuation only
  const result: ZxcvbnResult = estimator().check(password.slice(0, 128), [who.email, who.name]);
  if (result.score >= MIN_SCORE) return null;
  const warning = result.feedback.warning ? WARNINGS[result.feedback.warning] : undefined;
  return { key: `errors.field.password.${warning ?? 'weak'}` };
}

/** Throws a 400 naming `password` when it is too weak for this person. */
export function assertStrongPassword(password: string, who: { email: string; name: string }): void {
  const problem = passwordProblem(password, who);
  if (problem) throw new AppError('validation_failed', 'errors.validation_failed', { fields: { password: problem } });
}

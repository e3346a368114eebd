// English Porter stemmer on character codes: the stem natural's PorterStemmer gives, for every word.
//
// natural's stemmer (natural/lib/natural/stemmers/porter_stemmer.js) rewrites a word with a dozen
// regular expressions per step and measures it by building strings of 'C' and 'V'; stemming each
// distinct word once was the largest part of a cold text pipeline (issue 14). This is the same
// algorithm, read from natural's source and redone as loops over a buffer of UTF-16 code units,
// quirks included (a "measure" can be fractional, step 2 can apply more than one rule, step 4 takes
// the longest suffix that leaves a prefix). Parity with natural is checked by
// scripts/check-stemmers.ts over the corpora and by test/unit/engine/stemmers.test.ts.

let buf = new Uint16Array(128);
/** The word as it was before step 2 or 3 (their rules test the original word, and change the current one). */
let orig = new Uint16Array(128);

const A = 97, E = 101, I = 105, O = 111, U = 117, Y = 121;

function isAeiou(c: number): boolean {
  return c === A || c === E || c === I || c === O || c === U;
}

function isAeiouy(c: number): boolean {
  return c === A || c === E || c === I || c === O || c === U || c === Y;
}

/**
 * Kind of position j of b, after natural's categorizeChars/categorizeGroups: 1 a vowel (a e i o u),
 * 2 a y after a letter other than a e i o u y (a 'V' of its own), 0 anything else ('C').
 */
function kindAt(b: Uint16Array, j: number): number {
  const c = b[j]!;
  if (isAeiou(c)) return 1;
  if (c === Y && j > 0 && !isAeiouy(b[j - 1]!)) return 2;
  return 0;
}

/**
 * natural's measure(token) for b[0, n): the group string of categorizeGroups (a run of vowels one V,
 * a y after a consonant a V of its own, not merged with a vowel run after it, a run of anything
 * else one C), without a leading C and a trailing V, halved: it may be x.5. -1 for the empty word.
 */
function measure(b: Uint16Array, n: number): number {
  if (n === 0) return -1;
  let count = 0;
  let firstC = false;
  let lastV = false;
  let prev = -1;
  for (let j = 0; j < n; j++) {
    const k = kindAt(b, j);
    if (k === 2 || k !== prev) {
      if (count === 0) firstC = k === 0;
      count++;
      lastV = k !== 0;
    }
    prev = k;
  }
  return (count - (firstC ? 1 : 0) - (lastV ? 1 : 0)) / 2;
}

/** Whether categorizeGroups of buf[0, n) holds a V (butLast: a V that is not its last symbol). */
function hasV(n: number, butLast: boolean): boolean {
  let prev = -1;
  let seenV = false;
  let lastIsV = false;
  let vBeforeLast = false;
  for (let j = 0; j < n; j++) {
    const k = kindAt(buf, j);
    if (k === 2 || k !== prev) {
      if (lastIsV) vBeforeLast = true;
      lastIsV = k !== 0;
      if (lastIsV) seenV = true;
    }
    prev = k;
  }
  return butLast ? vBeforeLast : seenV;
}

function endsWith(b: Uint16Array, n: number, s: string): boolean {
  const m = s.length;
  if (m > n) return false;
  for (let i = 0; i < m; i++) if (b[n - m + i] !== s.charCodeAt(i)) return false;
  return true;
}

/** Writes s into buf at position at; returns the new length. */
function put(at: number, s: string): number {
  for (let i = 0; i < s.length; i++) buf[at + i] = s.charCodeAt(i);
  return at + s.length;
}

function isLineTerminator(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

function step1a(n: number): number {
  // /(ss|i)es$/ → drop "es"; else a final s after anything but s goes.
  if (endsWith(buf, n, 'sses') || endsWith(buf, n, 'ies')) return n - 2;
  if (buf[n - 1] === 115 && n > 2 && buf[n - 2] !== 115) return n - 1;
  return n;
}

/** categorizeChars(buf[from, from + 3)) === 'CVC' (positions are those of the whole word). */
function cvcAt(from: number): boolean {
  return kindAt(buf, from) === 0 && kindAt(buf, from + 1) !== 0 && kindAt(buf, from + 2) === 0;
}

function step1b(n: number): number {
  if (endsWith(buf, n, 'eed')) return measure(buf, n - 3) > 0 ? n - 1 : n;
  let s: number;
  if (endsWith(buf, n, 'ed')) s = n - 2;
  else if (endsWith(buf, n, 'ing')) s = n - 3;
  else return n;
  // An empty remainder is falsy in natural, and so is a remainder without a V: the word stays.
  if (s === 0 || !hasV(s, false)) return n;
  // attemptReplacePatterns without a threshold: each rule in turn on the current word.
  let r = s;
  let changed = false;
  if (endsWith(buf, r, 'at')) { r = put(r - 2, 'ate'); changed = true; }
  if (endsWith(buf, r, 'bl')) { r = put(r - 2, 'ble'); changed = true; }
  if (endsWith(buf, r, 'iz')) { r = put(r - 2, 'ize'); changed = true; }
  if (changed) return r;
  // /([^aeiou])\1$/ and /[^lsz]$/: undouble.
  const last = buf[s - 1]!;
  if (s >= 2 && last === buf[s - 2] && !isAeiou(last) && last !== 108 && last !== 115 && last !== 122) return s - 1;
  // measure 1, categorizeChars ending CVC, /[^wxy]$/: add an e.
  if (measure(buf, s) === 1 && s >= 3 && cvcAt(s - 3) && last !== 119 && last !== 120 && last !== Y) return put(s, 'e');
  return s;
}

function step1c(n: number): number {
  if (buf[n - 1] === Y && hasV(n, true)) buf[n - 1] = I;
  return n;
}

/**
 * natural's replacePatterns(token, rules, 0): each rule in turn applies to the current word if the
 * original word ends in its suffix and measures more than 0 without it (an empty result keeps the
 * current word, '' being falsy).
 */
function rules(n: number, list: readonly (readonly [string, string])[]): number {
  if (orig.length < buf.length) orig = new Uint16Array(buf.length);
  orig.set(buf.subarray(0, n));
  let cur = n;
  for (let r = 0; r < list.length; r++) {
    const rule = list[r]!;
    const suffix = rule[0];
    const m = suffix.length;
    if (!endsWith(orig, n, suffix) || !(measure(orig, n - m) > 0)) continue;
    if (!endsWith(buf, cur, suffix)) continue;
    if (cur - m + rule[1].length === 0) continue;
    cur = put(cur - m, rule[1]);
  }
  return cur;
}

const STEP2: readonly (readonly [string, string])[] = [['ational', 'ate'], ['tional', 'tion'], ['enci', 'ence'], ['anci', 'ance'],
  ['izer', 'ize'], ['abli', 'able'], ['bli', 'ble'], ['alli', 'al'], ['entli', 'ent'], ['eli', 'e'],
  ['ousli', 'ous'], ['ization', 'ize'], ['ation', 'ate'], ['ator', 'ate'], ['alism', 'al'],
  ['iveness', 'ive'], ['fulness', 'ful'], ['ousness', 'ous'], ['aliti', 'al'],
  ['iviti', 'ive'], ['biliti', 'ble'], ['logi', 'log']];

const STEP3: readonly (readonly [string, string])[] = [['icate', 'ic'], ['ative', ''], ['alize', 'al'],
  ['iciti', 'ic'], ['ical', 'ic'], ['ful', ''], ['ness', '']];

const STEP4 = ['al', 'ance', 'ence', 'er', 'ic', 'able', 'ible', 'ant', 'ement', 'ment', 'ent', 'ou', 'ism', 'ate', 'iti', 'ous', 'ive', 'ize'];

function step4(n: number): number {
  // /^(.+?)(al|ance|…|ize)$/: the shortest non-empty prefix without line terminators ('.') whose
  // rest is in the list, that is the longest such suffix; kept if it measures more than 1.
  let firstBreak = n;
  for (let j = 0; j < n; j++) if (isLineTerminator(buf[j]!)) { firstBreak = j; break; }
  let best = 0;
  for (let i = 0; i < STEP4.length; i++) {
    const s = STEP4[i]!;
    if (s.length > best && s.length < n && endsWith(buf, n, s)) best = s.length;
  }
  if (best > 0 && n - best <= firstBreak && measure(buf, n - best) > 1) return n - best;
  // /^(.+?)(s|t)(ion)$/ → the prefix and the s or t, if that measures more than 1.
  if (n >= 5 && endsWith(buf, n, 'ion') && (buf[n - 4] === 115 || buf[n - 4] === 116) && n - 4 <= firstBreak && measure(buf, n - 3) > 1) return n - 3;
  return n;
}

function step5a(n: number): number {
  const withoutE = buf[n - 1] === E ? n - 1 : n;
  const m = measure(buf, withoutE);
  if (m > 1) return withoutE;
  if (m === 1) {
    // categorizeChars(token).substr(-4, 3) === 'CVC' && /[^wxy].$/
    const cvc = n >= 3 && cvcAt(Math.max(n - 4, 0));
    const c = buf[n - 2]!;
    const notWxy = n >= 2 && c !== 119 && c !== 120 && c !== Y && !isLineTerminator(buf[n - 1]!);
    if (!(cvc && notWxy)) return withoutE;
  }
  return n;
}

function step5b(n: number): number {
  if (n >= 2 && buf[n - 1] === 108 && buf[n - 2] === 108 && measure(buf, n) > 1) return n - 1;
  return n;
}

/** The stem natural's English PorterStemmer.stem gives for word. */
export function stemEn(word: string): string {
  if (word.length < 3) return word;
  const t = word.toLowerCase();
  let n = t.length;
  if (buf.length < n + 16) buf = new Uint16Array(n + 64);
  for (let i = 0; i < n; i++) buf[i] = t.charCodeAt(i);
  n = step1a(n);
  n = step1b(n);
  n = step1c(n);
  n = rules(n, STEP2);
  n = rules(n, STEP3);
  n = step4(n);
  n = step5a(n);
  n = step5b(n);
  return fromBuffer(t, n);
}

/** The string of buf[0, n), sharing the longest prefix it has with t. */
function fromBuffer(t: string, n: number): string {
  let k = 0;
  const max = Math.min(n, t.length);
  while (k < max && buf[k] === t.charCodeAt(k)) k++;
  if (k === n) return k === t.length ? t : t.slice(0, k);
  let tail = '';
  for (let i = k; i < n; i++) tail += String.fromCharCode(buf[i]!);
  return t.slice(0, k) + tail;
}

// Dutch Porter stemmer on character codes: the stem natural's Dutch PorterStemmer gives, for every word.
//
// natural's stemmer (natural/lib/natural/stemmers/porter_stemmer_nl.js, after the Snowball Dutch
// algorithm) replaces accents with ten regular expressions per word and slices strings at every
// step; stemming each distinct word once was the largest part of a cold text pipeline (issue 14).
// This is the same algorithm, read from natural's source and redone on a buffer of UTF-16 code
// units, quirks included. One of them is state: natural deletes a final "bar" (step 3b) only "if
// step 2 removed an e", but its flag is set on the first word where step 2 removes an e and never
// cleared, for the whole process. A DutchStemmer keeps that flag the same way, and the engine uses
// one for the process (stemNl), so its stems stay what they were. Parity with natural is checked by
// scripts/check-stemmers.ts over the corpora and by test/unit/engine/stemmers.test.ts.
import { lowerStable } from './code-units.js';

const a = 97, e = 101, i = 105, o = 111, u = 117, y = 121, Y = 89, I = 73, eGrave = 0xe8, eAcute = 0xe9;

/** natural's isVowel: 'aeiouèy' (not the upper-case markers I and Y). */
function isVowel(c: number): boolean {
  return c === a || c === e || c === i || c === o || c === u || c === eGrave || c === y;
}

/** The class [aeioué] of natural's handleYI. */
function isYiVowel(c: number): boolean {
  return c === a || c === e || c === i || c === o || c === u || c === eAcute;
}

/** Accented vowels natural replaces before stemming: ä ë ï ö ü á é í ó ú. */
function unaccent(c: number): number {
  switch (c) {
    case 0xe4: case 0xe1: return a;
    case 0xeb: case 0xe9: return e;
    case 0xef: case 0xed: return i;
    case 0xf6: case 0xf3: return o;
    case 0xfc: case 0xfa: return u;
    default: return c;
  }
}

/** [bcdfghjklmnpqrstvwxz] of step 4. */
function isStep4Consonant(c: number): boolean {
  return c >= 98 && c <= 122 && c !== e && c !== i && c !== o && c !== u && c !== y;
}


export class DutchStemmer {
  /** natural's suffixeRemoved: set once step 2 removes an e from any word, never cleared. */
  private eRemoved = false;
  private buf = new Uint16Array(128);
  private n = 0;
  private r1 = 0;
  private r2 = 0;

  /** Whether step 2 has removed an e from some word already (a final "bar" in R2 is then removed). */
  get barRule(): boolean { return this.eRemoved; }

  stem(word: string): string {
    const len = word.length;
    if (this.buf.length < len + 16) this.buf = new Uint16Array(len + 64);
    const b = this.buf;
    let plainLower = true;
    for (let k = 0; k < len; k++) {
      const c = word.charCodeAt(k);
      if (!lowerStable(c)) plainLower = false;
      b[k] = unaccent(c);
    }
    this.n = len;
    this.prelude();
    this.step1();
    this.step2();
    this.step3a();
    this.step3b();
    this.step4();
    const n = this.n;
    if (!plainLower) {
      // natural lower-cases the whole result (postlude): do the same where the word was not lower case.
      let s = '';
      for (let k = 0; k < n; k++) s += String.fromCharCode(b[k]!);
      return s.toLowerCase();
    }
    // Postlude: the markers Y and I back to lower case (the word itself was lower case).
    let k = 0;
    while (k < n && k < len) {
      let c = b[k]!;
      if (c === Y) c = b[k] = y;
      else if (c === I) c = b[k] = i;
      if (c !== word.charCodeAt(k)) break;
      k++;
    }
    if (k === n) return k === len ? word : word.slice(0, k);
    let tail = '';
    for (let j = k; j < n; j++) {
      const c = b[j]!;
      tail += String.fromCharCode(c === Y ? y : c === I ? i : c);
    }
    return word.slice(0, k) + tail;
  }

  private prelude(): void {
    const b = this.buf;
    const len = this.n;
    // handleYI: an initial y, a y after [aeioué], then an i between [aeioué] (the regular expression's
    // matches do not overlap: a match takes three units), to upper case.
    if (len > 0 && b[0] === y) b[0] = Y;
    for (let k = 1; k < len; k++) if (b[k] === y && isYiVowel(b[k - 1]!)) b[k] = Y;
    for (let k = 0; k + 2 < len;) {
      if (isYiVowel(b[k]!) && b[k + 1] === i && isYiVowel(b[k + 2]!)) {
        b[k + 1] = I;
        k += 3;
      } else k++;
    }
    // Regions, natural's markRegions.
    let r1 = len;
    for (let k = 0; k < len - 1 && r1 === len; k++) if (isVowel(b[k]!) && !isVowel(b[k + 1]!)) r1 = k + 2;
    if (r1 !== len && r1 < 3) r1 = len > 3 ? 3 : len;
    let r2 = len;
    for (let k = r1; k < len - 1 && r2 === len; k++) if (isVowel(b[k]!) && !isVowel(b[k + 1]!)) r2 = k + 2;
    this.r1 = r1;
    this.r2 = r2;
  }

  private endsIn(s: string): boolean {
    const b = this.buf;
    const n = this.n;
    const m = s.length;
    if (m > n) return false;
    for (let k = 0; k < m; k++) if (b[n - m + k] !== s.charCodeAt(k)) return false;
    return true;
  }

  /** The unit at k, or -1 outside the word (natural reads undefined there: no vowel, no letter). */
  private at(k: number): number {
    return k >= 0 && k < this.n ? this.buf[k]! : -1;
  }

  private undouble(): void {
    const n = this.n;
    if (n >= 2) {
      const c = this.buf[n - 1]!;
      if ((c === 107 || c === 116 || c === 100) && this.buf[n - 2] === c) this.n = n - 1;
    }
  }

  /** Step 1b: en / ene (orEne) deleted in R1 after a non-vowel that does not end "gem", then undoubled. */
  private enEnding(orEne: boolean): void {
    const m = orEne && this.endsIn('ene') ? 3 : this.endsIn('en') ? 2 : 0;
    if (m === 0) return;
    const pos = this.n - m;
    if (pos < this.r1) return;
    if (isVowel(this.at(pos - 1))) return;
    // result.substr(pos - 3, 3) !== 'gem' (for pos < 3 that substring cannot be "gem")
    if (pos >= 3 && this.buf[pos - 3] === 103 && this.buf[pos - 2] === e && this.buf[pos - 1] === 109) return;
    this.n = pos;
    this.undouble();
  }

  private step1(): void {
    if (this.endsIn('heden') && this.n - 5 >= this.r1) {
      // heden → heid
      const b = this.buf;
      const n = this.n - 5;
      b[n] = 104; b[n + 1] = e; b[n + 2] = i; b[n + 3] = 100;
      this.n = n + 4;
    }
    this.enEnding(true);
    // s / se deleted in R1 after a non-vowel, unless /[js]se?$/.
    const m = this.endsIn('se') ? 2 : this.endsIn('s') ? 1 : 0;
    if (m > 0) {
      const pos = this.n - m;
      const before = this.at(pos - 1);
      if (pos >= this.r1 && !isVowel(before) && before !== 106 && before !== 115) this.n = pos;
    }
  }

  private step2(): void {
    const n = this.n;
    if (n > 0 && this.buf[n - 1] === e && this.r1 < n) {
      if (n > 1 && !isVowel(this.buf[n - 2]!)) {
        this.n = n - 1;
        this.eRemoved = true;
        this.undouble();
      }
    }
  }

  private step3a(): void {
    const n = this.n;
    if (this.endsIn('heid') && n - 4 >= this.r2 && this.at(n - 5) !== 99) {
      this.n = n - 4;
      this.enEnding(false);
    }
  }

  private step3b(): void {
    const r2 = this.r2;
    if (this.endsIn('end') || this.endsIn('ing')) {
      if (this.n - 3 >= r2) {
        this.n -= 3;
        if (this.endsIn('ig') && this.n - 2 >= r2 && this.at(this.n - 3) !== e) this.n -= 2;
        else this.undouble();
      }
    }
    if (this.endsIn('ig') && r2 <= this.n - 2 && this.at(this.n - 3) !== e) this.n -= 2;
    if (this.endsIn('lijk') && r2 <= this.n - 4) {
      this.n -= 4;
      this.step2();
    }
    if (this.endsIn('baar') && r2 <= this.n - 4) this.n -= 4;
    if (this.endsIn('bar') && r2 <= this.n - 3 && this.eRemoved) this.n -= 3;
  }

  private step4(): void {
    // /[bcdfghjklmnpqrstvwxz](aa|ee|oo|uu)[bcdfghjklmnpqrstvwxz]$/ → one vowel fewer
    const b = this.buf;
    const n = this.n;
    if (n < 4) return;
    const v = b[n - 2]!;
    if (b[n - 3] === v && (v === a || v === e || v === o || v === u) && isStep4Consonant(b[n - 1]!) && isStep4Consonant(b[n - 4]!)) {
      b[n - 2] = b[n - 1]!;
      this.n = n - 1;
    }
  }
}

/** The process's Dutch stemmer (one, as natural's was: see the "bar" rule above). */
const dutch = new DutchStemmer();

/** The stem natural's Dutch PorterStemmer.stem gives for word, in the same process history. */
export function stemNl(word: string): string {
  return dutch.stem(word);
}

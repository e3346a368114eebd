// French Porter stemmer on character codes: the stem natural's French PorterStemmer gives, for every word.
//
// natural's stemmer (natural/lib/natural/stemmers/porter_stemmer_fr.js, after the Snowball French
// algorithm) tests some 300 suffixes per word on substrings it slices again after every change;
// stemming each distinct word once was the largest part of a cold text pipeline (issue 14). This is
// the same algorithm, read from natural's source and redone on a buffer of UTF-16 code units,
// quirks included (the regions are computed once and kept while the word shrinks; RV of a
// three-letter word starting with two vowels; no "if in RV" for s/t before "ion"). Parity with
// natural is checked by scripts/check-stemmers.ts and test/unit/engine/stemmers.test.ts.
import { lowerStable } from './code-units.js';

const a = 97, e = 101, i = 105, o = 111, u = 117, y = 121, q = 113, s = 115, t = 116, I = 73, U = 85, Y = 89;

/** natural's French isVowel: a e i o u y â à ë é ê è ï î ô û ù (not the markers I, U, Y). */
function isVowel(c: number): boolean {
  if (c < 128) return c === a || c === e || c === i || c === o || c === u || c === y;
  return c === 0xe2 || c === 0xe0 || c === 0xeb || c === 0xe9 || c === 0xea || c === 0xe8 || c === 0xef || c === 0xee ||
    c === 0xf4 || c === 0xfb || c === 0xf9;
}

/** Suffix lists as code arrays, longest first (natural takes the longest suffix of a list that matches). */
function list(words: string[]): Uint16Array[] {
  return words.map((w) => Uint16Array.from(w, (ch) => ch.charCodeAt(0))).sort((x, z) => z.length - x.length);
}

const L1_R2_DELETE = list(['ance', 'iqUe', 'isme', 'able', 'iste', 'eux', 'ances', 'iqUes', 'ismes', 'ables', 'istes']);
const L1_ICATRICE = list(['icatrice', 'icateur', 'ication', 'icatrices', 'icateurs', 'ications']);
const L1_ATRICE = list(['atrice', 'ateur', 'ation', 'atrices', 'ateurs', 'ations']);
const L1_LOGIE = list(['logie', 'logies']);
const L1_USION = list(['usion', 'ution', 'usions', 'utions']);
const L1_ENCE = list(['ence', 'ences']);
const L1_ISSEMENT = list(['issement', 'issements']);
const L1_ATIVEMENT = list(['ativement', 'ativements']);
const L1_IVEMENT = list(['ivement', 'ivements']);
const L1_EUSEMENT = list(['eusement', 'eusements']);
const L1_EMENT = list(['ement', 'ements']);
const L1_ABLEMENT = list(['ablement', 'ablements', 'iqUement', 'iqUements']);
const L1_IEREMENT = list(['ièrement', 'ièrements', 'Ièrement', 'Ièrements']);
const L1_ICITE = list(['icité', 'icités']);
const L1_ABILITE = list(['abilité', 'abilités']);
const L1_ITE = list(['ité', 'ités']);
const L1_ICATIF = list(['icatif', 'icative', 'icatifs', 'icatives']);
const L1_ATIF = list(['atif', 'ative', 'atifs', 'atives']);
const L1_IF = list(['if', 'ive', 'ifs', 'ives']);
const L1_EAUX = list(['eaux']);
const L1_AUX = list(['aux']);
const L1_EUSE = list(['euse', 'euses']);
const L1_AMMENT = list(['amment']);
const L1_EMMENT = list(['emment']);
const L1_MENT = list(['ment', 'ments']);
const L2A = list(['îmes', 'ît', 'îtes', 'i', 'ie', 'Ie', 'ies', 'ir', 'ira', 'irai', 'iraIent', 'irais', 'irait', 'iras', 'irent', 'irez', 'iriez', 'irions', 'irons', 'iront', 'is', 'issaIent', 'issais', 'issait', 'issant', 'issante', 'issantes', 'issants', 'isse', 'issent', 'isses', 'issez', 'issiez', 'issions', 'issons', 'it']);
const L2B_ER = list(['é', 'ée', 'ées', 'és', 'èrent', 'er', 'era', 'erai', 'eraIent', 'erais', 'erait', 'eras', 'erez', 'eriez', 'erions', 'erons', 'eront', 'ez', 'iez', 'Iez']);
const L2B_IONS = list(['ions']);
const L2B_A = list(['âmes', 'ât', 'âtes', 'a', 'ai', 'aIent', 'ais', 'ait', 'ant', 'ante', 'antes', 'ants', 'as', 'asse', 'assent', 'asses', 'assiez', 'assions']);
const L4_ION = list(['ion']);
const L4_IER = list(['ier', 'ière', 'Ier', 'Ière']);
const L4_E = list(['e']);
const L4_E_DIAERESIS = list(['ë']);
const L5 = list(['enn', 'onn', 'ett', 'ell', 'eill']);


let buf = new Uint16Array(128);
let before1 = new Uint16Array(128);
let n = 0;

function appendCodes(codes: string): void {
  for (let k = 0; k < codes.length; k++) buf[n++] = codes.charCodeAt(k);
}

/**
 * Length of the longest suffix of `suffixes` the word ends in, starting at or after `from` (natural's
 * endsinArr on token.substring(from)); 0 if none.
 */
function ending(suffixes: Uint16Array[], from: number): number {
  for (let k = 0; k < suffixes.length; k++) {
    const suf = suffixes[k]!;
    const m = suf.length;
    if (n - m < from || m > n) continue;
    let ok = true;
    for (let j = 0; j < m; j++) if (buf[n - m + j] !== suf[j]) { ok = false; break; }
    if (ok) return m;
  }
  return 0;
}

function at(k: number): number {
  return k >= 0 && k < n ? buf[k]! : -1;
}

function sameAsBefore1(len: number): boolean {
  if (n !== len) return false;
  for (let k = 0; k < n; k++) if (buf[k] !== before1[k]) return false;
  return true;
}

/** The stem natural's French PorterStemmer.stem gives for word. */
export function stemFr(word: string): string {
  // natural's stem lower-cases (twice) and prelude('') reads token[0] as "undefined".
  let plainLower = true;
  for (let k = 0; k < word.length; k++) if (!lowerStable(word.charCodeAt(k))) { plainLower = false; break; }
  const w = plainLower ? word : word.toLowerCase();
  const len = w.length;
  if (len === 0) return 'undefined';
  if (buf.length < len + 16) { buf = new Uint16Array(len + 64); before1 = new Uint16Array(len + 64); }
  // Prelude: u and i between vowels, y before or after a vowel, u after q, to upper case (tested on the lower-case word).
  {
    const c0 = w.charCodeAt(0);
    buf[0] = c0 === y && len > 1 && isVowel(w.charCodeAt(1)) ? Y : c0;
    for (let k = 1; k < len; k++) {
      const c = w.charCodeAt(k);
      const prev = w.charCodeAt(k - 1);
      const next = k + 1 < len ? w.charCodeAt(k + 1) : -1;
      if ((c === u || c === i) && isVowel(prev) && isVowel(next)) buf[k] = c - 32;
      else if (c === y && (isVowel(prev) || isVowel(next))) buf[k] = Y;
      else if (c === u && prev === q) buf[k] = U;
      else buf[k] = c;
    }
  }
  n = len;
  if (len === 1) return w;
  // Regions of the prelude's word, kept while the word shrinks.
  let r1 = len, r2 = len, rv = len;
  for (let k = 0; k < len - 1 && r1 === len; k++) if (isVowel(buf[k]!) && !isVowel(buf[k + 1]!)) r1 = k + 2;
  for (let k = r1; k < len - 1 && r2 === len; k++) if (isVowel(buf[k]!) && !isVowel(buf[k + 1]!)) r2 = k + 2;
  if (isVowel(buf[0]!) && isVowel(buf[1]!)) rv = 3;
  const b0 = buf[0], b1 = buf[1], b2 = len > 2 ? buf[2] : -1;
  const three = (b0 === 112 && b1 === a && b2 === 114) || (b0 === 99 && b1 === o && b2 === 108) || (b0 === t && b1 === a && b2 === 112);
  if (three) rv = 3;
  else for (let k = 1; k < len - 1 && rv === len; k++) if (isVowel(buf[k]!)) rv = k + 1;

  // Step 1
  before1.set(buf.subarray(0, len));
  let m: number;
  let doStep2a = false;
  if ((m = ending(L1_R2_DELETE, r2)) > 0) n -= m;
  else if ((m = ending(L1_ICATRICE, 0)) > 0) {
    if (ending(L1_ICATRICE, r2) > 0) n -= m;
    else { n -= m; appendCodes('iqU'); }
  } else if ((m = ending(L1_ATRICE, r2)) > 0) n -= m;
  else if ((m = ending(L1_LOGIE, r2)) > 0) { n -= m; appendCodes('log'); }
  else if ((m = ending(L1_USION, r2)) > 0) { n -= m; appendCodes('u'); }
  else if ((m = ending(L1_ENCE, r2)) > 0) { n -= m; appendCodes('ent'); }
  else if ((m = ending(L1_ISSEMENT, r1)) > 0) {
    if (!isVowel(at(n - m - 1))) n -= m;
  } else if ((m = ending(L1_ATIVEMENT, r2)) > 0) n -= m;
  else if ((m = ending(L1_IVEMENT, r2)) > 0) n -= m;
  else if ((m = ending(L1_EUSEMENT, 0)) > 0) {
    if ((m = ending(L1_EUSEMENT, r2)) > 0) n -= m;
    else if ((m = ending(L1_EUSEMENT, r1)) > 0) { n -= m; appendCodes('eux'); }
    else if ((m = ending(L1_EMENT, rv)) > 0) n -= m;
  } else if ((m = ending(L1_ABLEMENT, r2)) > 0) n -= m;
  else if ((m = ending(L1_IEREMENT, rv)) > 0) { n -= m; appendCodes('i'); }
  else if ((m = ending(L1_EMENT, rv)) > 0) n -= m;
  else if ((m = ending(L1_ICITE, 0)) > 0) {
    if (ending(L1_ICITE, r2) > 0) n -= m;
    else { n -= m; appendCodes('iqU'); }
  } else if ((m = ending(L1_ABILITE, 0)) > 0) {
    if (ending(L1_ABILITE, r2) > 0) n -= m;
    else { n -= m; appendCodes('abl'); }
  } else if ((m = ending(L1_ITE, r2)) > 0) n -= m;
  else if ((m = ending(L1_ICATIF, 0)) > 0) {
    if ((m = ending(L1_ICATIF, r2)) > 0) n -= m;
    if ((m = ending(L1_ATIF, r2)) > 0) { n = Math.max(0, n - m - 2); appendCodes('iqU'); }
  } else if ((m = ending(L1_ATIF, r2)) > 0) n -= m;
  else if ((m = ending(L1_IF, r2)) > 0) n -= m;
  else if ((m = ending(L1_EAUX, 0)) > 0) { n -= m; appendCodes('eau'); }
  else if ((m = ending(L1_AUX, r1)) > 0) { n -= m; appendCodes('al'); }
  else if ((m = ending(L1_EUSE, r2)) > 0) n -= m;
  else if ((m = ending(L1_EUSE, r1)) > 0) { n -= m; appendCodes('eux'); }
  else if ((m = ending(L1_AMMENT, rv)) > 0) { n -= m; appendCodes('ant'); doStep2a = true; }
  else if ((m = ending(L1_EMMENT, rv)) > 0) { n -= m; appendCodes('ent'); doStep2a = true; }
  else if ((m = ending(L1_MENT, rv)) > 0) {
    // The letter before must be a vowel, in RV.
    const p = n - m - 1;
    if (isVowel(at(p)) && p >= rv) { n -= m; doStep2a = true; }
  }
  const unchanged1 = sameAsBefore1(len);

  // Step 2a
  const lenBefore2a = n;
  let step2aDone = false;
  if (unchanged1 || doStep2a) {
    step2aDone = true;
    if ((m = ending(L2A, rv)) > 0) {
      const p = n - m - 1;
      if (!isVowel(at(p)) && p >= rv) n -= m;
    }
  }
  // Step 2b (only deletions happen in 2a, so an unchanged length is an unchanged word)
  if (step2aDone && n === lenBefore2a) {
    if ((m = ending(L2B_ER, rv)) > 0) n -= m;
    else if ((m = ending(L2B_IONS, rv)) > 0 && ending(L2B_IONS, r2) > 0) n -= m;
    else if ((m = ending(L2B_A, rv)) > 0) {
      n -= m;
      // A preceding e goes too if it is in RV (natural: endsin(rvtxt, 'e' + suf), on the RV before the deletion).
      if (n > 0 && buf[n - 1] === e && n - 1 >= rv) n -= 1;
    }
  }

  if (!sameAsBefore1(len)) {
    // Step 3
    if (buf[n - 1] === Y) buf[n - 1] = i;
    if (buf[n - 1] === 0xe7) buf[n - 1] = 99;
  } else {
    // Step 4
    const last = at(n - 1);
    const last2 = at(n - 2);
    if (last === s && last2 !== a && last2 !== i && last2 !== o && last2 !== u && last2 !== 0xe8 && last2 !== s) n -= 1;
    if ((m = ending(L4_ION, r2)) > 0) {
      const p = at(n - m - 1);
      if (p === s || p === t) n -= m;
    }
    if ((m = ending(L4_IER, rv)) > 0) { n -= m; appendCodes('i'); }
    if ((m = ending(L4_E, rv)) > 0) n -= m;
    if ((m = ending(L4_E_DIAERESIS, rv)) > 0) {
      // token.slice(len - 3, -1) === 'gu'
      if (n >= 3 && buf[n - 3] === 103 && buf[n - 2] === u) n -= m;
    }
  }

  // Step 5
  if (ending(L5, 0) > 0) n -= 1;

  // Step 6: the last vowel, if é or è with a non-vowel after it, becomes e.
  for (let k = n - 1; k > 0;) {
    const c = buf[k]!;
    if (!isVowel(c)) k--;
    else {
      if (k !== n - 1 && (c === 0xe9 || c === 0xe8)) buf[k] = e;
      break;
    }
  }

  // natural lower-cases the result: the markers I, U and Y (the word itself is lower case).
  let k = 0;
  while (k < n && k < len) {
    let c = buf[k]!;
    if (c === Y || c === I || c === U) c = buf[k] = c + 32;
    if (c !== w.charCodeAt(k)) break;
    k++;
  }
  if (k === n) return k === len ? w : w.slice(0, k);
  let tail = '';
  for (let j = k; j < n; j++) {
    const c = buf[j]!;
    tail += String.fromCharCode(c === Y || c === I || c === U ? c + 32 : c);
  }
  return w.slice(0, k) + tail;
}

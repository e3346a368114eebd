// What the stemmers on character codes (stem-fr.ts, stem-nl.ts) ask of a single UTF-16 code unit,
// kept in one place so that the two answer alike.

/** Code units whose toLowerCase is themselves (filled lazily: 1 yes, 2 no). */
const LOWER_STABLE = new Uint8Array(65536);

/** True when lower-casing leaves this code unit as it is (a lone surrogate: false, decided by the whole string). */
export function lowerStable(c: number): boolean {
  if (c < 128) return !(c >= 65 && c <= 90);
  if (c >= 0xd800 && c <= 0xdfff) return false;
  let k = LOWER_STABLE[c]!;
  if (k === 0) {
    const ch = String.fromCharCode(c);
    k = ch.toLowerCase() === ch ? 1 : 2;
    LOWER_STABLE[c] = k;
  }
  return k === 1;
}

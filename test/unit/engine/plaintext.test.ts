import { expect } from 'chai';
import { plainText } from '../../../server/engine/text.js';
import { HOSTILE_STRINGS } from '../../fixtures/hostile-inputs.js';

// plainText as first written with regular expressions: the '@' scan and the skipped passes (issue 14)
// must give the same string (scripts/check-plaintext.ts does the same over the corpora).
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: ' ' };
function regexPlainText(text: string): string {
  if (!/[&#<@]|https?:|www\./i.test(text)) return text;
  const decoded = text.replace(/(?:&|(?<![\p{L}\p{N}]))(?:#(\d{1,7})|#x([0-9a-f]{1,6})|(lt|gt|amp|quot|apos|nbsp));/giu, (_, dec?: string, hex?: string, name?: string) => {
    const code = dec !== undefined ? Number(dec) : hex !== undefined ? parseInt(hex, 16) : -1;
    if (name !== undefined) return NAMED[name.toLowerCase()]!;
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
  });
  return decoded.replace(/<\/?[a-z][^<>]{0,500}>/gi, ' ').replace(/\b(?:https?:\/\/|www\.)[^\s<>"]+/gi, ' ')
    .replace(/(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu, ' ');
}

describe('plainText without regular expressions for addresses (issue 14)', () => {
  it('when texts hold addresses, near-addresses, entities, tags, links, astral letters or lone surrogates, the result is the regular expressions\'', () => {
    const pieces = ['a', 'b', 'é', '7', '.', '..', '-', '_', '%', '+', '@', '@', ' ', ';', '&amp;', '&#64;', '&lt;', '<b>', 'x.be', 'mail',
      '\ud801\udc00', '\ud835\udfd8', '\ud83d', '\udc00', '😀', 'ж', '٣', 'http://a.b/c ', '"'];
    let x = 23;
    const rnd = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
    const texts = [...HOSTILE_STRINGS, 'Mail jan.peeters@gent.be of info@stad.gent.', 'a@b.c_x@d.e', 'x@y', '@a.b', 'a@.b', 'a@b.', 'a@b..c', 'a.@b.c.d@e.f'];
    for (let k = 0; k < 30000; k++) {
      let s = '';
      for (let j = Math.floor(rnd() * 20); j > 0; j--) s += pieces[Math.floor(rnd() * pieces.length)];
      texts.push(s);
    }
    for (const t of texts) expect(plainText(t), JSON.stringify(t)).to.equal(regexPlainText(t));
  });
});

import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { detectLanguage } from '../../../server/engine/language.js';
import { regexDetect } from '../../support/language-reference.js';
import { HOSTILE_STRINGS } from '../../fixtures/hostile-inputs.js';

function fixtureTexts(): string[] {
  const out: string[] = [];
  for (const f of ['programme.jsonl', 'programme-blind.jsonl', 'labelled-nl.jsonl']) {
    for (const line of readFileSync(new URL(`../../fixtures/engine/${f}`, import.meta.url), 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const item = JSON.parse(line) as { title?: string; text?: string };
      out.push(`${item.title ?? ''} ${item.text ?? ''}`, item.title ?? '', item.text ?? '');
    }
  }
  for (const f of ['ideas-nl.json', 'ideas-fr.json', 'ideas-en.json']) {
    for (const item of JSON.parse(readFileSync(new URL(`../../fixtures/engine/${f}`, import.meta.url), 'utf8')) as { title: string; description: string }[]) {
      out.push(`${item.title} ${item.description}`, `${item.title}\n${item.description}`);
    }
  }
  return out;
}

describe('language detection on character codes (issue 14)', () => {
  it('when the fixtures\' ideas and titles are detected, every answer is the regular expressions\' answer', () => {
    const texts = fixtureTexts();
    expect(texts.length).to.be.greaterThan(500);
    for (const options of [{}, { fallback: 'en' as const }, { fallback: 'fr' as const, minMargin: 1 }]) {
      for (const t of texts) expect(detectLanguage(t, options), t.slice(0, 80)).to.equal(regexDetect(t, options));
    }
  });

  it('when texts hold cues at word edges, elisions, markup, other scripts or odd code units, every answer is the same', () => {
    const pieces = [...'abcdeghijklmnoqrstuwxyz   éèêàçùâîôûëï', "'", '’', '_', '0', '.', '\n', 'İ', 'Σ', '\ud801\udc00', '\ud83d', 'ж', '𝕿',
      'the ', 'het ', 'les ', "l'", "qu'", "c'", "d'", "j'", "m'", "n'", "s'", "t'", "x'", 'ing', 'ingen', 'tion', 'tions', 'heid', 'ment', 'eux', 'aux', 'eau', 'ness', 'ght', 'ly', 'ck',
      'een', 'eer', 'isch', 'numérique ', '&amp;', '&#233;', '<b>', 'http://x.be ', 'a@b.be '];
    let x = 5;
    const rnd = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
    const texts = [...HOSTILE_STRINGS.filter((h) => typeof h === 'string')];
    for (let k = 0; k < 20000; k++) {
      let s = '';
      for (let j = Math.floor(rnd() * 30); j > 0; j--) s += pieces[Math.floor(rnd() * pieces.length)];
      texts.push(s);
    }
    for (const t of texts) expect(detectLanguage(t), JSON.stringify(t)).to.equal(regexDetect(t));
  });
});

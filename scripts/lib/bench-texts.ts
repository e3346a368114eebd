/**
 * Idea texts for the app's benchmarks (bench-allies, bench-load): Dutch, recombined (seeded) from the
 * sentences of the demo ideas, so a benchmark needs nothing outside the repository; or, with a corpus
 * (JSON Lines with title/text), real texts from it.
 *
 *   const text = ideaTexts(createRng(2026), corpusFile);   // text() -> { title, description, theme, tags }
 */
import { readFileSync } from 'node:fs';
import type { Theme } from '../../server/store/store.js';

type Demo = { title: string; description: string; theme: Theme; tags: string[]; language: string };
export interface IdeaText { title: string; description: string; theme: Theme; tags: string[] }

export function ideaTexts(rng: () => number, corpusFile?: string): () => IdeaText {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
  const demo = JSON.parse(readFileSync(new URL('../demo/ideas.json', import.meta.url), 'utf8')) as Demo[];
  const dutch = demo.filter((d) => d.language === 'nl');
  const sentences = dutch.flatMap((d) => d.description.split(/(?<=[.!?])\s+/).filter((s) => s.length > 30));
  const corpus = corpusFile
    ? readFileSync(corpusFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { title?: string; text?: string })
      .map((d) => ({ title: (d.title || d.text || '').slice(0, 140), description: (d.text && d.text !== d.title ? d.text : d.title ?? '').padEnd(20, '.').slice(0, 4900) }))
      .filter((d) => d.title.length >= 5)
    : null;
  return () => {
    if (corpus) return { ...pick(corpus), theme: pick(['services', 'democracy', 'workplace'] as const), tags: [] };
    const base = pick(dutch);
    const description = [pick(sentences), pick(sentences), pick(sentences)].join(' ').slice(0, 4900);
    const words = base.title.split(' ');
    const title = `${words.slice(0, Math.max(3, Math.ceil(words.length * (0.5 + rng() / 2)))).join(' ')} ${pick(pick(dutch).title.split(' '))}`.slice(0, 140);
    return { title: title.length >= 5 ? title : base.title, description, theme: base.theme, tags: base.tags.slice(0, 3) };
  };
}

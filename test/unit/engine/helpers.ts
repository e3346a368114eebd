// Fixture loading for the engine tests: small hand-written idea sets in nl, fr and en.
import { readFileSync } from 'node:fs';
import type { EngineDoc } from '../../../server/engine/engine.js';

interface FixtureIdea extends EngineDoc { organisationId: string }

export function fixture(lang: 'nl' | 'fr' | 'en'): FixtureIdea[] {
  const url = new URL(`../../fixtures/engine/ideas-${lang}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as FixtureIdea[];
}

/** The topic of a fixture idea: ideas come in groups (appointments, reports, participation). */
export function topicOf(lang: 'nl' | 'fr' | 'en', id: string): number {
  const n = Number(id.split('-')[1]);
  const size = lang === 'nl' ? 4 : 3;
  return Math.floor((n - 1) / size);
}

/** Partition as a canonical string, independent of cluster numbering. */
export function partition(assign: Map<string, number | null>): string {
  const groups = new Map<string, string[]>();
  for (const [id, c] of assign) groups.set(String(c), [...(groups.get(String(c)) ?? []), id]);
  return [...groups.values()].map((g) => g.sort().join(',')).sort().join(' | ');
}

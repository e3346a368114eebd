/**
 * The organisations Medestander ships with: the 285 Flemish municipalities after the 2025 mergers.
 * Their ids are derived from the NIS code (`be-nis-11002`), so URLs, demo data and tests are stable
 * across installs. Loading is idempotent (the store matches on country + kind + code).
 */
import municipalities from './organisations-data/flanders-municipalities-2025.json' with { type: 'json' };
import type { Organisation, Store } from '../store/store.js';

export interface Municipality {
  nis: string;
  name: string;
  arrondissement: string;
  province: string;
  population: number;
}

export const FLEMISH_PROVINCES = [
  'Antwerpen', 'Limburg', 'Oost-Vlaanderen', 'Vlaams-Brabant', 'West-Vlaanderen',
] as const;

export const FLEMISH_MUNICIPALITIES: readonly Municipality[] = municipalities;

export function municipalityId(nis: string): string {
  return `be-nis-${nis}`;
}

export function municipalityOrganisation(m: Municipality, now: string): Organisation {
  return {
    id: municipalityId(m.nis),
    kind: 'municipality',
    country: 'BE',
    code: m.nis,
    name: m.name,
    province: m.province,
    arrondissement: m.arrondissement,
    createdAt: now,
  };
}

/** Inserts the municipalities that are not in the store yet; returns how many were added. */
export async function loadMunicipalities(store: Store, now: string): Promise<number> {
  return store.upsertOrganisations(FLEMISH_MUNICIPALITIES.map((m) => municipalityOrganisation(m, now)));
}

/** Population by organisation id, for the programme's numbers (not part of the stored record). */
export function municipalityPopulation(organisationId: string): number | null {
  return FLEMISH_MUNICIPALITIES.find((m) => municipalityId(m.nis) === organisationId)?.population ?? null;
}

export async function listProvinces(store: Store): Promise<string[]> {
  const provinces = new Set<string>();
  for (const org of await store.listOrganisations()) if (org.province) provinces.add(org.province);
  return [...provinces].sort((a, b) => a.localeCompare(b, 'nl'));
}

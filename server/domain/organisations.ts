/**
 * The organisations Medestander ships with: the 285 Flemish municipalities after the 2025 mergers.
 * Their ids are derived from the NIS code (`be-nis-11002`), so URLs, demo data and tests are stable
 * across installs. Loading is idempotent (the store matches on country + kind + code).
 */
import municipalities from './organisations-data/flanders-municipalities-2025.json' with { type: 'json' };
import type { Idea, Organisation, OrganisationKind, Store } from '../store/store.js';

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

/**
 * The organisations as the pages and the API read them (the municipalities above are their data).
 * Public: names, provinces and codes are no personal data.
 */
export function createOrganisations({ store }: { store: Pick<Store, 'listOrganisations' | 'getOrganisation' | 'allOpenIdeas'> }) {
  return {
    list: (filter?: { province?: string; kind?: OrganisationKind }): Promise<Organisation[]> => store.listOrganisations(filter),

    /** One organisation, or null (ids longer than any we make are not looked up). */
    async get(id: string): Promise<Organisation | null> {
      return id.length <= 64 ? store.getOrganisation(id) : null;
    },

    /** Local governments whose name contains `query` (case and accents aside), by name; at most `limit`. */
    async search(query: string, limit = 10): Promise<Organisation[]> {
      const fold = (v: string) => v.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
      const q = fold(query);
      if (q.length === 0) return [];
      return (await store.listOrganisations()).filter((o) => fold(o.name).includes(q)).slice(0, Math.max(0, limit));
    },

    /** The organisations of a set of ideas, one store read per organisation. */
    async of(ideas: Pick<Idea, 'organisationId'>[]): Promise<Map<string, Organisation>> {
      const ids = [...new Set(ideas.map((i) => i.organisationId))];
      const orgs = await Promise.all(ids.map((id) => store.getOrganisation(id)));
      return new Map(orgs.filter((o): o is Organisation => o !== null).map((o) => [o.id, o]));
    },

    /** Open ideas per organisation: one pass over the open ideas is cheaper than a count query per organisation (285 of them). */
    async openIdeaCounts(): Promise<Map<string, number>> {
      const counts = new Map<string, number>();
      for (const idea of await store.allOpenIdeas()) counts.set(idea.organisationId, (counts.get(idea.organisationId) ?? 0) + 1);
      return counts;
    },
  };
}

export type Organisations = ReturnType<typeof createOrganisations>;

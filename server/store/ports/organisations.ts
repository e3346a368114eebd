/**
 * The organisations port: the municipalities and other bodies members belong to. Read on most pages,
 * written by the seed and the municipalities import.
 */

export type OrganisationKind = 'municipality' | 'ocmw' | 'intermunicipal' | 'other';

export interface Organisation {
  id: string;
  kind: OrganisationKind;
  country: string;          // ISO 3166-1 alpha-2, 'BE'
  code: string;             // national code: NIS code for Belgian municipalities
  name: string;
  province: string | null;
  arrondissement: string | null;
  createdAt: string;
}

export interface OrganisationsPort {
  /** Inserts organisations that are not there yet (matched on country + kind + code); returns how many were added. */
  upsertOrganisations(orgs: Organisation[]): Promise<number>;
  getOrganisation(id: string): Promise<Organisation | null>;
  /** Sorted by name (Dutch collation, then id). */
  listOrganisations(filter?: { province?: string; kind?: OrganisationKind }): Promise<Organisation[]>;
}

// The ideas list's filter form and the province grouping pages share, prepared outside the templates.
import { FLEMISH_PROVINCES } from '../../../domain/organisations.js';
import { THEMES } from '../../../domain/ideas.js';
import type { Organisation } from '../../../store/store.js';

const collator = new Intl.Collator('nl-BE');

/** Provinces that have organisations, the Flemish ones first in their usual order, then any others. */
export function provincesOf(organisations: Organisation[]): string[] {
  const present = new Set(organisations.map((o) => o.province).filter((p): p is string => !!p));
  const known = FLEMISH_PROVINCES.filter((p) => present.has(p));
  const others = [...present].filter((p) => !(FLEMISH_PROVINCES as readonly string[]).includes(p)).sort(collator.compare);
  return [...known, ...others];
}

/** Organisations grouped by province (each group sorted by name), for select boxes and the organisations page. */
export function groupByProvince<T extends { name: string; province: string | null }>(organisations: T[], provinces: string[]) {
  return provinces
    .map((province) => ({
      province,
      organisations: organisations.filter((o) => o.province === province).sort((a, b) => collator.compare(a.name, b.name)),
    }))
    .filter((g) => g.organisations.length > 0);
}

type Choice = { id: string; name: string; province: string | null; selected: boolean };
type Groups = { province: string; organisations: Choice[] }[];

/**
 * The organisation choices grouped and sorted as last made, for the same organisations: sorting 285
 * names with a collator on every request was a large part of the list page's time (issue 19). Treat as
 * read-only: requests share it.
 */
let grouped: { key: string; provinces: string[]; groups: Groups } | null = null;

function groupedChoices(organisations: Organisation[]): { provinces: string[]; groups: Groups } {
  const key = organisations.map((o) => `${o.id}\u0001${o.name}\u0001${o.province ?? ''}`).join('\u0002');
  if (grouped?.key !== key) {
    const provinces = provincesOf(organisations);
    grouped = { key, provinces, groups: groupByProvince(organisations.map((o) => ({ id: o.id, name: o.name, province: o.province, selected: false })), provinces) };
  }
  return grouped;
}

/** The filter form of the idea list: the choices, with the current values to preselect. */
export function presentFilters(values: Record<string, unknown>, organisations: Organisation[]) {
  const val = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : '');
  const { provinces, groups } = groupedChoices(organisations);
  const chosen = val('organisation');
  return {
    values: { q: val('q'), theme: val('theme'), province: val('province'), organisation: chosen, status: val('status') || 'open' },
    themes: THEMES,
    provinces,
    // `selected` decided here, once, rather than by a helper call in the template for each of the 285 options.
    organisationGroups: chosen === '' ? groups : groups.map((g) => ({ ...g, organisations: g.organisations.map((o) => (o.id === chosen ? { ...o, selected: true } : o)) })),
    statuses: ['open', 'withdrawn', 'all'],
  };
}

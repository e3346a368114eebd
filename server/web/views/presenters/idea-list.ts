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

/** The filter form of the idea list: the choices, with the current values to preselect. */
export function presentFilters(values: Record<string, unknown>, organisations: Organisation[]) {
  const provinces = provincesOf(organisations);
  const val = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : '');
  return {
    values: { q: val('q'), theme: val('theme'), province: val('province'), organisation: val('organisation'), status: val('status') || 'open' },
    themes: THEMES,
    provinces,
    // `selected` decided here, once, rather than by a helper call in the template for each of the 285 options.
    organisationGroups: groupByProvince(organisations.map((o) => ({ id: o.id, name: o.name, province: o.province, selected: o.id === val('organisation') })), provinces),
    statuses: ['open', 'withdrawn', 'all'],
  };
}
